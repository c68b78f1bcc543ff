import { error } from "../core/errors.js";

/**
 * The one p-label codec. A `p_label` names a parallel fraction after the paper's `p09` = 0.9: "p", the digit
 * before the decimal point, then the digits after it (at least one, at most two), with p rounded to two
 * decimals:
 *
 *   0.9 -> p09,  0.5 -> p05,  0.35 -> p035,  0 -> p00,  1 -> p10,  2/3 -> p067.
 *
 * `pFromLabel(pLabel(p))` equals p rounded to two decimals for every p in [0, 1], and
 * `pLabel(pFromLabel(label)) === label` for every canonical label (no trailing zero after the first
 * decimal digit: `p090` is refused, `p09` is the label of 0.9).
 */
const LABEL = /^p([01])(\d{1,2})$/;

/**
 * The `p_label` of a parallel fraction p in [0, 1] (rounded to two decimals).
 * @throws ToolkitError when p is not a number in [0, 1].
 * @example pLabel(0.35) // "p035"
 */
export function pLabel(p: number): string {
  if (!(p >= 0 && p <= 1)) throw error("pLabel", `p must be a number in [0, 1], got ${p}`);
  const hundredths = Math.round(p * 100);
  const whole = Math.floor(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, "0");
  return `p${whole}${frac.endsWith("0") ? frac[0] : frac}`;
}

/**
 * The parallel fraction a `p_label` names: `p09` -> 0.9, `p035` -> 0.35, `p10` -> 1.
 * @throws ToolkitError for anything that is not a canonical label of a p in [0, 1].
 */
export function pFromLabel(label: string): number {
  const m = LABEL.exec(label);
  const valid = `expected "p", the digit before the point and one or two after it, for p in [0, 1] (p09 = 0.9, p035 = 0.35, p10 = 1)`;
  if (!m) throw error("pFromLabel", `${JSON.stringify(label)} is not a p label; ${valid}`);
  const p = Number(`${m[1]}.${m[2]}`);
  if (p > 1) throw error("pFromLabel", `${JSON.stringify(label)} names p = ${p}, outside [0, 1]; ${valid}`);
  if (pLabel(p) !== label) {
    throw error("pFromLabel", `${JSON.stringify(label)} is not canonical; the label of p = ${p} is ${pLabel(p)}`);
  }
  return p;
}
