/**
 * Turns a mathjs expression over data columns and parameters into a vectorised {@link NonlinearModel}.
 *
 * - The expression is parsed once (`mathjs.parse`) and its symbols are checked: each must be a data column,
 *   a parameter, or a mathjs numeric constant (pi, e, ...); each function must exist in mathjs.
 * - ∂ŷ/∂θ_j comes from mathjs's symbolic `derivative` (unsimplified: simplification is slow and not needed
 *   for vectorised evaluation), once per parameter. If mathjs cannot differentiate
 *   the expression (an unsupported function such as `gamma`), that column falls back to central finite
 *   differences with step h_j = ε^(1/3)·max(|θ_j|, 1e-3); the result records which was used. A symbolic
 *   column that evaluates to NaN/±Infinity at some point where the model itself is finite (x^b·log(x) at
 *   x = 0) is also replaced by finite differences at that point.
 * - Every node is compiled once into a closure that evaluates all observations at once (Float64Array in,
 *   Float64Array out) with the JavaScript Math functions. Expressions using mathjs features outside this
 *   fast path (matrices, conditionals, units, ...) are evaluated by mathjs's own `compile`, one scope per
 *   observation.
 */
import { compile, derivative, parse, type MathNode } from "mathjs";
import * as math from "mathjs";
import { analysisError } from "./errors.js";
import type { NonlinearModel } from "./nonlinear-model.js";

/** A scalar or one value per observation. */
type Value = number | Float64Array;
/** A compiled node: evaluates with the parameter vector. */
type Compiled = (theta: Float64Array) => Value;

/** How a Jacobian column is computed. */
export type JacobianSource = "symbolic" | "finite-difference";

/** A model compiled from an expression, plus what was found while compiling it. */
export interface ExpressionModel extends NonlinearModel {
  /** The parsed expression, printed back by mathjs. */
  expression: string;
  /** Per parameter: symbolic derivative or finite differences. */
  jacobianSources: Record<string, JacobianSource>;
  /** The symbolic derivatives as strings (empty for finite-difference columns). */
  derivatives: Record<string, string>;
  /** Data columns the expression uses. */
  columnsUsed: string[];
}

interface NodeLike {
  type: string;
  name?: string;
  value?: unknown;
  op?: string;
  fn?: unknown;
  args?: NodeLike[];
  content?: NodeLike;
  implicit?: boolean;
}

const UNARY: Record<string, (x: number) => number> = {
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  expm1: Math.expm1,
  cbrt: Math.cbrt,
  sign: Math.sign,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  sech: (x) => 1 / Math.cosh(x),
  csch: (x) => 1 / Math.sinh(x),
  coth: (x) => 1 / Math.tanh(x),
  square: (x) => x * x,
  cube: (x) => x * x * x,
};

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  dotMultiply: (a, b) => a * b,
  dotDivide: (a, b) => a / b,
  dotPow: (a, b) => Math.pow(a, b),
  atan2: Math.atan2,
  log: (x, base) => Math.log(x) / Math.log(base),
};

class Unsupported extends Error {}

function lift1(v: Value, f: (x: number) => number): Value {
  if (typeof v === "number") return f(v);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = f(v[i] as number);
  return out;
}

function lift2(a: Value, b: Value, op: string, f: (x: number, y: number) => number): Value {
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  const m = typeof a === "number" ? (b as Float64Array).length : a.length;
  const out = new Float64Array(m);
  // Specialised loops for the arithmetic operators (the hot path).
  if (typeof a !== "number" && typeof b !== "number") {
    if (op === "add") for (let i = 0; i < m; i++) out[i] = (a[i] as number) + (b[i] as number);
    else if (op === "subtract") for (let i = 0; i < m; i++) out[i] = (a[i] as number) - (b[i] as number);
    else if (op === "multiply" || op === "dotMultiply") for (let i = 0; i < m; i++) out[i] = (a[i] as number) * (b[i] as number);
    else if (op === "divide" || op === "dotDivide") for (let i = 0; i < m; i++) out[i] = (a[i] as number) / (b[i] as number);
    else for (let i = 0; i < m; i++) out[i] = f(a[i] as number, b[i] as number);
  } else if (typeof a === "number") {
    const bb = b as Float64Array;
    if (op === "add") for (let i = 0; i < m; i++) out[i] = a + (bb[i] as number);
    else if (op === "multiply" || op === "dotMultiply") for (let i = 0; i < m; i++) out[i] = a * (bb[i] as number);
    else for (let i = 0; i < m; i++) out[i] = f(a, bb[i] as number);
  } else {
    const bn = b as number;
    if (op === "add") for (let i = 0; i < m; i++) out[i] = (a[i] as number) + bn;
    else if (op === "multiply" || op === "dotMultiply") for (let i = 0; i < m; i++) out[i] = (a[i] as number) * bn;
    else if (op === "pow" && bn === 2) for (let i = 0; i < m; i++) out[i] = (a[i] as number) * (a[i] as number);
    else for (let i = 0; i < m; i++) out[i] = f(a[i] as number, bn);
  }
  return out;
}

