import { js, type DomainPool, type PoolTask } from "./pool.js";

/**
 * `svgutils`: helpers that write SVG (and a little HTML) as strings. The chain builds up a bar chart and
 * the page that shows it (number formatting -> attributes -> elements -> rect -> bar -> ... -> page
 * statistics); the independent tasks are stand-alone shape, colour and geometry helpers.
 */

const BAR_OPTIONS = "Bar options: { max?: number; height?: number (default 100); barWidth?: number (default 20); gap?: number (default 5); labels?: string[]; alt?: string; caption?: string }.";

const chain: PoolTask[] = [
  {
    name: "fmtNum",
    title: "Format a number for SVG",
    signature: "fmtNum(x: number): string",
    spec: "Rounds x to two decimals with Math.round(x * 100) / 100 and returns the shortest text for the result: no trailing zeros and no trailing dot (2 -> \"2\", 1.5 -> \"1.5\", 1/3 -> \"0.33\"); a result of negative zero is written \"0\". Throws a RangeError for NaN, Infinity and non-numbers.",
    solution: js`
export function fmtNum(x) {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError("fmtNum: expected a finite number, got " + x);
  return String(Math.round(x * 100) / 100);
}`,
    faulty: js`
export function fmtNum(x) {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError("fmtNum: expected a finite number, got " + x);
  return x.toFixed(2);
}`,
    tests: js`
"integers have no decimals": () => assert.equal(fmtNum(2), "2"),
"no trailing zeros": () => assert.equal(fmtNum(1.5), "1.5"),
"two decimals at most": () => assert.equal(fmtNum(1 / 3), "0.33"),
"tiny negatives are 0": () => assert.equal(fmtNum(-0.001), "0"),
"NaN and Infinity refused": () => { assert.throws(() => fmtNum(NaN), RangeError); assert.throws(() => fmtNum(Infinity), RangeError); },`,
  },
  {
    name: "attr",
    title: "One attribute",
    signature: "attr(name: string, value: number | string): string",
    spec: "Returns ` name=\"value\"` with a leading space. Numbers are written with fmtNum; strings are escaped: & as &amp; (first), < as &lt;, > as &gt;, \" as &quot;. Throws a TypeError for any other type of value (null, undefined, objects).",
    uses: ["fmtNum"],
    solution: js`
export function attr(name, value) {
  if (typeof value === "number") return " " + name + '="' + fmtNum(value) + '"';
  if (typeof value === "string") {
    return " " + name + '="' + value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") + '"';
  }
  throw new TypeError("attr: the value of " + name + " must be a number or a string, got " + typeof value);
}`,
    faulty: js`
export function attr(name, value) {
  if (typeof value === "number") return " " + name + '="' + fmtNum(value) + '"';
  if (typeof value === "string") return " " + name + '="' + value.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") + '"';
  throw new TypeError("attr: the value of " + name + " must be a number or a string, got " + typeof value);
}`,
    tests: js`
"numbers go through fmtNum": () => assert.equal(attr("x", 1.256), ' x="1.26"'),
"ampersands are escaped": () => assert.equal(attr("title", "a & b"), ' title="a &amp; b"'),
"angle brackets and quotes are escaped": () => assert.equal(attr("title", '<"q">'), ' title="&lt;&quot;q&quot;&gt;"'),
"null refused": () => assert.throws(() => attr("x", null), TypeError),`,
  },
  {
    name: "attrs",
    title: "An attribute list",
    signature: "attrs(map: Record<string, number | string | null | undefined>): string",
    spec: "Returns attr(key, value) for each own entry of `map` in insertion order, concatenated; entries whose value is null or undefined are skipped. {} gives \"\".",
    uses: ["attr"],
    solution: js`
export function attrs(map) {
  return Object.entries(map)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => attr(k, v))
    .join("");
}`,
    faulty: js`
export function attrs(map) {
  return Object.entries(map)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => attr(k, v))
    .join("");
}`,
    tests: js`
"in insertion order": () => assert.equal(attrs({ x: 1, fill: "red" }), ' x="1" fill="red"'),
"null and undefined skipped": () => assert.equal(attrs({ a: 1, b: null, c: undefined }), ' a="1"'),
"empty": () => assert.equal(attrs({}), ""),`,
  },
  {
    name: "element",
    title: "An element",
    signature: "element(tag: string, attributes?: Record<string, number | string | null | undefined>, children?: string[]): string",
    spec: "Returns `<tag` + attrs(attributes) + `/>` when `children` is empty (the default), else `<tag` + attrs(attributes) + `>` + the children strings concatenated with nothing between them + `</tag>`. Children are already-rendered markup and are not escaped. Throws a RangeError when tag does not match /^[A-Za-z][\\w:-]*$/.",
    uses: ["attrs"],
    solution: js`
export function element(tag, attributes = {}, children = []) {
  if (!/^[A-Za-z][\w:-]*$/.test(tag)) throw new RangeError("element: invalid tag name " + JSON.stringify(tag));
  const open = "<" + tag + attrs(attributes);
  return children.length === 0 ? open + "/>" : open + ">" + children.join("") + "</" + tag + ">";
}`,
    faulty: js`
export function element(tag, attributes = {}, children = []) {
  if (!/^[A-Za-z][\w:-]*$/.test(tag)) throw new RangeError("element: invalid tag name " + JSON.stringify(tag));
  const open = "<" + tag + attrs(attributes);
  return children.length === 0 ? open + "/>" : open + ">" + children + "</" + tag + ">";
}`,
    tests: js`
"self-closing without children": () => assert.equal(element("circle", { r: 2 }), '<circle r="2"/>'),
"children joined with nothing between": () => assert.equal(element("g", { id: "a" }, ["<b/>", "<c/>"]), '<g id="a"><b/><c/></g>'),
"text child": () => assert.equal(element("text", {}, ["hi"]), "<text>hi</text>"),
"invalid tag refused": () => assert.throws(() => element("1x"), RangeError),`,
  },
  {
    name: "rect",
    title: "A rectangle",
    signature: "rect(x: number, y: number, width: number, height: number, attributes?: Record<string, number | string>): string",
    spec: "Returns element(\"rect\", { x, y, width, height, ...attributes }): attributes in that order, extra attributes after. Width and height may be 0; throws a RangeError when either is negative (or not a number).",
    uses: ["element"],
    solution: js`
export function rect(x, y, width, height, attributes = {}) {
  if (!(width >= 0 && height >= 0)) throw new RangeError("rect: width and height must be non-negative, got " + width + " and " + height);
  return element("rect", { x, y, width, height, ...attributes });
}`,
    faulty: js`
export function rect(x, y, width, height, attributes = {}) {
  return element("rect", { x, y, width, height, ...attributes });
}`,
    tests: js`
"plain rect": () => assert.equal(rect(1, 2, 30, 40), '<rect x="1" y="2" width="30" height="40"/>'),
"extra attributes after the geometry": () => assert.equal(rect(0, 0, 10, 5, { fill: "red" }), '<rect x="0" y="0" width="10" height="5" fill="red"/>'),
"negative width refused": () => assert.throws(() => rect(0, 0, -1, 5), RangeError),`,
  },
  {
    name: "bar",
    title: "One bar of a bar chart",
    signature: "bar(value: number, index: number, options: { max: number; height?: number; barWidth?: number; gap?: number }): string",
    spec: "Draws bar number `index` (0-based) of a chart whose bars stand on the bottom edge y = height: h = value / max * height, x = index * (barWidth + gap), y = height - h, returned as rect(x, y, barWidth, h, { class: \"bar\" }). Defaults: height 100, barWidth 20, gap 5; max is required. Throws a RangeError when max is not a positive number or value is outside [0, max].",
    uses: ["rect"],
    solution: js`
export function bar(value, index, options = {}) {
  const { max, height = 100, barWidth = 20, gap = 5 } = options;
  if (!(typeof max === "number" && max > 0)) throw new RangeError("bar: options.max must be a positive number, got " + max);
  if (!(value >= 0 && value <= max)) throw new RangeError("bar: value must be in [0, " + max + "], got " + value);
  const h = (value / max) * height;
  return rect(index * (barWidth + gap), height - h, barWidth, h, { class: "bar" });
}`,
    faulty: js`
export function bar(value, index, options = {}) {
  const { max, height = 100, barWidth = 20, gap = 5 } = options;
  if (!(typeof max === "number" && max > 0)) throw new RangeError("bar: options.max must be a positive number, got " + max);
  if (!(value >= 0 && value <= max)) throw new RangeError("bar: value must be in [0, " + max + "], got " + value);
  const h = (value / max) * height;
  return rect(index * (barWidth + gap), 0, barWidth, h, { class: "bar" });
}`,
    tests: js`
"half-height third bar": () => assert.equal(bar(50, 2, { max: 100 }), '<rect x="50" y="50" width="20" height="50" class="bar"/>'),
"custom sizes": () => assert.equal(bar(30, 0, { max: 60, height: 80, barWidth: 10, gap: 2 }), '<rect x="0" y="40" width="10" height="40" class="bar"/>'),
"value above max refused": () => assert.throws(() => bar(11, 0, { max: 10 }), RangeError),
"missing max refused": () => assert.throws(() => bar(1, 0, {}), RangeError),`,
  },
  {
    name: "bars",
    title: "All bars",
    signature: "bars(values: number[], options?: { max?: number; height?: number; barWidth?: number; gap?: number }): string",
    spec: "Returns bar(values[i], i, { ...options, max }) for every value, concatenated. max is options.max when given, else the largest value, or 1 when there are no values or all are 0. [] gives \"\".",
    uses: ["bar"],
    solution: js`
export function bars(values, options = {}) {
  const largest = values.length === 0 ? 0 : Math.max(...values);
  const max = options.max ?? (largest > 0 ? largest : 1);
  return values.map((v, i) => bar(v, i, { ...options, max })).join("");
}`,
    faulty: js`
export function bars(values, options = {}) {
  const largest = values.length === 0 ? 0 : Math.max(values);
  const max = options.max ?? (largest > 0 ? largest : 1);
  return values.map((v, i) => bar(v, i, { ...options, max })).join("");
}`,
    tests: js`
"scaled to the largest value": () =>
  assert.equal(bars([1, 2], { height: 10 }), '<rect x="0" y="5" width="20" height="5" class="bar"/><rect x="25" y="0" width="20" height="10" class="bar"/>'),
"explicit max": () => assert.equal(bars([5], { max: 10, height: 10 }), '<rect x="0" y="5" width="20" height="5" class="bar"/>'),
"no values": () => assert.equal(bars([]), ""),`,
  },
  {
    name: "barGroup",
    title: "Group of bars",
    signature: "barGroup(values: number[], options?: object): string",
    spec: `Returns element("g", { class: "bars" }, children) where children is [bars(values, options)], or [] when there are no values, so that an empty chart is <g class="bars"/>. ${BAR_OPTIONS}`,
    uses: ["bars", "element"],
    solution: js`
export function barGroup(values, options = {}) {
  return element("g", { class: "bars" }, values.length === 0 ? [] : [bars(values, options)]);
}`,
    faulty: js`
export function barGroup(values, options = {}) {
  return element("g", { class: "bars" }, [bars(values, options)]);
}`,
    tests: js`
"one bar": () => assert.equal(barGroup([1], { height: 10 }), '<g class="bars"><rect x="0" y="0" width="20" height="10" class="bar"/></g>'),
"no values": () => assert.equal(barGroup([]), '<g class="bars"/>'),`,
  },
  {
    name: "barChart",
    title: "Bars with labels",
    signature: "barChart(values: number[], options?: object): string",
    spec: `Returns barGroup(values, options), followed, when options.labels is given, by element("g", { class: "labels" }, texts) with one text per label: element("text", { x: i * (barWidth + gap) + barWidth / 2, y: height + 15, "text-anchor": "middle" }, [label]) centred under bar i, the label text escaped (& < >). Throws a RangeError when labels is given but is not an array with one label per value. ${BAR_OPTIONS}`,
    uses: ["barGroup", "element"],
    solution: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function barChart(values, options = {}) {
  const { labels, height = 100, barWidth = 20, gap = 5 } = options;
  const body = barGroup(values, options);
  if (labels === undefined) return body;
  if (!Array.isArray(labels) || labels.length !== values.length) throw new RangeError("barChart: labels must be an array with one label per value");
  const texts = labels.map((label, i) =>
    element("text", { x: i * (barWidth + gap) + barWidth / 2, y: height + 15, "text-anchor": "middle" }, [escapeText(String(label))]),
  );
  return body + element("g", { class: "labels" }, texts);
}`,
    faulty: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function barChart(values, options = {}) {
  const { labels, height = 100, barWidth = 20, gap = 5 } = options;
  const body = barGroup(values, options);
  if (labels === undefined) return body;
  if (!Array.isArray(labels) || labels.length !== values.length) throw new RangeError("barChart: labels must be an array with one label per value");
  const texts = labels.map((label, i) =>
    element("text", { x: i * (barWidth + gap), y: height + 15, "text-anchor": "middle" }, [escapeText(String(label))]),
  );
  return body + element("g", { class: "labels" }, texts);
}`,
    tests: js`
"labels centred under the bars": () =>
  assert.equal(
    barChart([1, 2], { labels: ["a", "b<c"], height: 10 }),
    '<g class="bars"><rect x="0" y="5" width="20" height="5" class="bar"/><rect x="25" y="0" width="20" height="10" class="bar"/></g>' +
      '<g class="labels"><text x="10" y="25" text-anchor="middle">a</text><text x="35" y="25" text-anchor="middle">b&lt;c</text></g>',
  ),
"no labels: just the bars": () => assert.equal(barChart([1], { height: 10 }), '<g class="bars"><rect x="0" y="0" width="20" height="10" class="bar"/></g>'),
"one label per value": () => assert.throws(() => barChart([1, 2], { labels: ["a"] }), RangeError),`,
  },
  {
    name: "chartSvg",
    title: "The chart as an SVG document",
    signature: "chartSvg(values: number[], options?: object): string",
    spec: `Returns element("svg", { xmlns: "http://www.w3.org/2000/svg", width: W, height: H, viewBox: "0 0 " + W + " " + H }, [barChart(values, options)]) with W = n * (barWidth + gap) - gap for n > 0 values (no gap after the last bar) and 0 for no values, and H = height + 20 (room for the labels). ${BAR_OPTIONS}`,
    uses: ["barChart", "element"],
    solution: js`
export function chartSvg(values, options = {}) {
  const { height = 100, barWidth = 20, gap = 5 } = options;
  const w = values.length === 0 ? 0 : values.length * (barWidth + gap) - gap;
  const h = height + 20;
  return element("svg", { xmlns: "http://www.w3.org/2000/svg", width: w, height: h, viewBox: "0 0 " + w + " " + h }, [barChart(values, options)]);
}`,
    faulty: js`
export function chartSvg(values, options = {}) {
  const { height = 100, barWidth = 20, gap = 5 } = options;
  const w = values.length * (barWidth + gap);
  const h = height + 20;
  return element("svg", { xmlns: "http://www.w3.org/2000/svg", width: w, height: h, viewBox: "0 0 " + w + " " + h }, [barChart(values, options)]);
}`,
    tests: js`
"size without a trailing gap": () => {
  const s = chartSvg([1, 2], { height: 10 });
  assert.ok(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="45" height="30" viewBox="0 0 45 30"><g class="bars">'), s);
  assert.ok(s.endsWith("</g></svg>"), s);
},
"empty chart": () => assert.equal(chartSvg([]), '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="120" viewBox="0 0 0 120"><g class="bars"/></svg>'),`,
  },
  {
    name: "svgDataUri",
    title: "The chart as a data URI",
    signature: "svgDataUri(values: number[], options?: object): string",
    spec: `Returns "data:image/svg+xml;charset=utf-8," followed by chartSvg(values, options) encoded with encodeURIComponent (encodeURI is not enough: it leaves # and & unencoded). ${BAR_OPTIONS}`,
    uses: ["chartSvg"],
    solution: js`
export function svgDataUri(values, options = {}) {
  return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(chartSvg(values, options));
}`,
    faulty: js`
export function svgDataUri(values, options = {}) {
  return "data:image/svg+xml;charset=utf-8," + encodeURI(chartSvg(values, options));
}`,
    tests: js`
"prefix and full encoding": () => {
  const prefix = "data:image/svg+xml;charset=utf-8,";
  const u = svgDataUri([1], { labels: ["#1 & co"] });
  assert.ok(u.startsWith(prefix));
  const body = u.slice(prefix.length);
  assert.ok(!/[#&<>" ]/.test(body), body);
  assert.ok(decodeURIComponent(body).startsWith("<svg "));
},`,
  },
  {
    name: "imgTag",
    title: "An img tag for the chart",
    signature: "imgTag(values: number[], options?: object): string",
    spec: `Returns element("img", { src: svgDataUri(values, options), width: W, height: H, alt }) with W and H as in chartSvg (n * (barWidth + gap) - gap, or 0; height + 20) and alt = options.alt, default "bar chart". The alt text must be escaped like every attribute (build the tag with element, not by hand). ${BAR_OPTIONS}`,
    uses: ["svgDataUri", "element"],
    solution: js`
export function imgTag(values, options = {}) {
  const { height = 100, barWidth = 20, gap = 5, alt = "bar chart" } = options;
  const width = values.length === 0 ? 0 : values.length * (barWidth + gap) - gap;
  return element("img", { src: svgDataUri(values, options), width, height: height + 20, alt });
}`,
    faulty: js`
export function imgTag(values, options = {}) {
  const { height = 100, barWidth = 20, gap = 5, alt = "bar chart" } = options;
  const width = values.length === 0 ? 0 : values.length * (barWidth + gap) - gap;
  return '<img src="' + svgDataUri(values, options) + '" width="' + width + '" height="' + (height + 20) + '" alt="' + alt + '"/>';
}`,
    tests: js`
"size and escaped alt": () => {
  const t = imgTag([1, 2], { height: 10, alt: 'sales "2024"' });
  assert.ok(t.startsWith('<img src="data:image/svg+xml;charset=utf-8,'), t);
  assert.ok(t.endsWith(' width="45" height="30" alt="sales &quot;2024&quot;"/>'), t);
},
"default alt": () => assert.ok(imgTag([1]).endsWith(' alt="bar chart"/>')),`,
  },
  {
    name: "figure",
    title: "A figure with caption",
    signature: "figure(values: number[], options?: object): string",
    spec: `Returns "<figure>" + imgTag(values, options) + caption + "</figure>" where caption is "<figcaption>" + options.caption (escaped: & < >) + "</figcaption>" when options.caption is given, and nothing at all otherwise (no empty figcaption). ${BAR_OPTIONS}`,
    uses: ["imgTag"],
    solution: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function figure(values, options = {}) {
  const caption = options.caption === undefined ? "" : "<figcaption>" + escapeText(options.caption) + "</figcaption>";
  return "<figure>" + imgTag(values, options) + caption + "</figure>";
}`,
    faulty: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function figure(values, options = {}) {
  return "<figure>" + imgTag(values, options) + "<figcaption>" + escapeText(options.caption ?? "") + "</figcaption></figure>";
}`,
    tests: js`
"with an escaped caption": () => {
  const f = figure([1], { caption: "Q1 < Q2" });
  assert.ok(f.startsWith("<figure><img "), f);
  assert.ok(f.endsWith("<figcaption>Q1 &lt; Q2</figcaption></figure>"), f);
},
"no caption, no figcaption": () => assert.ok(!figure([1]).includes("figcaption")),`,
  },
  {
    name: "gallery",
    title: "A gallery of figures",
    signature: "gallery(charts: { values: number[]; options?: object }[]): string",
    spec: "Returns '<div class=\"gallery\">' + figure(chart.values, chart.options ?? {}) for each chart, concatenated + '</div>'. The div always has an explicit closing tag, also when there are no charts (HTML has no self-closing div).",
    uses: ["figure"],
    solution: js`
export function gallery(charts) {
  return '<div class="gallery">' + charts.map((c) => figure(c.values, c.options ?? {})).join("") + "</div>";
}`,
    faulty: js`
import { element } from "./element.js";

export function gallery(charts) {
  return element("div", { class: "gallery" }, charts.map((c) => figure(c.values, c.options ?? {})));
}`,
    tests: js`
"empty gallery": () => assert.equal(gallery([]), '<div class="gallery"></div>'),
"one figure per chart": () => {
  const g = gallery([{ values: [1] }, { values: [2], options: { caption: "two" } }]);
  assert.equal(g.split("<figure>").length - 1, 2);
  assert.ok(g.startsWith('<div class="gallery"><figure>') && g.endsWith("</figure></div>"), g);
  assert.ok(g.includes("<figcaption>two</figcaption>"));
},`,
  },
  {
    name: "htmlPage",
    title: "An HTML page",
    signature: "htmlPage(charts: { values: number[]; options?: object }[], title: string): string",
    spec: "Returns \"<!DOCTYPE html>\\n<html><head><meta charset=\\\"utf-8\\\"><title>\" + t + \"</title></head><body><h1>\" + t + \"</h1>\" + gallery(charts) + \"</body></html>\\n\" where t is the title with & < > escaped, in both places.",
    uses: ["gallery"],
    solution: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function htmlPage(charts, title) {
  const t = escapeText(title);
  return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + t + "</title></head><body><h1>" + t + "</h1>" + gallery(charts) + "</body></html>\n";
}`,
    faulty: js`
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function htmlPage(charts, title) {
  return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + title + "</title></head><body><h1>" + escapeText(title) + "</h1>" + gallery(charts) + "</body></html>\n";
}`,
    tests: js`
"page structure with escaped title": () => {
  const p = htmlPage([], "A & B");
  assert.ok(p.startsWith('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>A &amp; B</title></head>'), p);
  assert.ok(p.endsWith('<body><h1>A &amp; B</h1><div class="gallery"></div></body></html>\n'), p);
},`,
  },
  {
    name: "pageStats",
    title: "Statistics of the page",
    signature: "pageStats(charts: { values: number[]; options?: object }[], title: string): { bytes: number; figures: number; images: number }",
    spec: "Builds page = htmlPage(charts, title) and returns bytes = its size in UTF-8 bytes (not its string length: \"€\" is 3 bytes), figures = the number of \"<figure>\" occurrences and images = the number of \"<img \" occurrences in the page.",
    uses: ["htmlPage"],
    testUses: ["htmlPage"],
    solution: js`
export function pageStats(charts, title) {
  const page = htmlPage(charts, title);
  return {
    bytes: new TextEncoder().encode(page).length,
    figures: page.split("<figure>").length - 1,
    images: page.split("<img ").length - 1,
  };
}`,
    faulty: js`
export function pageStats(charts, title) {
  const page = htmlPage(charts, title);
  return { bytes: page.length, figures: page.split("<figure>").length - 1, images: page.split("<img ").length - 1 };
}`,
    tests: js`
"counts and UTF-8 size": () => {
  const charts = [{ values: [1] }, { values: [2, 3] }];
  const s = pageStats(charts, "Température €");
  assert.equal(s.figures, 2);
  assert.equal(s.images, 2);
  // "é" is 2 bytes and "€" 3 in UTF-8, one and one UTF-16 unit: 3 extra bytes per copy of the title, 2 copies.
  assert.equal(s.bytes, htmlPage(charts, "Température €").length + 6);
},`,
  },
];

const independent: PoolTask[] = [
  {
    name: "circle",
    title: "A circle",
    signature: "circle(cx: number, cy: number, r: number): string",
    spec: "Returns '<circle cx=\"CX\" cy=\"CY\" r=\"R\"/>' with the numbers written by String(). r may be 0; throws a RangeError for a negative r.",
    solution: js`
export function circle(cx, cy, r) {
  if (!(r >= 0)) throw new RangeError("circle: r must be non-negative, got " + r);
  return '<circle cx="' + cx + '" cy="' + cy + '" r="' + r + '"/>';
}`,
    faulty: js`
export function circle(cx, cy, r) {
  return '<circle cx="' + cx + '" cy="' + cy + '" r="' + r + '"/>';
}`,
    tests: js`
"circle": () => assert.equal(circle(10, 20, 5), '<circle cx="10" cy="20" r="5"/>'),
"zero radius": () => assert.equal(circle(0, 0, 0), '<circle cx="0" cy="0" r="0"/>'),
"negative radius refused": () => assert.throws(() => circle(0, 0, -1), RangeError),`,
  },
  {
    name: "line",
    title: "A line",
    signature: "line(x1: number, y1: number, x2: number, y2: number, stroke?: string): string",
    spec: "Returns '<line x1=\"X1\" y1=\"Y1\" x2=\"X2\" y2=\"Y2\" stroke=\"S\"/>' with numbers written by String() and stroke defaulting to \"black\".",
    solution: js`
export function line(x1, y1, x2, y2, stroke = "black") {
  return '<line x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '" stroke="' + stroke + '"/>';
}`,
    faulty: js`
export function line(x1, y1, x2, y2, stroke = "black") {
  return '<line x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y1 + '" stroke="' + stroke + '"/>';
}`,
    tests: js`
"line": () => assert.equal(line(0, 1, 2, 3), '<line x1="0" y1="1" x2="2" y2="3" stroke="black"/>'),
"custom stroke": () => assert.equal(line(0, 0, 5, 0, "red"), '<line x1="0" y1="0" x2="5" y2="0" stroke="red"/>'),`,
  },
  {
    name: "ellipse",
    title: "An ellipse",
    signature: "ellipse(cx: number, cy: number, rx: number, ry: number): string",
    spec: "Returns '<ellipse cx=\"CX\" cy=\"CY\" rx=\"RX\" ry=\"RY\"/>' (numbers by String()); rx is the horizontal radius. Throws a RangeError when rx or ry is negative.",
    solution: js`
export function ellipse(cx, cy, rx, ry) {
  if (!(rx >= 0 && ry >= 0)) throw new RangeError("ellipse: radii must be non-negative, got " + rx + " and " + ry);
  return '<ellipse cx="' + cx + '" cy="' + cy + '" rx="' + rx + '" ry="' + ry + '"/>';
}`,
    faulty: js`
export function ellipse(cx, cy, rx, ry) {
  if (!(rx >= 0 && ry >= 0)) throw new RangeError("ellipse: radii must be non-negative, got " + rx + " and " + ry);
  return '<ellipse cx="' + cx + '" cy="' + cy + '" rx="' + ry + '" ry="' + rx + '"/>';
}`,
    tests: js`
"ellipse": () => assert.equal(ellipse(5, 6, 10, 4), '<ellipse cx="5" cy="6" rx="10" ry="4"/>'),
"negative radius refused": () => assert.throws(() => ellipse(0, 0, 1, -1), RangeError),`,
  },
  {
    name: "escapeXml",
    title: "Escape XML text",
    signature: "escapeXml(text: string): string",
    spec: "Replaces & with &amp;, < with &lt;, > with &gt;, \" with &quot; and ' with &apos;. Replace & first, so that the entities produced are not escaped again.",
    solution: js`
export function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}`,
    faulty: js`
export function escapeXml(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/&/g, "&amp;");
}`,
    tests: js`
