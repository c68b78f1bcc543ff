import { js, type DomainPool, type PoolTask } from "./pool.js";

/**
 * `mathutils`: number utilities. The chain builds a small robust-statistics pipeline
 * (add -> sumList -> mean -> variance -> ... -> describe); the independent tasks are stand-alone helpers.
 * Known values in the tests were checked by hand; where R gives the same number it is named.
 */

const chain: PoolTask[] = [
  {
    name: "add",
    title: "Add two numbers",
    signature: "add(a: number, b: number): number",
    spec: "Returns a + b. Throws a TypeError if either argument is not of type number (strings such as \"1\" are refused, not converted).",
    solution: js`
export function add(a, b) {
  if (typeof a !== "number" || typeof b !== "number") {
    throw new TypeError("add: both arguments must be numbers, got " + typeof a + " and " + typeof b);
  }
  return a + b;
}`,
    faulty: js`
export function add(a, b) {
  return a + b;
}`,
    tests: js`
"adds two integers": () => assert.equal(add(2, 3), 5),
"adds negatives and fractions": () => assert.equal(add(-1.5, 0.25), -1.25),
"refuses a numeric string": () => assert.throws(() => add("1", 2), TypeError),
"refuses undefined": () => assert.throws(() => add(1, undefined), TypeError),`,
  },
  {
    name: "sumList",
    title: "Sum a list of numbers",
    signature: "sumList(xs: number[]): number",
    spec: "Returns the sum of the numbers in `xs`, adding left to right with `add`. The sum of an empty array is 0. Throws a TypeError if `xs` is not an array; a non-number element makes `add` throw its TypeError.",
    uses: ["add"],
    solution: js`
export function sumList(xs) {
  if (!Array.isArray(xs)) throw new TypeError("sumList: expected an array, got " + typeof xs);
  let total = 0;
  for (const x of xs) total = add(total, x);
  return total;
}`,
    faulty: js`
export function sumList(xs) {
  if (!Array.isArray(xs)) throw new TypeError("sumList: expected an array, got " + typeof xs);
  return xs.reduce((total, x) => add(total, x));
}`,
    tests: js`
"sums integers": () => assert.equal(sumList([1, 2, 3, 4]), 10),
"empty list sums to 0": () => assert.equal(sumList([]), 0),
"single element": () => assert.equal(sumList([7]), 7),
"refuses a string": () => assert.throws(() => sumList("123"), TypeError),
"refuses a non-number element": () => assert.throws(() => sumList([1, "2"]), TypeError),`,
  },
  {
    name: "mean",
    title: "Arithmetic mean",
    signature: "mean(xs: number[]): number",
    spec: "Returns the arithmetic mean sumList(xs) / xs.length. Throws a RangeError for an empty array (the mean of nothing is undefined; do not return 0).",
    uses: ["sumList"],
    solution: js`
export function mean(xs) {
  const total = sumList(xs);
  if (xs.length === 0) throw new RangeError("mean: needs at least one value, got an empty array");
  return total / xs.length;
}`,
    faulty: js`
export function mean(xs) {
  const total = sumList(xs);
  if (xs.length === 0) return 0;
  return total / xs.length;
}`,
    tests: js`
"mean of 1..4 is 2.5": () => assert.equal(mean([1, 2, 3, 4]), 2.5),
"symmetric values average to 0": () => assert.equal(mean([-2, 2]), 0),
"single value": () => assert.equal(mean([7]), 7),
"empty array is refused": () => assert.throws(() => mean([]), RangeError),`,
  },
  {
    name: "variance",
    title: "Sample variance",
    signature: "variance(xs: number[]): number",
    spec: "Returns the sample variance, sum((x - m)^2) / (n - 1) with m = mean(xs) and n = xs.length (divide by n - 1, not n). Throws a RangeError when there are fewer than two values.",
    uses: ["mean"],
    solution: js`
export function variance(xs) {
  if (!Array.isArray(xs) || xs.length < 2) throw new RangeError("variance: needs at least two values");
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (xs.length - 1);
}`,
    faulty: js`
export function variance(xs) {
  if (!Array.isArray(xs) || xs.length < 2) throw new RangeError("variance: needs at least two values");
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / xs.length;
}`,
    tests: js`
"variance of 1..10 (R: var(1:10) = 9.166667)": () => close(variance([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 55 / 6),
"two values: ((2-3)^2 + (4-3)^2) / 1 = 2": () => assert.equal(variance([2, 4]), 2),
"constant values have variance 0": () => assert.equal(variance([3, 3, 3]), 0),
"one value is refused": () => assert.throws(() => variance([5]), RangeError),`,
  },
  {
    name: "stdDev",
    title: "Sample standard deviation",
    signature: "stdDev(xs: number[]): number",
    spec: "Returns the sample standard deviation, the square root of variance(xs). Fewer than two values: the RangeError of `variance`.",
    uses: ["variance"],
    solution: js`
export function stdDev(xs) {
  return Math.sqrt(variance(xs));
}`,
    faulty: js`
export function stdDev(xs) {
  return Math.sqrt((variance(xs) * (xs.length - 1)) / xs.length);
}`,
    tests: js`
"sd of [2,4,4,4,5,5,7,9] is sqrt(32 / 7)": () => close(stdDev([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7)),
"sd of [1, 3] is sqrt(2)": () => close(stdDev([1, 3]), Math.SQRT2),
"one value is refused": () => assert.throws(() => stdDev([1]), RangeError),`,
  },
  {
    name: "zScores",
    title: "Standard scores",
    signature: "zScores(xs: number[]): number[]",
    spec: "Returns a new array with (x - mean(xs)) / stdDev(xs) for each x, in order. Throws a RangeError when the standard deviation is 0 (all values equal), because the scores are undefined. Does not modify `xs`.",
    uses: ["stdDev", "mean"],
    solution: js`
export function zScores(xs) {
  const sd = stdDev(xs);
  if (sd === 0) throw new RangeError("zScores: all values are equal, so the standard deviation is 0");
  const m = mean(xs);
  return xs.map((x) => (x - m) / sd);
}`,
    faulty: js`
export function zScores(xs) {
  const sd = stdDev(xs);
  const m = mean(xs);
  return xs.map((x) => (x - m) / sd);
}`,
    tests: js`
"scores of [1, 2, 3] are [-1, 0, 1]": () => assert.deepEqual(zScores([1, 2, 3]), [-1, 0, 1]),
"largest of [2,4,4,4,5,5,7,9] is 4 / sqrt(32 / 7)": () => close(zScores([2, 4, 4, 4, 5, 5, 7, 9])[7], 4 / Math.sqrt(32 / 7)),
"equal values are refused": () => assert.throws(() => zScores([5, 5, 5]), RangeError),
"input is not modified": () => { const xs = [3, 1, 2]; zScores(xs); assert.deepEqual(xs, [3, 1, 2]); },`,
  },
  {
    name: "outlierMask",
    title: "Flag outliers by z-score",
    signature: "outlierMask(xs: number[], threshold?: number): boolean[]",
    spec: "Returns an array of booleans, true where the absolute z-score (from `zScores`) is strictly greater than `threshold` (default 2). Values far below the mean are outliers too. Throws a RangeError if threshold is not a positive number.",
    uses: ["zScores"],
    solution: js`
export function outlierMask(xs, threshold = 2) {
  if (!(typeof threshold === "number" && threshold > 0)) throw new RangeError("outlierMask: threshold must be a positive number, got " + threshold);
  return zScores(xs).map((z) => Math.abs(z) > threshold);
}`,
    faulty: js`
export function outlierMask(xs, threshold = 2) {
  if (!(typeof threshold === "number" && threshold > 0)) throw new RangeError("outlierMask: threshold must be a positive number, got " + threshold);
  return zScores(xs).map((z) => z > threshold);
}`,
    tests: js`
// LOW: mean 4, sd sqrt(3240 / 9) = 18.97; z(-50) = -54 / 18.97 = -2.85, the others 0.32.
"a low outlier is flagged": () => assert.deepEqual(outlierMask(LOW), [false, false, false, false, false, false, false, false, false, true]),
// [1,2,3,4,100]: mean 22, sd sqrt(7610 / 4) = 43.62; z(100) = 78 / 43.62 = 1.79.
"threshold 1.5 flags 100 in [1,2,3,4,100]": () => assert.deepEqual(outlierMask([1, 2, 3, 4, 100], 1.5), [false, false, false, false, true]),
"default threshold 2 keeps 100 in [1,2,3,4,100]": () => assert.deepEqual(outlierMask([1, 2, 3, 4, 100]), [false, false, false, false, false]),
"|z| equal to the threshold is not an outlier": () => assert.deepEqual(outlierMask([1, 2, 3], 1), [false, false, false]),
"threshold 0 is refused": () => assert.throws(() => outlierMask([1, 2, 3], 0), RangeError),`,
  },
  {
    name: "removeOutliers",
    title: "Drop outliers",
    signature: "removeOutliers(xs: number[], threshold?: number): number[]",
    spec: "Returns a new array of the values of `xs` that `outlierMask(xs, threshold)` does not flag, in their original order (do not sort). `threshold` defaults to 2.",
    uses: ["outlierMask"],
    solution: js`
export function removeOutliers(xs, threshold = 2) {
  const mask = outlierMask(xs, threshold);
  return xs.filter((x, i) => !mask[i]);
}`,
    faulty: js`
export function removeOutliers(xs, threshold = 2) {
  const mask = outlierMask(xs, threshold);
  return xs.filter((x, i) => !mask[i]).sort((a, b) => a - b);
}`,
    tests: js`
"drops the low outlier": () => assert.deepEqual(removeOutliers(LOW), [10, 10, 10, 10, 10, 10, 10, 10, 10]),
"keeps the original order": () => assert.deepEqual(removeOutliers([4, 1, 3, 2, 100], 1.5), [4, 1, 3, 2]),
"nothing to drop": () => assert.deepEqual(removeOutliers([3, 1, 2]), [3, 1, 2]),`,
  },
  {
    name: "robustMean",
    title: "Mean without outliers",
    signature: "robustMean(xs: number[], threshold?: number): number",
    spec: "Returns the mean of the values kept by removeOutliers(xs, threshold); pass `threshold` (default 2) through.",
    uses: ["removeOutliers", "mean"],
    solution: js`
export function robustMean(xs, threshold = 2) {
  return mean(removeOutliers(xs, threshold));
}`,
    faulty: js`
export function robustMean(xs, threshold = 2) {
  return mean(removeOutliers(xs));
}`,
    tests: js`
"ignores the low outlier": () => assert.equal(robustMean(LOW), 10),
"threshold 1.5 drops 100 from [1,2,3,4,100]: mean of 1..4": () => assert.equal(robustMean([1, 2, 3, 4, 100], 1.5), 2.5),
"no outliers: plain mean": () => assert.equal(robustMean([1, 2, 3]), 2),`,
  },
  {
    name: "robustSpread",
    title: "Standard deviation without outliers",
    signature: "robustSpread(xs: number[], threshold?: number): number",
    spec: "Returns sqrt(sum((x - m)^2) / (k - 1)) over the k values kept by removeOutliers(xs, threshold), with m = robustMean(xs, threshold). Only the kept values enter the sum. Throws a RangeError when fewer than two values are kept. `threshold` defaults to 2.",
    uses: ["robustMean", "removeOutliers"],
    solution: js`
export function robustSpread(xs, threshold = 2) {
  const kept = removeOutliers(xs, threshold);
  if (kept.length < 2) throw new RangeError("robustSpread: fewer than two values are left after removing outliers");
  const m = robustMean(xs, threshold);
  let ss = 0;
  for (const x of kept) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (kept.length - 1));
}`,
    faulty: js`
export function robustSpread(xs, threshold = 2) {
  const kept = removeOutliers(xs, threshold);
  if (kept.length < 2) throw new RangeError("robustSpread: fewer than two values are left after removing outliers");
  const m = robustMean(xs, threshold);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (kept.length - 1));
}`,
    tests: js`
"the nine kept values of LOW are equal: spread 0": () => assert.equal(robustSpread(LOW), 0),
"[1,2,3,4] kept: sqrt(5 / 3)": () => close(robustSpread([1, 2, 3, 4, 100], 1.5), Math.sqrt(5 / 3)),
"one value is refused": () => assert.throws(() => robustSpread([4]), RangeError),`,
  },
  {
    name: "robustZScores",
    title: "Robust standard scores",
    signature: "robustZScores(xs: number[], threshold?: number): number[]",
    spec: "Returns (x - robustMean(xs, threshold)) / robustSpread(xs, threshold) for every x of `xs`, outliers included, in order. Throws a RangeError when the robust spread is 0. `threshold` defaults to 2.",
    uses: ["robustSpread", "robustMean"],
    solution: js`
export function robustZScores(xs, threshold = 2) {
  const s = robustSpread(xs, threshold);
  if (s === 0) throw new RangeError("robustZScores: the robust spread is 0");
  const m = robustMean(xs, threshold);
  return xs.map((x) => (x - m) / s);
}`,
    faulty: js`
import { mean } from "./mean.js";

export function robustZScores(xs, threshold = 2) {
  const s = robustSpread(xs, threshold);
  if (s === 0) throw new RangeError("robustZScores: the robust spread is 0");
  const m = mean(xs);
  return xs.map((x) => (x - m) / s);
}`,
    tests: js`
// [1,2,3,4,100] at threshold 1.5: robust mean 2.5, robust spread sqrt(5 / 3).
"scores use the robust centre and spread": () => closeAll(robustZScores([1, 2, 3, 4, 100], 1.5), [1, 2, 3, 4, 100].map((x) => (x - 2.5) / Math.sqrt(5 / 3))),
"zero robust spread is refused": () => assert.throws(() => robustZScores(LOW), RangeError),`,
  },
  {
    name: "clipScores",
    title: "Clipped robust scores",
    signature: "clipScores(xs: number[], limit?: number, threshold?: number): number[]",
    spec: "Returns robustZScores(xs, threshold) with each score clamped to [-limit, limit] (both sides). `limit` defaults to 3 and must be a positive number (else RangeError); `threshold` defaults to 2.",
    uses: ["robustZScores"],
    solution: js`
export function clipScores(xs, limit = 3, threshold = 2) {
  if (!(typeof limit === "number" && limit > 0)) throw new RangeError("clipScores: limit must be a positive number, got " + limit);
  return robustZScores(xs, threshold).map((z) => Math.max(-limit, Math.min(limit, z)));
}`,
    faulty: js`
export function clipScores(xs, limit = 3, threshold = 2) {
  if (!(typeof limit === "number" && limit > 0)) throw new RangeError("clipScores: limit must be a positive number, got " + limit);
  return robustZScores(xs, threshold).map((z) => Math.min(limit, z));
}`,
    tests: js`
"a high outlier is clipped to +limit": () => assert.equal(clipScores([1, 2, 3, 4, 100], 3, 1.5)[4], 3),
// [1,2,3,4,-100] at 1.5: -100 is dropped, robust mean 2.5, spread sqrt(5/3); its score -79.4 is clipped.
"a low outlier is clipped to -limit": () => assert.equal(clipScores([1, 2, 3, 4, -100], 3, 1.5)[4], -3),
"scores inside the limits are unchanged": () => close(clipScores([1, 2, 3, 4, -100], 3, 1.5)[0], -1.5 / Math.sqrt(5 / 3)),
"limit 0 is refused": () => assert.throws(() => clipScores([1, 2, 3], 0), RangeError),`,
  },
  {
    name: "histogram",
    title: "Histogram of clipped scores",
    signature: "histogram(xs: number[], options?: { bins?: number; limit?: number; threshold?: number }): number[]",
    spec: "Counts the scores clipScores(xs, limit, threshold) into `bins` equal-width bins covering [-limit, limit]: bin i holds scores in [-limit + i*w, -limit + (i+1)*w) with w = 2*limit/bins, and a score equal to +limit goes into the last bin. Returns an array of `bins` counts that sum to xs.length. Defaults: bins 6, limit 3, threshold 2. Throws a RangeError if bins is not a positive integer.",
    uses: ["clipScores"],
    solution: js`
export function histogram(xs, options = {}) {
  const { bins = 6, limit = 3, threshold = 2 } = options;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError("histogram: bins must be a positive integer, got " + bins);
  const w = (2 * limit) / bins;
  const counts = new Array(bins).fill(0);
  for (const z of clipScores(xs, limit, threshold)) counts[Math.min(bins - 1, Math.floor((z + limit) / w))] += 1;
  return counts;
}`,
    faulty: js`
export function histogram(xs, options = {}) {
  const { bins = 6, limit = 3, threshold = 2 } = options;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError("histogram: bins must be a positive integer, got " + bins);
  const w = (2 * limit) / bins;
  const counts = new Array(bins).fill(0);
  for (const z of clipScores(xs, limit, threshold)) counts[Math.floor((z + limit) / w)] += 1;
  return counts;
}`,
    tests: js`
// Clipped scores -1.16, -0.39, 0.39, 1.16, 3 with w = 1: bins 1, 2, 3, 4 and (for +3) the last bin, 5.
"a score at +limit lands in the last bin": () => assert.deepEqual(histogram([1, 2, 3, 4, 100], { threshold: 1.5 }), [0, 1, 1, 1, 1, 1]),
// [1,2,3]: scores -1, 0, 1; two bins of width 3 over [-3, 3]: -1 -> 0, 0 -> 1, 1 -> 1.
"two bins": () => assert.deepEqual(histogram([1, 2, 3], { bins: 2 }), [1, 2]),
"bins 0 is refused": () => assert.throws(() => histogram([1, 2, 3], { bins: 0 }), RangeError),`,
  },
  {
    name: "histogramShares",
    title: "Histogram as shares",
    signature: "histogramShares(xs: number[], options?: { bins?: number; limit?: number; threshold?: number }): number[]",
    spec: "Returns histogram(xs, options) with each count divided by the number of values xs.length, so the shares sum to 1.",
    uses: ["histogram"],
    solution: js`
export function histogramShares(xs, options = {}) {
  return histogram(xs, options).map((c) => c / xs.length);
}`,
    faulty: js`
export function histogramShares(xs, options = {}) {
  const counts = histogram(xs, options);
  return counts.map((c) => c / counts.length);
}`,
    tests: js`
"shares of [1, 2, 3] in two bins": () => closeAll(histogramShares([1, 2, 3], { bins: 2 }), [1 / 3, 2 / 3]),
"shares sum to 1": () => close(histogramShares([1, 2, 3, 4, 100], { threshold: 1.5 }).reduce((a, b) => a + b, 0), 1),`,
  },
  {
    name: "modeBin",
    title: "Most populated bin",
    signature: "modeBin(xs: number[], options?: { bins?: number; limit?: number; threshold?: number }): number",
    spec: "Returns the index of the largest share in histogramShares(xs, options). On ties, the lowest index wins.",
    uses: ["histogramShares"],
    solution: js`
export function modeBin(xs, options = {}) {
  const shares = histogramShares(xs, options);
  let best = 0;
  shares.forEach((s, i) => { if (s > shares[best]) best = i; });
  return best;
}`,
    faulty: js`
export function modeBin(xs, options = {}) {
  const shares = histogramShares(xs, options);
  let best = 0;
  shares.forEach((s, i) => { if (s >= shares[best]) best = i; });
  return best;
}`,
    tests: js`
"ties go to the lowest index (shares [0, .2, .2, .2, .2, .2])": () => assert.equal(modeBin([1, 2, 3, 4, 100], { threshold: 1.5 }), 1),
"clear winner": () => assert.equal(modeBin([1, 2, 3], { bins: 2 }), 1),`,
  },
  {
    name: "describe",
    title: "Robust summary",
    signature: "describe(xs: number[], options?: { bins?: number; limit?: number; threshold?: number }): { n: number; outliers: number; robustMean: number; robustSpread: number; modeBin: number }",
    spec: "Returns an object: n = xs.length (all values), outliers = how many values removeOutliers(xs, threshold) drops, robustMean and robustSpread at that threshold, and modeBin(xs, options). threshold defaults to 2.",
    uses: ["modeBin", "robustMean", "robustSpread", "removeOutliers"],
    solution: js`
export function describe(xs, options = {}) {
  const threshold = options.threshold ?? 2;
  return {
    n: xs.length,
    outliers: xs.length - removeOutliers(xs, threshold).length,
    robustMean: robustMean(xs, threshold),
    robustSpread: robustSpread(xs, threshold),
    modeBin: modeBin(xs, options),
  };
}`,
    faulty: js`
export function describe(xs, options = {}) {
  const threshold = options.threshold ?? 2;
  const kept = removeOutliers(xs, threshold);
  return {
    n: kept.length,
    outliers: xs.length - kept.length,
    robustMean: robustMean(xs, threshold),
    robustSpread: robustSpread(xs, threshold),
    modeBin: modeBin(xs, options),
  };
}`,
    tests: js`
"summary of [1,2,3,4,100] at threshold 1.5": () => {
  const d = describe([1, 2, 3, 4, 100], { threshold: 1.5 });
  assert.equal(d.n, 5);
  assert.equal(d.outliers, 1);
  assert.equal(d.robustMean, 2.5);
  close(d.robustSpread, Math.sqrt(5 / 3));
  assert.equal(d.modeBin, 1);
},
"no outliers": () => assert.equal(describe([1, 2, 3]).outliers, 0),`,
  },
];

