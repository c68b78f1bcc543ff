import type { Suite, TaskSpec } from "../tasks/types.js";
import type { AgentAction } from "../agent/actions.js";
import type { AgentView, BoardEntry } from "../agent/types.js";
import type { SimProfile } from "./sim-profiles.js";
import { bernoulli, type Rng } from "../core/rng.js";
import { error } from "../core/errors.js";

/**
 * The simulated agent's decisions: a pure function of what the agent can see (the round's snapshot
 * of board and workspace, its own history, its messages), its profile and its random stream.
 * Nothing here is scripted per mode or per team size; the team-level phenomena (ties, concurrent
 * writes, rewrites, blocked claims, messages) come from many agents applying these rules to the same
 * stale snapshot.
 *
 * A worker's reply:
 * 1. It works on all its open tasks (claimed or assigned to it, not done) whose dependencies are done
 *    or come earlier in the same reply. In decentralized mode it also takes up to `claimsPerReply`
 *    new free tasks whose dependencies are done: candidates in board order,
 *    its own announced next task first and tasks a teammate announced moved last (each with
 *    probability `heedRate`), then a geometric choice (`choiceSpread`) so agents often pick the same
 *    early tasks. With `eagerClaimRate` per task taken it also claims a dependent of that task (still
 *    blocked), and with `staleClaimRate` per reply some task whose dependencies are not done.
 * 2. For each task: claim it if not yet its own; write its files (the reference solution, or the
 *    faulty one with `mistakeRate`, or after failed tests the fix with `fixRate`), skipping files it
 *    already wrote that have not failed; then `run_tests` and `complete` each task.
 * 3. With `distrustRate` it rewrites a file of a teammate's unfinished task (in centralized modes only
 *    when it has nothing else to do).
 * 4. It broadcasts what it claimed and which task it means to take next with probability
 *    `broadcastRate + broadcastPerTeammate * (n - 2)` (decentralized), or status at half that rate
 *    (centralized); after losing a tie it tells the winner with the same probability.
 * The lead (lead mode) assigns free, ready tasks to idle teammates, preferring the teammate who did a
 * task's dependency, up to `claimsPerReply` each; with `staleClaimRate` it also assigns a task that is
 * not ready (refused).
 */
export interface SimDecision {
  actions: AgentAction[];
  /** One line of prose that opens the reply. */
  prose: string;
}

const taskIndex = new WeakMap<Suite, Map<string, TaskSpec>>();
const dependents = new WeakMap<Suite, Map<string, string[]>>();

function tasksOf(suite: Suite): Map<string, TaskSpec> {
  let m = taskIndex.get(suite);
  if (!m) taskIndex.set(suite, (m = new Map(suite.tasks.map((t) => [t.id, t]))));
  return m;
}

function dependentsOf(suite: Suite): Map<string, string[]> {
  let m = dependents.get(suite);
  if (!m) {
    m = new Map(suite.tasks.map((t) => [t.id, [] as string[]]));
    for (const t of suite.tasks) for (const d of t.dependencies) m.get(d)?.push(t.id);
    dependents.set(suite, m);
  }
  return m;
}

/** What the agent remembers of a task from its history. */
interface TaskMemory {
  /** Return code of the latest test run of this task, if any. */
  lastTest: number | null;
  /** Round of the latest test run. */
  lastTestRound: number;
}

/** Task ids mentioned as "Next: task-7." in a message. */
const NEXT = /Next: ([^\s.,]+)/g;

function fileContents(spec: TaskSpec, faulty: boolean): Record<string, string> {
  const files = faulty ? spec.faulty ?? spec.solution : spec.solution;
  if (files === undefined) {
    throw error("simulated backend", `task ${spec.id} has no reference solution; the simulator needs TaskSpec.solution`);
  }
  return files;
}

/** Geometric choice among `k` ranked options: index i with probability (1 - s) s^i, the last taking the rest. */
function geometricIndex(rng: Rng, k: number, spread: number): number {
  let i = 0;
  while (i < k - 1 && rng.next() < spread) i++;
  return i;
}

/** Decide one reply. Pure given `rng`'s state; draws a data-dependent number of values from it. */
export function decideReply(view: AgentView, profile: SimProfile, rng: Rng): SimDecision {
  return view.role === "lead" ? decideLead(view, profile, rng) : decideWorker(view, profile, rng);
}

