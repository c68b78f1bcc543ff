import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { figureBundle, figureTitle, PLOTLY_MIME, plotlyJson } from "../../src/notebook/figure-bundle.js";
import { halvePng, pngSize } from "../../src/notebook/png.js";
import type { FigureSpec } from "../../src/plots/types.js";
import { makePng } from "./helpers.js";

const spec: FigureSpec = {
  data: [{ type: "scatter", x: [1, 2], y: [1.5, Number.NaN] }],
  layout: { title: { text: "Team speedup<br><sup>simulated &amp; real</sup>", x: 0.5 }, width: 999 },
  width: 8,
  height: 6,
};

describe("pngSize", () => {
  it("reads width and height from the IHDR chunk", () => {
    expect(pngSize(makePng(7, 3, () => [0, 0, 0, 255]))).toEqual({ width: 7, height: 3 });
  });
  it("refuses bytes that are not a PNG", () => {
    expect(() => pngSize(new Uint8Array([1, 2, 3]))).toThrow("pngSize: not a PNG (3 bytes; the first 8 bytes are not the PNG signature)");
  });
});

describe("halvePng", () => {
  it("averages each 2x2 block with rounding: (a + b + c + d + 2) >> 2", () => {
    // 4x2 image: left block values 0, 1, 2, 4 (mean 1.75 -> 2); right block all 200.
    const v = [
      [0, 1, 200, 200],
      [2, 4, 200, 200],
    ];
    const half = PNG.sync.read(halvePng(makePng(4, 2, (x, y) => [v[y]![x]!, 10, 255, 255])));
    expect([half.width, half.height]).toEqual([2, 1]);
    expect([...half.data]).toEqual([2, 10, 255, 255, 200, 10, 255, 255]);
  });
  it("writes opaque images as RGB and keeps alpha otherwise", () => {
    // PNG colour type is byte 25 of the file: 2 = RGB, 6 = RGBA.
    expect(halvePng(makePng(2, 2, () => [9, 9, 9, 255]))[25]).toBe(2);
    expect(halvePng(makePng(2, 2, (x) => [9, 9, 9, x === 0 ? 0 : 255]))[25]).toBe(6);
  });
  it("refuses odd sides", () => {
    expect(() => halvePng(makePng(3, 2, () => [0, 0, 0, 255]))).toThrow("halvePng: expected even width and height; got 3 x 2");
  });
});

describe("figureTitle", () => {
  it("takes layout.title's text without tags or entities", () => {
    expect(figureTitle(spec)).toBe("Team speedup simulated real");
    expect(figureTitle({ data: [], layout: { title: "Plain" } })).toBe("Plain");
    expect(figureTitle({ data: [], layout: {} }, "conflicts")).toBe("conflicts");
  });
});

describe("plotlyJson", () => {
  it("keeps data and layout as JSON, sets the height and leaves the width to the front end", () => {
    const j = plotlyJson(spec);
    expect(j.data).toEqual([{ type: "scatter", x: [1, 2], y: [1.5, null] }]);
    expect(j.layout).toEqual({ title: spec.layout["title"], autosize: true, height: 6 });
    expect(j.config).toEqual({ responsive: true, displaylogo: false });
    expect(spec.layout["width"]).toBe(999); // the spec itself is not changed
  });
});

describe("figureBundle", () => {
  const png2x = makePng(16, 12, (x, y) => [x * 10, y * 10, 0, 255]);

  it("puts the plotly JSON, the PNG and a text line in one output, plotly first", () => {
    const b = figureBundle(spec, png2x, { pngScale: 2 });
    expect(Object.keys(b.data)).toEqual([PLOTLY_MIME, "image/png", "text/plain"]);
    expect(b.data[PLOTLY_MIME]).toEqual(plotlyJson(spec));
    expect(Buffer.from(b.data["image/png"] as string, "base64").equals(png2x)).toBe(true);
    expect(b.data["text/plain"]).toBe("<Figure: Team speedup simulated real>");
    // the CSS size is the PNG's pixel size over its scale
    expect(b.metadata).toEqual({ "image/png": { width: 8, height: 6 } });
  });

  it("gives a 1x image its own size and leaves out plotly in static mode", () => {
    const png1x = makePng(8, 6, () => [0, 0, 0, 255]);
    const b = figureBundle(spec, png1x, { mode: "static" });
    expect(Object.keys(b.data)).toEqual(["image/png", "text/plain"]);
    expect(b.metadata).toEqual({ "image/png": { width: 8, height: 6 } });
  });

  it("survives a JSON round trip unchanged, as it is stored in the .ipynb file", () => {
    const b = figureBundle(spec, png2x, { pngScale: 2 });
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it("refuses bad options and images that do not fit the scale", () => {
    expect(() => figureBundle(spec, png2x, { mode: "html" as never })).toThrow('figureBundle: mode must be "plotly" or "static"; got "html"');
    expect(() => figureBundle(spec, png2x, { pngScale: 3 })).toThrow("figureBundle: pngScale must be 1 or 2; got 3");
    expect(() => figureBundle(spec, makePng(5, 4, () => [0, 0, 0, 255]), { pngScale: 2 })).toThrow(
      "figureBundle: a 5 x 4 PNG is not at scale 2 (sides must be multiples of it)",
    );
  });
});