const independent: PoolTask[] = [
  {
    name: "clamp",
    title: "Clamp to a range",
    signature: "clamp(x: number, lo: number, hi: number): number",
    spec: "Returns x limited to [lo, hi]: lo when x < lo, hi when x > hi, else x. Throws a RangeError when lo > hi.",
    solution: js`
export function clamp(x, lo, hi) {
  if (lo > hi) throw new RangeError("clamp: lo (" + lo + ") must not exceed hi (" + hi + ")");
  return Math.min(Math.max(x, lo), hi);
}`,
    faulty: js`
export function clamp(x, lo, hi) {
  return Math.min(Math.max(x, lo), hi);
}`,
    tests: js`
"inside the range": () => assert.equal(clamp(5, 0, 10), 5),
"below": () => assert.equal(clamp(-3, 0, 10), 0),
"above": () => assert.equal(clamp(12, 0, 10), 10),
"empty range refused": () => assert.throws(() => clamp(1, 5, 0), RangeError),`,
  },
  {
    name: "sign",
    title: "Sign of a number",
    signature: "sign(x: number): -1 | 0 | 1",
    spec: "Returns -1 for negative x, 1 for positive x and 0 (positive zero, also for -0). Throws a RangeError for NaN.",
    solution: js`
export function sign(x) {
  if (Number.isNaN(x)) throw new RangeError("sign: x is NaN");
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}`,
    faulty: js`
export function sign(x) {
  return Math.sign(x);
}`,
    tests: js`
"positive": () => assert.equal(sign(3.5), 1),
"negative": () => assert.equal(sign(-2), -1),
"negative zero gives positive zero": () => assert.ok(Object.is(sign(-0), 0)),
"NaN refused": () => assert.throws(() => sign(NaN), RangeError),`,
  },
  {
    name: "isEven",
    title: "Even integers",
    signature: "isEven(n: number): boolean",
    spec: "Returns true when the integer n is even, also for negative n. Throws a RangeError when n is not an integer.",
    solution: js`
export function isEven(n) {
  if (!Number.isInteger(n)) throw new RangeError("isEven: n must be an integer, got " + n);
  return n % 2 === 0;
}`,
    faulty: js`
export function isEven(n) {
  if (!Number.isInteger(n)) throw new RangeError("isEven: n must be an integer, got " + n);
  return n % 2 !== 1;
}`,
    tests: js`
"4 is even": () => assert.equal(isEven(4), true),
"0 is even": () => assert.equal(isEven(0), true),
"-3 is odd": () => assert.equal(isEven(-3), false),
"2.5 refused": () => assert.throws(() => isEven(2.5), RangeError),`,
  },
  {
    name: "factorial",
    title: "Factorial",
    signature: "factorial(n: number): number",
    spec: "Returns n! for a non-negative integer n, with 0! = 1. Throws a RangeError for negative or non-integer n.",
    solution: js`
export function factorial(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("factorial: n must be a non-negative integer, got " + n);
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}`,
    faulty: js`
export function factorial(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("factorial: n must be a non-negative integer, got " + n);
  let r = n;
  for (let i = n - 1; i > 1; i--) r *= i;
  return r;
}`,
    tests: js`
"0! = 1": () => assert.equal(factorial(0), 1),
"5! = 120": () => assert.equal(factorial(5), 120),
"10! = 3628800": () => assert.equal(factorial(10), 3628800),
"negative refused": () => assert.throws(() => factorial(-1), RangeError),`,
  },
  {
    name: "gcd",
    title: "Greatest common divisor",
    signature: "gcd(a: number, b: number): number",
    spec: "Returns the greatest common divisor of the integers a and b, always >= 0, also for negative arguments; gcd(0, 0) = 0. Throws a RangeError for non-integers.",
    solution: js`
export function gcd(a, b) {
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError("gcd: arguments must be integers");
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}`,
    faulty: js`
export function gcd(a, b) {
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError("gcd: arguments must be integers");
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}`,
    tests: js`
"gcd(12, 18) = 6": () => assert.equal(gcd(12, 18), 6),
"gcd(12, -18) = 6": () => assert.equal(gcd(12, -18), 6),
"gcd(-4, 0) = 4": () => assert.equal(gcd(-4, 0), 4),
"gcd(0, 0) = 0": () => assert.equal(gcd(0, 0), 0),
"non-integer refused": () => assert.throws(() => gcd(1.5, 3), RangeError),`,
  },
  {
    name: "lcm",
    title: "Least common multiple",
    signature: "lcm(a: number, b: number): number",
    spec: "Returns the least common multiple |a*b| / gcd(a, b) of the integers a and b, always >= 0; it is 0 when either argument is 0 (including lcm(0, 0) = 0). Compute the gcd inside this file. Throws a RangeError for non-integers.",
    solution: js`
function gcd(a, b) {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function lcm(a, b) {
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError("lcm: arguments must be integers");
  if (a === 0 || b === 0) return 0;
  return Math.abs(a * b) / gcd(a, b);
}`,
    faulty: js`
function gcd(a, b) {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function lcm(a, b) {
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError("lcm: arguments must be integers");
  return Math.abs(a * b) / gcd(a, b);
}`,
    tests: js`
"lcm(4, 6) = 12": () => assert.equal(lcm(4, 6), 12),
"lcm(-4, 6) = 12": () => assert.equal(lcm(-4, 6), 12),
"lcm(0, 5) = 0": () => assert.equal(lcm(0, 5), 0),
"lcm(0, 0) = 0": () => assert.equal(lcm(0, 0), 0),`,
  },
  {
    name: "isPrime",
    title: "Primality test",
    signature: "isPrime(n: number): boolean",
    spec: "Returns true when the integer n is prime. Numbers below 2 (including 0, 1 and negatives) are not prime. Trial division up to and including sqrt(n) is enough. Throws a RangeError for non-integers.",
    solution: js`
export function isPrime(n) {
  if (!Number.isInteger(n)) throw new RangeError("isPrime: n must be an integer, got " + n);
  if (n < 2) return false;
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;
  return true;
}`,
    faulty: js`
export function isPrime(n) {
  if (!Number.isInteger(n)) throw new RangeError("isPrime: n must be an integer, got " + n);
  if (n < 2) return false;
  for (let i = 2; i < Math.sqrt(n); i++) if (n % i === 0) return false;
  return true;
}`,
    tests: js`
"2 and 97 are prime": () => { assert.equal(isPrime(2), true); assert.equal(isPrime(97), true); },
"squares of primes are not prime": () => { assert.equal(isPrime(9), false); assert.equal(isPrime(25), false); },
"1 and -7 are not prime": () => { assert.equal(isPrime(1), false); assert.equal(isPrime(-7), false); },`,
  },
  {
    name: "fibonacci",
    title: "Fibonacci numbers",
    signature: "fibonacci(n: number): number",
    spec: "Returns F(n) with F(0) = 0, F(1) = 1, F(n) = F(n-1) + F(n-2), computed iteratively. Throws a RangeError for negative or non-integer n.",
    solution: js`
export function fibonacci(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("fibonacci: n must be a non-negative integer, got " + n);
  let a = 0, b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}`,
    faulty: js`
export function fibonacci(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("fibonacci: n must be a non-negative integer, got " + n);
  let a = 1, b = 1;
  for (let i = 1; i < n; i++) [a, b] = [b, a + b];
  return a;
}`,
    tests: js`
"F(0) = 0": () => assert.equal(fibonacci(0), 0),
"F(1) = 1": () => assert.equal(fibonacci(1), 1),
"F(10) = 55": () => assert.equal(fibonacci(10), 55),
"F(50) = 12586269025": () => assert.equal(fibonacci(50), 12586269025),
"negative refused": () => assert.throws(() => fibonacci(-1), RangeError),`,
  },
  {
    name: "roundTo",
    title: "Decimal rounding",
    signature: "roundTo(x: number, digits?: number): number",
    spec: "Rounds x to `digits` decimal places (default 0), halves away from zero, exactly as written in decimal: roundTo(1.005, 2) is 1.01 and roundTo(-2.5) is -3 (multiplying by 10**digits and calling Math.round gets both wrong). digits must be an integer in 0..10, else RangeError.",
    solution: js`
export function roundTo(x, digits = 0) {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new RangeError("roundTo: digits must be an integer in 0..10, got " + digits);
  const text = String(Math.abs(x));
  if (text.includes("e")) return Math.sign(x) * (Math.round(Math.abs(x) * 10 ** digits) / 10 ** digits);
  const r = Math.sign(x) * Number(Math.round(Number(text + "e" + digits)) + "e-" + digits);
  return r === 0 ? 0 : r;
}`,
    faulty: js`
export function roundTo(x, digits = 0) {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new RangeError("roundTo: digits must be an integer in 0..10, got " + digits);
  return Math.round(x * 10 ** digits) / 10 ** digits;
}`,
    tests: js`
"1.005 to 2 places is 1.01": () => assert.equal(roundTo(1.005, 2), 1.01),
"2.345 to 2 places is 2.35": () => assert.equal(roundTo(2.345, 2), 2.35),
"-2.5 rounds away from zero": () => assert.equal(roundTo(-2.5), -3),
"1234.5678 to 1 place": () => assert.equal(roundTo(1234.5678, 1), 1234.6),
"negative digits refused": () => assert.throws(() => roundTo(1, -1), RangeError),`,
  },
  {
    name: "lerp",
    title: "Linear interpolation",
    signature: "lerp(a: number, b: number, t: number): number",
    spec: "Returns a + (b - a) * t. t outside [0, 1] extrapolates (do not clamp t).",
    solution: js`
export function lerp(a, b, t) {
  return a + (b - a) * t;
}`,
    faulty: js`
export function lerp(a, b, t) {
  const u = Math.min(1, Math.max(0, t));
  return a + (b - a) * u;
}`,
    tests: js`
"a quarter of the way": () => assert.equal(lerp(0, 10, 0.25), 2.5),
"endpoints": () => { assert.equal(lerp(10, 20, 0), 10); assert.equal(lerp(10, 20, 1), 20); },
"extrapolates beyond b": () => assert.equal(lerp(0, 10, 2), 20),
"extrapolates before a": () => assert.equal(lerp(0, 10, -0.5), -5),`,
  },
  {
    name: "median",
    title: "Median",
    signature: "median(xs: number[]): number",
    spec: "Returns the median of the numbers: the middle value of the numerically sorted values, or the mean of the two middle values for an even count. Sort numerically (the default Array sort compares strings) and do not modify `xs`. Throws a RangeError for an empty array.",
    solution: js`
export function median(xs) {
  if (xs.length === 0) throw new RangeError("median: needs at least one value");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}`,
    faulty: js`
export function median(xs) {
  if (xs.length === 0) throw new RangeError("median: needs at least one value");
  const s = [...xs].sort();
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}`,
    tests: js`
"odd count": () => assert.equal(median([3, 1, 2]), 2),
"numeric, not lexicographic, order": () => assert.equal(median([10, 9, 1]), 9),
"even count averages the middle two": () => assert.equal(median([4, 1, 3, 2]), 2.5),
"input not modified": () => { const xs = [3, 1, 2]; median(xs); assert.deepEqual(xs, [3, 1, 2]); },
"empty refused": () => assert.throws(() => median([]), RangeError),`,
  },
  {
    name: "product",
    title: "Product of a list",
    signature: "product(xs: number[]): number",
    spec: "Returns the product of the numbers in `xs`; the product of an empty array is 1.",
    solution: js`
export function product(xs) {
  return xs.reduce((p, x) => p * x, 1);
}`,
    faulty: js`
export function product(xs) {
  return xs.reduce((p, x) => p * x);
}`,
    tests: js`
"2 * 3 * 4 = 24": () => assert.equal(product([2, 3, 4]), 24),
"empty product is 1": () => assert.equal(product([]), 1),
"signs and fractions": () => assert.equal(product([-1, 2, 0.5]), -1),`,
  },
  {
    name: "cumulativeSum",
    title: "Running totals",
    signature: "cumulativeSum(xs: number[]): number[]",
    spec: "Returns a new array whose i-th element is xs[0] + ... + xs[i] (same length as xs; [] for []).",
    solution: js`
export function cumulativeSum(xs) {
  const out = [];
  let total = 0;
  for (const x of xs) {
    total += x;
    out.push(total);
  }
  return out;
}`,
    faulty: js`
export function cumulativeSum(xs) {
  const out = [];
  let total = 0;
  for (const x of xs) {
    out.push(total);
    total += x;
  }
  return out;
}`,
    tests: js`
"running totals of 1..4": () => assert.deepEqual(cumulativeSum([1, 2, 3, 4]), [1, 3, 6, 10]),
"empty": () => assert.deepEqual(cumulativeSum([]), []),
"back to zero": () => assert.deepEqual(cumulativeSum([5, -5]), [5, 0]),`,
  },
  {
    name: "dotProduct",
    title: "Dot product",
    signature: "dotProduct(a: number[], b: number[]): number",
    spec: "Returns sum of a[i] * b[i]. The dot product of two empty arrays is 0. Throws a RangeError when the lengths differ.",
    solution: js`
export function dotProduct(a, b) {
  if (a.length !== b.length) throw new RangeError("dotProduct: lengths differ (" + a.length + " and " + b.length + ")");
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}`,
    faulty: js`
export function dotProduct(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}`,
    tests: js`
"[1,2,3] . [4,5,6] = 32": () => assert.equal(dotProduct([1, 2, 3], [4, 5, 6]), 32),
"empty vectors": () => assert.equal(dotProduct([], []), 0),
"different lengths refused": () => assert.throws(() => dotProduct([1, 2], [1, 2, 3]), RangeError),`,
  },
  {
    name: "percentChange",
    title: "Percent change",
    signature: "percentChange(from: number, to: number): number",
    spec: "Returns (to - from) / |from| * 100, so a rise is positive even when `from` is negative. Throws a RangeError when from is 0.",
    solution: js`
export function percentChange(from, to) {
  if (from === 0) throw new RangeError("percentChange: from must not be 0");
  return ((to - from) / Math.abs(from)) * 100;
}`,
    faulty: js`
export function percentChange(from, to) {
  if (from === 0) throw new RangeError("percentChange: from must not be 0");
  return ((to - from) / from) * 100;
}`,
    tests: js`
"50 -> 75 is +50%": () => assert.equal(percentChange(50, 75), 50),
"200 -> 150 is -25%": () => assert.equal(percentChange(200, 150), -25),
"-50 -> -25 is a rise of 50%": () => assert.equal(percentChange(-50, -25), 50),
"from 0 refused": () => assert.throws(() => percentChange(0, 5), RangeError),`,
  },
  {
    name: "digitSum",
    title: "Sum of decimal digits",
    signature: "digitSum(n: number): number",
    spec: "Returns the sum of the decimal digits of |n| for an integer n (digitSum(-123) = 6). Throws a RangeError for non-integers.",
    solution: js`
export function digitSum(n) {
  if (!Number.isInteger(n)) throw new RangeError("digitSum: n must be an integer, got " + n);
  let s = 0;
  for (const d of String(Math.abs(n))) s += Number(d);
  return s;
}`,
    faulty: js`
export function digitSum(n) {
  if (!Number.isInteger(n)) throw new RangeError("digitSum: n must be an integer, got " + n);
  let s = 0;
  for (const d of String(n)) s += Number(d);
  return s;
}`,
    tests: js`
"12345 -> 15": () => assert.equal(digitSum(12345), 15),
"0 -> 0": () => assert.equal(digitSum(0), 0),
"-123 -> 6": () => assert.equal(digitSum(-123), 6),
"1.5 refused": () => assert.throws(() => digitSum(1.5), RangeError),`,
  },
  {
    name: "toBinary",
    title: "Binary representation",
    signature: "toBinary(n: number): string",
    spec: "Returns the base-2 digits of a non-negative integer n, without leading zeros; toBinary(0) is \"0\". Throws a RangeError for negative or non-integer n.",
    solution: js`
export function toBinary(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("toBinary: n must be a non-negative integer, got " + n);
  if (n === 0) return "0";
  let s = "";
  while (n > 0) {
    s = (n % 2) + s;
    n = Math.floor(n / 2);
  }
  return s;
}`,
    faulty: js`
export function toBinary(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("toBinary: n must be a non-negative integer, got " + n);
  let s = "";
  while (n > 0) {
    s = (n % 2) + s;
    n = Math.floor(n / 2);
  }
  return s;
}`,
    tests: js`
"0 is \"0\"": () => assert.equal(toBinary(0), "0"),
"5 is 101": () => assert.equal(toBinary(5), "101"),
"255 is eight ones": () => assert.equal(toBinary(255), "11111111"),
"negative refused": () => assert.throws(() => toBinary(-1), RangeError),`,
  },
  {
    name: "isPowerOfTwo",
    title: "Powers of two",
    signature: "isPowerOfTwo(n: number): boolean",
    spec: "Returns true when n is 2^k for an integer k >= 0 (1, 2, 4, ...). 0, negative numbers and non-integers give false. Must work beyond 32 bits (e.g. 3 * 2^32 is not a power of two).",
    solution: js`
export function isPowerOfTwo(n) {
  if (!Number.isInteger(n) || n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}`,
    faulty: js`
export function isPowerOfTwo(n) {
  return Number.isInteger(n) && (n & (n - 1)) === 0;
}`,
    tests: js`
"1 and 1024 are powers of two": () => { assert.equal(isPowerOfTwo(1), true); assert.equal(isPowerOfTwo(1024), true); },
"0 is not": () => assert.equal(isPowerOfTwo(0), false),
"6 and -8 are not": () => { assert.equal(isPowerOfTwo(6), false); assert.equal(isPowerOfTwo(-8), false); },
"3 * 2^32 is not": () => assert.equal(isPowerOfTwo(3 * 2 ** 32), false),`,
  },
];

export const MATHUTILS: DomainPool = {
  domain: "mathutils",
  title: "Math utilities",
  brief: "Build a small JavaScript library of math utilities: a robust-statistics pipeline (from adding two numbers up to a robust summary of a data set) and stand-alone number helpers.",
  chain,
  independent,
  testHelpers: js`
const close = (actual, expected, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, "expected " + expected + " (within " + eps + "), got " + actual);
const closeAll = (actual, expected, eps = 1e-9) => {
  assert.equal(actual.length, expected.length, "length");
  actual.forEach((a, i) => close(a, expected[i], eps));
};
// Nine 10s and one -50: mean 4, sample sd sqrt(3240 / 9) = 18.97, z(-50) = -2.85.
const LOW = [10, 10, 10, 10, 10, 10, 10, 10, 10, -50];`,
};
