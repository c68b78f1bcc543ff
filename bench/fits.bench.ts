/**
 * Times the scaling-law fits: 100 Amdahl and 100 USL fits (plus Amdahl-with-overhead and a linear
 * message-growth fit) on 5-point data, printing the median milliseconds per fit.
 * Run: npx tsx bench/fits.bench.ts
 */
import { fitAmdahl, fitAmdahlOverhead, fitExpression, fitMessageGrowth, fitUsl, predictUsl } from "../src/analysis/index.js";

/** Deterministic jitter (no Math.random): a fixed sequence from a linear congruential step. */
function jitter(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(label: string, runs: number, make: (i: number) => () => unknown): void {
  for (let i = 0; i < 10; i++) make(i)(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const f = make(i);
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} median ${median(ms).toFixed(3)} ms/fit  (min ${Math.min(...ms).toFixed(3)}, max ${Math.max(...ms).toFixed(3)}, ${runs} fits)`);
}

const N = [1, 2, 3, 4, 5];
const points = (i: number) => {
  const r = jitter(i + 1);
  return N.map((n) => ({ n, speedup: n === 1 ? 1 : predictUsl(0.08, 0.01, n) * (1 + 0.05 * r()), sem: n === 1 ? 0 : 0.05 }));
};

time("fitAmdahl (5 points, constrained)", 100, (i) => () => fitAmdahl(points(i)));
time("fitAmdahl (5 points, inverse-variance)", 100, (i) => () => fitAmdahl(points(i), { weighting: "inverse-variance" }));
time("fitUsl (5 points, constrained)", 100, (i) => () => fitUsl(points(i)));
time("fitUsl (5 points, unconstrained)", 100, (i) => () => fitUsl(points(i), { mode: "unconstrained" }));
time("fitAmdahlOverhead (5 points)", 100, (i) => () => fitAmdahlOverhead(points(i)));
time("fitMessageGrowth (5 sizes x 3 runs)", 100, (i) => {
  const r = jitter(i + 7);
  const pts = N.flatMap((n) => [0, 1, 2].map(() => ({ n, messages: 3 + 4 * n + 2 * n * n + 3 * r() })));
  return () => fitMessageGrowth(pts);
});
time("fitExpression USL (5 points, compile+fit)", 20, (i) => {
  const pts = points(i);
  return () => fitExpression("n / (1 + a*(n-1) + b*n*(n-1))", { n: pts.map((p) => p.n), y: pts.map((p) => p.speedup) }, { a: 0.1, b: 0.01 });
});