function decideWorker(view: AgentView, profile: SimProfile, rng: Rng): SimDecision {
  const specs = tasksOf(view.suite);
  const me = view.agent;
  const decentralized = view.mode === "decentralized";
  const status = new Map<string, BoardEntry>(view.board.map((e) => [e.id, e]));
  const isDone = (id: string): boolean => status.get(id)?.status === "done";
  const depsDone = (id: string): boolean => (specs.get(id)?.dependencies ?? []).every(isDone);

  // Memory from history.
  const memory = new Map<string, TaskMemory>();
  const wroteMyself = new Set<string>();
  let lostTieTo: { task: string; owner: string } | null = null;
  for (const h of view.history) {
    if (h.kind === "tests" && h.task !== null) memory.set(h.task, { lastTest: h.returncode, lastTestRound: h.round });
    else if (h.kind === "write") wroteMyself.add(h.path);
    else if (h.kind === "claim" && !h.ok && h.reason === "lost_tie" && h.round === view.round - 1 && h.owner !== null) {
      lostTieTo = { task: h.task, owner: h.owner };
    }
  }
  const lastWriter = new Map(view.files.map((f) => [f.path, f.lastWriter]));

  // Announcements from teammates' latest messages ("Next: task-7."), and my own.
  const announcedByOthers = new Set<string>();
  for (const m of view.inbox) {
    if (m.round !== view.round - 1) continue;
    for (const x of m.text.matchAll(NEXT)) announcedByOthers.add(x[1]!);
  }
  let myNext: string | null = null;
  for (const h of view.history) {
    if (h.kind === "sent" && h.round === view.round - 1) {
      const x = /Next: ([^\s.,]+)/.exec(h.text);
      if (x) myNext = x[1]!;
    }
  }

  const open = view.board.filter((e) => e.status === "claimed" && e.owner === me).map((e) => e.id);
  const batch: string[] = [];
  const inBatch = new Set<string>();
  const add = (id: string): void => {
    batch.push(id);
    inBatch.add(id);
  };
  // All own open tasks, in dependency order within the batch (a chain can be done in one reply).
  let progress = true;
  while (progress) {
    progress = false;
    for (const id of open) {
      if (inBatch.has(id)) continue;
      if ((specs.get(id)?.dependencies ?? []).every((d) => isDone(d) || inBatch.has(d))) {
        add(id);
        progress = true;
      }
    }
  }

  let nextAnnounce: string | null = null;
  if (decentralized) {
    const free = view.board.filter((e) => e.status === "free" && depsDone(e.id)).map((e) => e.id);
    const avoided = new Set([...announcedByOthers].filter((id) => id !== myNext && bernoulli(rng, profile.heedRate)));
    const ranked = [
      ...free.filter((id) => id === myNext),
      ...free.filter((id) => id !== myNext && !avoided.has(id)),
      ...free.filter((id) => id !== myNext && avoided.has(id)),
    ];
    const k = batch.length + profile.claimsPerReply;
    while (batch.length < k && ranked.length > 0) {
      const i = geometricIndex(rng, ranked.length, profile.choiceSpread);
      const id = ranked.splice(i, 1)[0]!;
      add(id);
      if (batch.length < k && bernoulli(rng, profile.eagerClaimRate)) {
        const eager = (dependentsOf(view.suite).get(id) ?? []).find(
          (d) => status.get(d)?.status === "free" && !inBatch.has(d) && (specs.get(d)?.dependencies ?? []).every((x) => isDone(x) || inBatch.has(x)),
        );
        if (eager !== undefined) add(eager);
      }
    }
    if (bernoulli(rng, profile.staleClaimRate)) {
      const blocked = view.board.filter((e) => e.status === "free" && !depsDone(e.id) && !inBatch.has(e.id));
      if (blocked.length > 0) add(blocked[Math.floor(rng.next() * blocked.length)]!.id);
    }
    nextAnnounce = ranked.find((id) => !announcedByOthers.has(id)) ?? null;
  }

  const actions: AgentAction[] = [];
  const writes: AgentAction[] = [];
  const checks: AgentAction[] = [];
  for (const id of batch) {
    const spec = specs.get(id)!;
    if (status.get(id)?.owner !== me) actions.push({ type: "claim", task: id });
    const failed = (memory.get(id)?.lastTest ?? 0) !== 0;
    const mine = spec.files.every((f) => wroteMyself.has(f) && lastWriter.get(f) === me);
    if (failed || !mine) {
      const faulty = failed ? !bernoulli(rng, profile.fixRate) : bernoulli(rng, profile.mistakeRate);
      const files = fileContents(spec, faulty);
      for (const path of spec.files) writes.push({ type: "write", path, content: files[path] ?? "" });
    }
    checks.push({ type: "run_tests", task: id }, { type: "complete", task: id });
  }

  // Distrust: redo a teammate's unfinished file.
  const idle = batch.length === 0;
  if ((decentralized || idle) && bernoulli(rng, profile.distrustRate)) {
    const theirs = view.board.filter(
      (e) => e.status === "claimed" && e.owner !== me && !inBatch.has(e.id) && specs.get(e.id)!.files.some((f) => lastWriter.has(f)),
    );
    if (theirs.length > 0) {
      const spec = specs.get(theirs[Math.floor(rng.next() * theirs.length)]!.id)!;
      const files = fileContents(spec, bernoulli(rng, profile.mistakeRate));
      for (const path of spec.files) writes.push({ type: "write", path, content: files[path] ?? "" });
    }
  }
  actions.push(...writes, ...checks);

  // Messages.
  const n = view.workers.length;
  if (n > 1) {
    const rate = Math.min(1, profile.broadcastRate + profile.broadcastPerTeammate * Math.max(0, n - 2));
    if (decentralized) {
      if (batch.length > 0 && bernoulli(rng, rate)) {
        const next = nextAnnounce === null ? "" : ` Next: ${nextAnnounce}.`;
        actions.push({ type: "broadcast", text: `Claiming ${batch.join(", ")}.${next}` });
      }
      if (lostTieTo !== null && bernoulli(rng, rate)) {
        const { task, owner } = lostTieTo;
        actions.push({ type: "message", to: owner, text: `You got ${task} first; I will leave it to you.` });
      }
    } else if (batch.length > 0 && bernoulli(rng, rate / 2)) {
      actions.push({ type: "broadcast", text: `Working on ${batch.join(", ")}.` });
    }
  }

  const prose =
    batch.length > 0
      ? `I will work on ${batch.join(", ")}.`
      : writes.length > 0
        ? "Nothing is free for me; I am reviewing a teammate's file."
        : "Nothing I can work on right now; waiting for dependencies.";
  return { actions, prose };
}

