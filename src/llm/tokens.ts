import { error } from "../core/errors.js";

/**
 * Token counting for prompts and replies, with the real o200k_base byte-pair encoding (the GPT-4o /
 * GPT-5 family's tokenizer, as shipped by gpt-tokenizer 4.0.0). This file is the only one that loads
 * the tokenizer.
 *
 * A prompt is a list of segments (the system prompt, each board line, each history line, each message,
 * each file shown); its token count is the SUM of the segments' counts, and each segment's count is
 * memoised by its text. Counting the joined text instead can differ by a token or so per segment
 * boundary (byte-pair merges across a boundary), which is far below the spread between real
 * providers' tokenizers; in exchange a prompt costs one map lookup per segment instead of a full
 * encoding, which is what keeps a 450-run sweep to seconds.
 *
 * Linear time: byte-pair encoding a single pre-token (a run of one character, a long word, a base64
 * blob) costs time quadratic in its length in gpt-tokenizer (40,000 "a"s take 2.5 s, 400,000 take
 * minutes). So text is encoded in chunks of at most `TOKEN_CHUNK_CHARS` characters (`tokenChunks`),
 * cut before a space that follows a non-space character: o200k_base's pre-tokenizer always starts a
 * new pre-token there (no pattern ends a pre-token with a space after a non-space character), so
 * those cuts change nothing and the count is the tokenizer's own. Only where a window of
 * `TOKEN_CHUNK_CHARS` characters holds no such space is the text cut inside a pre-token (a "forced
 * cut"); each forced cut can change the count by a token or so (test/llm/tokens.test.ts checks at
 * most 1 per forced cut, over runs of one character, digits, base64, CJK text and emoji). The time
 * is then linear: about n/K encodings of at most K characters each.
 *
 * Loading: gpt-tokenizer's type declarations use syntax newer than TypeScript 5.0 (string export
 * names), which the notebook kernel's compiler cannot parse. So the module is loaded with a dynamic
 * import of a non-literal specifier, which no compiler follows into the declarations, and typed here by
 * the one function used. `loadTokenizer()` must have resolved before `countTextTokens` is called; the
 * backends await it in `reply`.
 */
export const TOKENIZER = "o200k_base (gpt-tokenizer 4.0.0)";

/** The part of gpt-tokenizer used here. */
interface TokenizerModule {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

const TOKENIZER_MODULE: string = "gpt-tokenizer";

/** Special tokens such as `<|endoftext|>` in agent text are ordinary text here, never control tokens. */
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

let tokenizer: TokenizerModule | null = null;
let loading: Promise<void> | null = null;

/** Load the tokenizer once (later calls return the same promise). */
export function loadTokenizer(): Promise<void> {
  loading ??= import(TOKENIZER_MODULE).then((m: unknown) => {
    const mod = m as Partial<TokenizerModule> & { default?: Partial<TokenizerModule> };
    const impl = typeof mod.countTokens === "function" ? mod : mod.default;
    if (impl === undefined || typeof impl.countTokens !== "function") {
      throw error("loadTokenizer", `${TOKENIZER_MODULE} has no countTokens function`);
    }
    tokenizer = impl as TokenizerModule;
  });
  return loading;
}

/**
 * Longest chunk encoded at once, in UTF-16 code units. A chunk of K characters costs O(K^2) in the
 * worst case, so a text of n characters costs O(n K). Measured (bench/text.bench.ts): with 256, a
 * 400,000-character run of one character counts in about 0.1 s (minutes unchunked); ordinary
 * prose and code, with a space every few characters, are never cut inside a pre-token.
 */
export const TOKEN_CHUNK_CHARS = 256;

/**
 * Cut `text` into chunks of at most `maxChars` (>= 2) UTF-16 code units, preferably just before a space
 * that follows a non-space character (an exact boundary of o200k_base's pre-tokenizer); where the last
 * `maxChars` characters hold no such space, at `maxChars` (a forced cut), moved back by one so as not to
 * split a surrogate pair or a CRLF. `forced` counts the forced cuts. Linear in the text's length.
 *
 * @example tokenChunks("aaaa bbbb", 6) // { chunks: ["aaaa", " bbbb"], forced: 0 }
 */
export function tokenChunks(text: string, maxChars: number = TOKEN_CHUNK_CHARS): { chunks: string[]; forced: number } {
  if (!Number.isInteger(maxChars) || maxChars < 2) throw error("tokenChunks", `maxChars must be an integer >= 2; got ${String(maxChars)}`);
  const chunks: string[] = [];
  let forced = 0;
  let start = 0;
  let lastSafe = -1; // the last exact boundary seen after `start`
  for (let i = 1; i < text.length; i++) {
    if (text.charCodeAt(i) === 32 && !isSpaceCode(text.charCodeAt(i - 1))) lastSafe = i;
    if (i - start < maxChars) continue;
    // text[start, i) is full: cut at the last exact boundary, else force a cut at i.
    let cut = lastSafe > start ? lastSafe : i;
    if (lastSafe <= start) {
      const before = text.charCodeAt(cut - 1);
      const after = text.charCodeAt(cut);
      if ((before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10)) cut--;
      forced++;
    }
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return { chunks, forced };
}

/** Whitespace as the pre-tokenizer's `\s` sees it, for the code units that matter (ASCII and common Unicode spaces). */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Memo entries kept before the memo is cleared (a bound on memory, not on correctness). */
const MEMO_LIMIT = 200_000;
const memo = new Map<string, number>();

/**
 * Tokens in `text` (o200k_base), memoised by the text; linear time (chunked: exact unless the text
 * has more than `TOKEN_CHUNK_CHARS` characters without a space, see the note at the top).
 * @throws when `loadTokenizer()` has not resolved yet.
 */
export function countTextTokens(text: string): number {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  if (tokenizer === null) throw error("countTextTokens", "the tokenizer is not loaded; await loadTokenizer() first");
  let n = 0;
  if (text.length <= TOKEN_CHUNK_CHARS) n = text.length === 0 ? 0 : tokenizer.countTokens(text, ENCODE_OPTIONS);
  else for (const chunk of tokenChunks(text).chunks) n += tokenizer.countTokens(chunk, ENCODE_OPTIONS);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, n);
  return n;
}

/** Tokens of a segmented text: the sum of each segment's memoised count (see the note above). */
export function countSegmentTokens(segments: readonly string[]): number {
  let total = 0;
  for (const s of segments) total += countTextTokens(s);
  return total;
}