"angle bracket": () => assert.equal(escapeXml("a < b"), "a &lt; b"),
"everything": () => assert.equal(escapeXml("Tom & \"Jerry's\" <3>"), "Tom &amp; &quot;Jerry&apos;s&quot; &lt;3&gt;"),
"plain text unchanged": () => assert.equal(escapeXml("plain"), "plain"),`,
  },
  {
    name: "rgbToHex",
    title: "RGB to hex colour",
    signature: "rgbToHex(r: number, g: number, b: number): string",
    spec: "Returns \"#rrggbb\" in lower case, each channel as exactly two hex digits (0 -> \"00\"). Throws a RangeError unless every channel is an integer in 0..255.",
    solution: js`
export function rgbToHex(r, g, b) {
  for (const c of [r, g, b]) if (!Number.isInteger(c) || c < 0 || c > 255) throw new RangeError("rgbToHex: channels must be integers in 0..255, got " + c);
  return "#" + [r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("");
}`,
    faulty: js`
export function rgbToHex(r, g, b) {
  for (const c of [r, g, b]) if (!Number.isInteger(c) || c < 0 || c > 255) throw new RangeError("rgbToHex: channels must be integers in 0..255, got " + c);
  return "#" + [r, g, b].map((c) => c.toString(16)).join("");
}`,
    tests: js`
"pads each channel": () => assert.equal(rgbToHex(255, 0, 128), "#ff0080"),
"black": () => assert.equal(rgbToHex(0, 0, 0), "#000000"),
"out of range refused": () => assert.throws(() => rgbToHex(256, 0, 0), RangeError),`,
  },
  {
    name: "hexToRgb",
    title: "Hex colour to RGB",
    signature: "hexToRgb(hex: string): { r: number; g: number; b: number }",
    spec: "Parses \"#rrggbb\" or the shorthand \"#rgb\" (each digit doubled: \"#fa0\" is \"#ffaa00\"), case-insensitive. Throws a RangeError for anything else (missing #, other lengths, non-hex digits).",
    solution: js`
export function hexToRgb(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new RangeError("hexToRgb: expected #rgb or #rrggbb, got " + hex);
  const d = m[1].length === 3 ? m[1].split("").map((c) => c + c).join("") : m[1];
  return { r: parseInt(d.slice(0, 2), 16), g: parseInt(d.slice(2, 4), 16), b: parseInt(d.slice(4, 6), 16) };
}`,
    faulty: js`
export function hexToRgb(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new RangeError("hexToRgb: expected #rgb or #rrggbb, got " + hex);
  const d = m[1];
  const w = d.length / 3;
  return { r: parseInt(d.slice(0, w), 16), g: parseInt(d.slice(w, 2 * w), 16), b: parseInt(d.slice(2 * w), 16) };
}`,
    tests: js`
"long form": () => assert.deepEqual(hexToRgb("#ff0080"), { r: 255, g: 0, b: 128 }),
"shorthand doubles digits": () => assert.deepEqual(hexToRgb("#FA0"), { r: 255, g: 170, b: 0 }),
"missing # refused": () => assert.throws(() => hexToRgb("ff0080"), RangeError),
"wrong length refused": () => assert.throws(() => hexToRgb("#12345"), RangeError),`,
  },
  {
    name: "transformList",
    title: "SVG transform attribute",
    signature: "transformList(ops: ({ type: \"translate\"; x: number; y: number } | { type: \"rotate\"; angle: number } | { type: \"scale\"; k: number })[]): string",
    spec: "Returns the transforms joined by single spaces: translate as \"translate(X Y)\", rotate as \"rotate(ANGLE)\" (a plain number of degrees: SVG attributes take no \"deg\" unit), scale as \"scale(K)\", numbers by String(). [] gives \"\". Throws a RangeError for an unknown type.",
    solution: js`
export function transformList(ops) {
  return ops
    .map((op) => {
      switch (op.type) {
        case "translate": return "translate(" + op.x + " " + op.y + ")";
        case "rotate": return "rotate(" + op.angle + ")";
        case "scale": return "scale(" + op.k + ")";
        default: throw new RangeError("transformList: unknown transform type " + op.type);
      }
    })
    .join(" ");
}`,
    faulty: js`
export function transformList(ops) {
  return ops
    .map((op) => {
      switch (op.type) {
        case "translate": return "translate(" + op.x + " " + op.y + ")";
        case "rotate": return "rotate(" + op.angle + "deg)";
        case "scale": return "scale(" + op.k + ")";
        default: throw new RangeError("transformList: unknown transform type " + op.type);
      }
    })
    .join(" ");
}`,
    tests: js`
"three transforms": () =>
  assert.equal(transformList([{ type: "translate", x: 10, y: 20 }, { type: "rotate", angle: 45 }, { type: "scale", k: 2 }]), "translate(10 20) rotate(45) scale(2)"),
"empty": () => assert.equal(transformList([]), ""),
"unknown type refused": () => assert.throws(() => transformList([{ type: "skew" }]), RangeError),`,
  },
  {
    name: "viewBox",
    title: "viewBox attribute value",
    signature: "viewBox(minX: number, minY: number, width: number, height: number): string",
    spec: "Returns the four numbers separated by single spaces (String()). Throws a RangeError unless width and height are both strictly positive (a zero-size viewBox disables rendering).",
    solution: js`
export function viewBox(minX, minY, width, height) {
  if (!(width > 0 && height > 0)) throw new RangeError("viewBox: width and height must be positive, got " + width + " and " + height);
  return minX + " " + minY + " " + width + " " + height;
}`,
    faulty: js`
export function viewBox(minX, minY, width, height) {
  if (width < 0 || height < 0) throw new RangeError("viewBox: width and height must be positive, got " + width + " and " + height);
  return minX + " " + minY + " " + width + " " + height;
}`,
    tests: js`
"viewBox": () => assert.equal(viewBox(0, -10, 100, 50), "0 -10 100 50"),
"zero width refused": () => assert.throws(() => viewBox(0, 0, 0, 10), RangeError),`,
  },
  {
    name: "polarToCartesian",
    title: "Polar to Cartesian",
    signature: "polarToCartesian(cx: number, cy: number, r: number, angleDeg: number): { x: number; y: number }",
    spec: "Returns the point at distance r from (cx, cy) at angleDeg degrees measured clockwise from 12 o'clock in SVG coordinates (y grows downwards): x = cx + r * sin(a), y = cy - r * cos(a) with a = angleDeg * PI / 180 (convert degrees to radians). Not rounded.",
    solution: js`
export function polarToCartesian(cx, cy, r, angleDeg) {
  const a = (angleDeg * Math.PI) / 180;
  return { x: cx + r * Math.sin(a), y: cy - r * Math.cos(a) };
}`,
    faulty: js`
export function polarToCartesian(cx, cy, r, angleDeg) {
  return { x: cx + r * Math.sin(angleDeg), y: cy - r * Math.cos(angleDeg) };
}`,
    tests: js`
"0 degrees is straight up": () => { const p = polarToCartesian(0, 0, 10, 0); close(p.x, 0); close(p.y, -10); },
"90 degrees is to the right": () => { const p = polarToCartesian(0, 0, 10, 90); close(p.x, 10); close(p.y, 0); },
"180 degrees is straight down": () => { const p = polarToCartesian(5, 5, 2, 180); close(p.x, 5); close(p.y, 7); },`,
  },
  {
    name: "arcPath",
    title: "Circular arc path",
    signature: "arcPath(cx: number, cy: number, r: number, startDeg: number, endDeg: number): string",
    spec: "Returns \"M SX SY A R R 0 L 1 EX EY\": the start and end points on the circle at startDeg and endDeg (degrees clockwise from 12 o'clock: x = cx + r sin(a), y = cy - r cos(a)), each coordinate rounded with Math.round(v * 100) / 100 and written by String() (so -0 prints as 0); L (large-arc flag) is 1 when endDeg - startDeg > 180 and 0 otherwise (exactly 180 is 0); sweep flag 1. Throws a RangeError unless 0 < endDeg - startDeg < 360.",
    solution: js`
export function arcPath(cx, cy, r, startDeg, endDeg) {
  const span = endDeg - startDeg;
  if (!(span > 0 && span < 360)) throw new RangeError("arcPath: endDeg - startDeg must be in (0, 360), got " + span);
  const pt = (deg) => {
    const a = (deg * Math.PI) / 180;
    return [cx + r * Math.sin(a), cy - r * Math.cos(a)].map((v) => String(Math.round(v * 100) / 100)).join(" ");
  };
  return "M " + pt(startDeg) + " A " + r + " " + r + " 0 " + (span > 180 ? 1 : 0) + " 1 " + pt(endDeg);
}`,
    faulty: js`
export function arcPath(cx, cy, r, startDeg, endDeg) {
  const span = endDeg - startDeg;
  if (!(span > 0 && span < 360)) throw new RangeError("arcPath: endDeg - startDeg must be in (0, 360), got " + span);
  const pt = (deg) => {
    const a = (deg * Math.PI) / 180;
    return [cx + r * Math.sin(a), cy - r * Math.cos(a)].map((v) => String(Math.round(v * 100) / 100)).join(" ");
  };
  return "M " + pt(startDeg) + " A " + r + " " + r + " 0 " + (span >= 180 ? 1 : 0) + " 1 " + pt(endDeg);
}`,
    tests: js`
"quarter arc": () => assert.equal(arcPath(0, 0, 10, 0, 90), "M 0 -10 A 10 10 0 0 1 10 0"),
"half arc is not large": () => assert.equal(arcPath(0, 0, 10, 0, 180), "M 0 -10 A 10 10 0 0 1 0 10"),
"three quarters is large": () => assert.equal(arcPath(0, 0, 10, 0, 270), "M 0 -10 A 10 10 0 1 1 -10 0"),
"full circle refused": () => assert.throws(() => arcPath(0, 0, 10, 0, 360), RangeError),`,
  },
  {
    name: "bbox",
    title: "Bounding box",
    signature: "bbox(points: [number, number][]): { x: number; y: number; width: number; height: number }",
    spec: "Returns the smallest axis-aligned box containing the points: x, y = the minimum coordinates, width, height = max - min. Start from the first point, not from 0. Throws a RangeError for an empty array.",
    solution: js`
export function bbox(points) {
  if (points.length === 0) throw new RangeError("bbox: needs at least one point");
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const x = Math.min(...xs), y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}`,
    faulty: js`
export function bbox(points) {
  if (points.length === 0) throw new RangeError("bbox: needs at least one point");
  let x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}`,
    tests: js`
"box of three points": () => assert.deepEqual(bbox([[2, 3], [5, 7], [4, 1]]), { x: 2, y: 1, width: 3, height: 6 }),
"single point": () => assert.deepEqual(bbox([[1, 1]]), { x: 1, y: 1, width: 0, height: 0 }),
"empty refused": () => assert.throws(() => bbox([]), RangeError),`,
  },
  {
    name: "pointsToPath",
    title: "Path through points",
    signature: "pointsToPath(points: [number, number][], closed?: boolean): string",
    spec: "Returns \"M X0 Y0 L X1 Y1 L X2 Y2 ...\" (numbers by String()), followed by \" Z\" only when closed is true (default false). Throws a RangeError for an empty array.",
    solution: js`
export function pointsToPath(points, closed = false) {
  if (points.length === 0) throw new RangeError("pointsToPath: needs at least one point");
  const d = points.map(([x, y], i) => (i === 0 ? "M " : "L ") + x + " " + y).join(" ");
  return closed ? d + " Z" : d;
}`,
    faulty: js`
export function pointsToPath(points, closed = true) {
  if (points.length === 0) throw new RangeError("pointsToPath: needs at least one point");
  const d = points.map(([x, y], i) => (i === 0 ? "M " : "L ") + x + " " + y).join(" ");
  return closed ? d + " Z" : d;
}`,
    tests: js`
"open by default": () => assert.equal(pointsToPath([[0, 0], [10, 0], [10, 10]]), "M 0 0 L 10 0 L 10 10"),
"closed": () => assert.equal(pointsToPath([[0, 0], [10, 0]], true), "M 0 0 L 10 0 Z"),
"empty refused": () => assert.throws(() => pointsToPath([]), RangeError),`,
  },
  {
    name: "styleString",
    title: "Inline style",
    signature: "styleString(style: Record<string, string | number | null | undefined>): string",
    spec: "Returns \"prop: value\" pairs joined by \"; \", property names converted from camelCase to kebab-case (strokeWidth -> stroke-width), entries with null or undefined values skipped, in insertion order. {} gives \"\".",
    solution: js`
export function styleString(style) {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + ": " + v)
    .join("; ");
}`,
    faulty: js`
