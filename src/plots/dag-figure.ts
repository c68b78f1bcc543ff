import { criticalPath, taskDepths } from "../tasks/critical-path.js";
import type { DagNode } from "../tasks/graph.js";
import { parallelFraction } from "../tasks/parallel-fraction.js";
import { BASE_LAYOUT } from "./style.js";
import type { FigureSpec } from "./types.js";

/** A task as the DAG figure draws it: the DAG fields, and a title for the hover text when there is one. */
export interface DagFigureNode extends DagNode {
  readonly title?: string;
}

/** Options of {@link dagFigure}. */
export interface DagFigureOptions {
  /** @default "Task dependency graph" */
  title?: string;
  /** A line under the title. @default "" */
  note?: string;
}

const CRITICAL = "#d62728";
const OTHER = "#1f77b4";

/** The text inside a node: `7` for `task-7` (the built-in and synthetic suites' ids), else the id itself. */
export function dagNodeLabel(id: string): string {
  const m = /^task-?(\d+)$/.exec(id);
  return m ? m[1]! : id;
}

/**
 * Node positions of the layered drawing: x is the task's depth (the longest chain ending at it, so
 * x = the earliest round it can be done in with unlimited agents), y spreads the tasks of one depth
 * evenly around 0 in input order (first on top), except that the task of `middle` in a layer (the
 * critical path, so that it runs straight) takes the middle place.
 */
export function dagLayout(nodes: readonly DagNode[], middle: readonly string[] = []): Map<string, { x: number; y: number }> {
  const depths = taskDepths(nodes);
  const central = new Set(middle);
  const layers = new Map<number, string[]>();
  for (const node of nodes) {
    const d = depths.get(node.id)!;
    const layer = layers.get(d) ?? [];
    layer.push(node.id);
    layers.set(d, layer);
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const [d, layer] of layers) {
    const k = layer.findIndex((id) => central.has(id));
    const ids = k < 0 ? layer : layer.filter((_, i) => i !== k);
    if (k >= 0) ids.splice(Math.floor(layer.length / 2), 0, layer[k]!);
    layers.set(d, ids);
  }
  for (const [d, ids] of layers) ids.forEach((id, k) => out.set(id, { x: d, y: (ids.length - 1) / 2 - k }));
  return out;
}

/**
 * A task DAG as a layered drawing: one column per depth (1 = no dependencies), an arrow-free line from
 * each dependency to its dependent (dependencies are always to the left), and one longest chain (the
 * critical path, C tasks) in red. The subtitle gives N, C and p = (N − C) / N. Pure.
 *
 * @throws ToolkitError when the nodes do not form a DAG (from the DAG functions).
 */
export function dagFigure(nodes: readonly DagFigureNode[], options: DagFigureOptions = {}): FigureSpec {
  const chain = criticalPath(nodes);
  const pos = dagLayout(nodes, chain);
  const onChain = new Set(chain);
  const chainEdge = new Set(chain.slice(1).map((id, i) => `${chain[i]}\u0000${id}`));
  const edges = { plain: { x: [] as (number | null)[], y: [] as (number | null)[] }, critical: { x: [] as (number | null)[], y: [] as (number | null)[] } };
  for (const node of nodes) {
    const to = pos.get(node.id)!;
    for (const dep of new Set(node.dependencies)) {
      const from = pos.get(dep)!;
      const e = chainEdge.has(`${dep}\u0000${node.id}`) ? edges.critical : edges.plain;
      e.x.push(from.x, to.x, null);
      e.y.push(from.y, to.y, null);
    }
  }
  const nodeTrace = (ids: readonly string[], color: string, name: string): Record<string, unknown> => ({
    type: "scatter",
    mode: "markers+text",
    x: ids.map((id) => pos.get(id)!.x),
    y: ids.map((id) => pos.get(id)!.y),
    text: ids.map(dagNodeLabel),
    textfont: { color: "white", size: 10 },
    marker: { color, size: 22, line: { color: "white", width: 1 } },
    customdata: ids.map((id) => {
      const node = nodes.find((t) => t.id === id)!;
      const deps = node.dependencies.length > 0 ? node.dependencies.join(", ") : "none";
      return `${id}${node.title ? `: ${node.title}` : ""}<br>depends on: ${deps}`;
    }),
    hovertemplate: "%{customdata}<extra></extra>",
    name,
  });
  const other = nodes.map((t) => t.id).filter((id) => !onChain.has(id));
  const c = chain.length;
  const p = parallelFraction(nodes);
  const maxLayer = Math.max(1, ...[...pos.values()].map((q) => Math.abs(q.y) * 2 + 1));
  const title = options.title ?? "Task dependency graph";
  const sub = `N = ${nodes.length} tasks, critical path C = ${c}, p = (N − C)/N = ${Number(p.toFixed(3))}${options.note ? ` · ${options.note}` : ""}`;
  return {
    data: [
      { type: "scatter", mode: "lines", x: edges.plain.x, y: edges.plain.y, line: { color: "#bbb", width: 1 }, hoverinfo: "skip", name: "dependency" },
      { type: "scatter", mode: "lines", x: edges.critical.x, y: edges.critical.y, line: { color: CRITICAL, width: 2.5 }, hoverinfo: "skip", name: "critical path edge", showlegend: false },
      nodeTrace(other, OTHER, "task"),
      nodeTrace(chain, CRITICAL, `critical path (${c} tasks)`),
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `${title}<br><sup>${sub}</sup>`, x: 0.5 },
      xaxis: { title: { text: "Depth (earliest round with unlimited agents)" }, dtick: 1, range: [0.4, Math.max(c, 1) + 0.6], zeroline: false, showgrid: false },
      yaxis: { visible: false, range: [-(maxLayer / 2) - 0.2, maxLayer / 2 + 0.2] },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: 0.01, yanchor: "bottom", yref: "container" },
      margin: { l: 30, r: 20, t: 80, b: 90 },
    },
    width: Math.min(1200, Math.max(560, 160 + 60 * c)),
    height: Math.min(780, Math.max(380, 190 + 26 * maxLayer)),
  };
}
