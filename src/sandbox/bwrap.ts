import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { findExecutable } from "./spawn-limited.js";
import { SandboxError } from "./materialise.js";

/**
 * The OS sandbox: bubblewrap (`bwrap`), run directly. Every test run gets a fresh mount, PID,
 * network, IPC, UTS, cgroup and user namespace; see README.md for the layout and why bubblewrap is
 * used directly rather than through `@anthropic-ai/sandbox-runtime`.
 */

/** Where the workspace copy is inside the sandbox (a tmpfs of `diskMb`; the only writable place besides /tmp). */
export const SANDBOX_WORKSPACE = "/sandbox/ws";
/** Where the runner's own read-only files (the JS harness) are inside the sandbox. */
export const SANDBOX_HARNESS = "/sandbox/harness";
/** PATH inside the sandbox. */
export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";
/** The user a sandbox runs as when the sweep runs as root (nobody/nogroup on Debian). */
export const SANDBOX_ROOT_DROP = { uid: 65534, gid: 65534 } as const;
/** bubblewrap's status channel (JSON lines with the command's exit code); fd 3 is the harness's result channel. */
export const STATUS_FD = 4;
/** First descriptor carrying a file's content into the sandbox (`--file` / `--ro-bind-data`). */
export const FIRST_FILE_FD = 5;

/** The system folders an interpreter needs, read-only; nothing else of the host is mounted. */
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
/** Files of /etc the dynamic loader and Debian's alternatives need (no passwd, no hosts, no ssl). */
const SYSTEM_ETC = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"];

/** Resource limits set with `prlimit` on the first process in the sandbox (inherited by its children). */
export interface SandboxRlimits {
  cpuSeconds: number;
  dataBytes: number;
  fileBytes: number;
  processes: number;
  openFiles: number;
}

/** One sandboxed command: what is mounted, the environment, the limits, the argv inside. */
export interface SandboxPlan {
  bwrap: string;
  prlimit: string;
  /** Workspace files (relative paths, already checked) written into the workspace tmpfs; `readOnly` ones cannot be changed. */
  files: readonly { path: string; content: string; readOnly?: boolean }[];
  /** Files of the harness folder (read-only). */
  harness: readonly { name: string; content: string }[];
  /** Host paths mounted read-only at the same place (the Node binary outside /usr, a test command's virtualenv). */
  readOnlyPaths: readonly string[];
  /** The whole environment inside (bubblewrap clears everything else). */
  env: Readonly<Record<string, string>>;
  rlimits: SandboxRlimits;
  /** Size of the workspace and of /tmp, bytes. */
  diskBytes: number;
  /** The command inside the sandbox; argv[0] an absolute path. */
  argv: readonly string[];
}

let systemMountsCache: string[] | undefined;