export function styleString(style) {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => k + ": " + v)
    .join("; ");
}`,
    tests: js`
"kebab-case names": () => assert.equal(styleString({ fill: "red", strokeWidth: 2 }), "fill: red; stroke-width: 2"),
"null skipped": () => assert.equal(styleString({ fill: null, opacity: 0.5 }), "opacity: 0.5"),
"empty": () => assert.equal(styleString({}), ""),`,
  },
  {
    name: "gridLines",
    title: "Grid lines",
    signature: "gridLines(width: number, height: number, step: number): string[]",
    spec: "Returns vertical lines at x = 0, step, 2*step, ... up to and including width (while x <= width), as '<line x1=\"X\" y1=\"0\" x2=\"X\" y2=\"HEIGHT\" stroke=\"#ccc\"/>', then horizontal lines at y = 0, step, ... up to and including height, as '<line x1=\"0\" y1=\"Y\" x2=\"WIDTH\" y2=\"Y\" stroke=\"#ccc\"/>' (numbers by String()). Throws a RangeError unless step > 0.",
    solution: js`
export function gridLines(width, height, step) {
  if (!(step > 0)) throw new RangeError("gridLines: step must be positive, got " + step);
  const out = [];
  for (let x = 0; x <= width; x += step) out.push('<line x1="' + x + '" y1="0" x2="' + x + '" y2="' + height + '" stroke="#ccc"/>');
  for (let y = 0; y <= height; y += step) out.push('<line x1="0" y1="' + y + '" x2="' + width + '" y2="' + y + '" stroke="#ccc"/>');
  return out;
}`,
    faulty: js`
