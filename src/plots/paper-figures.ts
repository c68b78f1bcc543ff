import type {
  ConflictRow,
  CostSpeedupRow,
  ExtraRow,
  PaperTables,
  StragglerRow,
  TestFailureRow,
  TokenCostRow,
} from "../metrics/paper-tables.js";
import { speedupCsv, speedupFigure } from "./speedup-figure.js";
import {
  BASE_LAYOUT,
  CONDITION_NAMES,
  cellTitle,
  gridAxes,
  modelColor,
  modelLabel,
  pLabelName,
  withAlpha,
} from "./style.js";
import type { CsvTable, FigureSpec, NamedFigure } from "./types.js";

/**
 * The paper's nine figures as plotly specs, each with the CSV table behind it. Pure functions of the
 * tables in `paper-tables.ts`. `note` is appended to every title (e.g. "simulated" for our own runs).
 */

const CONDITION_COLORS: Readonly<Record<string, string>> = { decentralized: "#1f77b4", preassign: "#e6550d" };
const P_COLORS: Readonly<Record<string, string>> = { p02: "#d7191c", p05: "#fdae61", p09: "#1a9641" };
const CONFLICT_NAMES: Readonly<Record<string, string>> = {
  concurrent_writes: "Concurrent writes",
  rewrites: "Rewrites",
  claims_blocked: "Claims blocked",
};
const CONFLICT_COLORS: Readonly<Record<string, string>> = {
  concurrent_writes: "#9467bd",
  rewrites: "#e377c2",
  claims_blocked: "#8c564b",
};

const titled = (text: string, note: string): Record<string, unknown> => ({
  text: note ? `${text}<br><sup>${note}</sup>` : text,
  x: 0.5,
});

function groupedBars(
  categories: readonly string[],
  series: { name: string; color: string; values: (number | null)[]; errors: (number | null)[] }[],
  title: Record<string, unknown>,
  yTitle: string,
): FigureSpec {
  return {
    data: series.map((s) => ({
      type: "bar",
      name: s.name,
      x: categories.map(modelLabel),
      y: s.values,
      error_y: { type: "data", array: s.errors, visible: true, color: "#222", thickness: 1.2, width: 4 },
      marker: { color: s.color, line: { color: "white", width: 0.5 } },
    })),
    layout: {
      ...BASE_LAYOUT,
      title,
      barmode: "group",
      yaxis: { title: { text: yTitle }, rangemode: "tozero" },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.12 },
    },
    width: 800,
    height: 500,
  };
}

export function conflictsFigure(rows: readonly ConflictRow[], note = ""): FigureSpec {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const metrics = ["concurrent_writes", "rewrites", "claims_blocked"];
  return groupedBars(
    models,
    metrics.map((m) => {
      const pick = (model: string): ConflictRow | undefined => rows.find((r) => r.model === model && r.metric === m);
      return {
        name: CONFLICT_NAMES[m]!,
        color: CONFLICT_COLORS[m]!,
        values: models.map((model) => pick(model)?.mean ?? null),
        errors: models.map((model) => pick(model)?.sem ?? null),
      };
    }),
    titled("Consistency conflicts in decentralized teams (successful runs, all p and n)", note),
    "Mean events per run",
  );
}

export function testFailuresFigure(rows: readonly TestFailureRow[], note = ""): FigureSpec {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  return groupedBars(
    models,
    (["decentralized", "preassign"] as const).map((c) => {
      const pick = (model: string): TestFailureRow | undefined => rows.find((r) => r.model === model && r.condition === c);
      return {
        name: CONDITION_NAMES[c]!,
        color: CONDITION_COLORS[c]!,
        values: models.map((m) => pick(m)?.mean ?? null),
        errors: models.map((m) => pick(m)?.sem ?? null),
      };
    }),
    titled("Failed test runs per run (return code 1, 2 or 3; successful runs)", note),
    "Failed test runs per run",
  );
}

function band(x: number[], mean: number[], sem: number[], color: string, common: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "scatter",
    mode: "lines",
    x: [...x, ...[...x].reverse()],
    y: [...mean.map((m, i) => m + sem[i]!), ...mean.map((m, i) => m - sem[i]!).reverse()],
    fill: "toself",
    fillcolor: withAlpha(color, 0.15),
    line: { width: 0 },
    hoverinfo: "skip",
    showlegend: false,
    ...common,
  };
}