/** bubblewrap arguments that mount this host's system folders read-only (symbolic links such as /bin -> usr/bin kept as links). */
export function systemMountArgs(): string[] {
  if (systemMountsCache !== undefined) return systemMountsCache;
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
    else if (st.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  for (const file of SYSTEM_ETC) if (existsSync(file)) args.push("--ro-bind", file, file);
  return (systemMountsCache = args);
}

/** Whether `path` (absolute, resolved) lies inside a folder this sandbox mounts. */
export function isMounted(path: string, readOnlyPaths: readonly string[] = []): boolean {
  const inside = (dir: string): boolean => path === dir || path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);
  const dirs = SYSTEM_DIRS.filter((d) => {
    try {
      return lstatSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  return [...dirs, ...readOnlyPaths].some(inside);
}

/**
 * The bubblewrap argv for a plan, and the contents to write, in order, to the descriptors it reads
 * (`FIRST_FILE_FD` on). Pure apart from the cached look at the host's system folders.
 *
 * Layout inside: the system folders read-only, a new /proc (this PID namespace only) and a minimal
 * /dev, `SANDBOX_WORKSPACE` and /tmp as tmpfs of `diskBytes`, the harness files read-only, then `/`
 * and /dev remounted read-only. Namespaces: all new (user, mount, PID, network, IPC, UTS, cgroup),
 * no further user namespaces inside; a new session; the sandbox dies with its parent.
 */
export function bwrapArgs(plan: SandboxPlan): { args: string[]; inputs: string[] } {
  const args: string[] = [...systemMountArgs()];
  const inputs: string[] = [];
  const nextFd = (content: string): string => String(FIRST_FILE_FD + inputs.push(content) - 1);
  for (const p of plan.readOnlyPaths) args.push("--ro-bind", p, p);
  args.push("--proc", "/proc", "--dev", "/dev");
  args.push("--size", String(plan.diskBytes), "--tmpfs", "/tmp");
  args.push("--size", String(plan.diskBytes), "--perms", "0755", "--tmpfs", SANDBOX_WORKSPACE);
  for (const f of plan.files) {
    args.push("--perms", "0644", f.readOnly === true ? "--ro-bind-data" : "--file", nextFd(f.content), `${SANDBOX_WORKSPACE}/${f.path}`);
  }
  for (const h of plan.harness) args.push("--perms", "0444", "--ro-bind-data", nextFd(h.content), `${SANDBOX_HARNESS}/${h.name}`);
  args.push("--remount-ro", "/dev", "--remount-ro", "/");
  args.push("--unshare-all", "--unshare-user", "--disable-userns", "--hostname", "sandbox");
  args.push("--die-with-parent", "--new-session", "--json-status-fd", String(STATUS_FD), "--chdir", SANDBOX_WORKSPACE, "--clearenv");
  for (const [k, v] of Object.entries(plan.env)) args.push("--setenv", k, v);
  const r = plan.rlimits;
  args.push(
    "--",
    plan.prlimit,
    `--cpu=${r.cpuSeconds}:${r.cpuSeconds + 1}`,
    `--data=${r.dataBytes}`,
    `--fsize=${r.fileBytes}`,
    `--nproc=${r.processes}`,
    `--nofile=${r.openFiles}`,
    "--core=0",
    "--",
    ...plan.argv,
  );
  return { args, inputs };
}

/** Where the OS sandbox works: the executables and the user it runs as. */
export interface SandboxHost {
  bwrap: string;
  prlimit: string;
  /** The Node binary (resolved) and whether it must be mounted by itself (outside the system folders). */
  node: string;
  nodeMount: readonly string[];
  /** Set when this process is root: the sandbox runs as this unprivileged user instead. */
  drop: { uid: number; gid: number } | null;
}

export type SandboxProbe = { ok: true; host: SandboxHost } | { ok: false; cause: string; fix: string };

/** The OS sandbox cannot start here; the message names the cause and the fix. */
export class SandboxUnavailableError extends SandboxError {
  override name = "SandboxUnavailableError";
}

const USERNS_FIX =
  "enable unprivileged user namespaces: `sysctl -w user.max_user_namespaces=15000`, on Debian kernels also `sysctl -w kernel.unprivileged_userns_clone=1`, on Ubuntu 23.10+ `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`; inside Docker or Podman start the container with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined`, or use a VM";

const probes = new Map<string, SandboxProbe>();

/** Drop the cached probes (tests). */
export function resetSandboxProbes(): void {
  probes.clear();
}

/**
 * Check once per process (per bwrap path) that the OS sandbox starts here: Linux, `bwrap` and
 * `prlimit` present, user namespaces allowed, and Node runs inside (as the unprivileged user when this
 * process is root). Never throws; a failure names the cause and the fix.
 */
export function probeSandbox(bwrapPath: string | null = null): SandboxProbe {
  const key = bwrapPath ?? "";
  const cached = probes.get(key);
  if (cached !== undefined) return cached;
  const result = probeOnce(bwrapPath);
  probes.set(key, result);
  return result;
}

function probeOnce(bwrapPath: string | null): SandboxProbe {
  if (process.platform !== "linux") {
    return { ok: false, cause: `the OS sandbox (bubblewrap) needs Linux; this is ${process.platform}`, fix: "run sweeps of real models on Linux (a VM or a container that allows user namespaces)" };
  }
  const install = "install bubblewrap: `apt-get install bubblewrap` (Debian, Ubuntu; `npm run setup` does it), `dnf install bubblewrap` (Fedora)";
  const bwrap = bwrapPath ?? findExecutable("bwrap") ?? (existsSync("/usr/bin/bwrap") ? "/usr/bin/bwrap" : null);
  if (bwrap === null || !existsSync(bwrap)) {
    return { ok: false, cause: bwrapPath === null ? "bubblewrap (bwrap) is not installed" : `bubblewrap not found at ${bwrapPath}`, fix: install };
  }
  const prlimit = findExecutable("prlimit") ?? (existsSync("/usr/bin/prlimit") ? "/usr/bin/prlimit" : null);
  if (prlimit === null || !isMounted(realpathSync(prlimit))) {
    return { ok: false, cause: "prlimit (util-linux) was not found in /usr", fix: "install util-linux: `apt-get install util-linux`" };
  }
  const node = realpathSync(process.execPath);
  const nodeMount = isMounted(node) ? [] : [node];
  const drop = process.getuid?.() === 0 ? SANDBOX_ROOT_DROP : null;
  const host: SandboxHost = { bwrap, prlimit, node, nodeMount, drop };
  const { args } = bwrapArgs({
    bwrap,
    prlimit,
    files: [],
    harness: [],
    readOnlyPaths: nodeMount,
    env: { PATH: SANDBOX_PATH },
    rlimits: { cpuSeconds: 10, dataBytes: 512 * 1024 * 1024, fileBytes: 1024 * 1024, processes: 64, openFiles: 256 },
    diskBytes: 1024 * 1024,
    argv: [node, "-e", 'const fs = require("fs"); fs.writeFileSync("probe.txt", "ok"); process.stdout.write(fs.readFileSync("probe.txt", "utf8"))'],
  });
  const r = spawnSync(bwrap, args, {
    env: {},
    input: "",
    stdio: ["pipe", "pipe", "pipe", "ignore", "pipe"],
    timeout: 30_000,
    ...(drop ? { uid: drop.uid, gid: drop.gid } : {}),
  });
  const stderr = String(r.stderr ?? "").trim();
  if (r.error !== undefined) return { ok: false, cause: `bubblewrap could not be started: ${r.error.message}`, fix: install };
  if (r.status === 0 && String(r.stdout) === "ok") return { ok: true, host };
  const said = stderr.split("\n")[0] ?? "";
  if (/namespace|uid map|setting up uid|Operation not permitted|No permissions/i.test(said)) {
    return { ok: false, cause: `user namespaces are not available here (bwrap: ${said})`, fix: USERNS_FIX };
  }
  if (/execvp|Permission denied/.test(said) && nodeMount.length > 0) {
    return { ok: false, cause: `the Node binary ${node} cannot run inside the sandbox${drop ? ` as uid ${drop.uid}` : ""} (bwrap: ${said})`, fix: "install Node under /usr (a distribution or NodeSource package) or at a path every user can read" };
  }
  return { ok: false, cause: `bubblewrap failed a trial run (exit ${String(r.status)}${said ? `: ${said}` : ""})`, fix: "see the set-up section of src/sandbox/README.md" };
}

/** The refusal for a probe that failed, naming the function, the cause, the fix and the opt-out. */
export function unavailableError(fn: string, probe: { cause: string; fix: string }): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `${fn}: cannot start the OS sandbox for agent-written code: ${probe.cause}. Fix: ${probe.fix}. ` +
      "To run agent code without isolation anyway (unsafe: it can read and write what this user can), pass unsafeNoSandbox: true (CLI: --unsafe-no-sandbox).",
  );
}
