import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { error } from "../core/errors.js";
import { createOwnedTempDir } from "../core/owned-temp.js";
import { checkWorkspacePath } from "../team/paths.js";
import { FIRST_FILE_FD, SANDBOX_HARNESS, SANDBOX_PATH, SANDBOX_WORKSPACE, STATUS_FD, bwrapArgs, isMounted, probeSandbox, unavailableError, type SandboxHost } from "./bwrap.js";
import type { SandboxLimits } from "./limits.js";
import { SandboxError, materialiseWorkspace, permissionPath } from "./materialise.js";
import { findExecutable, networkNamespacePrefix, spawnLimited, type LimitedSpawnResult } from "./spawn-limited.js";

/** Where a job's folders are as its command sees them. */
export interface JobDirs {
  /** The folder holding both the workspace and the harness (what Node's permission model may read). */
  root: string;
  workspace: string;
  harness: string;
}

/** One execution of agent-written code. */
export interface SandboxJob {
  /** The agent's workspace files (paths are checked with `checkWorkspacePath`). */
  files: ReadonlyMap<string, string>;
  /** The runner's own files in the workspace (hidden names allowed; read-only inside the OS sandbox). */
  extra: readonly (readonly [string, string])[];
  /** The runner's files in the harness folder (read-only). */
  harness: readonly (readonly [string, string])[];
  /** The command, given where the folders are; argv[0] an absolute path. */
  argv(dirs: JobDirs): string[];
  /** Variables besides PATH, HOME, TMPDIR, LANG and TZ. */
  env: Readonly<Record<string, string>>;
  stdin?: string;
  resultChannel?: boolean;
  /** Host folders mounted read-only at the same place inside the OS sandbox (a test command's virtualenv). @default [] */
  readOnlyPaths?: readonly string[];
}

export type JobOutcome =
  /** The workspace was refused (a bad path, a file where a folder must be): a load error, return code 2. */
  | { kind: "refused"; message: string }
  /** The runner could not prepare or start the job: return code 3. */
  | { kind: "failed"; message: string }
  | { kind: "ran"; result: LimitedSpawnResult };

/** Runs jobs in the OS sandbox, or (only with `unsafeNoSandbox`, where it cannot start) without it. */
export interface Isolation {
  /** `bwrap`: the OS sandbox; `none`: no OS sandbox (unsafe opt-out). */
  kind: "bwrap" | "none";
  /** Why there is no OS sandbox (kind `none`), else null. */
  unavailable: string | null;
  /** The network cut: `namespace` (the sandbox's own), else `namespace` via unshare or `none`. */
  network: "namespace" | "none";
  /** The absolute path of a test command's program as the job will see it, or an error message. */
  program(name: string, readOnlyPaths: readonly string[]): { path: string } | { error: string };
  /** The Node binary as the job sees it. */
  node: string;
  run(job: SandboxJob): Promise<JobOutcome>;
  dispose(): void;
}

/** The network prefix for these limits without the OS sandbox, or null; throws when a namespace is required but unavailable. */
export function networkPrefixFor(fn: string, limits: SandboxLimits): readonly string[] | null {
  if (limits.network === "preload") return null;
  const prefix = networkNamespacePrefix();
  if (prefix === null && limits.network === "namespace") {
    throw error(fn, 'network: "namespace" needs `unshare -n` (util-linux, root or user namespaces), which does not work here; use "auto" to rely on the preload alone');
  }
  return prefix;
}

/**
 * The per-runner temporary root, made on first use and removed at exit. It is named after this
 * process (`createOwnedTempDir`: `<prefix><pid>-<start>-XXXXXX`), so that when the process is killed
 * (kill -9) before its exit handler runs, the next sweep's start removes it (`removeStaleTempDirs`).
 */
export function tempRoot(parent: string, prefix: string): { get(): string; dispose(): void } {
  let root: string | null = null;
  const cleanup = (): void => {
    if (root !== null) rmSync(root, { recursive: true, force: true });
    root = null;
  };
  return {
    get(): string {
      if (root === null) {
        root = permissionPath(realpathSync(createOwnedTempDir(parent, prefix)));
        process.once("exit", cleanup);
      }
      return root;
    },
    dispose(): void {
      process.removeListener("exit", cleanup);
      cleanup();
    },
  };
}

/**
 * The workspace as a checked list: every agent path passes `checkWorkspacePath`, no file sits where
 * another needs a folder, the runner's own files come last.
 *
 * @throws SandboxError naming the refused path.
 */
export function checkedFiles(files: ReadonlyMap<string, string>, extra: SandboxJob["extra"]): { path: string; content: string; readOnly?: boolean }[] {
  const out: { path: string; content: string; readOnly?: boolean }[] = [];
  for (const [path, content] of files) {
    const check = checkWorkspacePath(path);
    if (check.ok === false) throw new SandboxError(`workspace path ${JSON.stringify(path)} refused (${check.reason}): ${check.detail}`);
    out.push({ path: check.path, content });
  }
  for (const [path, content] of extra) out.push({ path, content, readOnly: true });
  const names = new Set(out.map((f) => f.path));
  if (names.size !== out.length) throw new SandboxError("a workspace file is given twice");
  for (const f of out) {
    const parts = f.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (names.has(dir)) throw new SandboxError(`cannot write workspace file ${JSON.stringify(f.path)}: ${JSON.stringify(dir)} is a file`);
    }
  }
  return out;
}