export function gridLines(width, height, step) {
  if (!(step > 0)) throw new RangeError("gridLines: step must be positive, got " + step);
  const out = [];
  for (let x = 0; x < width; x += step) out.push('<line x1="' + x + '" y1="0" x2="' + x + '" y2="' + height + '" stroke="#ccc"/>');
  for (let y = 0; y < height; y += step) out.push('<line x1="0" y1="' + y + '" x2="' + width + '" y2="' + y + '" stroke="#ccc"/>');
  return out;
}`,
    tests: js`
"edges included": () => {
  const g = gridLines(20, 10, 10);
  assert.equal(g.length, 5);
  assert.equal(g[0], '<line x1="0" y1="0" x2="0" y2="10" stroke="#ccc"/>');
  assert.equal(g[4], '<line x1="0" y1="10" x2="20" y2="10" stroke="#ccc"/>');
},
"step 0 refused": () => assert.throws(() => gridLines(10, 10, 0), RangeError),`,
  },
  {
    name: "linearScale",
    title: "Linear scale",
    signature: "linearScale(domain: [number, number], range: [number, number]): (x: number) => number",
    spec: "Returns a function mapping x to r0 + (x - d0) * (r1 - r0) / (d1 - d0) for domain [d0, d1] and range [r0, r1]; the range may be inverted (e.g. [100, 0] for an SVG y axis) and x outside the domain extrapolates. Throws a RangeError when d0 === d1.",
    solution: js`
