import { beforeAll, describe, expect, it } from "vitest";
import { encode } from "gpt-tokenizer";
import { countSegmentTokens, countTextTokens, loadTokenizer } from "../../src/llm/tokens.js";

beforeAll(loadTokenizer);

describe("token counting (o200k_base)", () => {
  it("counts like the tokenizer's own encoder", () => {
    for (const t of ["hello world", "Hello, world!", "export function clamp(x, lo, hi) {\n  return x;\n}\n", "ünïcödé ✓ 日本語"]) {
      expect(countTextTokens(t)).toBe(encode(t).length);
    }
    expect(countTextTokens("hello world")).toBe(2);
    expect(countTextTokens("")).toBe(0);
  });

  it("treats special-token text in agent output as plain text instead of throwing", () => {
    expect(countTextTokens("<|endoftext|>")).toBe(7);
  });

  it("counts a segmented prompt as the sum of its segments", () => {
    const segs = ["You are Dev1.", "- task-1 [free] a.js: Add", "- task-2 [done by Dev2] b.js: Mean"];
    expect(countSegmentTokens(segs)).toBe(segs.reduce((n, s) => n + encode(s).length, 0));
    // Memoised: a second count gives the same answer.
    expect(countSegmentTokens(segs)).toBe(countSegmentTokens([...segs]));
  });
});