/**
 * The isolation for a runner: the OS sandbox when it starts here; otherwise a refusal naming the
 * cause and the fix (`SandboxUnavailableError`), unless `unsafeNoSandbox` allows running without it.
 */
export function createIsolation(fn: string, l: SandboxLimits, tempPrefix: string): Isolation {
  const probe = probeSandbox(l.bwrapPath);
  if (probe.ok === true) return bwrapIsolation(l, probe.host); // `=== true`: tslab compiles without strict, where only this narrows
  if (!l.unsafeNoSandbox) throw unavailableError(fn, probe);
  return unsafeIsolation(fn, l, tempPrefix, `${probe.cause}`);
}

function bwrapIsolation(l: SandboxLimits, host: SandboxHost): Isolation {
  const dirs: JobDirs = { root: "/sandbox", workspace: SANDBOX_WORKSPACE, harness: SANDBOX_HARNESS };
  return {
    kind: "bwrap",
    unavailable: null,
    network: "namespace",
    node: host.node,
    program(name, readOnlyPaths) {
      // The sandbox's PATH first, then this process's (a program there must still be mounted).
      const path = name.includes("/") ? name : (findExecutable(name, SANDBOX_PATH) ?? findExecutable(name));
      if (path === null) return { error: `command not found: ${name}` };
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return { error: `command not found: ${path}` };
      }
      if (!isMounted(real, readOnlyPaths)) {
        return {
          error:
            `${path} is outside the folders mounted in the OS sandbox (/usr and the other system folders): install the program there ` +
            "(e.g. Debian's python3-pytest, then `python3 -m pytest`) or mount its folder, and its interpreter's, with the command runner's readOnlyPaths",
        };
      }
      return { path };
    },
    async run(job) {
      let files;
      try {
        files = checkedFiles(job.files, job.extra);
      } catch (e) {
        if (e instanceof SandboxError) return { kind: "refused", message: e.message };
        throw e;
      }
      const { args, inputs } = bwrapArgs({
        bwrap: host.bwrap,
        prlimit: host.prlimit,
        files,
        harness: job.harness.map(([name, content]) => ({ name, content })),
        readOnlyPaths: [...host.nodeMount, ...(job.readOnlyPaths ?? [])],
        env: { PATH: SANDBOX_PATH, HOME: SANDBOX_WORKSPACE, TMPDIR: "/tmp", LANG: "C.UTF-8", TZ: "UTC", ...job.env },
        rlimits: {
          cpuSeconds: l.cpuSeconds,
          dataBytes: l.rssMb * 1024 * 1024,
          fileBytes: l.fileSizeMb * 1024 * 1024,
          processes: l.maxProcesses,
          openFiles: l.openFiles,
        },
        diskBytes: l.diskMb * 1024 * 1024,
        argv: job.argv(dirs),
      });
      const result = await spawnLimited({
        command: host.bwrap,
        args,
        cwd: "/",
        env: {},
        stdin: job.stdin ?? "",
        timeLimitMs: l.timeLimitMs,
        rssLimitBytes: l.rssMb * 1024 * 1024,
        maxOutputBytes: l.maxOutputBytes,
        killOutputBytes: l.killOutputBytes,
        resultChannel: job.resultChannel ?? false,
        statusFd: STATUS_FD,
        inputs,
        inputFd: FIRST_FILE_FD,
        ...(host.drop ? { uid: host.drop.uid, gid: host.drop.gid } : {}),
      });
      return { kind: "ran", result };
    },
    dispose: () => undefined,
  };
}

function unsafeIsolation(fn: string, l: SandboxLimits, tempPrefix: string, why: string): Isolation {
  const prefix = networkPrefixFor(fn, l);
  const root = tempRoot(l.tempParent, tempPrefix);
  return {
    kind: "none",
    unavailable: why,
    network: prefix === null ? "none" : "namespace",
    node: process.execPath,
    program(name) {
      const path = name.includes("/") ? name : findExecutable(name);
      return path === null ? { error: `command not found: ${name}` } : { path };
    },
    async run(job) {
      let jobDir: string;
      let ws: string;
      try {
        jobDir = permissionPath(realpathSync(mkdtempSync(join(root.get(), "job-"))));
        const harness = join(jobDir, "harness");
        mkdirSync(harness);
        for (const [name, content] of job.harness) writeFileSync(join(harness, name), content);
        ws = permissionPath(materialiseWorkspace(job.files, jobDir, "ws-", job.extra));
      } catch (e) {
        if (e instanceof SandboxError) return { kind: "refused", message: e.message };
        return { kind: "failed", message: `cannot prepare the job folder: ${(e as Error).message}` };
      }
      try {
        const argv = job.argv({ root: jobDir, workspace: ws, harness: join(jobDir, "harness") });
        const full = prefix === null ? argv : [...prefix, ...argv];
        const result = await spawnLimited({
          command: full[0]!,
          args: full.slice(1),
          cwd: ws,
          env: { PATH: process.env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", HOME: ws, TMPDIR: ws, LANG: "C.UTF-8", TZ: "UTC", ...job.env },
          stdin: job.stdin ?? "",
          timeLimitMs: l.timeLimitMs,
          rssLimitBytes: l.rssMb * 1024 * 1024,
          maxOutputBytes: l.maxOutputBytes,
          killOutputBytes: l.killOutputBytes,
          resultChannel: job.resultChannel ?? false,
        });
        return { kind: "ran", result };
      } finally {
        rmSync(jobDir, { recursive: true, force: true });
      }
    },
    dispose: () => root.dispose(),
  };
}