export function linearScale(domain, range) {
  const [d0, d1] = domain, [r0, r1] = range;
  if (d0 === d1) throw new RangeError("linearScale: the domain is empty (" + d0 + " = " + d1 + ")");
  return (x) => r0 + ((x - d0) * (r1 - r0)) / (d1 - d0);
}`,
    faulty: js`
export function linearScale(domain, range) {
  const [d0, d1] = domain, [, r1] = range;
  if (d0 === d1) throw new RangeError("linearScale: the domain is empty (" + d0 + " = " + d1 + ")");
  return (x) => ((x - d0) / (d1 - d0)) * r1;
}`,
    tests: js`
"plain scale": () => assert.equal(linearScale([0, 10], [0, 100])(5), 50),
"inverted range": () => { const s = linearScale([0, 10], [100, 0]); assert.equal(s(0), 100); assert.equal(s(10), 0); assert.equal(s(2.5), 75); },
"extrapolates": () => assert.equal(linearScale([0, 10], [0, 100])(20), 200),
"empty domain refused": () => assert.throws(() => linearScale([1, 1], [0, 1]), RangeError),`,
  },
  {
    name: "starPoints",
    title: "Star polygon points",
    signature: "starPoints(cx: number, cy: number, outer: number, inner: number, n: number): [number, number][]",
    spec: "Returns the 2n vertices of an n-pointed star: vertex k (k = 0 .. 2n-1) is at angle k * 180 / n degrees clockwise from 12 o'clock, at radius outer for even k and inner for odd k (x = cx + rad * sin(a), y = cy - rad * cos(a)), coordinates rounded with Math.round(v * 100) / 100 and never negative zero (add 0). Throws a RangeError unless n is an integer >= 2 and 0 <= inner < outer.",
    solution: js`
