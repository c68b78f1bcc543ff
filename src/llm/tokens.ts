import { countTokens } from "gpt-tokenizer";

/**
 * Token counting for prompts and replies, with the real o200k_base byte-pair encoding (the GPT-4o /
 * GPT-5 family's tokenizer, as shipped by gpt-tokenizer 4.0.0). This file is the only one that imports
 * the tokenizer.
 *
 * A prompt is a list of segments (the system prompt, each board line, each history line, each message,
 * each file shown); its token count is the SUM of the segments' counts, and each segment's count is
 * memoised by its text. Counting the joined text instead can differ by a token or so per segment
 * boundary (byte-pair merges across a boundary), which is far below the spread between real
 * providers' tokenizers; in exchange a prompt costs one map lookup per segment instead of a full
 * encoding, which is what keeps a 450-run sweep to seconds.
 */
export const TOKENIZER = "o200k_base (gpt-tokenizer 4.0.0)";

/** Special tokens such as `<|endoftext|>` in agent text are ordinary text here, never control tokens. */
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

/** Memo entries kept before the memo is cleared (a bound on memory, not on correctness). */
const MEMO_LIMIT = 200_000;
const memo = new Map<string, number>();

/** Tokens in `text` (o200k_base), memoised by the text. */
export function countTextTokens(text: string): number {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = text.length === 0 ? 0 : countTokens(text, ENCODE_OPTIONS);
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
