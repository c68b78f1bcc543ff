/**
 * Reading a chat-completion body (pure): the reply text, and the usage if the provider reported a
 * plausible one. A provider's `usage` is what a run's token counts and costs are made of, so values
 * that cannot be true are refused, not stored: a count that is not an integer, is negative, or is over
 * `MAX_PLAUSIBLE_TOKENS` (10^8 tokens in one request, a hundred times the largest context windows).
 * A refused usage is replaced by the tokenizer's count, as when no usage is reported, and the reason
 * is kept with the reply.
 */

/** A body that came back but cannot be used (not a JSON object, no choices, content not text). */
export class BadResponseError extends Error {
  override name = "BadResponseError";
}

/** Largest token count believed in one request's usage: 10^8. */
export const MAX_PLAUSIBLE_TOKENS = 100_000_000;

export interface CompletionBody {
  text: string;
  /** The provider's usage, or null when it reported none or an implausible one. */
  usage: { input: number; output: number } | null;
  /** Why the reported usage was refused (names the field and value), or null. */
  usageRefused: string | null;
}

/**
 * Why a reported token count cannot be believed, or null when it can.
 * @example implausibleTokens("prompt_tokens", 2 ** 53) // "prompt_tokens is 9007199254740992, over 100000000"
 */
export function implausibleTokens(field: string, v: unknown): string | null {
  if (typeof v !== "number" || !Number.isFinite(v)) return `${field} is ${v === undefined ? "missing" : JSON.stringify(v) ?? String(v)}, not a number`;
  if (!Number.isInteger(v)) return `${field} is ${v}, not an integer`;
  if (v < 0) return `${field} is ${v}, negative`;
  if (v > MAX_PLAUSIBLE_TOKENS) return `${field} is ${v}, over ${MAX_PLAUSIBLE_TOKENS}`;
  return null;
}

/**
 * Text and usage from a parsed chat-completion body.
 * @throws BadResponseError for a body that is not a completion.
 */
export function readCompletion(data: unknown): CompletionBody {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const shown = typeof data === "string" ? JSON.stringify(data.slice(0, 60)) : String(data);
    throw new BadResponseError(`the body is not a JSON object (got ${shown})`);
  }
  const d = data as { choices?: unknown; usage?: unknown };
  if (!Array.isArray(d.choices) || d.choices.length === 0) throw new BadResponseError("the response has no choices");
  const choice = d.choices[0] as { message?: { content?: unknown } } | null;
  const content = choice?.message?.content;
  if (content !== null && content !== undefined && typeof content !== "string") {
    throw new BadResponseError(`choices[0].message.content is ${typeof content}, not text`);
  }
  const text = typeof content === "string" ? content : "";
  if (d.usage === undefined || d.usage === null) return { text, usage: null, usageRefused: null };
  if (typeof d.usage !== "object" || Array.isArray(d.usage)) return { text, usage: null, usageRefused: `usage is ${JSON.stringify(d.usage).slice(0, 40)}, not an object` };
  const u = d.usage as { prompt_tokens?: unknown; completion_tokens?: unknown };
  const why = implausibleTokens("usage.prompt_tokens", u.prompt_tokens) ?? implausibleTokens("usage.completion_tokens", u.completion_tokens);
  if (why !== null) return { text, usage: null, usageRefused: why };
  return { text, usage: { input: u.prompt_tokens as number, output: u.completion_tokens as number }, usageRefused: null };
}