export function starPoints(cx, cy, outer, inner, n) {
  if (!Number.isInteger(n) || n < 2) throw new RangeError("starPoints: n must be an integer >= 2, got " + n);
  if (!(inner >= 0 && inner < outer)) throw new RangeError("starPoints: need 0 <= inner < outer");
  const round = (v) => Math.round(v * 100) / 100 + 0;
  const pts = [];
  for (let k = 0; k < 2 * n; k++) {
    const a = (k * Math.PI) / n;
    const rad = k % 2 === 0 ? outer : inner;
    pts.push([round(cx + rad * Math.sin(a)), round(cy - rad * Math.cos(a))]);
  }
  return pts;
}`,
    faulty: js`
export function starPoints(cx, cy, outer, inner, n) {
  if (!Number.isInteger(n) || n < 2) throw new RangeError("starPoints: n must be an integer >= 2, got " + n);
  if (!(inner >= 0 && inner < outer)) throw new RangeError("starPoints: need 0 <= inner < outer");
  const round = (v) => Math.round(v * 100) / 100 + 0;
  const pts = [];
  for (let k = 0; k < 2 * n; k++) {
    const a = (2 * k * Math.PI) / n;
    const rad = k % 2 === 0 ? outer : inner;
    pts.push([round(cx + rad * Math.sin(a)), round(cy - rad * Math.cos(a))]);
  }
  return pts;
}`,
    tests: js`
