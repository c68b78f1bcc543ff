import { js, type DomainPool, type PoolTask } from "./pool.js";

/**
 * `dataanalysis`: analysis of arrays of records. The chain is a sensor-readings pipeline over CSV text
 * (parse -> clean -> convert units -> deduplicate -> group by site -> ... -> report on the busiest site's
 * peak hours); every chain function takes the CSV text and calls the previous stage. The independent
 * tasks are generic record helpers (pluck, groupBy, percentiles, joins, ...).
 *
 * The fixture DATA of the tests, after cleaning: north readings 10, 14, 16, 20 at hours 0, 1, 1, 3
 * (mean 15); south 10, 15, 12 (50 F and 59 F converted; mean 37 / 3); east 8.
 */

const CHAIN_NOTE =
  "A reading is an object { site: string, sensor: string, hour: number, value: number | null, unit: string }.";

const chain: PoolTask[] = [
  {
    name: "parseReadings",
    title: "Parse sensor readings from CSV",
    signature: "parseReadings(csv: string): Reading[]",
    spec: `${CHAIN_NOTE} Parse CSV text (no quoting): the first non-blank line is the header and must contain the columns site, sensor, hour, value and unit, in any order (extra columns are ignored); lines are split on commas and each cell is trimmed; blank lines are skipped. \`hour\` is converted with Number(); \`value\` is null when its cell is empty, else Number(cell) (an empty cell must not become 0). Throws a RangeError when the header lacks a column, and when a row has a different number of cells than the header; that message names the 1-based line number as "line N". Empty text gives [].`,
    solution: js`
const COLUMNS = ["site", "sensor", "hour", "value", "unit"];

export function parseReadings(csv) {
  const readings = [];
  let header = null;
  csv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = line.split(",").map((c) => c.trim());
    if (header === null) {
      for (const col of COLUMNS) {
        if (!cells.includes(col)) throw new RangeError("parseReadings: the header lacks the column " + col);
      }
      header = cells;
      return;
    }
    if (cells.length !== header.length) {
      throw new RangeError("parseReadings: line " + (i + 1) + " has " + cells.length + " cells, the header has " + header.length);
    }
    const row = {};
    header.forEach((name, j) => { row[name] = cells[j]; });
    readings.push({
      site: row.site,
      sensor: row.sensor,
      hour: Number(row.hour),
      value: row.value === "" ? null : Number(row.value),
      unit: row.unit,
    });
  });
  return readings;
}`,
    faulty: js`
const COLUMNS = ["site", "sensor", "hour", "value", "unit"];

export function parseReadings(csv) {
  const readings = [];
  let header = null;
  csv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = line.split(",").map((c) => c.trim());
    if (header === null) {
      for (const col of COLUMNS) {
        if (!cells.includes(col)) throw new RangeError("parseReadings: the header lacks the column " + col);
      }
      header = cells;
      return;
    }
    if (cells.length !== header.length) {
      throw new RangeError("parseReadings: line " + (i + 1) + " has " + cells.length + " cells, the header has " + header.length);
    }
    const row = {};
    header.forEach((name, j) => { row[name] = cells[j]; });
    readings.push({ site: row.site, sensor: row.sensor, hour: Number(row.hour), value: Number(row.value), unit: row.unit });
  });
  return readings;
}`,
    tests: js`
"parses rows into typed readings": () => assert.deepEqual(parseReadings(csv("north,s1,0,10.5,C", "south,s2,13,-2,F")), [
  { site: "north", sensor: "s1", hour: 0, value: 10.5, unit: "C" },
  { site: "south", sensor: "s2", hour: 13, value: -2, unit: "F" },
]),
"columns in any order, cells trimmed, blank lines skipped": () =>
  assert.deepEqual(parseReadings("unit, value ,hour,sensor,site\n\n C , 3 , 7 , s9 , west \n"), [
    { site: "west", sensor: "s9", hour: 7, value: 3, unit: "C" },
  ]),
"an empty value is null, not 0": () => assert.equal(parseReadings(csv("north,s1,0,,C"))[0].value, null),
"a short row names its line": () =>
  assert.throws(() => parseReadings(csv("north,s1,0,10,C", "north,s1,1,10")), (e) => e instanceof RangeError && /line 3/.test(e.message)),
"a missing column is refused": () => assert.throws(() => parseReadings("site,sensor,hour,value\na,b,1,2"), RangeError),
"empty text gives no readings": () => assert.deepEqual(parseReadings(""), []),`,
  },
  {
    name: "cleanReadings",
    title: "Drop invalid readings",
    signature: "cleanReadings(csv: string): Reading[]",
    spec: "Returns the readings of parseReadings(csv) that are valid, in order: value is a finite number (not null, not NaN), hour is an integer from 0 to 23 inclusive (24 is not an hour), and unit is \"C\" or \"F\".",
    uses: ["parseReadings"],
    solution: js`
export function cleanReadings(csv) {
  return parseReadings(csv).filter(
    (r) => typeof r.value === "number" && Number.isFinite(r.value) && Number.isInteger(r.hour) && r.hour >= 0 && r.hour <= 23 && (r.unit === "C" || r.unit === "F"),
  );
}`,
    faulty: js`
export function cleanReadings(csv) {
  return parseReadings(csv).filter(
    (r) => typeof r.value === "number" && Number.isFinite(r.value) && Number.isInteger(r.hour) && r.hour >= 0 && r.hour <= 24 && (r.unit === "C" || r.unit === "F"),
  );
}`,
    tests: js`
"keeps only valid readings": () =>
  assert.deepEqual(cleanReadings(csv("a,s1,0,1,C", "a,s1,1,,C", "a,s1,2,4,K", "a,s1,3,x,C", "a,s1,1.5,2,C", "a,s1,23,5,F")), [
    { site: "a", sensor: "s1", hour: 0, value: 1, unit: "C" },
    { site: "a", sensor: "s1", hour: 23, value: 5, unit: "F" },
  ]),
"hour 24 is not an hour": () => assert.deepEqual(cleanReadings(csv("a,s1,24,3,C")), []),`,
  },
  {
    name: "toCelsius",
    title: "Convert readings to Celsius",
    signature: "toCelsius(csv: string): Reading[]",
    spec: "Returns cleanReadings(csv) with every Fahrenheit reading converted: value (v - 32) * 5 / 9 (not rounded) and unit \"C\". Celsius readings are unchanged. Return new objects for converted readings.",
    uses: ["cleanReadings"],
    solution: js`
export function toCelsius(csv) {
  return cleanReadings(csv).map((r) => (r.unit === "F" ? { ...r, value: ((r.value - 32) * 5) / 9, unit: "C" } : r));
}`,
    faulty: js`
export function toCelsius(csv) {
  return cleanReadings(csv).map((r) => (r.unit === "F" ? { ...r, value: r.value - (32 * 5) / 9, unit: "C" } : r));
}`,
    tests: js`
"212 F is 100 C": () => assert.deepEqual(toCelsius(csv("a,s1,0,212,F")), [{ site: "a", sensor: "s1", hour: 0, value: 100, unit: "C" }]),
"32 F is 0 C and -40 F is -40 C": () => assert.deepEqual(toCelsius(csv("a,s1,0,32,F", "a,s1,1,-40,F")).map((r) => r.value), [0, -40]),
"Celsius unchanged, invalid dropped": () => assert.deepEqual(toCelsius(csv("a,s1,0,21.5,C", "a,s1,1,,F")).map((r) => r.value), [21.5]),`,
  },
  {
    name: "dedupeReadings",
    title: "Remove repeated readings",
    signature: "dedupeReadings(csv: string): Reading[]",
    spec: "Returns toCelsius(csv) keeping only the first reading for each (site, sensor, hour) combination, in order. Build the key so that different combinations can never collide (site \"n\" with sensor \"s12\" at hour 3 is not site \"n\" with sensor \"s1\" at hour 23).",
    uses: ["toCelsius"],
    solution: js`
export function dedupeReadings(csv) {
  const seen = new Set();
  return toCelsius(csv).filter((r) => {
    const key = JSON.stringify([r.site, r.sensor, r.hour]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}`,
    faulty: js`
export function dedupeReadings(csv) {
  const seen = new Set();
  return toCelsius(csv).filter((r) => {
    const key = r.site + r.sensor + r.hour;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}`,
    tests: js`
"keeps the first of a repeated site, sensor and hour": () =>
  assert.deepEqual(dedupeReadings(csv("a,s1,3,20,C", "a,s1,3,99,C", "a,s2,3,7,C")).map((r) => r.value), [20, 7]),
"keys do not run together": () => assert.equal(dedupeReadings(csv("n,s12,3,1,C", "n,s1,23,2,C")).length, 2),
"the fixture keeps 8 readings": () => assert.equal(dedupeReadings(DATA).length, 8),`,
  },
  {
    name: "siteGroups",
    title: "Group readings by site",
    signature: "siteGroups(csv: string): Record<string, Reading[]>",
    spec: "Returns an object mapping each site to its readings from dedupeReadings(csv), in input order; the object's keys are in order of first appearance.",
    uses: ["dedupeReadings"],
    solution: js`
export function siteGroups(csv) {
  const groups = {};
  for (const r of dedupeReadings(csv)) {
    if (!Object.hasOwn(groups, r.site)) groups[r.site] = [];
    groups[r.site].push(r);
  }
  return groups;
}`,
    faulty: js`
export function siteGroups(csv) {
  const groups = {};
  for (const r of dedupeReadings(csv)) groups[r.site] = [r];
  return groups;
}`,
    tests: js`
"sites in order of first appearance": () => assert.deepEqual(Object.keys(siteGroups(DATA)), ["north", "south", "east"]),
"each site's readings in order": () => {
  const g = siteGroups(DATA);
  assert.deepEqual(g.north.map((r) => r.value), [10, 14, 16, 20]);
  assert.deepEqual(g.south.map((r) => r.value), [10, 15, 12]);
},`,
  },
  {
    name: "siteMeans",
    title: "Mean value per site",
    signature: "siteMeans(csv: string): Record<string, number>",
    spec: "Returns an object mapping each site of siteGroups(csv) to the mean value of that site's readings (its own sum divided by its own count), keys in the same order.",
    uses: ["siteGroups"],
    solution: js`
export function siteMeans(csv) {
  const means = {};
  for (const [site, readings] of Object.entries(siteGroups(csv))) {
    means[site] = readings.reduce((s, r) => s + r.value, 0) / readings.length;
  }
  return means;
}`,
    faulty: js`
export function siteMeans(csv) {
  const groups = siteGroups(csv);
  const total = Object.values(groups).reduce((n, g) => n + g.length, 0);
  const means = {};
  for (const [site, readings] of Object.entries(groups)) means[site] = readings.reduce((s, r) => s + r.value, 0) / total;
  return means;
}`,
    tests: js`
"means of the fixture: north 60 / 4, south 37 / 3, east 8": () => assert.deepEqual(siteMeans(DATA), { north: 15, south: 37 / 3, east: 8 }),
"no readings, no sites": () => assert.deepEqual(siteMeans(csv()), {}),`,
  },
  {
    name: "rankSites",
    title: "Rank sites by mean",
    signature: "rankSites(csv: string): { site: string; mean: number }[]",
    spec: "Returns the entries of siteMeans(csv) as { site, mean } objects sorted by mean, highest first; sites with equal means are ordered by site name ascending.",
    uses: ["siteMeans"],
    solution: js`
export function rankSites(csv) {
  return Object.entries(siteMeans(csv))
    .map(([site, mean]) => ({ site, mean }))
    .sort((a, b) => b.mean - a.mean || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}`,
    faulty: js`
export function rankSites(csv) {
  return Object.entries(siteMeans(csv))
    .map(([site, mean]) => ({ site, mean }))
    .sort((a, b) => b.mean - a.mean);
}`,
    tests: js`
"ranking of the fixture": () => assert.deepEqual(rankSites(DATA).map((e) => e.site), ["north", "south", "east"]),
"ties are ordered by site name": () => assert.deepEqual(rankSites(csv("west,s1,0,5,C", "east,s1,0,5,C")).map((e) => e.site), ["east", "west"]),`,
  },
  {
    name: "topSite",
    title: "Site with the highest mean",
    signature: "topSite(csv: string): string | null",
    spec: "Returns the site of the first entry of rankSites(csv), or null when there are no valid readings at all.",
    uses: ["rankSites"],
    solution: js`
export function topSite(csv) {
  const ranking = rankSites(csv);
  return ranking.length === 0 ? null : ranking[0].site;
}`,
    faulty: js`
export function topSite(csv) {
  return rankSites(csv)[0].site;
}`,
    tests: js`
"north leads the fixture": () => assert.equal(topSite(DATA), "north"),
"no readings gives null": () => assert.equal(topSite(csv()), null),
"only invalid readings gives null": () => assert.equal(topSite(csv("a,s1,0,,C")), null),`,
  },
  {
    name: "topSiteReadings",
    title: "Readings of the top site",
    signature: "topSiteReadings(csv: string): Reading[]",
    spec: "Returns the readings of topSite(csv) as grouped by siteGroups(csv), i.e. cleaned, converted to Celsius and deduplicated, in input order; [] when there is no top site.",
    uses: ["topSite", "siteGroups"],
    solution: js`
export function topSiteReadings(csv) {
  const top = topSite(csv);
  return top === null ? [] : siteGroups(csv)[top];
}`,
    faulty: js`
import { parseReadings } from "./parseReadings.js";

export function topSiteReadings(csv) {
  const top = topSite(csv);
  return top === null ? [] : parseReadings(csv).filter((r) => r.site === top);
}`,
    tests: js`
"north's clean readings": () => assert.deepEqual(topSiteReadings(DATA).map((r) => [r.hour, r.value]), [[0, 10], [1, 14], [1, 16], [3, 20]]),
"no readings": () => assert.deepEqual(topSiteReadings(csv()), []),`,
  },
  {
    name: "hourlyProfile",
    title: "Hourly profile of the top site",
    signature: "hourlyProfile(csv: string): (number | null)[]",
    spec: "Returns an array of 24 entries, one per hour 0..23: the mean value of topSiteReadings(csv) at that hour, or null for an hour without readings (not 0). With no readings, 24 nulls.",
    uses: ["topSiteReadings"],
    solution: js`
export function hourlyProfile(csv) {
  const sums = new Array(24).fill(0);
  const counts = new Array(24).fill(0);
  for (const r of topSiteReadings(csv)) {
    sums[r.hour] += r.value;
    counts[r.hour] += 1;
  }
  return sums.map((s, h) => (counts[h] === 0 ? null : s / counts[h]));
}`,
    faulty: js`
export function hourlyProfile(csv) {
  const sums = new Array(24).fill(0);
  const counts = new Array(24).fill(0);
  for (const r of topSiteReadings(csv)) {
    sums[r.hour] += r.value;
    counts[r.hour] += 1;
  }
  return sums.map((s, h) => (counts[h] === 0 ? 0 : s / counts[h]));
}`,
    tests: js`
"profile of north": () => {
  const p = hourlyProfile(DATA);
  assert.equal(p.length, 24);
  assert.deepEqual(p.slice(0, 5), [10, 15, null, 20, null]);
  assert.equal(p[23], null);
},
"no readings: 24 nulls": () => assert.deepEqual(hourlyProfile(csv()), new Array(24).fill(null)),`,
  },
  {
    name: "fillGaps",
    title: "Interpolate missing hours",
    signature: "fillGaps(csv: string): (number | null)[]",
    spec: "Returns hourlyProfile(csv) with each null replaced: between two known hours by linear interpolation (hour h between known hours a < h < b gets p[a] + (p[b] - p[a]) * (h - a) / (b - a)); before the first known hour by the first known value; after the last known hour by the last known value. A profile with no known hour is returned as 24 nulls.",
    uses: ["hourlyProfile"],
    solution: js`
export function fillGaps(csv) {
  const p = hourlyProfile(csv);
  const known = [];
  p.forEach((v, h) => { if (v !== null) known.push(h); });
  if (known.length === 0) return p;
  return p.map((v, h) => {
    if (v !== null) return v;
    const before = known.filter((k) => k < h).pop();
    const after = known.find((k) => k > h);
    if (before === undefined) return p[after];
    if (after === undefined) return p[before];
    return p[before] + ((p[after] - p[before]) * (h - before)) / (after - before);
  });
}`,
    faulty: js`
export function fillGaps(csv) {
  const p = hourlyProfile(csv);
  const first = p.find((v) => v !== null);
  if (first === undefined) return p;
  let last = first;
  return p.map((v) => {
    if (v !== null) last = v;
    return last;
  });
}`,
    tests: js`
"interpolates between hours 1 and 3, then holds the last value": () => assert.deepEqual(fillGaps(DATA).slice(0, 6), [10, 15, 17.5, 20, 20, 20]),
"leading hours take the first value": () => assert.deepEqual(fillGaps(csv("a,s1,2,6,C", "a,s1,4,10,C")).slice(0, 6), [6, 6, 6, 8, 10, 10]),
"no readings: 24 nulls": () => assert.deepEqual(fillGaps(csv()), new Array(24).fill(null)),`,
  },
  {
    name: "smoothProfile",
    title: "Moving-average smoothing",
    signature: "smoothProfile(csv: string, options?: { window?: number }): (number | null)[]",
    spec: "Returns the centred moving average of fillGaps(csv): entry h is the mean of the filled values at hours h-k .. h+k with k = (window - 1) / 2, using only hours that exist (0..23, no wrap-around), so edge hours average fewer values. window defaults to 3 and must be an odd positive integer (else RangeError). A profile of nulls is returned unchanged.",
    uses: ["fillGaps"],
    solution: js`
export function smoothProfile(csv, options = {}) {
  const window = options.window ?? 3;
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) throw new RangeError("smoothProfile: window must be an odd positive integer, got " + window);
  const f = fillGaps(csv);
  if (f[0] === null) return f;
  const k = (window - 1) / 2;
  return f.map((_, h) => {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, h - k); j <= Math.min(23, h + k); j++) {
      sum += f[j];
      count += 1;
    }
    return sum / count;
  });
}`,
    faulty: js`
export function smoothProfile(csv, options = {}) {
  const window = options.window ?? 3;
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) throw new RangeError("smoothProfile: window must be an odd positive integer, got " + window);
  const f = fillGaps(csv);
  if (f[0] === null) return f;
  const k = (window - 1) / 2;
  return f.map((_, h) => {
    let sum = 0;
    for (let j = Math.max(0, h - k); j <= Math.min(23, h + k); j++) sum += f[j];
    return sum / window;
  });
}`,
    tests: js`
// Filled: 10, 15, 17.5, 20, 20, ...: hour 0 averages two values, hour 1 three.
"edges average fewer hours": () => { const s = smoothProfile(DATA); close(s[0], 12.5); close(s[1], 42.5 / 3); close(s[2], 17.5); close(s[23], 20); },
"window 1 leaves the profile unchanged": () => assert.deepEqual(smoothProfile(DATA, { window: 1 }).slice(0, 4), [10, 15, 17.5, 20]),
"an even window is refused": () => assert.throws(() => smoothProfile(DATA, { window: 2 }), RangeError),
"no readings: 24 nulls": () => assert.deepEqual(smoothProfile(csv()), new Array(24).fill(null)),`,
  },
  {
    name: "peakHour",
    title: "Peak hour",
    signature: "peakHour(csv: string, options?: { window?: number }): number | null",
    spec: "Returns the hour (0..23) with the largest value of smoothProfile(csv, options); on ties the earliest hour wins. null when there are no readings.",
    uses: ["smoothProfile"],
    solution: js`
export function peakHour(csv, options = {}) {
  const s = smoothProfile(csv, options);
  if (s[0] === null) return null;
  let best = 0;
  s.forEach((v, h) => { if (v > s[best]) best = h; });
  return best;
}`,
    faulty: js`
export function peakHour(csv, options = {}) {
  const s = smoothProfile(csv, options);
  if (s[0] === null) return null;
  let best = 0;
  s.forEach((v, h) => { if (v >= s[best]) best = h; });
  return best;
}`,
    tests: js`
"smoothed values reach 20 first at hour 4": () => assert.equal(peakHour(DATA), 4),
"unsmoothed (window 1) the peak is hour 3": () => assert.equal(peakHour(DATA, { window: 1 }), 3),
"a flat profile peaks at hour 0": () => assert.equal(peakHour(csv("a,s1,7,5,C")), 0),
"no readings gives null": () => assert.equal(peakHour(csv()), null),`,
  },
  {
    name: "peakWindow",
    title: "Hours around the peak",
    signature: "peakWindow(csv: string, options?: { window?: number; halfWidth?: number }): number[]",
    spec: "Returns the hours from p - halfWidth to p + halfWidth in ascending order, where p = peakHour(csv, options), clipped to 0..23 (no wrap-around past midnight). halfWidth defaults to 1 and must be a non-negative integer (else RangeError). [] when there are no readings.",
    uses: ["peakHour"],
    solution: js`
export function peakWindow(csv, options = {}) {
  const halfWidth = options.halfWidth ?? 1;
  if (!Number.isInteger(halfWidth) || halfWidth < 0) throw new RangeError("peakWindow: halfWidth must be a non-negative integer, got " + halfWidth);
  const p = peakHour(csv, options);
  if (p === null) return [];
  const hours = [];
  for (let h = Math.max(0, p - halfWidth); h <= Math.min(23, p + halfWidth); h++) hours.push(h);
  return hours;
}`,
    faulty: js`
export function peakWindow(csv, options = {}) {
  const halfWidth = options.halfWidth ?? 1;
  if (!Number.isInteger(halfWidth) || halfWidth < 0) throw new RangeError("peakWindow: halfWidth must be a non-negative integer, got " + halfWidth);
  const p = peakHour(csv, options);
  if (p === null) return [];
  const hours = [];
  for (let h = p - halfWidth; h <= p + halfWidth; h++) hours.push((h + 24) % 24);
  return hours;
}`,
    tests: js`
"window around hour 4": () => assert.deepEqual(peakWindow(DATA), [3, 4, 5]),
"no wrap-around at midnight": () => assert.deepEqual(peakWindow(csv("a,s1,7,5,C")), [0, 1]),
"halfWidth 0": () => assert.deepEqual(peakWindow(DATA, { halfWidth: 0 }), [4]),
"negative halfWidth refused": () => assert.throws(() => peakWindow(DATA, { halfWidth: -1 }), RangeError),
"no readings": () => assert.deepEqual(peakWindow(csv()), []),`,
  },
  {
    name: "peakWindowMean",
    title: "Mean around the peak",
    signature: "peakWindowMean(csv: string, options?: { window?: number; halfWidth?: number }): number | null",
    spec: "Returns the mean value of the readings of topSiteReadings(csv) whose hour is in peakWindow(csv, options): the mean over readings, not the mean of hourly means. null when no reading falls in the window.",
    uses: ["peakWindow", "topSiteReadings"],
    solution: js`
export function peakWindowMean(csv, options = {}) {
  const hours = new Set(peakWindow(csv, options));
  const values = topSiteReadings(csv).filter((r) => hours.has(r.hour)).map((r) => r.value);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}`,
    faulty: js`
import { hourlyProfile } from "./hourlyProfile.js";

export function peakWindowMean(csv, options = {}) {
  const profile = hourlyProfile(csv);
  const values = peakWindow(csv, options).map((h) => profile[h]).filter((v) => v !== null);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}`,
    tests: js`
"only hour 3 is in the default window": () => assert.equal(peakWindowMean(DATA), 20),
"hours 1..7 hold readings 14, 16, 20: mean 50 / 3": () => close(peakWindowMean(DATA, { halfWidth: 3 }), 50 / 3),
"no reading in the window": () => assert.equal(peakWindowMean(csv("a,s1,10,5,C")), null),`,
  },
  {
    name: "siteReport",
    title: "Report on the top site",
    signature: "siteReport(csv: string, options?: { window?: number; halfWidth?: number }): { site: string | null; peakHour: number | null; window: number[]; windowMean: number | null }",
    spec: "Returns { site: topSite(csv), peakHour: peakHour(csv, options), window: peakWindow(csv, options), windowMean: peakWindowMean(csv, options) }, passing the same options to each.",
    uses: ["peakWindowMean", "topSite", "peakHour", "peakWindow"],
    solution: js`
export function siteReport(csv, options = {}) {
  return {
    site: topSite(csv),
    peakHour: peakHour(csv, options),
    window: peakWindow(csv, options),
    windowMean: peakWindowMean(csv, options),
  };
}`,
    faulty: js`
export function siteReport(csv, options = {}) {
  return {
    site: topSite(csv),
    peakHour: peakHour(csv, options),
    window: peakWindow(csv),
    windowMean: peakWindowMean(csv, options),
  };
}`,
    tests: js`
"report with halfWidth 3": () => {
  const r = siteReport(DATA, { halfWidth: 3 });
  assert.equal(r.site, "north");
  assert.equal(r.peakHour, 4);
  assert.deepEqual(r.window, [1, 2, 3, 4, 5, 6, 7]);
  close(r.windowMean, 50 / 3);
},
"no readings": () => assert.deepEqual(siteReport(csv()), { site: null, peakHour: null, window: [], windowMean: null }),`,
  },
];

