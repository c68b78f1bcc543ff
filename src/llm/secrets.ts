/**
 * Keeping credentials out of everything a run writes (events, cassettes, config.json, error messages,
 * console lines). The backend never puts its key into a message of its own; these functions are the
 * second line, applied to every text that came from elsewhere (an SDK error, a server's error body)
 * before it is stored or shown.
 */

const REDACTED = "[REDACTED]";

/** Shortest fragment of a secret that is removed on its own (a server may echo part of a key). */
const FRAGMENT_CHARS = 8;

/**
 * `text` with every secret, and every run of `FRAGMENT_CHARS` or more characters of a secret, replaced
 * by `[REDACTED]`; also bearer tokens and `sk-...` style keys, whatever secret they belong to.
 * Secrets shorter than 8 characters (placeholders such as `ollama`) are removed only whole.
 * `patterns: false` keeps bearer tokens and `sk-` strings that are not the given secrets (for
 * recorded model text, which must replay unchanged).
 *
 * @example redactSecrets("bad key sk-abc123456789", ["sk-abc123456789"]) // "bad key [REDACTED]"
 */
export function redactSecrets(text: string, secrets: readonly string[], options: { patterns?: boolean } = {}): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    out = out.split(secret).join(REDACTED);
    if (secret.length < FRAGMENT_CHARS) continue;
    // Any window of the secret that survived (a truncated or partly masked echo).
    for (let i = 0; i + FRAGMENT_CHARS <= secret.length; i++) {
      const piece = secret.slice(i, i + FRAGMENT_CHARS);
      if (out.includes(piece)) out = out.split(piece).join(REDACTED);
    }
  }
  if (options.patterns === false) return out;
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`)
    .replace(/\bsk-[A-Za-z0-9_-]{12,}/g, `sk-${REDACTED}`);
}

/**
 * A base URL as it may be written down: scheme, host, port and path, without user info, query or
 * fragment (where some gateways carry keys, e.g. `?api-key=`). An unparsable URL gives `"<invalid URL>"`.
 *
 * @example safeBaseUrl("https://user:pw@host:8080/v1?api-key=x") // "https://host:8080/v1"
 */
export function safeBaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return "<invalid URL>";
  }
}
