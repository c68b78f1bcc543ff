import type { PriceTable } from "../llm/prices.js";

/** One row of {@link priceTableRows}: one model's assumed prices. */
export interface PriceRow {
  model: string;
  input_usd_per_million: number;
  output_usd_per_million: number;
  /** Output price / input price: how much more an output token costs. */
  output_to_input: number;
  /** The date the prices were assumed on (the table's `asOf`). */
  as_of: string;
}

/**
 * A price table as rows for display, one per model in the table's order, each with the table's date,
 * so that no dollar figure is shown without the date of its assumption. The table's `note` (where the
 * prices come from) is not repeated per row: show it beside the table.
 */
export function priceTableRows(prices: PriceTable): PriceRow[] {
  return Object.entries(prices.models).map(([model, p]) => ({
    model,
    input_usd_per_million: p.inputPerMillion,
    output_usd_per_million: p.outputPerMillion,
    output_to_input: p.inputPerMillion === 0 ? Number.NaN : p.outputPerMillion / p.inputPerMillion,
    as_of: prices.asOf,
  }));
}
