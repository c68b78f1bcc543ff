/**
 * The team worker: `node --import tsx src/notebook/team-worker.ts`, a request on stdin, messages on
 * stdout (protocol: `team-worker-protocol.ts`). Notebooks start it through `callTeamWorker`; it is never
 * imported by notebook code, so tslab never type-checks the team runtime (see the protocol's header).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveSweepOptions } from "../experiment/options.js";
import { runSweep } from "../experiment/sweep.js";
import { createSimulatedBackend } from "../llm/simulated-backend.js";
import type { AgentBackend } from "../llm/types.js";
import { getSuite } from "../tasks/builtin/index.js";
import { runSuiteTests } from "../tasks/runner.js";
import { runTeam } from "../team/orchestrator.js";
import { summarizeRun } from "../team/run-summary.js";
import type { TeamRunResult } from "../team/types.js";
import {
  formatWorkerMessage,
  type WorkerBackendSpec,
  type WorkerMessage,
  type WorkerRequest,
  type WorkerRunResult,
  type WorkerSweepResult,
} from "./team-worker-protocol.js";

function backendOf(spec: WorkerBackendSpec): AgentBackend {
  switch (spec.kind) {
    case "simulated":
      return createSimulatedBackend(spec.profile);
    default: {
      const unknown: never = spec.kind;
      throw new Error(`team worker: unknown backend kind ${JSON.stringify(unknown)}; valid: simulated`);
    }
  }
}

/** `TeamRunResult` must stay assignable to the protocol's copy of its fields (checked by the project's tsc). */
const asProtocolResult = (r: TeamRunResult): Omit<WorkerRunResult, "row"> => r;

/**
 * Serve one request: `run` calls `runTeam` and `summarizeRun` on a built-in suite; `sweep` calls
 * `runSweep` into the request's `out` folder, emitting a progress message after each run. The result
 * (or the error) is the last message.
 */
export async function handleWorkerRequest(request: WorkerRequest, emit: (m: WorkerMessage) => void): Promise<void> {
  try {
    switch (request.type) {
      case "run": {
        const spec = request.run;
        const suite = getSuite(spec.suite);
        const backend = backendOf(spec.backend);
        const config = { runId: spec.runId, suite, mode: spec.mode, teammates: spec.teammates, maxRounds: spec.maxRounds, seed: spec.seed };
        const result = await runTeam(config, { backend, testRunner: { run: runSuiteTests } });
        const row = summarizeRun(result, { runId: spec.runId, expDir: spec.expDir, suite, mode: spec.mode, teammates: spec.teammates, rep: spec.rep, seed: spec.seed, backend });
        const out: WorkerRunResult = { ...asProtocolResult(result), row };
        emit({ type: "result", result: out });
        return;
      }
      case "sweep": {
        const options = resolveSweepOptions(request.options);
        const s = await runSweep(options, { packageVersion: request.packageVersion }, {
          onStart: ({ total, alreadyDone }) => emit({ type: "progress", done: alreadyDone, total }),
          onRunDone: ({ done, total }) => emit({ type: "progress", done, total }),
        });
        const out: WorkerSweepResult = { total: s.total, ran: s.ran, failed: s.failed, events: s.events, aborted: s.aborted };
        emit({ type: "result", result: out });
        return;
      }
      default: {
        const unknown: never = request;
        throw new Error(`team worker: unknown request type ${JSON.stringify((unknown as { type: unknown }).type)}; valid: run, sweep`);
      }
    }
  } catch (e) {
    emit({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const emit = (m: WorkerMessage): void => void process.stdout.write(formatWorkerMessage(m) + "\n");
  let request: WorkerRequest;
  try {
    request = JSON.parse(text) as WorkerRequest;
  } catch {
    emit({ type: "error", message: `team worker: the request on stdin is not valid JSON (${text.length} characters)` });
    return;
  }
  await handleWorkerRequest(request, emit);
}

const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))) {
  // Exit once stdout is flushed: the in-process test runner may keep handles (its temp folder) open.
  await main();
  process.stdout.write("", () => process.exit(0));
}