/** Compiles a node to a vectorised closure, or throws Unsupported. */
function compileNode(node: NodeLike, columns: Record<string, Float64Array>, paramIndex: Map<string, number>): Compiled {
  switch (node.type) {
    case "ConstantNode": {
      if (typeof node.value !== "number") throw new Unsupported();
      const v = node.value;
      return () => v;
    }
    case "SymbolNode": {
      const name = node.name as string;
      const j = paramIndex.get(name);
      if (j !== undefined) return (theta) => theta[j] as number;
      const col = columns[name];
      if (col) return () => col;
      const c: unknown = (math as unknown as Record<string, unknown>)[name];
      if (typeof c === "number") return () => c;
      throw new Unsupported();
    }
    case "ParenthesisNode":
      return compileNode(node.content as NodeLike, columns, paramIndex);
    case "OperatorNode": {
      const fnName = node.fn as string;
      const args = (node.args ?? []).map((a) => compileNode(a, columns, paramIndex));
      if (args.length === 1) {
        const a = args[0] as Compiled;
        if (fnName === "unaryMinus") return (t) => lift1(a(t), (x) => -x);
        if (fnName === "unaryPlus") return a;
        throw new Unsupported();
      }
      const f = BINARY[fnName];
      if (args.length !== 2 || !f || fnName === "atan2" || fnName === "log") {
        // mathjs folds a + b + c into nested binaries, so n-ary operators only occur for add/multiply.
        if ((fnName === "add" || fnName === "multiply") && args.length > 2) {
          const g = BINARY[fnName] as (a: number, b: number) => number;
          return (t) => args.slice(1).reduce<Value>((acc, c) => lift2(acc, c(t), fnName, g), (args[0] as Compiled)(t));
        }
        throw new Unsupported();
      }
      const a = args[0] as Compiled;
      const b = args[1] as Compiled;
      return (t) => lift2(a(t), b(t), fnName, f);
    }
    case "FunctionNode": {
      const fnNode = node.fn as NodeLike;
      const name = fnNode.name ?? "";
      const args = (node.args ?? []).map((a) => compileNode(a, columns, paramIndex));
      if (args.length === 1) {
        const a = args[0] as Compiled;
        if (name === "log") return (t) => lift1(a(t), Math.log);
        const f = UNARY[name];
        if (f) return (t) => lift1(a(t), f);
      }
      if (args.length === 2) {
        const f = name === "pow" ? BINARY.pow : name === "atan2" ? BINARY.atan2 : name === "log" ? BINARY.log : undefined;
        if (f) {
          const a = args[0] as Compiled;
          const b = args[1] as Compiled;
          return (t) => lift2(a(t), b(t), name, f);
        }
      }
      throw new Unsupported();
    }
    default:
      throw new Unsupported();
  }
}

/** Fallback: mathjs's own evaluator, one scope per observation. */
function compileWithMathjs(node: MathNode, columns: Record<string, Float64Array>, params: readonly string[], m: number): Compiled {
  const code = compile(node.toString());
  return (theta) => {
    const out = new Float64Array(m);
    const scope: Record<string, number> = {};
    params.forEach((q, j) => (scope[q] = theta[j] as number));
    for (let i = 0; i < m; i++) {
      for (const [name, col] of Object.entries(columns)) scope[name] = col[i] as number;
      const v: unknown = code.evaluate({ ...scope });
      out[i] = typeof v === "number" ? v : Number.NaN;
    }
    return out;
  };
}

function compileAny(node: MathNode, columns: Record<string, Float64Array>, params: readonly string[], paramIndex: Map<string, number>, m: number): Compiled {
  try {
    return compileNode(node as unknown as NodeLike, columns, paramIndex);
  } catch (e) {
    if (e instanceof Unsupported) return compileWithMathjs(node, columns, params, m);
    throw e;
  }
}

function toArray(v: Value, out: Float64Array): void {
  if (typeof v === "number") out.fill(v);
  else out.set(v);
}

/** Symbols used as values (not as function names) and functions called, found by walking the tree. */
function collectSymbols(node: MathNode): { symbols: Set<string>; functions: Set<string> } {
  const symbols = new Set<string>();
  const functions = new Set<string>();
  node.traverse((n, _path, parent) => {
    const nl = n as unknown as NodeLike;
    const pl = parent as unknown as NodeLike | null;
    if (nl.type === "SymbolNode") {
      if (pl && pl.type === "FunctionNode" && pl.fn === n) functions.add(nl.name as string);
      else symbols.add(nl.name as string);
    }
  });
  return { symbols, functions };
}