export function stragglerFigure(rows: readonly StragglerRow[], note = ""): FigureSpec {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const pLabels = ["p09", "p05", "p02"];
  const { layout: axes, cells } = gridAxes(models.length, pLabels.length, { vgap: 0.08 });
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = { ...BASE_LAYOUT, ...axes };
  models.forEach((model, i) => {
    pLabels.forEach((p, j) => {
      const cell = cells[i * pLabels.length + j]!;
      if (i === 0) annotations.push(cellTitle(pLabelName(p), cell.domainX, cell.domainY));
      for (const c of ["decentralized", "preassign"] as const) {
        const pts = rows.filter((r) => r.model === model && r.p_label === p && r.condition === c).sort((a, b) => a.n - b.n);
        if (pts.length === 0) continue;
        const color = CONDITION_COLORS[c]!;
        const common = { xaxis: cell.xaxis, yaxis: cell.yaxis, legendgroup: c };
        const x = pts.map((r) => r.n);
        data.push(band(x, pts.map((r) => r.mean), pts.map((r) => r.sem), color, common));
        data.push({
          type: "scatter",
          mode: "lines+markers",
          x,
          y: pts.map((r) => r.mean),
          name: CONDITION_NAMES[c],
          showlegend: i === 0 && j === 0,
          line: { color, width: 1.8, dash: c === "preassign" ? "dash" : "solid" },
          marker: { color, size: 6, symbol: c === "preassign" ? "square" : "circle" },
          ...common,
        });
      }
      layout[cell.xName] = { ...(axes[cell.xName] as object), dtick: 1, ...(i === models.length - 1 ? { title: { text: "Team size (n)" } } : {}) };
      layout[cell.yName] = {
        ...(axes[cell.yName] as object),
        rangemode: "tozero",
        ...(j === 0 ? { title: { text: `${modelLabel(model)}<br>gap (s)` } } : {}),
      };
    });
  });
  layout["title"] = titled("Straggler gap: max minus mean reply latency per round", note);
  layout["annotations"] = annotations;
  layout["legend"] = { orientation: "h", x: 0.5, xanchor: "center", y: -0.06 };
  return { data, layout, width: 1300, height: 300 * Math.max(models.length, 1) + 120 };
}

function extraFigure(rows: readonly ExtraRow[], title: string, yTitle: string, note: string): FigureSpec {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const data: Record<string, unknown>[] = [];
  for (const model of models) {
    const pts = rows.filter((r) => r.model === model).sort((a, b) => a.n - b.n);
    const color = modelColor(model, models);
    const x = pts.map((r) => r.n);
    data.push(band(x, pts.map((r) => r.mean), pts.map((r) => r.sem), color, { legendgroup: model }));
    data.push({
      type: "scatter",
      mode: "lines+markers",
      x,
      y: pts.map((r) => r.mean),
      customdata: pts.map((r) => r.sem),
      hovertemplate: `${modelLabel(model)}<br>n = %{x}<br>%{y:.1f} ± %{customdata:.1f}<extra></extra>`,
      name: modelLabel(model),
      legendgroup: model,
      line: { color, width: 2 },
      marker: { color, size: 6 },
    });
  }
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: titled(title, note),
      xaxis: { title: { text: "Team size (n)" }, dtick: 1 },
      yaxis: { title: { text: yTitle }, zeroline: true, zerolinecolor: "#888", zerolinewidth: 1 },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 0, y1: 0, line: { color: "#888", dash: "dash", width: 1 } }],
    },
    width: 800,
    height: 500,
  };
}

export function extraMessagesFigure(rows: readonly ExtraRow[], note = ""): FigureSpec {
  return extraFigure(rows, "Coordination overhead: extra messages in decentralized teams", "Extra messages per run (decentralized − centralized)", note);
}

export function extraIdleRoundsFigure(rows: readonly ExtraRow[], note = ""): FigureSpec {
  return extraFigure(rows, "Idle-round overhead in decentralized teams", "Extra idle rounds per run (decentralized − centralized)", note);
}

export function tokenCostFigure(rows: readonly TokenCostRow[], note = ""): FigureSpec {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const conditions = ["preassign", "decentralized"] as const;
  const { layout: axes, cells } = gridAxes(models.length, 2, { vgap: 0.07, sharedY: true });
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = { ...BASE_LAYOUT, ...axes, barmode: "group" };
  models.forEach((model, i) => {
    conditions.forEach((c, j) => {
      const cell = cells[i * 2 + j]!;
      if (i === 0) annotations.push(cellTitle(CONDITION_NAMES[c]!, cell.domainX, cell.domainY));
      for (const p of ["p02", "p05", "p09"]) {
        const pts = rows.filter((r) => r.model === model && r.condition === c && r.p_label === p).sort((a, b) => a.n - b.n);
        data.push({
          type: "bar",
          x: pts.map((r) => r.n),
          y: pts.map((r) => r.mean),
          error_y: { type: "data", array: pts.map((r) => r.sem), visible: true, color: "#333", thickness: 0.8, width: 2 },
          name: pLabelName(p),
          legendgroup: p,
          showlegend: i === 0 && j === 0,
          marker: { color: P_COLORS[p], line: { color: "white", width: 0.4 } },
          xaxis: cell.xaxis,
          yaxis: cell.yaxis,
        });
      }
      layout[cell.xName] = { ...(axes[cell.xName] as object), dtick: 1, ...(i === models.length - 1 ? { title: { text: "Team size (n)" } } : {}) };
      layout[cell.yName] = { ...(axes[cell.yName] as object), ...(j === 0 ? { title: { text: `${modelLabel(model)}<br>tokens` } } : {}) };
    });
  });
  layout["title"] = titled("Total tokens per successful run by team size, condition and p", note);
  layout["annotations"] = annotations;
  layout["legend"] = { orientation: "h", x: 0.5, xanchor: "center", y: -0.06 };
  return { data, layout, width: 1000, height: 320 * Math.max(models.length, 1) + 120 };
}

