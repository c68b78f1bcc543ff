import { error } from "../core/errors.js";
import type { RunStartEvent, TeamEvent } from "../events/types.js";
import { BASE_LAYOUT } from "./style.js";
import type { FigureSpec } from "./types.js";

/** Options of {@link runTimelineFigure}. */
export interface RunTimelineOptions {
  /** @default "Run timeline: what each agent did, and when" */
  title?: string;
  /** A line under the title (e.g. the simulated label). @default "" */
  note?: string;
}

/** Vertical offset of each kind of mark within an agent's row (the y axis runs downwards). */
const LEVEL = { edit: -0.34, claim: -0.17, reply: 0, blocked: 0.17, test: 0.34 } as const;

type MarkKind = "edit" | "claim" | "assign" | "blocked" | "message" | "complete";

const MARKS: Readonly<Record<MarkKind, { name: string; level: number; symbol: string; color: string }>> = {
  edit: { name: "file edits", level: LEVEL.edit, symbol: "square", color: "#ff7f0e" },
  claim: { name: "claims accepted", level: LEVEL.claim, symbol: "triangle-up", color: "#2ca02c" },
  assign: { name: "tasks assigned", level: LEVEL.claim, symbol: "triangle-right", color: "#17becf" },
  blocked: { name: "claims refused", level: LEVEL.blocked, symbol: "x", color: "#d62728" },
  message: { name: "messages sent", level: LEVEL.reply, symbol: "diamond", color: "#9467bd" },
  complete: { name: "tasks completed", level: LEVEL.test, symbol: "star", color: "#bcbd22" },
};

interface Mark {
  kind: MarkKind;
  row: number;
  x: number;
  details: string[];
}

interface Bar {
  row: number;
  start: number;
  length: number;
  hover: string;
}

/**
 * One run's event log as a timeline: one row per agent (the run's workers in order, then the lead or
 * the orchestrator if they act), time on the x axis in seconds since `run_start` (virtual seconds for
 * simulated runs, wall seconds for real ones). In each row:
 *
 * - a light bar per reply, from the round's start to the reply (the request in flight: the model
 *   thinking and writing; the round waits for the slowest bar);
 * - thin bars per test run below it, green when all tests passed, red otherwise;
 * - marks at the reply's time for file edits (squares, above), accepted claims or assignments
 *   (triangles), refused claims (crosses, below the bar) and messages sent (diamonds); marks of one
 *   kind at the same time are merged, labelled with their count, and list their files or tasks on hover;
 * - stars for completed tasks, at the end of the test run that completed them;
 * - a dotted vertical line at each round's start.
 *
 * Pure: events in, plotly spec out.
 * @throws ToolkitError when there are no events or no `run_start`.
 */
