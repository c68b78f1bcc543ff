import type { AgentView, BoardEntry, ChatMessage, WorkspaceFileEntry } from "../llm/types.js";
import type { Suite } from "../tasks/types.js";
import type { TeamMode } from "./mode.js";
import { assertNever } from "./actions.js";

/** How much of an agent's past a prompt shows. */
export interface PromptWindow {
  /** Most recent history entries shown. @default 40 */
  history: number;
  /** Most recent received messages shown. @default 20 */
  inbox: number;
}

export const DEFAULT_PROMPT_WINDOW: Readonly<PromptWindow> = { history: 40, inbox: 20 };

export interface RenderedPrompt {
  messages: ChatMessage[];
  /** `messages[0].content`, then the user message's lines: the unit of token counting. */
  segments: string[];
}

const PROTOCOL = `How to act: reply in plain text with action tags. Each tag is one action; prose around tags is ignored.
<claim task="task-3"/>                     claim a free task whose dependencies are done
<write path="clamp.js">
...the whole file...
</write>                                   write a whole file (workspace-relative path, at most 256 KiB)
<run_tests task="task-3"/>                 run one task's tests (<run_tests/> runs the tests of all your open tasks)
<complete task="task-3"/>                  mark your task done; accepted only if its tests pass after this round's writes
<message to="Dev2">text</message>          message one teammate (delivered next round)
<broadcast>text</broadcast>                message every teammate (delivered next round)
<assign task="task-4" to="Dev2"/>          (lead only) give a task to a teammate
All agents act at the same time on the board as it was at the start of the round; claims are settled in the order replies arrive.`;

function modeRules(mode: TeamMode, role: "worker" | "lead"): string {
  switch (mode) {
    case "preassign":
      return "Coordination: centralized. Every task was assigned before the first round; work only on the tasks assigned to you, in dependency order. Do not claim tasks.";
    case "decentralized":
      return "Coordination: decentralized. Nobody assigns work: claim free tasks from the board yourself, write their files, run their tests and mark them complete. A claim of a task whose dependencies are not done is refused.";
    case "lead":
      return role === "lead"
        ? "Coordination: you are the lead. Each round, assign free tasks whose dependencies are done to idle teammates with <assign/>. You do not write code yourself."
        : "Coordination: a lead assigns tasks. Work only on the tasks assigned to you; do not claim tasks.";
    default:
      return assertNever(mode, "modeRules");
  }
}

const systemCache = new WeakMap<Suite, Map<string, string>>();

/** The system prompt: the project, every task's full description, the team rules and the protocol. Constant per (suite, mode, role). */
export function renderSystemPrompt(suite: Suite, mode: TeamMode, role: "worker" | "lead"): string {
  let bySuite = systemCache.get(suite);
  if (!bySuite) systemCache.set(suite, (bySuite = new Map()));
  const key = `${mode}|${role}`;
  const hit = bySuite.get(key);
  if (hit !== undefined) return hit;
  const tasks = suite.tasks
    .map((t) => {
      const deps = t.dependencies.length ? `Depends on: ${t.dependencies.join(", ")}.` : "No dependencies.";
      return `## ${t.id}: ${t.title}\nFiles: ${t.files.join(", ")}. ${deps}\n${t.description}`;
    })
    .join("\n\n");
  const text = [
    `You are a software engineer on a team building "${suite.title}".`,
    suite.description,
    modeRules(mode, role),
    PROTOCOL,
    `# Tasks\n\n${tasks}`,
  ].join("\n\n");
  bySuite.set(key, text);
  return text;
}

/** One board line, e.g. `- task-3 [claimed by Dev2] clamp.js: Clamp a number (needs task-1)`. */
export function renderBoardLine(e: BoardEntry): string {
  const state = e.status === "free" ? "free" : e.status === "claimed" ? `claimed by ${e.owner ?? "?"}` : `done by ${e.owner ?? "?"}`;
  const deps = e.dependencies.length ? ` (needs ${e.dependencies.join(", ")})` : "";
  return `- ${e.id} [${state}] ${e.files.join(", ")}: ${e.title}${deps}`;
}

function renderFileLine(f: WorkspaceFileEntry): string {
  return `- ${f.path} (${f.bytes} bytes, last written by ${f.lastWriter} in round ${f.lastRound})`;
}

// Every agent of a round shares the same board and file-list snapshot arrays: render their lines once.
const boardLinesCache = new WeakMap<readonly BoardEntry[], string[]>();
const fileLinesCache = new WeakMap<readonly WorkspaceFileEntry[], string[]>();

function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make()));
  return v;
}

/** Paths whose contents the agent is shown: the files of its open tasks and of their dependencies. */
function relevantPaths(view: AgentView): string[] {
  if (view.role === "lead") return [];
  const byId = new Map(view.board.map((e) => [e.id, e]));
  const paths = new Set<string>();
  for (const e of view.board) {
    if (e.status !== "claimed" || e.owner !== view.agent) continue;
    for (const d of e.dependencies) for (const f of byId.get(d)?.files ?? []) paths.add(f);
    for (const f of e.files) paths.add(f);
  }
  return [...paths].filter((p) => view.contents.has(p));
}

/**
 * Render the prompt an agent is sent: a constant system prompt (project, tasks, rules, protocol) and
 * a user message with the round, the board, the workspace's file list, the contents of the files the
 * agent's open tasks touch, its recent history and its recent messages.
 */
export function renderPrompt(view: AgentView, window: PromptWindow = DEFAULT_PROMPT_WINDOW): RenderedPrompt {
  const system = renderSystemPrompt(view.suite, view.mode, view.role);
  const who = view.role === "lead" ? `${view.agent}, the lead` : view.agent;
  const team = view.lead === null ? view.workers.join(", ") : `${view.workers.join(", ")}; lead ${view.lead}`;
  const segments: string[] = [system, `Round ${view.round} of at most ${view.maxRounds}. You are ${who}. Team: ${team}.`, "Task board:"];
  for (const line of cached(boardLinesCache, view.board, () => view.board.map(renderBoardLine))) segments.push(line);
  if (view.files.length) {
    segments.push("Files in the workspace:");
    for (const line of cached(fileLinesCache, view.files, () => view.files.map(renderFileLine))) segments.push(line);
  } else {
    segments.push("The workspace is empty.");
  }
  // A file is shown as three segments (header, content, fence), so the content, the same string
  // object round after round, is counted from the token memo without re-hashing a fresh copy.
  for (const p of relevantPaths(view)) {
    segments.push(`### ${p}\n\`\`\``, view.contents.get(p)!, "```");
  }
  const h = view.history;
  if (h.length) {
    segments.push(h.length > window.history ? `Your history (last ${window.history} of ${h.length}):` : "Your history:");
    for (let i = Math.max(0, h.length - window.history); i < h.length; i++) segments.push(h[i]!.text);
  }
  const m = view.inbox;
  if (m.length) {
    segments.push(m.length > window.inbox ? `Messages (last ${window.inbox} of ${m.length}):` : "Messages:");
    for (let i = Math.max(0, m.length - window.inbox); i < m.length; i++) {
      const x = m[i]!;
      segments.push(`[round ${x.round}] ${x.from}${x.broadcast ? " (to all)" : ""}: ${x.text}`);
    }
  }
  segments.push("Your actions for this round:");
  return {
    messages: [
      { role: "system", content: system },
      { role: "user", content: segments.slice(1).join("\n") },
    ],
    segments,
  };
}