function decideLead(view: AgentView, profile: SimProfile, rng: Rng): SimDecision {
  const specs = tasksOf(view.suite);
  const isDone = (id: string): boolean => view.board.some((e) => e.id === id && e.status === "done");
  const ownerOf = new Map(view.board.map((e) => [e.id, e.owner]));
  const busy = new Map(view.workers.map((w) => [w, 0]));
  for (const e of view.board) if (e.status === "claimed" && e.owner !== null) busy.set(e.owner, (busy.get(e.owner) ?? 0) + 1);
  const ready = view.board.filter((e) => e.status === "free" && (specs.get(e.id)?.dependencies ?? []).every(isDone)).map((e) => e.id);
  const idle = view.workers.filter((w) => (busy.get(w) ?? 0) === 0);
  const load = new Map(idle.map((w) => [w, 0]));
  const actions: AgentAction[] = [];
  for (const id of ready) {
    // Prefer the teammate who did one of the task's dependencies (keeps chains on one agent).
    const affine = (specs.get(id)?.dependencies ?? []).map((d) => ownerOf.get(d)).find((w) => w != null && (load.get(w) ?? Infinity) < profile.claimsPerReply);
    let to: string | undefined = affine ?? undefined;
    if (to === undefined) {
      for (const w of idle) if ((load.get(w) ?? Infinity) < profile.claimsPerReply && (to === undefined || load.get(w)! < load.get(to)!)) to = w;
    }
    if (to === undefined) break;
    load.set(to, load.get(to)! + 1);
    actions.push({ type: "assign", task: id, to });
  }
  if (idle.length > 0 && bernoulli(rng, profile.staleClaimRate)) {
    const blocked = view.board.filter((e) => e.status === "free" && !(specs.get(e.id)?.dependencies ?? []).every(isDone));
    if (blocked.length > 0) {
      actions.push({ type: "assign", task: blocked[Math.floor(rng.next() * blocked.length)]!.id, to: idle[Math.floor(rng.next() * idle.length)]! });
    }
  }
  if (actions.length > 0 && bernoulli(rng, profile.broadcastRate)) {
    const plan = actions.map((a) => (a.type === "assign" ? `${a.task} -> ${a.to}` : "")).join(", ");
    actions.push({ type: "broadcast", text: `Assignments this round: ${plan}.` });
  }
  const prose = actions.length > 0 ? "Assigning the ready tasks to idle teammates." : "No ready task or no idle teammate this round.";
  return { actions, prose };
}