const independent: PoolTask[] = [
  {
    name: "pluck",
    title: "Pluck a field",
    signature: "pluck(records: object[], field: string): unknown[]",
    spec: "Returns the value of `field` of every record, in order; a record without the field contributes undefined (the result has the same length as `records`).",
    solution: js`
export function pluck(records, field) {
  return records.map((r) => r[field]);
}`,
    faulty: js`
export function pluck(records, field) {
  return records.filter((r) => r[field] !== undefined).map((r) => r[field]);
}`,
    tests: js`
"values in order": () => assert.deepEqual(pluck([{ a: 1 }, { a: 2 }], "a"), [1, 2]),
"missing fields give undefined": () => assert.deepEqual(pluck([{ a: 1 }, { b: 2 }, { a: 3 }], "a"), [1, undefined, 3]),`,
  },
  {
    name: "uniqueValues",
    title: "Distinct values",
    signature: "uniqueValues(records: object[], field: string): unknown[]",
    spec: "Returns the distinct values of `field` in order of first appearance (not sorted), compared with ===; records without the field (undefined) are skipped.",
    solution: js`
export function uniqueValues(records, field) {
  return [...new Set(records.map((r) => r[field]).filter((v) => v !== undefined))];
}`,
    faulty: js`
export function uniqueValues(records, field) {
  return [...new Set(records.map((r) => r[field]).filter((v) => v !== undefined))].sort();
}`,
    tests: js`
"first-appearance order": () => assert.deepEqual(uniqueValues([{ g: "b" }, { g: "a" }, { g: "b" }], "g"), ["b", "a"]),
"missing fields skipped": () => assert.deepEqual(uniqueValues([{ g: 1 }, {}, { g: 1 }], "g"), [1]),`,
  },
  {
    name: "countBy",
    title: "Count by value",
    signature: "countBy(records: object[], field: string): Record<string, number>",
    spec: "Returns an object mapping each value of `field` (as a property key) to the number of records with that value. Records without the field are not counted.",
    solution: js`
export function countBy(records, field) {
  const counts = {};
  for (const r of records) {
    if (r[field] === undefined) continue;
    counts[r[field]] = (counts[r[field]] ?? 0) + 1;
  }
  return counts;
}`,
    faulty: js`
export function countBy(records, field) {
  const counts = {};
  for (const r of records) {
    if (r[field] === undefined) continue;
    counts[r[field]] = counts[r[field]] ? counts[r[field]] + 1 : 0;
  }
  return counts;
}`,
    tests: js`
"counts per value": () => assert.deepEqual(countBy([{ g: "a" }, { g: "b" }, { g: "a" }], "g"), { a: 2, b: 1 }),
"missing fields not counted": () => assert.deepEqual(countBy([{ g: "a" }, {}], "g"), { a: 1 }),`,
  },
  {
    name: "filterEquals",
    title: "Filter by exact value",
    signature: "filterEquals(records: object[], field: string, value: unknown): object[]",
    spec: "Returns the records whose `field` is strictly equal (===) to `value`, in order: the number 1 does not match the string \"1\".",
    solution: js`
export function filterEquals(records, field, value) {
  return records.filter((r) => r[field] === value);
}`,
    faulty: js`
export function filterEquals(records, field, value) {
  return records.filter((r) => r[field] == value);
}`,
    tests: js`
"strict equality": () => assert.deepEqual(filterEquals([{ id: 1 }, { id: "1" }, { id: 2 }], "id", 1), [{ id: 1 }]),
"null does not match undefined": () => assert.deepEqual(filterEquals([{ v: null }, {}], "v", null), [{ v: null }]),`,
  },
  {
    name: "sortByField",
    title: "Sort by a field",
    signature: "sortByField(records: object[], field: string, direction?: \"asc\" | \"desc\"): object[]",
    spec: "Returns a new array sorted by `field` (values are all numbers or all strings, compared with < and >), ascending by default or descending with \"desc\"; the sort is stable (equal values keep their input order in both directions) and `records` is not modified. Throws a RangeError for any other direction.",
    solution: js`
export function sortByField(records, field, direction = "asc") {
  if (direction !== "asc" && direction !== "desc") throw new RangeError("sortByField: direction must be \"asc\" or \"desc\", got " + direction);
  const sign = direction === "asc" ? 1 : -1;
  return [...records].sort((a, b) => sign * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0));
}`,
    faulty: js`
export function sortByField(records, field, direction = "asc") {
  if (direction !== "asc" && direction !== "desc") throw new RangeError("sortByField: direction must be \"asc\" or \"desc\", got " + direction);
  const sign = direction === "asc" ? 1 : -1;
  return records.sort((a, b) => sign * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0));
}`,
    tests: js`
"ascending numbers": () => assert.deepEqual(sortByField([{ v: 3 }, { v: 1 }, { v: 2 }], "v").map((r) => r.v), [1, 2, 3]),
"descending, stable": () => assert.deepEqual(sortByField([{ v: 1, k: "a" }, { v: 2, k: "b" }, { v: 1, k: "c" }], "v", "desc").map((r) => r.k), ["b", "a", "c"]),
"input not modified": () => { const rs = [{ v: 2 }, { v: 1 }]; sortByField(rs, "v"); assert.deepEqual(rs, [{ v: 2 }, { v: 1 }]); },
"bad direction refused": () => assert.throws(() => sortByField([], "v", "up"), RangeError),`,
  },
  {
    name: "topN",
    title: "Top n records",
    signature: "topN(records: object[], field: string, n: number): object[]",
    spec: "Returns the n records with the largest numeric `field`, largest first; records with equal values keep their input order; n larger than the number of records returns them all. Throws a RangeError when n is not a non-negative integer.",
    solution: js`
export function topN(records, field, n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("topN: n must be a non-negative integer, got " + n);
  return [...records].sort((a, b) => b[field] - a[field]).slice(0, n);
}`,
    faulty: js`
export function topN(records, field, n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("topN: n must be a non-negative integer, got " + n);
  return [...records].sort((a, b) => a[field] - b[field]).reverse().slice(0, n);
}`,
    tests: js`
"ties keep input order": () => assert.deepEqual(topN([{ k: "a", v: 2 }, { k: "b", v: 3 }, { k: "c", v: 2 }], "v", 3).map((r) => r.k), ["b", "a", "c"]),
"n larger than the input": () => assert.equal(topN([{ v: 1 }], "v", 5).length, 1),
"negative n refused": () => assert.throws(() => topN([], "v", -1), RangeError),`,
  },
  {
    name: "sumField",
    title: "Sum a field",
    signature: "sumField(records: object[], field: string): number",
    spec: "Returns the sum of `field` over the records; null and undefined (missing) values are skipped. Throws a TypeError when a value is neither a number nor null/undefined (e.g. the string \"3\"). An empty array sums to 0.",
    solution: js`
export function sumField(records, field) {
  let s = 0;
  for (const r of records) {
    const v = r[field];
    if (v === null || v === undefined) continue;
    if (typeof v !== "number") throw new TypeError("sumField: " + field + " holds a " + typeof v);
    s += v;
  }
  return s;
}`,
    faulty: js`
export function sumField(records, field) {
  let s = 0;
  for (const r of records) {
    if (typeof r[field] === "string") throw new TypeError("sumField: " + field + " holds a string");
    s += r[field];
  }
  return s;
}`,
    tests: js`
"sum": () => assert.equal(sumField([{ v: 1 }, { v: 2.5 }], "v"), 3.5),
"missing and null values skipped": () => assert.equal(sumField([{ v: 1 }, {}, { v: null }, { v: 2 }], "v"), 3),
"strings refused": () => assert.throws(() => sumField([{ v: "3" }], "v"), TypeError),
"empty sums to 0": () => assert.equal(sumField([], "v"), 0),`,
  },
  {
    name: "meanField",
    title: "Mean of a field",
    signature: "meanField(records: object[], field: string): number | null",
    spec: "Returns the mean of the numeric values of `field` (values that are not numbers, including null and missing, are skipped and not counted), or null when there is no numeric value.",
    solution: js`
export function meanField(records, field) {
  const values = records.map((r) => r[field]).filter((v) => typeof v === "number");
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}`,
    faulty: js`
export function meanField(records, field) {
  const values = records.map((r) => r[field]).filter((v) => typeof v === "number");
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / records.length;
}`,
    tests: js`
"skips null": () => assert.equal(meanField([{ v: 1 }, { v: null }, { v: 5 }], "v"), 3),
"no numbers gives null": () => assert.equal(meanField([{}, { v: "x" }], "v"), null),`,
  },
  {
    name: "minMaxField",
    title: "Range of a field",
    signature: "minMaxField(records: object[], field: string): { min: number; max: number } | null",
    spec: "Returns the smallest and largest numeric value of `field` (non-numbers skipped), or null when there is none. Works for all-positive and all-negative data.",
    solution: js`
export function minMaxField(records, field) {
  const values = records.map((r) => r[field]).filter((v) => typeof v === "number");
  if (values.length === 0) return null;
  return { min: Math.min(...values), max: Math.max(...values) };
}`,
    faulty: js`
export function minMaxField(records, field) {
  const values = records.map((r) => r[field]).filter((v) => typeof v === "number");
  if (values.length === 0) return null;
  let min = 0, max = 0;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  return { min, max };
}`,
    tests: js`
"positive values": () => assert.deepEqual(minMaxField([{ v: 5 }, { v: 3 }, { v: 9 }], "v"), { min: 3, max: 9 }),
"negative values": () => assert.deepEqual(minMaxField([{ v: -5 }, { v: -2 }], "v"), { min: -5, max: -2 }),
"none gives null": () => assert.equal(minMaxField([], "v"), null),`,
  },
  {
    name: "groupBy",
    title: "Group records",
    signature: "groupBy(records: object[], field: string): Record<string, object[]>",
    spec: "Returns an object mapping each value of `field` (as a property key) to the records with that value, in input order; keys in order of first appearance. Records without the field (undefined) are left out; there is no \"undefined\" group.",
    solution: js`
export function groupBy(records, field) {
  const groups = {};
  for (const r of records) {
    if (r[field] === undefined) continue;
    (groups[r[field]] ??= []).push(r);
  }
  return groups;
}`,
    faulty: js`
export function groupBy(records, field) {
  const groups = {};
  for (const r of records) (groups[r[field]] ??= []).push(r);
  return groups;
}`,
    tests: js`
"groups in order": () => assert.deepEqual(groupBy([{ g: "a", i: 1 }, { g: "b", i: 2 }, { g: "a", i: 3 }], "g"), { a: [{ g: "a", i: 1 }, { g: "a", i: 3 }], b: [{ g: "b", i: 2 }] }),
"records without the field are left out": () => assert.deepEqual(Object.keys(groupBy([{ g: "a" }, { x: 1 }], "g")), ["a"]),`,
  },
  {
    name: "indexBy",
    title: "Index records by a unique field",
    signature: "indexBy(records: object[], field: string): Record<string, object>",
    spec: "Returns an object mapping each value of `field` to its record. Throws a RangeError naming the value when two records share a value (never silently keep one of them).",
    solution: js`
export function indexBy(records, field) {
  const index = {};
  for (const r of records) {
    if (Object.hasOwn(index, r[field])) throw new RangeError("indexBy: duplicate " + field + " " + r[field]);
    index[r[field]] = r;
  }
  return index;
}`,
    faulty: js`
export function indexBy(records, field) {
  const index = {};
  for (const r of records) index[r[field]] = r;
  return index;
}`,
    tests: js`
"index": () => assert.deepEqual(indexBy([{ id: "x", v: 1 }, { id: "y", v: 2 }], "id"), { x: { id: "x", v: 1 }, y: { id: "y", v: 2 } }),
"duplicates refused, naming the value": () => assert.throws(() => indexBy([{ id: "x" }, { id: "x" }], "id"), (e) => e instanceof RangeError && /x/.test(e.message)),`,
  },
  {
    name: "renameField",
    title: "Rename a field",
    signature: "renameField(records: object[], from: string, to: string): object[]",
    spec: "Returns new records (copies; the input records are not modified) in which field `from` is renamed to `to`; records without `from` are copied unchanged. Throws a RangeError if a record that has `from` already has a field `to`.",
    solution: js`
export function renameField(records, from, to) {
  return records.map((r) => {
    if (!Object.hasOwn(r, from)) return { ...r };
    if (Object.hasOwn(r, to)) throw new RangeError("renameField: a record already has the field " + to);
    const { [from]: value, ...rest } = r;
    return { ...rest, [to]: value };
  });
}`,
    faulty: js`
export function renameField(records, from, to) {
  return records.map((r) => {
    if (!Object.hasOwn(r, from)) return r;
    if (Object.hasOwn(r, to)) throw new RangeError("renameField: a record already has the field " + to);
    r[to] = r[from];
    delete r[from];
    return r;
  });
}`,
    tests: js`
"renames": () => assert.deepEqual(renameField([{ a: 1, b: 2 }, { b: 3 }], "a", "z"), [{ z: 1, b: 2 }, { b: 3 }]),
"input not modified": () => { const rs = [{ a: 1 }]; renameField(rs, "a", "z"); assert.deepEqual(rs, [{ a: 1 }]); },
"existing target refused": () => assert.throws(() => renameField([{ a: 1, z: 2 }], "a", "z"), RangeError),`,
  },
  {
    name: "fillMissing",
    title: "Fill missing values",
    signature: "fillMissing(records: object[], field: string, value: unknown): object[]",
    spec: "Returns copies of the records in which `field` is set to `value` where it is null or undefined (missing). Falsy values that are present (0, \"\", false) are kept.",
    solution: js`
export function fillMissing(records, field, value) {
  return records.map((r) => ({ ...r, [field]: r[field] ?? value }));
}`,
    faulty: js`
export function fillMissing(records, field, value) {
  return records.map((r) => ({ ...r, [field]: r[field] || value }));
}`,
    tests: js`
"fills null and missing, keeps 0": () => assert.deepEqual(fillMissing([{ v: 0 }, { v: null }, {}], "v", 9).map((r) => r.v), [0, 9, 9]),
"keeps empty strings": () => assert.equal(fillMissing([{ s: "" }], "s", "x")[0].s, ""),`,
  },
  {
    name: "percentileField",
    title: "Percentile with interpolation",
    signature: "percentileField(records: object[], field: string, q: number): number",
    spec: "Returns the q-quantile (0 <= q <= 1) of the numeric values of `field` with linear interpolation between order statistics (R's default, type 7): sort the n values ascending as x, h = (n - 1) * q, result x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]). Throws a RangeError when q is outside [0, 1] or there is no numeric value.",
    solution: js`
export function percentileField(records, field, q) {
  if (!(q >= 0 && q <= 1)) throw new RangeError("percentileField: q must be in [0, 1], got " + q);
  const x = records.map((r) => r[field]).filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (x.length === 0) throw new RangeError("percentileField: no numeric values of " + field);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
}`,
    faulty: js`
export function percentileField(records, field, q) {
  if (!(q >= 0 && q <= 1)) throw new RangeError("percentileField: q must be in [0, 1], got " + q);
  const x = records.map((r) => r[field]).filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (x.length === 0) throw new RangeError("percentileField: no numeric values of " + field);
  return x[Math.floor((x.length - 1) * q)];
}`,
    tests: js`
// R: quantile(c(1, 2, 3, 4), c(0, 0.25, 0.5, 1)) = 1, 1.75, 2.5, 4
"interpolated quartile (R: 1.75)": () => assert.equal(percentileField([{ v: 4 }, { v: 1 }, { v: 3 }, { v: 2 }], "v", 0.25), 1.75),
"median of four (R: 2.5)": () => assert.equal(percentileField([{ v: 4 }, { v: 1 }, { v: 3 }, { v: 2 }], "v", 0.5), 2.5),
"extremes": () => { const rs = [{ v: 4 }, { v: 1 }]; assert.equal(percentileField(rs, "v", 0), 1); assert.equal(percentileField(rs, "v", 1), 4); },
"q outside [0, 1] refused": () => assert.throws(() => percentileField([{ v: 1 }], "v", 1.5), RangeError),`,
  },
  {
    name: "correlation",
    title: "Pearson correlation",
    signature: "correlation(records: object[], fieldX: string, fieldY: string): number",
    spec: "Returns Pearson's r between the two fields over the records where both are numbers: r = sum(dx*dy) / sqrt(sum(dx^2) * sum(dy^2)) with dx, dy the deviations from the means. Throws a RangeError when fewer than two such records exist or either field has zero variance.",
    solution: js`
export function correlation(records, fieldX, fieldY) {
  const pairs = records.filter((r) => typeof r[fieldX] === "number" && typeof r[fieldY] === "number");
  if (pairs.length < 2) throw new RangeError("correlation: needs at least two records with both fields");
  const mx = pairs.reduce((s, r) => s + r[fieldX], 0) / pairs.length;
  const my = pairs.reduce((s, r) => s + r[fieldY], 0) / pairs.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (const r of pairs) {
    const dx = r[fieldX] - mx, dy = r[fieldY] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) throw new RangeError("correlation: a field has zero variance");
  return sxy / Math.sqrt(sxx * syy);
}`,
    faulty: js`
export function correlation(records, fieldX, fieldY) {
  const pairs = records.filter((r) => typeof r[fieldX] === "number" && typeof r[fieldY] === "number");
  if (pairs.length < 2) throw new RangeError("correlation: needs at least two records with both fields");
  const n = pairs.length;
  const mx = pairs.reduce((s, r) => s + r[fieldX], 0) / n;
  const my = pairs.reduce((s, r) => s + r[fieldY], 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const r of pairs) {
    const dx = r[fieldX] - mx, dy = r[fieldY] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) throw new RangeError("correlation: a field has zero variance");
  return sxy / (n - 1) / Math.sqrt((sxx / n) * (syy / n));
}`,
    tests: js`
// R: cor(c(1, 2, 3, 4, 5), c(2, 4, 5, 4, 5)) = 0.7745967 = 6 / sqrt(60)
"known value": () => close(correlation([1, 2, 3, 4, 5].map((x, i) => ({ x, y: [2, 4, 5, 4, 5][i] })), "x", "y"), 6 / Math.sqrt(60)),
"perfect negative": () => close(correlation([{ x: 1, y: -2 }, { x: 2, y: -4 }, { x: 3, y: -6 }], "x", "y"), -1),
"zero variance refused": () => assert.throws(() => correlation([{ x: 1, y: 1 }, { x: 1, y: 2 }], "x", "y"), RangeError),`,
  },
  {
    name: "joinOn",
    title: "Inner join",
    signature: "joinOn(left: object[], right: object[], field: string): object[]",
    spec: "Inner join on `field` (===): for each left record in order, for each right record with the same value in order, output { ...left, ...right } (right's fields win on conflicts). A left record with several matches yields several rows; one without a match yields none.",
    solution: js`
export function joinOn(left, right, field) {
  const rows = [];
  for (const l of left) for (const r of right) if (l[field] === r[field]) rows.push({ ...l, ...r });
  return rows;
}`,
    faulty: js`
export function joinOn(left, right, field) {
  const rows = [];
  for (const l of left) {
    const r = right.find((x) => x[field] === l[field]);
    if (r !== undefined) rows.push({ ...l, ...r });
  }
  return rows;
}`,
    tests: js`
"every match yields a row": () => assert.deepEqual(joinOn([{ id: 1, a: "x" }, { id: 2, a: "y" }], [{ id: 1, b: 1 }, { id: 1, b: 2 }], "id"), [{ id: 1, a: "x", b: 1 }, { id: 1, a: "x", b: 2 }]),
"right wins on conflicts": () => assert.deepEqual(joinOn([{ id: 1, v: "l" }], [{ id: 1, v: "r" }], "id"), [{ id: 1, v: "r" }]),`,
  },
  {
    name: "deduplicate",
    title: "Deduplicate on fields",
    signature: "deduplicate(records: object[], fields: string[]): object[]",
    spec: "Returns the records keeping only the first record for each combination of the values of `fields`, in order. Combinations must not collide: (\"a\", \"bc\") differs from (\"ab\", \"c\"), and 1 differs from \"1\".",
    solution: js`
export function deduplicate(records, fields) {
  const seen = new Set();
  return records.filter((r) => {
    const key = JSON.stringify(fields.map((f) => r[f] === undefined ? null : r[f]));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}`,
    faulty: js`
export function deduplicate(records, fields) {
  const seen = new Set();
  return records.filter((r) => {
    const key = fields.map((f) => r[f]).join("");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}`,
    tests: js`
"keeps the first": () => assert.deepEqual(deduplicate([{ a: 1, b: 2, i: 1 }, { a: 1, b: 2, i: 2 }, { a: 1, b: 3, i: 3 }], ["a", "b"]).map((r) => r.i), [1, 3]),
"no collisions between combinations": () => assert.equal(deduplicate([{ a: "a", b: "bc" }, { a: "ab", b: "c" }], ["a", "b"]).length, 2),
"numbers and strings differ": () => assert.equal(deduplicate([{ a: 1 }, { a: "1" }], ["a"]).length, 2),`,
  },
  {
    name: "binCounts",
    title: "Counts per bin",
    signature: "binCounts(records: object[], field: string, edges: number[]): number[]",
    spec: "Counts the numeric values of `field` into the bins defined by strictly increasing `edges` (at least two): bin i is [edges[i], edges[i+1]) except the last bin, which also includes its right edge. Values outside [edges[0], last edge] and non-numbers are ignored. Throws a RangeError when edges has fewer than two values or is not strictly increasing.",
    solution: js`
export function binCounts(records, field, edges) {
  if (edges.length < 2 || edges.some((e, i) => i > 0 && e <= edges[i - 1])) throw new RangeError("binCounts: edges must be at least two strictly increasing numbers");
  const counts = new Array(edges.length - 1).fill(0);
  const last = edges.length - 1;
  for (const r of records) {
    const v = r[field];
    if (typeof v !== "number" || v < edges[0] || v > edges[last]) continue;
    let i = 0;
    while (i < last - 1 && v >= edges[i + 1]) i++;
    counts[i] += 1;
  }
  return counts;
}`,
    faulty: js`
export function binCounts(records, field, edges) {
  if (edges.length < 2 || edges.some((e, i) => i > 0 && e <= edges[i - 1])) throw new RangeError("binCounts: edges must be at least two strictly increasing numbers");
  const counts = new Array(edges.length - 1).fill(0);
  for (const r of records) {
    const v = r[field];
    if (typeof v !== "number") continue;
    for (let i = 0; i < counts.length; i++) if (v >= edges[i] && v < edges[i + 1]) counts[i] += 1;
  }
  return counts;
}`,
    tests: js`
"the last bin includes its right edge": () => assert.deepEqual(binCounts([0, 5, 10, 15, 20].map((v) => ({ v })), "v", [0, 10, 20]), [2, 3]),
"outside values ignored": () => assert.deepEqual(binCounts([{ v: -1 }, { v: 21 }, { v: 3 }], "v", [0, 10, 20]), [1, 0]),
"bad edges refused": () => assert.throws(() => binCounts([], "v", [0, 0]), RangeError),`,
  },
];

export const DATAANALYSIS: DomainPool = {
  domain: "dataanalysis",
  title: "Data analysis on records",
  brief: "Build a small JavaScript library for analysing arrays of records: a pipeline over CSV text of sensor readings (parse, clean, convert, deduplicate, group by site, rank, profile the top site by hour, smooth, find the peak) and stand-alone record helpers. " +
    CHAIN_NOTE,
  chain,
  independent,
  testHelpers: js`
const close = (actual, expected, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, "expected " + expected + " (within " + eps + "), got " + actual);
const csv = (...rows) => ["site,sensor,hour,value,unit", ...rows].join("\n");
// Cleaned: north 10, 14, 16, 20 at hours 0, 1, 1, 3 (mean 15); south 10, 15, 12 (mean 37 / 3); east 8.
const DATA = csv(
  "north,s1,0,10,C",
  "north,s1,1,14,C",
  "south,s1,0,50,F",
  "north,s2,1,16,C",
  "south,s1,1,59,F",
  "north,s1,3,20,C",
  "north,s1,3,99,C",
  "north,s1,23,,C",
  "south,s1,2,12,C",
  "east,s1,5,8,C",
  "north,s1,24,40,C",
);`,
};