export function runTimelineFigure(events: readonly TeamEvent[], options: RunTimelineOptions = {}): FigureSpec {
  const fn = "runTimelineFigure";
  // Plain loops rather than find(): tslab's TypeScript 5.0 does not infer type predicates from callbacks.
  let start: RunStartEvent | undefined;
  const agents: string[] = [];
  for (const e of events) {
    if (e.type === "run_start" && start === undefined) start = e;
    if (e.type === "initialize" && agents.length === 0) agents.push(...e.agents);
  }
  if (start === undefined) throw error(fn, `the events have no run_start (${events.length} events); pass one run's whole log`);
  const t0 = start.ts;
  const workers = agents.length;
  const rowOf = (agent: string): number => {
    let i = agents.indexOf(agent);
    if (i < 0) i = agents.push(agent) - 1;
    return i;
  };
  const replies: Bar[] = [];
  const tests = { passed: [] as Bar[], failed: [] as Bar[] };
  const marks = new Map<string, Mark>();
  const mark = (kind: MarkKind, agent: string, ts: number, detail: string): void => {
    const row = rowOf(agent);
    const key = `${kind}\u0000${row}\u0000${ts}`;
    const m = marks.get(key);
    if (m) m.details.push(detail);
    else marks.set(key, { kind, row, x: ts - t0, details: [detail] });
  };
  const rounds: { round: number; x: number }[] = [];
  let end = 0;
  for (const e of events) {
    end = Math.max(end, e.ts - t0);
    switch (e.type) {
      case "round_start":
        rounds.push({ round: e.round, x: e.ts - t0 });
        break;
      case "agent_reply":
        replies.push({
          row: rowOf(e.agent),
          start: e.ts - t0 - e.latency_s,
          length: e.latency_s,
          hover: `${e.agent}, round ${e.round}: reply after ${e.latency_s.toFixed(1)} s<br>${e.input_tokens.toLocaleString("en-US")} tokens in, ${e.output_tokens.toLocaleString("en-US")} out`,
        });
        break;
      case "run_tests":
        (e.returncode === 0 ? tests.passed : tests.failed).push({
          row: rowOf(e.agent),
          start: e.ts - t0 - e.seconds,
          length: e.seconds,
          hover: `${e.agent}, round ${e.round}: tests ${e.returncode === 0 ? "passed" : `failed (return code ${e.returncode})`}, ${e.passed} passed, ${e.failed} failed`,
        });
        break;
      case "edit_file":
        mark("edit", e.agent, e.ts, e.path);
        break;
      case "claim_task":
        mark("claim", e.agent, e.ts, e.task);
        break;
      case "assign_task":
        mark("assign", e.agent, e.ts, `${e.task} → ${e.assignee}`);
        break;
      case "claim_blocked":
        mark("blocked", e.agent, e.ts, `${e.task} (${e.reason})`);
        break;
      case "broadcast":
        mark("message", e.agent, e.ts, `to ${e.to.join(", ")} (${e.chars} characters)`);
        break;
      case "complete_task":
        mark("complete", e.agent, e.ts, e.task);
        break;
      case "run_start":
      case "initialize":
      case "lock_attempt":
      case "synthesize":
      case "action_rejected":
      case "run_end":
        break;
      default: {
        const unknown: never = e;
        throw error(fn, `unknown event type ${JSON.stringify((unknown as { type: unknown }).type)}`);
      }
    }
  }
  const barTrace = (bars: readonly Bar[], level: number, width: number, color: string, name: string): Record<string, unknown> => ({
    type: "bar",
    orientation: "h",
    base: bars.map((b) => b.start),
    x: bars.map((b) => b.length),
    y: bars.map((b) => b.row + level),
    width,
    marker: { color, line: { width: 0 } },
    customdata: bars.map((b) => b.hover),
    hovertemplate: "%{customdata}<extra></extra>",
    name,
  });
  const data: Record<string, unknown>[] = [
    barTrace(replies, LEVEL.reply, 0.2, "#aec7e8", "reply in flight"),
    barTrace(tests.passed, LEVEL.test, 0.1, "#2ca02c", "test run passed"),
    barTrace(tests.failed, LEVEL.test, 0.1, "#d62728", "test run failed"),
  ];
  const all = [...marks.values()];
  for (const kind of Object.keys(MARKS) as MarkKind[]) {
    const list = all.filter((m) => m.kind === kind);
    if (list.length === 0) continue;
    const style = MARKS[kind];
    data.push({
      type: "scatter",
      mode: "markers+text",
      x: list.map((m) => m.x),
      y: list.map((m) => m.row + style.level),
      text: list.map((m) => (m.details.length > 1 ? String(m.details.length) : "")),
      textposition: "middle right",
      textfont: { size: 9, color: style.color },
      marker: { symbol: style.symbol, color: style.color, size: kind === "complete" ? 11 : 8, line: { width: kind === "blocked" ? 0 : 0.5, color: "white" } },
      customdata: list.map((m) => `${style.name}: ${m.details.join(", ")}`),
      hovertemplate: "%{customdata}<extra></extra>",
      name: style.name,
    });
  }
  const every = Math.max(1, Math.ceil(rounds.length / 25));
  const title = options.title ?? "Run timeline: what each agent did, and when";
  const clock = start.clock === "virtual" ? "virtual seconds" : "seconds";
  const sub = `${start.run_dir} · ${workers} agent${workers === 1 ? "" : "s"}, ${rounds.length} round${rounds.length === 1 ? "" : "s"}, ${end.toFixed(1)} ${clock}${options.note ? ` · ${options.note}` : ""}`;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: `${title}<br><sup>${sub}</sup>`, x: 0.5 },
      barmode: "overlay",
      xaxis: { title: { text: `Time since the run started (${clock})` }, range: [-end * 0.01, end * 1.03], zeroline: false },
      yaxis: { tickvals: agents.map((_, i) => i), ticktext: agents, range: [agents.length - 0.5, -0.5], zeroline: false, showgrid: false },
      shapes: rounds.map((r) => ({ type: "line", xref: "x", yref: "paper", x0: r.x, x1: r.x, y0: 0, y1: 1, line: { color: "#ccc", width: 1, dash: "dot" } })),
      annotations: rounds
        .filter((_, i) => i % every === 0)
        .map((r) => ({ x: r.x, y: 1, xref: "x", yref: "paper", yanchor: "bottom", xanchor: "left", text: `r${r.round}`, showarrow: false, font: { size: 9, color: "#888" } })),
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.2 },
      margin: { l: 90, r: 20, t: 90, b: 90 },
    },
    width: 1200,
    height: Math.min(900, 230 + 80 * agents.length),
  };
}
