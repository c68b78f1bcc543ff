import { spawn } from "node:child_process";
import { join } from "node:path";
import { error } from "../errors.js";
import { projectRoot } from "./paper-notebook.js";
import { parseWorkerLine, type WorkerRequest, type WorkerRunResult, type WorkerSweepResult } from "./team-worker-protocol.js";

/** Where the worker's entry file is, relative to the project root. */
export const TEAM_WORKER_ENTRY = "src/notebook/team-worker.ts";

/** Options of {@link callTeamWorker}. */
export interface TeamWorkerOptions {
  /** The project root (the worker runs there, with its `node_modules`). @default projectRoot() */
  root?: string;
  /** Called for each progress message (runs done of a sweep). */
  onProgress?: (done: number, total: number) => void;
  /** Environment of the worker. @default process.env (so a backend finds its API key there, never in the request) */
  env?: NodeJS.ProcessEnv;
}

/** Last characters of the worker's stderr kept for an error message. */
const STDERR_TAIL = 2000;

/**
 * Send one request to a fresh team worker (`node --import tsx src/notebook/team-worker.ts`, see
 * `team-worker-protocol.ts` for why it is a child process) and resolve with its result.
 *
 * @throws ToolkitError with the worker's own message when the run or sweep fails, or with the exit code
 *   and the end of its stderr when the worker dies without answering.
 */
export function callTeamWorker(request: Extract<WorkerRequest, { type: "run" }>, options?: TeamWorkerOptions): Promise<WorkerRunResult>;
export function callTeamWorker(request: Extract<WorkerRequest, { type: "sweep" }>, options?: TeamWorkerOptions): Promise<WorkerSweepResult>;
export function callTeamWorker(request: WorkerRequest, options: TeamWorkerOptions = {}): Promise<WorkerRunResult | WorkerSweepResult> {
  const root = options.root ?? projectRoot();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, TEAM_WORKER_ENTRY)], {
    cwd: root,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let result: WorkerRunResult | WorkerSweepResult | null = null;
    let failure: Error | null = null;
    let stderr = "";
    let pending = "";
    const onLine = (line: string): void => {
      let m;
      try {
        m = parseWorkerLine(line);
      } catch (e) {
        failure ??= e as Error;
        return;
      }
      if (m === null) return;
      if (m.type === "progress") options.onProgress?.(m.done, m.total);
      else if (m.type === "result") result = m.result;
      else failure ??= error("callTeamWorker", `the team worker failed: ${m.message}`);
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      let k: number;
      while ((k = pending.indexOf("\n")) >= 0) {
        onLine(pending.slice(0, k));
        pending = pending.slice(k + 1);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on("error", (e) => reject(error("callTeamWorker", `could not start the team worker (${process.execPath} --import tsx ${TEAM_WORKER_ENTRY} in ${root})`, e)));
    child.on("close", (code, signal) => {
      if (pending !== "") onLine(pending);
      if (failure !== null) return reject(failure);
      if (result !== null) return resolve(result);
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      reject(error("callTeamWorker", `the team worker ${how} without a result; its stderr ends with:\n${stderr.trim() || "(nothing)"}`));
    });
    child.stdin.on("error", () => undefined); // a worker that dies early closes its stdin: the close handler reports it
    child.stdin.end(JSON.stringify(request));
  });
}
