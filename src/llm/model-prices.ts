import { readFileSync } from "node:fs";
import { DEFAULT_PRICE_TABLE, tokenCostUsd, withPrices, type ModelPrice, type PriceTable } from "../analysis/price-table.js";
import { error } from "../core/errors.js";

/**
 * Prices for runs against OpenAI-compatible endpoints: the toolkit's one table, `DEFAULT_PRICE_TABLE`
 * (assumed, dated list prices; not quotes). Local models (Ollama, vLLM) have no entry: their runs get an
 * empty `cost_usd`. Override or add with `--prices FILE`.
 */
export const RUN_PRICE_TABLE: PriceTable = DEFAULT_PRICE_TABLE;

/**
 * The table's entry for `model`, trying in turn: the name as given, lower-cased, without a provider
 * prefix (`openai/gpt-4o` -> `gpt-4o`), and without a date suffix (`gpt-4o-2024-08-06` -> `gpt-4o`).
 * Null when none is in the table.
 */
export function priceIdFor(model: string, table: PriceTable): string | null {
  const candidates: string[] = [];
  const add = (m: string): void => {
    if (!candidates.includes(m)) candidates.push(m);
  };
  add(model);
  add(model.toLowerCase());
  for (const m of [...candidates]) add(m.slice(m.lastIndexOf("/") + 1));
  for (const m of [...candidates]) add(m.replace(/-\d{4}-\d{2}-\d{2}$/, ""));
  return candidates.find((m) => table.models[m] !== undefined) ?? null;
}

/** Dollar cost of a run's tokens, or null when the model has no price (never throws for an unknown model). */
export function runCostUsd(model: string, inputTokens: number, outputTokens: number, table: PriceTable = RUN_PRICE_TABLE): number | null {
  const id = priceIdFor(model, table);
  return id === null ? null : tokenCostUsd({ model: id, inputTokens, outputTokens }, table);
}

/**
 * Read a price file: either a `PriceTable` (`{ "asOf": "...", "note": "...", "models": { ... } }`) or
 * just its models (`{ "my-model": { "inputPerMillion": 0.2, "outputPerMillion": 0.8 } }`). The result is
 * `base` with those models added or replaced.
 *
 * @throws ToolkitError naming the file and the problem (unreadable, not JSON, a bad price).
 */
export function loadPriceFile(path: string, base: PriceTable = RUN_PRICE_TABLE): PriceTable {
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
