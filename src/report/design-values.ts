import type { PaperTables } from "../metrics/paper-tables.js";
import { amdahlSpeedup } from "../tasks/amdahl.js";
import { modelLabel, pFromLabel } from "../plots/style.js";

/**
 * Values the project's design notes (/work/shared/DESIGN.md, "Known values from the published data")
 * quote from the paper's published data, to check a reproduction against.
 */

/** What a design value measures. */
export type DesignQuantity = "speedup" | "amdahl_bound" | "extra_messages";

export interface DesignValue {
  quantity: DesignQuantity;
  /** `model_dir`. */
  model: string;
  /** `preassign` (centralized) or `decentralized`; extra messages compare the two (`decentralized - preassign`). */
  condition: "preassign" | "decentralized" | "decentralized - preassign";
  p_label: string | null;
  n: number;
  /** The value as quoted. */
  design: number;
  /** Decimals it was quoted with: a reproduction matches when it rounds to it, |x - design| <= 0.5 * 10^-decimals. */
  decimals: number;
}

const CLAUDE = "anthropic_claude-sonnet-4-6";

/**
 * Claude Sonnet 4.6, centralized, p = 0.9: speedups 1.80, 2.42, 2.78, 3.35 at n = 2..5 against Amdahl
 * bounds 1.82, 2.50, 3.08, 3.57; decentralized minus centralized mean replies per run at n = 5: about 168
 * (Claude), 134 (GPT-5.2), 52 (Gemini 3 Flash).
 */
export const DESIGN_VALUES: readonly DesignValue[] = [
  ...[1.8, 2.42, 2.78, 3.35].map((design, i): DesignValue => ({ quantity: "speedup", model: CLAUDE, condition: "preassign", p_label: "p09", n: i + 2, design, decimals: 2 })),
  ...[1.82, 2.5, 3.08, 3.57].map((design, i): DesignValue => ({ quantity: "amdahl_bound", model: CLAUDE, condition: "preassign", p_label: "p09", n: i + 2, design, decimals: 2 })),
  ...(
    [
      [CLAUDE, 168],
      ["openai_gpt-5.2", 134],
      ["google_gemini-3-flash-preview", 52],
    ] as const
  ).map(([model, design]): DesignValue => ({ quantity: "extra_messages", model, condition: "decentralized - preassign", p_label: null, n: 5, design, decimals: 0 })),
];

/** A design value beside the reproduced one. */
export interface DesignValueComparison extends DesignValue {
  /** From the tables (speedup, extra messages) or the formula (Amdahl bound); null when the tables lack the row. */
  reproduced: number | null;
  /** reproduced - design. */
  difference: number | null;
  /** True when the reproduction rounds to the quoted value. */
  matches: boolean;
}

// Room for binary floating point at the rounding boundary (e.g. 2.425 - 2.42).
const EPS = 1e-9;

/**
 * Compare the design values with the reproduction: speedups from `tables.speedup`, Amdahl bounds from
 * S = 1 / ((1 - p) + p / n) with p from the label (p09 -> 0.9), extra messages from `tables.extraMessages`.
 */
export function designValueComparison(tables: PaperTables, values: readonly DesignValue[] = DESIGN_VALUES): DesignValueComparison[] {
  return values.map((v) => {
    const reproduced = reproducedValue(tables, v);
    const difference = reproduced === null ? null : reproduced - v.design;
    const matches = difference !== null && Math.abs(difference) <= 0.5 * 10 ** -v.decimals + EPS;
    return { ...v, reproduced, difference, matches };
  });
}

function reproducedValue(t: PaperTables, v: DesignValue): number | null {
  switch (v.quantity) {
    case "speedup":
      return t.speedup.find((r) => r.condition === v.condition && r.model === v.model && r.p_label === v.p_label && r.n === v.n)?.mean ?? null;
    case "amdahl_bound":
      return v.p_label === null ? null : amdahlSpeedup(pFromLabel(v.p_label), v.n);
    case "extra_messages":
      return t.extraMessages.find((r) => r.model === v.model && r.n === v.n)?.mean ?? null;
    default: {
      const never: never = v.quantity;
      throw new Error(`designValueComparison: unknown quantity ${String(never)}`);
    }
  }
}

const QUANTITY_NAMES: Readonly<Record<DesignQuantity, string>> = {
  speedup: "speedup",
  amdahl_bound: "Amdahl bound",
  extra_messages: "extra messages per run",
};

/** The comparison as rows for a table: readable names, the design value as quoted, and the verdict. */
export function designValueRows(comparison: readonly DesignValueComparison[]): Record<string, string | number | null>[] {
  return comparison.map((c) => ({
    quantity: QUANTITY_NAMES[c.quantity],
    model: modelLabel(c.model),
    condition: c.condition === "preassign" ? "centralized" : c.condition === "decentralized" ? "decentralized" : "decentralized − centralized",
    p: c.p_label === null ? "all" : String(pFromLabel(c.p_label)),
    n: c.n,
    design: c.design.toFixed(c.decimals),
    reproduced: c.reproduced,
    difference: c.difference,
    matches: c.reproduced === null ? "missing" : c.matches ? "yes" : "no",
  }));
}
