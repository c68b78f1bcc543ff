import { checkWorkspacePath, type PathProblem } from "./paths.js";

/** One write in the workspace's version log. */
export interface FileVersion {
  path: string;
  /** 1 for a path's first write, then 2, 3, ... */
  version: number;
  round: number;
  agent: string;
  bytes: number;
  /** Whether the writer held the path's lock for this round (see `Workspace`). */
  lockOk: boolean;
}

/** What a workspace shows about a file: its size and who last wrote it, when. */
export interface WorkspaceFileInfo {
  path: string;
  bytes: number;
  lastWriter: string;
  lastRound: number;
  version: number;
}

export type WriteOutcome =
  | {
      ok: true;
      version: number;
      bytes: number;
      lockOk: boolean;
      /** The agent holding the path's lock this round (the writer itself when lockOk). */
      lockHolder: string;
    }
  | { ok: false; reason: PathProblem | "path_conflict"; detail: string };

/**
 * The shared workspace: an in-memory map from workspace-relative path to file content, with a log of
 * every version written.
 *
 * Locks are per path and per round, and advisory, as in the paper's runtime (which logs a
 * `lock_attempt` for every edit and still records concurrent writes): the first agent to write a
 * path in a round takes its lock (`lock_attempt` ok = true) and holds it until the round ends; a
 * different agent writing the same path later in the same round is refused the lock (ok = false)
 * but its write still happens, and the last write wins. That write is the paper's "concurrent write".
 * An agent that already holds a lock may write the path again in the same round.
 */
export class Workspace {
  private readonly files = new Map<string, string>();
  private readonly info = new Map<string, WorkspaceFileInfo>();
  /** Folders implied by the files' paths (`a/b/c.js` implies `a` and `a/b`). */
  private readonly folders = new Set<string>();
  private readonly locks = new Map<string, string>();
  private lockRound = Number.NaN;
  private readonly log: FileVersion[] = [];

  /** Every write so far, in order. */
  get versions(): readonly FileVersion[] {
    return this.log;
  }

  /** Current content of a path, or undefined. */
  read(path: string): string | undefined {
    return this.files.get(path);
  }

  /** Paths with their info, sorted by path. */
  list(): WorkspaceFileInfo[] {
    return [...this.info.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The current contents, read-only and live (for a test run at this instant). */
  contents(): ReadonlyMap<string, string> {
    return this.files;
  }

  /** A copy of the current contents (the snapshot an agent's round starts from). */
  snapshot(): Map<string, string> {
    return new Map(this.files);
  }

  /**
   * Write `content` to `path` as `agent` in `round`. Refuses (and writes nothing) when the path fails
   * `checkWorkspacePath` or collides with a file or folder already there; otherwise writes, taking
   * or being refused the round's lock as described above.
   */
  write(path: string, content: string, agent: string, round: number): WriteOutcome {
    const check = checkWorkspacePath(path);
    if (check.ok === false) return check;
    if (this.folders.has(path)) return { ok: false, reason: "path_conflict", detail: `${path} is a folder` };
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      if (this.files.has(prefix)) return { ok: false, reason: "path_conflict", detail: `${prefix} is a file, not a folder` };
    }
    if (round !== this.lockRound) {
      this.locks.clear();
      this.lockRound = round;
    }
    let holder = this.locks.get(path);
    if (holder === undefined) {
      holder = agent;
      this.locks.set(path, agent);
    }
    const lockOk = holder === agent;
    const bytes = Buffer.byteLength(content, "utf8");
    const version = (this.info.get(path)?.version ?? 0) + 1;
    this.files.set(path, content);
    this.info.set(path, { path, bytes, lastWriter: agent, lastRound: round, version });
    for (let i = 1; i < parts.length; i++) this.folders.add(parts.slice(0, i).join("/"));
    this.log.push({ path, version, round, agent, bytes, lockOk });
    return { ok: true, version, bytes, lockOk, lockHolder: holder };
  }
}
