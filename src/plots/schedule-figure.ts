import { error } from "../core/errors.js";
import { dagNodeLabel } from "./dag-figure.js";
import { BASE_LAYOUT } from "./style.js";
import type { FigureSpec } from "./types.js";

/** Options of {@link scheduleFigure}. */
export interface ScheduleFigureOptions {
  /** Number of agents (rows). @default the most tasks in any round */
  agents?: number;
  /** Task ids to colour as the critical path. @default none */
  critical?: readonly string[];
  /** @default "Schedule: which task each agent does in each round" */
  title?: string;
  /** A line under the title. @default "" */
  note?: string;
}

/**
 * A round-by-round schedule (`minimumRounds(...).schedule` or `listSchedule`: the task ids done in each
 * round) as a Gantt chart: one row per agent, one box per task in the round it is done, labelled with
 * the task (`7` for `task-7`), critical-path tasks in red; empty cells are idle agent-rounds. Within a
 * round, the k-th task goes to agent k (agents are interchangeable in the round model). Pure.
 *
 * @throws ToolkitError when a round has more tasks than `agents`, or `agents` is not a positive integer.
 */
export function scheduleFigure(schedule: readonly (readonly string[])[], options: ScheduleFigureOptions = {}): FigureSpec {
  const fn = "scheduleFigure";
  const widest = Math.max(1, ...schedule.map((r) => r.length));
  const agents = options.agents ?? widest;
  if (!Number.isInteger(agents) || agents < 1) throw error(fn, `agents must be a positive integer; got ${String(agents)}`);
  if (widest > agents) throw error(fn, `a round has ${widest} tasks but there are only ${agents} agents; one agent does one task per round`);
  const critical = new Set(options.critical ?? []);
  const boxes = { critical: [] as { round: number; slot: number; id: string }[], other: [] as { round: number; slot: number; id: string }[] };
  schedule.forEach((tasks, r) => tasks.forEach((id, k) => (critical.has(id) ? boxes.critical : boxes.other).push({ round: r + 1, slot: k + 1, id })));
  const trace = (list: readonly { round: number; slot: number; id: string }[], color: string, name: string): Record<string, unknown> => ({
    type: "bar",
    orientation: "h",
    base: list.map((b) => b.round - 0.45),
    x: list.map(() => 0.9),
    y: list.map((b) => b.slot),
    width: 0.8,
    text: list.map((b) => dagNodeLabel(b.id)),
    textposition: "inside",
    insidetextanchor: "middle",
    textfont: { color: "white", size: 10 },
    customdata: list.map((b) => [b.id, b.round, b.slot]),
    hovertemplate: "%{customdata[0]}: round %{customdata[1]}, agent %{customdata[2]}<extra></extra>",
    marker: { color, line: { color: "white", width: 1 } },
    name,
  });
  const rounds = schedule.length;
  const busy = schedule.reduce((s, r) => s + r.length, 0);
  const title = options.title ?? "Schedule: which task each agent does in each round";
  const sub = `${agents} agent${agents === 1 ? "" : "s"}, ${rounds} round${rounds === 1 ? "" : "s"}, ${busy} tasks; ${agents * rounds - busy} idle agent-rounds${options.note ? ` · ${options.note}` : ""}`;
  return {
    data: [trace(boxes.other, "#1f77b4", "task"), ...(critical.size > 0 ? [trace(boxes.critical, "#d62728", "critical-path task")] : [])],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `${title}<br><sup>${sub}</sup>`, x: 0.5 },
      barmode: "overlay",
      xaxis: { title: { text: "Round" }, dtick: 1, range: [0.4, Math.max(rounds, 1) + 0.6], zeroline: false },
      yaxis: {
        title: { text: "Agent" },
        tickvals: Array.from({ length: agents }, (_, i) => i + 1),
        ticktext: Array.from({ length: agents }, (_, i) => `agent ${i + 1}`),
        range: [agents + 0.6, 0.4],
      },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.25 },
      margin: { l: 80, r: 20, t: 80, b: 80 },
    },
    width: Math.min(1200, Math.max(520, 180 + 45 * rounds)),
    height: Math.min(700, 230 + 40 * agents),
  };
}
