import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_TABLE, withPrices } from "../../src/llm/prices.js";
import { priceTableRows } from "../../src/report/price-rows.js";

describe("priceTableRows", () => {
  it("gives one row per model with its date and the output/input price ratio", () => {
    const rows = priceTableRows(DEFAULT_PRICE_TABLE);
    expect(rows.map((r) => r.model)).toEqual(Object.keys(DEFAULT_PRICE_TABLE.models));
    expect(rows[0]).toEqual({ model: "claude-sonnet-4.6", input_usd_per_million: 3, output_usd_per_million: 15, output_to_input: 5, as_of: DEFAULT_PRICE_TABLE.asOf });
  });

  it("shows overridden prices and leaves the ratio undefined (NaN) for a free input", () => {
    const rows = priceTableRows(withPrices({ local: { inputPerMillion: 0, outputPerMillion: 0 } }, DEFAULT_PRICE_TABLE, "2026-12-01"));
    expect(rows.at(-1)).toMatchObject({ model: "local", as_of: "2026-12-01" });
    expect(rows.at(-1)!.output_to_input).toBeNaN();
  });
});
