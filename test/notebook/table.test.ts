import { describe, expect, it } from "vitest";
import { recordsToDataFrame, tableToDataFrame } from "../../src/frames/index.js";
import { escapeHtml } from "../../src/notebook/escape-html.js";
import { formatCell } from "../../src/notebook/format-cell.js";
import { resolveTableOptions, rowLimitNote, tableBundle } from "../../src/notebook/table-bundle.js";
import { isFrameLike, toTableData } from "../../src/notebook/table-data.js";

const fmt = { digits: 4, maxChars: 120 };

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<b class="x" title='y'>&amp;</b>`)).toBe("&lt;b class=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;");
    expect(escapeHtml("plain text, 1.5")).toBe("plain text, 1.5");
  });
});

describe("formatCell", () => {
  it("writes integers in full and other numbers with fixed decimals", () => {
    expect(formatCell(422758, fmt)).toBe("422758");
    expect(formatCell(1.7967444468928109, fmt)).toBe("1.7967");
    expect(formatCell(2.5, fmt)).toBe("2.5000");
    expect(formatCell(-0.25, { ...fmt, digits: 1 })).toBe("-0.3");
  });
  it("keeps small values visible in exponent form", () => {
    expect(formatCell(0.00001234, fmt)).toBe("1.234e-5");
    expect(formatCell(0.0001, fmt)).toBe("0.0001");
  });
  it("names NaN and infinities, blanks null and undefined", () => {
    expect(formatCell(Number.NaN, fmt)).toBe("NaN");
    expect(formatCell(-Infinity, fmt)).toBe("-Infinity");
    expect(formatCell(null, fmt)).toBe("");
    expect(formatCell(undefined, fmt)).toBe("");
  });
  it("writes booleans, bigints, dates and objects", () => {
    expect(formatCell(true, fmt)).toBe("true");
    expect(formatCell(12345678901234567890n, fmt)).toBe("12345678901234567890");
    expect(formatCell(new Date(Date.UTC(2026, 2, 2, 14, 5, 18)), fmt)).toBe("2026-03-02T14:05:18.000Z");
    expect(formatCell({ round: 1, gap: [1, 2n] }, fmt)).toBe('{"round":1,"gap":[1,"2"]}');
  });
  it("cuts long text with an ellipsis", () => {
    expect(formatCell("abcdefghij", { ...fmt, maxChars: 5 })).toBe("abcd…");
    expect(formatCell("abcde", { ...fmt, maxChars: 5 })).toBe("abcde");
  });
});

describe("toTableData", () => {
  it("takes records with keys in order of first appearance, missing keys as null", () => {
    expect(toTableData([{ a: 1, b: "x" }, { c: true, a: 2 }])).toEqual({
      columns: ["a", "b", "c"],
      rows: [
        [1, "x", null],
        [2, null, true],
      ],
    });
  });
  it("picks and orders record keys with `columns`", () => {
    expect(toTableData([{ a: 1, b: 2 }], ["b", "z"])).toEqual({ columns: ["b", "z"], rows: [[2, null]] });
  });
  it("takes a { columns, rows } table as it is and refuses ragged rows", () => {
    const t = { columns: ["model", "n"], rows: [["x", 1]] };
    expect(toTableData(t)).toEqual(t);
    expect(() => toTableData({ columns: ["a", "b"], rows: [[1, 2], [3]] })).toThrow("toTableData: row 1 has 1 cells; the table has 2 columns");
  });
  it("reads a danfojs DataFrame's columns, rows and index, and a Series as one column", () => {
    const df = recordsToDataFrame([
      { model: "a", n: 1 },
      { model: "b", n: 2 },
    ]);
    expect(isFrameLike(df)).toBe(true);
    expect(toTableData(df)).toEqual({ columns: ["model", "n"], rows: [["a", 1], ["b", 2]], index: [0, 1] });
    expect(toTableData(df.column("n"))).toEqual({ columns: ["n"], rows: [[1], [2]], index: [0, 1] });
  });
  it("reads a grouped danfojs result", () => {
    const df = tableToDataFrame({ columns: ["m", "v"], rows: [["a", 1], ["a", 3], ["b", 5]] });
    const g = df.groupby(["m"]).agg({ v: "mean" });
    expect(toTableData(g)).toEqual({ columns: ["m", "v_mean"], rows: [["a", 2], ["b", 5]], index: [0, 1] });
  });
  it("refuses anything else, saying what it got", () => {
    expect(() => toTableData({ foo: 1 } as never)).toThrow(
      "toTableData: expected a DataFrame or Series, a { columns, rows } table, or an array of records; got an object with keys [foo]",
    );
    expect(() => toTableData([1, 2] as never)).toThrow("toTableData: record 0 is number 1, not an object");
  });
});

describe("tableBundle", () => {
  it("writes an escaped HTML table and an aligned text table in one bundle", () => {
    const b = tableBundle({ columns: ["name", "<v>"], rows: [["a<b>&c", 1.5], ['"q"', 22]] });
    expect(Object.keys(b.data)).toEqual(["text/html", "text/plain"]);
    expect(b.data["text/html"]).toBe(
      [
        '<div class="ltd-table">',
        '<table class="dataframe" border="1">',
        '<thead><tr style="text-align: right;"><th>name</th><th>&lt;v&gt;</th></tr></thead>',
        "<tbody>",
        '<tr><td>a&lt;b&gt;&amp;c</td><td style="text-align: right;">1.5000</td></tr>',
        '<tr><td>&quot;q&quot;</td><td style="text-align: right;">22</td></tr>',
        "</tbody></table>",
        "</div>",
      ].join("\n"),
    );
    expect(b.data["text/plain"]).toBe(["name       <v>", "a<b>&c  1.5000", '"q"         22'].join("\n"));
    expect(b.metadata).toEqual({});
  });

  it("shows at most maxRows rows and says how many there are", () => {
    const rows = Array.from({ length: 1413 }, (_, i) => [i]);
    const b = tableBundle({ columns: ["i"], rows }, { maxRows: 3 });
    const html = b.data["text/html"] as string;
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain("<p><em>Showing the first 3 of 1,413 rows.</em></p>");
    expect(b.data["text/plain"]).toBe(["i", "0", "1", "2", "Showing the first 3 of 1,413 rows."].join("\n"));
    expect(tableBundle({ columns: ["i"], rows: rows.slice(0, 3) }, { maxRows: 3 }).data["text/html"]).not.toContain("Showing");
  });

  it("writes the index as a header column and an escaped caption", () => {
    const b = tableBundle({ columns: ["v"], rows: [[1]], index: ["<r0>"] }, { caption: "Runs & <events>" });
    const html = b.data["text/html"] as string;
    expect(html).toContain("<caption>Runs &amp; &lt;events&gt;</caption>");
    expect(html).toContain('<thead><tr style="text-align: right;"><th></th><th>v</th></tr></thead>');
    expect(html).toContain('<tr><th>&lt;r0&gt;</th><td style="text-align: right;">1</td></tr>');
    expect(b.data["text/plain"]).toBe(["Runs & <events>", "      v", "<r0>  1"].join("\n"));
  });

  it("writes an empty table with its header", () => {
    const b = tableBundle({ columns: ["a", "b"], rows: [] });
    expect(b.data["text/html"]).toContain("<tbody>\n</tbody>");
    expect(b.data["text/plain"]).toBe("a  b");
  });

  it("refuses bad options, naming them", () => {
    expect(() => resolveTableOptions({ maxRows: 0 })).toThrow("resolveTableOptions: maxRows must be an integer >= 1; got 0");
    expect(() => resolveTableOptions({ digits: 2.5 })).toThrow("resolveTableOptions: digits must be an integer in [0, 15]; got 2.5");
    expect(() => resolveTableOptions({ maxChars: 1 })).toThrow("resolveTableOptions: maxChars must be an integer >= 2; got 1");
    expect(resolveTableOptions({ maxRows: undefined as never })).toEqual({ maxRows: 20, digits: 4, maxChars: 120 });
  });

  it("notes row limits only when rows are left out", () => {
    expect(rowLimitNote(20, 20)).toBeNull();
    expect(rowLimitNote(20, 422758)).toBe("Showing the first 20 of 422,758 rows.");
  });
});