"four-pointed star": () => {
  const p = starPoints(0, 0, 10, 5, 4);
  assert.equal(p.length, 8);
  assert.deepEqual(p.slice(0, 3), [[0, -10], [3.54, -3.54], [10, 0]]);
},
"inner >= outer refused": () => assert.throws(() => starPoints(0, 0, 5, 5, 4), RangeError),`,
  },
  {
    name: "wrapText",
    title: "Word wrap",
    signature: "wrapText(text: string, maxChars: number): string[]",
    spec: "Splits text into words at runs of whitespace and fills lines greedily: a word joins the current line (with one space) if the line stays at most maxChars characters long, exactly maxChars included; a word longer than maxChars stands alone on its own line (not split). Empty or blank text gives []. Throws a RangeError unless maxChars is a positive integer.",
    solution: js`
export function wrapText(text, maxChars) {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError("wrapText: maxChars must be a positive integer, got " + maxChars);
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= maxChars) line += " " + word;
    else { lines.push(line); line = word; }
  }
  if (line !== "") lines.push(line);
  return lines;
}`,
    faulty: js`
export function wrapText(text, maxChars) {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError("wrapText: maxChars must be a positive integer, got " + maxChars);
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length < maxChars) line += " " + word;
    else { lines.push(line); line = word; }
  }
  if (line !== "") lines.push(line);
  return lines;
}`,
    tests: js`
