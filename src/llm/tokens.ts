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

/** Memo entries kept before the memo is cleared (a bound on memory, not on correctness). */
const MEMO_LIMIT = 200_000;
const memo = new Map<string, number>();

/**
 * Tokens in `text` (o200k_base), memoised by the text.
 * @throws when `loadTokenizer()` has not resolved yet.
 */
export function countTextTokens(text: string): number {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  if (tokenizer === null) throw error("countTextTokens", "the tokenizer is not loaded; await loadTokenizer() first");
  const n = text.length === 0 ? 0 : tokenizer.countTokens(text, ENCODE_OPTIONS);
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