/**
 * Compiles `expression` for the given data columns (all of length m) and parameter names.
 *
 * @throws {ExpressionError} if the expression does not parse, names an unknown symbol or function, or uses
 *   the response column
 */
export function compileExpressionModel(
  fn: string,
  expression: string,
  data: Record<string, Float64Array>,
  params: readonly string[],
  response: string,
): ExpressionModel {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw analysisError("expression", fn, `expression is ${JSON.stringify(expression)}; it must be a non-empty mathjs expression such as "b1*(1-exp(-b2*x))"`);
  }
  let node: MathNode;
  try {
    node = parse(expression);
  } catch (cause) {
    throw analysisError("expression", fn, `the expression ${JSON.stringify(expression)} does not parse: ${(cause as Error).message}`, { cause });
  }
  const available = `data columns: ${Object.keys(data).filter((c) => c !== response).map((c) => JSON.stringify(c)).join(", ") || "(none)"}; parameters: ${params.map((q) => JSON.stringify(q)).join(", ")}`;
  const { symbols, functions } = collectSymbols(node);
  for (const f of functions) {
    if (typeof (math as unknown as Record<string, unknown>)[f] !== "function") {
      throw analysisError("expression", fn, `the expression ${JSON.stringify(expression)} calls an unknown function ${JSON.stringify(f)}; use a mathjs function such as exp, log, sqrt, sin, pow`);
    }
  }
  const columnsUsed: string[] = [];
  for (const s of symbols) {
    if (params.includes(s)) continue;
    if (s === response) {
      throw analysisError("expression", fn, `the expression ${JSON.stringify(expression)} uses the response column ${JSON.stringify(response)}; the model must predict it from the other columns (${available})`);
    }
    if (s in data) {
      columnsUsed.push(s);
      continue;
    }
    if (typeof (math as unknown as Record<string, unknown>)[s] === "number") continue;
    throw analysisError("expression", fn, `the expression ${JSON.stringify(expression)} names an unknown symbol ${JSON.stringify(s)}; available ${available}`);
  }
  for (const q of params) {
    if (!symbols.has(q)) {
      throw analysisError("expression", fn, `parameter ${JSON.stringify(q)} (a key of start) does not appear in the expression ${JSON.stringify(expression)}; it could not be estimated`);
    }
  }
  const first = Object.values(data)[0];
  const m = first ? first.length : 0;
  const columns: Record<string, Float64Array> = {};
  for (const c of columnsUsed) columns[c] = data[c] as Float64Array;
  const paramIndex = new Map(params.map((q, j) => [q, j]));

  const value = compileAny(node, columns, params, paramIndex, m);
  const jacobianSources: Record<string, JacobianSource> = {};
  const derivatives: Record<string, string> = {};
  const partials: Array<Compiled | undefined> = params.map((q) => {
    try {
      const d = derivative(node, q, { simplify: false });
      derivatives[q] = d.toString();
      jacobianSources[q] = "symbolic";
      return compileAny(d, columns, params, paramIndex, m);
    } catch {
      derivatives[q] = "";
      jacobianSources[q] = "finite-difference";
      return undefined;
    }
  });

  const tmpPlus = new Float64Array(m);
  const tmpMinus = new Float64Array(m);
  const cbrtEps = Math.cbrt(Number.EPSILON);
  return {
    parameters: params,
    nObservations: m,
    expression: node.toString(),
    jacobianSources,
    derivatives,
    columnsUsed,
    evaluate(theta, out) {
      toArray(value(theta), out);
    },
    jacobian(theta, cols) {
      partials.forEach((d, j) => {
        const col = cols[j] as Float64Array;
        if (d) {
          toArray(d(theta), col);
          // A symbolic derivative can be NaN where the model is finite (e.g. ∂(x^b)/∂b = x^b·log(x) at
          // x = 0); only then, and only for this column, use finite differences.
          if (col.every((v) => Number.isFinite(v))) return;
        }
        // Central difference: (ŷ(θ + h e_j) − ŷ(θ − h e_j)) / 2h, error O(h²).
        const tj = theta[j] as number;
        const h = cbrtEps * Math.max(Math.abs(tj), 1e-3);
        const tp = Float64Array.from(theta);
        const tm = Float64Array.from(theta);
        tp[j] = tj + h;
        tm[j] = tj - h;
        toArray(value(tp), tmpPlus);
        toArray(value(tm), tmpMinus);
        const step = (tp[j] as number) - (tm[j] as number);
        for (let i = 0; i < m; i++) col[i] = ((tmpPlus[i] as number) - (tmpMinus[i] as number)) / step;
      });
    },
  };
}
