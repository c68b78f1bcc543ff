import { error } from "../core/errors.js";

/**
 * A `p_label` for a parallel fraction, after the paper's `p09` = 0.9: "p" and the digits of p rounded to two
 * decimals, without the point (0.9 -> p09, 0.35 -> p035, 0 -> p00, 0.777... -> p078).
 * @throws ToolkitError when p is not in [0, 1].
 */
export function pLabel(p: number): string {
  if (!(p >= 0 && p <= 1)) throw error("pLabel", `p must be in [0, 1], got ${p}`);
  const text = String(Math.round(p * 100) / 100);
  return text === "0" ? "p00" : `p${text.replace(".", "")}`;
}
