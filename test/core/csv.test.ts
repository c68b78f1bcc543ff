import { describe, expect, it } from "vitest";
import { formatCsvField, formatCsvLine } from "../../src/core/csv.js";

// RFC 4180, section 2: fields with commas, double quotes or line breaks are enclosed in double quotes, and
// a double quote inside such a field is escaped by another double quote.
describe("the CSV writer", () => {
  it("quotes as RFC 4180 says and leaves plain fields alone", () => {
    expect(formatCsvLine(["a", "b,c", 'say "hi"', "two\nlines", "cr\r", ""])).toBe('a,"b,c","say ""hi""","two\nlines","cr\r",');
  });

  it("writes numbers in their shortest round-trip form, booleans as words, null as an empty cell", () => {
    expect(formatCsvLine([0.1 + 0.2, 1e21, -0, true, false, null, undefined])).toBe("0.30000000000000004,1e+21,0,true,false,,");
  });

  it("refuses a non-finite number instead of writing NaN", () => {
    expect(() => formatCsvField(Number.NaN)).toThrow("formatCsvField: a CSV number must be finite; got NaN");
    expect(() => formatCsvField(Number.POSITIVE_INFINITY)).toThrow("got Infinity");
  });
});
