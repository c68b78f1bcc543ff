import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { encode } from "gpt-tokenizer";
import { countSegmentTokens, countTextTokens, loadTokenizer, TOKEN_CHUNK_CHARS, tokenChunks } from "../../src/llm/tokens.js";
import { createRng } from "../../src/core/rng.js";

beforeAll(loadTokenizer);

const rng = createRng(20260311);
const pick = (alphabet: string, n: number): string => {
  const chars = [...alphabet];
  return Array.from({ length: n }, () => chars[Math.floor(rng.next() * chars.length)]!).join("");
};

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

  it("counts long ordinary text exactly: its chunks are cut only where the pre-tokenizer starts a new pre-token", () => {
    const texts = [
      readFileSync("src/llm/README.md", "utf8"),
      readFileSync("src/llm/openai-backend.ts", "utf8"),
      // Spaces after spaces, tabs, newlines and punctuation: only a space after a non-space is a cut.
      "a  b\t c\n d. e,  f   g!\n\n   h" .repeat(300),
      pick("ab cd  ef\n\t.,;!?-_'\"()", 20_000),
    ];
    for (const t of texts) {
      const { chunks, forced } = tokenChunks(t);
      expect(chunks.length).toBeGreaterThan(1);
      expect(forced).toBe(0);
      expect(countTextTokens(t)).toBe(encode(t).length);
    }
  });

  it("cuts text into chunks of at most TOKEN_CHUNK_CHARS that join back to the text, never inside a surrogate pair or a CRLF", () => {
    for (const t of ["a".repeat(5000), "😀".repeat(3001), "x\r".repeat(900) + "\n".repeat(900), "x" + "\r\n".repeat(2000), pick("ab 😀\r\n", 9000)]) {
      const { chunks, forced } = tokenChunks(t);
      expect(chunks.join("")).toBe(t);
      for (const c of chunks) {
        expect(c.length).toBeGreaterThan(0);
        expect(c.length).toBeLessThanOrEqual(TOKEN_CHUNK_CHARS);
      }
      for (let i = 1; i < chunks.length; i++) {
        const before = chunks[i - 1]!.charCodeAt(chunks[i - 1]!.length - 1);
        const after = chunks[i]!.charCodeAt(0);
        expect(before >= 0xd800 && before <= 0xdbff).toBe(false);
        expect(before === 13 && after === 10).toBe(false);
      }
      expect(forced).toBeLessThanOrEqual(chunks.length - 1);
    }
    expect(tokenChunks("aaaa bbbb", 6)).toEqual({ chunks: ["aaaa", " bbbb"], forced: 0 });
    expect(tokenChunks("aaaaaaaa", 3)).toEqual({ chunks: ["aaa", "aaa", "aa"], forced: 2 });
    expect(() => tokenChunks("x", 1)).toThrow("tokenChunks: maxChars must be an integer >= 2; got 1");
  });

  it("differs from the exact count by at most one token per forced cut on text without spaces", () => {
    const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Sizes at which the unchunked encoder still answers in well under a second.
    const cases = ["a".repeat(4000), " ".repeat(4000), "\n".repeat(4000), "!".repeat(4000), pick("0123456789", 6000), pick(b64, 6000), pick("日本語漢字中文", 2000), "😀".repeat(2000), "function(a){return(a+1)*2};".repeat(200)];
    for (const t of cases) {
      const { forced } = tokenChunks(t);
      expect(forced).toBeGreaterThan(0);
      expect(Math.abs(countTextTokens(t) - encode(t).length)).toBeLessThanOrEqual(forced);
    }
  });

  it("counts a 400,000-character run of one character (the reply that took 2 minutes) and a 10 MB text", () => {
    // 8 "a"s are one o200k_base token (encode("a".repeat(40_000)).length is 5,000); 256-character chunks
    // hold 32 tokens each, so the chunked count equals the exact one here.
    expect(countTextTokens("a".repeat(400_000))).toBe(50_000);
    // k copies of a text that ends in a newline: k times its count, plus what one seam between two
    // copies adds, k - 1 times (exact counting is local to pre-tokens).
    const prose = readFileSync("src/llm/README.md", "utf8");
    const k = Math.ceil(10_000_000 / prose.length);
    const seam = countTextTokens(prose + prose) - 2 * countTextTokens(prose);
    expect(countTextTokens(prose.repeat(k))).toBe(k * countTextTokens(prose) + (k - 1) * seam);
  });
});
