import type { AgentView, BoardEntry, ChatMessage, WorkspaceFileEntry } from "../agent/types.js";
import type { Suite } from "../tasks/types.js";
import type { TeamMode } from "../agent/mode.js";
import { assertNever } from "../core/errors.js";

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

/**
 * Version of the prompts below (system prompt, protocol, mode rules, user message layout). Bump it
 * whenever their text changes: it is written to each sweep's config.json and to every run row
 * (`prompt_version`), so runs made with different prompts are never pooled by mistake, and a replay
 * whose prompts differ from its recording is refused.
 */
export const PROMPT_VERSION = "team-prompt-2";

/** The action tags an agent may use, one line each; which ones it is shown depends on mode and role. */
const TAGS = {
  claim: '<claim task="task-3"/>                     claim a free task whose dependencies are all done',
  write:
    '<write path="clamp.js">\n...the whole file...\n</write>                                   write a whole file (replaces it; path relative to the workspace root)',
  run_tests: '<run_tests task="task-3"/>                 run one task\'s tests now (<run_tests/> runs the tests of all your open tasks)',
  complete: '<complete task="task-3"/>                  mark your task done: its tests run after this round\'s writes, and it is done only if they pass',
  message: '<message to="Dev2">text</message>          message one teammate (delivered next round)',
  broadcast: "<broadcast>text</broadcast>                message every teammate (delivered next round)",
  assign: '<assign task="task-4" to="Dev2"/>          give a free task whose dependencies are done to a teammate',
} as const;

function tagsFor(mode: TeamMode, role: "worker" | "lead"): string[] {
  if (role === "lead") return [TAGS.assign, TAGS.message, TAGS.broadcast];
  const worker = [TAGS.write, TAGS.run_tests, TAGS.complete, TAGS.message, TAGS.broadcast];
  return mode === "decentralized" ? [TAGS.claim, ...worker] : worker;
}

/** How to act: the round model, the tags, and the rules of the tags. */
function protocol(mode: TeamMode, role: "worker" | "lead"): string {
  const lines = [
    "# How the team works",
    "The work happens in rounds. At the start of each round every agent gets the same snapshot of the task board and the workspace, " +
      "and all agents reply at the same time. You reply once per round; your reply is applied after the round's replies arrive, " +
      "in arrival order. Messages sent in a round are delivered at the start of the next one. The run ends when every task is done, " +
      "or fails when the round limit is reached.",
    "",
    "# How to act",
    "Reply in plain text with action tags. Each tag is one action; everything outside tags is ignored, so keep prose to a sentence. " +
      "Write the tags exactly as shown (double-quoted attributes, self-closing tags end with />). You may use several tags in one reply; they are applied in the order written.",
    ...tagsFor(mode, role),
  ];
  if (role === "worker") {
    lines.push(
      "",
      "Rules of the tags:",
      "- A write tag's body is the file's complete new content, verbatim, up to the first </write>: no Markdown code fences inside it, no line numbers, no diff. " +
        "Paths are simple relative names such as clamp.js or lib/util.js (letters, digits, . _ -; no leading dot, no ..).",
      "- You cannot see the tests. Follow the task's description exactly: file name, exported name, signature, return values and the errors it must throw.",
      "- A complete tag is accepted only if the task is yours, its dependencies are done and its tests pass on the workspace as this round's writes left it. " +
        "So write a task's file and complete it in the same reply; a chain of your own tasks can be written and completed in one reply, in dependency order.",
      "- If the tests fail, the task stays yours; the failures appear in your history next round: fix the file and complete it again.",
      "- If you have nothing to do this round (for example you wait for a teammate's task), reply with one short sentence and no tags.",
    );
  }
  return lines.join("\n");
}

function modeRules(mode: TeamMode, role: "worker" | "lead"): string {
  switch (mode) {
    case "preassign":
      return (
        "# Coordination: centralized (tasks assigned up front)\n" +
        "Every task was assigned before the first round; the board shows each task's owner as \"claimed by DevN\". " +
        "Work only on the tasks assigned to you, in dependency order; there is nothing to claim (claims are refused). " +
        "When one of your tasks depends on a teammate's task that is not done yet, do your other tasks first, then wait for it. " +
        "Import the files of done tasks as they are; do not rewrite a teammate's files."
      );
    case "decentralized":
      return (
        "# Coordination: decentralized (nobody assigns work)\n" +
        "Claim free tasks from the board yourself with claim tags, then write their files and complete them; claim, write and complete can go in the same reply. " +
        "Claims are settled first come, first served in reply order: if a teammate claimed the same task first, your claim is refused (you will see it next round), so pick another. " +
        "A claim of a task whose dependencies are not all done is refused. Claim only what you can finish in this reply or the next, " +
        "tell your teammates what you take or plan to take (a broadcast) to avoid duplicate work, and do not write files of tasks owned by others."
      );
    case "lead":
      return role === "lead"
        ? "# Coordination: you are the lead\n" +
            "You coordinate and do not write code. Each round, give free tasks whose dependencies are all done to teammates with assign tags; " +
            "a teammate sees its new tasks at the next round, then writes and completes them itself. Keep every teammate busy, " +
            "assign the tasks of the longest dependency chain early, and never assign a task whose dependencies are not done (it is refused). " +
            "You may assign several tasks to one teammate in one reply."
        : "# Coordination: a lead assigns the work\n" +
            "The lead assigns tasks to teammates; the board shows each task's owner as \"claimed by DevN\". " +
            "Work only on the tasks assigned to you, in dependency order; there is nothing to claim (claims are refused). " +
            "If you are idle, you may tell the lead in a message to Lead.";
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
  const who =
    role === "lead"
      ? `You are the lead of a team of AI software engineers building "${suite.title}".`
      : `You are one of a team of AI software engineers building "${suite.title}".`;
  const text = [who, `# The project\n${suite.description}`, modeRules(mode, role), protocol(mode, role), `# Tasks\n\n${tasks}`].join("\n\n");
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