"a line may be exactly maxChars long": () => assert.deepEqual(wrapText("the quick brown fox", 9), ["the quick", "brown fox"]),
"long words stand alone": () => assert.deepEqual(wrapText("a verylongword b", 4), ["a", "verylongword", "b"]),
"whitespace collapsed": () => assert.deepEqual(wrapText("  spaced   out ", 20), ["spaced out"]),
"blank text": () => assert.deepEqual(wrapText("   ", 5), []),`,
  },
  {
    name: "svgComment",
    title: "A safe comment",
    signature: "svgComment(text: string): string",
    spec: "Returns \"<!-- \" + text + \" -->\" after replacing every \"--\" (not allowed inside XML comments) with \"- -\", repeating until no \"--\" is left (one pass is not enough for \"---\").",
    solution: js`
export function svgComment(text) {
  let t = text;
  while (t.includes("--")) t = t.replace(/--/g, "- -");
  return "<!-- " + t + " -->";
}`,
    faulty: js`
export function svgComment(text) {
  return "<!-- " + text.replace(/--/g, "- -") + " -->";
}`,
    tests: js`
"plain": () => assert.equal(svgComment("note"), "<!-- note -->"),
"double dash": () => assert.equal(svgComment("a -- b"), "<!-- a - - b -->"),
"triple dash": () => assert.equal(svgComment("x---y"), "<!-- x- - -y -->"),`,
  },
];

export const SVGUTILS: DomainPool = {
  domain: "svgutils",
  title: "SVG rendering helpers",
  brief: "Build a small JavaScript library that writes SVG as strings: from number formatting and attributes up to a labelled bar chart embedded in an HTML page, plus stand-alone shape, colour and geometry helpers.",
  chain,
  independent,
  testHelpers: js`
const close = (actual, expected, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, "expected " + expected + " (within " + eps + "), got " + actual);`,
};
