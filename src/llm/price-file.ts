import { readFileSync } from "node:fs";
import { error } from "../core/errors.js";
import { DEFAULT_PRICE_TABLE, withPrices, type ModelPrice, type PriceTable } from "./prices.js";

/**
 * Read a price file: either a `PriceTable` (`{ "asOf": "...", "note": "...", "models": { ... } }`) or
 * just its models (`{ "my-model": { "inputPerMillion": 0.2, "outputPerMillion": 0.8 } }`). The result is
 * `base` with those models added or replaced.
 *
 * @throws ToolkitError naming the file and the problem (unreadable, not JSON, a bad price).
 */
export function loadPriceFile(path: string, base: PriceTable = DEFAULT_PRICE_TABLE): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw error("loadPriceFile", `${path}: cannot read the price file as JSON (${(e as Error).message})`, e);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw error("loadPriceFile", `${path}: expected a JSON object of model prices`);
  const o = json as Record<string, unknown>;
  const models = (typeof o["models"] === "object" && o["models"] !== null ? o["models"] : o) as Record<string, ModelPrice>;
  const asOf = typeof o["asOf"] === "string" ? o["asOf"] : base.asOf;
  try {
    const table = withPrices(models, base, asOf);
    return typeof o["note"] === "string" ? { ...table, note: `${o["note"]} (from ${path})` } : { ...table, note: `${table.note} (from ${path})` };
  } catch (e) {
    throw error("loadPriceFile", `${path}: ${(e as Error).message}`, e);
  }
}
