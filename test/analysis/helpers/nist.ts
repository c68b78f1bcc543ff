import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A NIST StRD fixture (see test/fixtures/nist/README.md). */
export interface NistFixture {
  name: string;
  kind: "linear" | "nonlinear";
  intercept?: boolean;
  degree?: number;
  expression?: string;
  param_names: string[];
  x?: number[];
  /** Two-predictor sets (Nelson): the predictor columns. */
  x1?: number[];
  x2?: number[];
  /** "log": the model is fitted to log(y) (Nelson: log[y] = …). */
  response_transform?: "log";
  X?: number[][];
  y: number[];
  start?: number[][];
  certified: { params: number[]; sd: number[]; rsd: number; sse?: number; r2?: number };
}

export function loadNist(file: string): NistFixture {
  const path = fileURLToPath(new URL(`../../fixtures/nist/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as NistFixture;
}

/** |a − b| / |b|, or |a| when b = 0. */
export function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
