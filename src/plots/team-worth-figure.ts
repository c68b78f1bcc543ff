import type { TeamWorthCell } from "../fits/index.js";
import { titled } from "./fit-figure-parts.js";
import { BASE_LAYOUT, CONDITION_NAMES, modelLabel } from "./style.js";
import type { FigureSpec } from "./types.js";

/** "Is a team worth it?": one table row per condition × model × p. */
export function teamWorthFigure(cells: readonly TeamWorthCell[], note = ""): FigureSpec {
  const pct = `${Math.round((cells[0]?.fraction ?? 0.9) * 100)}%`;
  const header = ["Condition", "Model", "p", "Best speedup", `Smallest n ≥ ${pct} of best`, "Its speedup", "Token cost", "$ per run (team / 1 agent)"];
  const cols: string[][] = header.map(() => []);
  const fills: string[] = [];
  for (const c of cells) {
    cols[0]!.push(CONDITION_NAMES[c.condition] ?? c.condition);
    cols[1]!.push(modelLabel(c.model));
    cols[2]!.push(c.p_label);
    cols[3]!.push(`${c.bestSpeedup.toFixed(2)}× at n = ${c.bestN}`);
    cols[4]!.push(c.n === 1 ? "1 (no team)" : String(c.n));
    cols[5]!.push(`${c.speedup.toFixed(2)}×`);
    cols[6]!.push(`${c.tokenMultiplier.toFixed(2)}×`);
    cols[7]!.push(c.costUsd === null ? "n/a" : `$${c.costUsd.toFixed(2)} / $${(c.singleAgentCostUsd ?? Number.NaN).toFixed(2)}`);
    fills.push(c.n === 1 ? "#f8d7da" : c.speedup >= 2 ? "#d4edda" : "#fff3cd");
  }
  const white = cells.map(() => "white");
  return {
    data: [
      {
        type: "table",
        columnwidth: [150, 130, 40, 110, 120, 80, 80, 160],
        header: { values: header.map((h) => `<b>${h}</b>`), fill: { color: "#eeeeee" }, align: "center" },
        cells: { values: cols, fill: { color: [white, white, white, white, fills, white, white, white] }, align: "center", height: 22 },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: titled(`Is a team worth it? Smallest team reaching ${pct} of the best observed speedup (red: a single agent does; green: ≥ 2× speedup)`, note),
      margin: { l: 10, r: 10, t: 70, b: 10 },
    },
    width: 1000,
    height: 120 + 22 * (cells.length + 1),
  };
}