/** Efficiency colour bands of the paper's table: green >= 0.8, yellow >= 0.4, red below (on the 2-decimal value). */
export function efficiencyColor(efficiency: number): string {
  const v = Number(efficiency.toFixed(2));
  return v >= 0.8 ? "#d4edda" : v >= 0.4 ? "#fff3cd" : "#f8d7da";
}

export function costSpeedupFigure(rows: readonly CostSpeedupRow[], note = ""): FigureSpec {
  const header = ["Condition", "Model", "p", "n", "Speedup", "Token cost", "Efficiency"];
  const cols: string[][] = header.map(() => []);
  const fills: string[] = [];
  for (const r of rows) {
    cols[0]!.push(CONDITION_NAMES[r.condition] ?? r.condition);
    cols[1]!.push(modelLabel(r.model));
    cols[2]!.push(r.p_label);
    cols[3]!.push(String(r.n));
    cols[4]!.push(`${r.speedup.toFixed(2)}×`);
    cols[5]!.push(`${r.token_multiplier.toFixed(2)}×`);
    cols[6]!.push(r.efficiency.toFixed(2));
    fills.push(efficiencyColor(r.efficiency));
  }
  const white = rows.map(() => "white");
  return {
    data: [
      {
        type: "table",
        columnwidth: [150, 140, 40, 30, 70, 80, 70],
        header: { values: header.map((h) => `<b>${h}</b>`), fill: { color: "#eeeeee" }, align: "center" },
        cells: { values: cols, fill: { color: [white, white, white, white, white, white, fills] }, align: "center", height: 22 },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: titled("Cost vs speedup: speedup, token multiplier and efficiency (mean over task types)", note),
      margin: { l: 10, r: 10, t: 70, b: 10 },
    },
    width: 900,
    height: 120 + 22 * (rows.length + 1),
  };
}

const table = (columns: readonly string[], rows: readonly (readonly (string | number)[])[]): CsvTable => ({ columns, rows });

/** The nine figures (ten files: the speedup figure has a centralized and a decentralized version), with their CSV tables. */
export function paperFigures(t: PaperTables, note = ""): NamedFigure[] {
  const sp = speedupCsv(t.speedup);
  return [
    { name: "speedup_centralized", csvName: "speedup.csv", csv: sp, spec: speedupFigure(t.speedup, "preassign", { title: "Team speedup vs Amdahl's law: centralized (preassigned)", note }) },
    { name: "speedup_decentralized", csvName: "speedup.csv", csv: sp, spec: speedupFigure(t.speedup, "decentralized", { title: "Team speedup vs Amdahl's law: decentralized", note }) },
    { name: "conflicts", csvName: "conflicts.csv", csv: table(["model", "metric", "mean", "sem"], t.conflicts.map((r) => [r.model, r.metric, r.mean, r.sem])), spec: conflictsFigure(t.conflicts, note) },
    { name: "test_failures", csvName: "test_failures.csv", csv: table(["model", "condition", "mean", "sem"], t.testFailures.map((r) => [r.model, r.condition, r.mean, r.sem])), spec: testFailuresFigure(t.testFailures, note) },
    { name: "straggler_gap", csvName: "straggler_gap.csv", csv: table(["model", "condition", "p_label", "n", "mean", "sem"], t.straggler.map((r) => [r.model, r.condition, r.p_label, r.n, r.mean, r.sem])), spec: stragglerFigure(t.straggler, note) },
    { name: "extra_messages", csvName: "extra_messages.csv", csv: table(["model", "n", "mean", "sem"], t.extraMessages.map((r) => [r.model, r.n, r.mean, r.sem])), spec: extraMessagesFigure(t.extraMessages, note) },
    { name: "extra_idle_rounds", csvName: "extra_idle_rounds.csv", csv: table(["model", "n", "mean", "sem"], t.extraIdleRounds.map((r) => [r.model, r.n, r.mean, r.sem])), spec: extraIdleRoundsFigure(t.extraIdleRounds, note) },
    { name: "token_cost", csvName: "token_cost.csv", csv: table(["condition", "model", "p_label", "n", "mean", "sem"], t.tokenCost.map((r) => [r.condition, r.model, r.p_label, r.n, r.mean, r.sem])), spec: tokenCostFigure(t.tokenCost, note) },
    { name: "cost_speedup", csvName: "cost_speedup.csv", csv: table(["condition", "model", "p_label", "n", "speedup", "token_multiplier", "efficiency"], t.costSpeedup.map((r) => [r.condition, r.model, r.p_label, r.n, r.speedup, r.token_multiplier, r.efficiency])), spec: costSpeedupFigure(t.costSpeedup, note) },
  ];
}
