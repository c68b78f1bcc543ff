/**
 * Keeping credentials out of everything a run writes (events, cassettes, config.json, error messages,
 * console lines). The backend never puts its key into a message of its own; these functions are the
 * second line, applied to every text that came from elsewhere (an SDK error, a server's error body)
 * before it is stored or shown.
 */

const REDACTED = "[REDACTED]";

/** Shortest secret that is redacted: shorter values (`local`, `ollama`, `none`) are ordinary words. */
export const MIN_REDACTED_SECRET_CHARS = 12;

/** Shortest fragment of a secret that is removed on its own (a server may echo part of a key). */
const FRAGMENT_CHARS = 8;

/** Text that occurs in ordinary prose and data: a word (`password`, `Administrator`) or a number. */
function isPlain(s: string): boolean {
  return /^[A-Za-z][a-z]*$/.test(s) || /^[0-9]+$/.test(s);
}

/**
 * Whether `secret` is long and specific enough to be removed from text without mangling ordinary
 * text: at least 12 characters and not a plain word or number (`isPlain`), or at least 24
 * characters. `local`, `ollama`, `administrator`, `123456789012` are not: replacing them would
 * rewrite run ids, model names, prompts and timestamps (with `OPENAI_API_KEY=local` and
 * `--model local` every run id read `[REDACTED]_...`).
 *
 * @example isRedactableSecret("local") // false
 * @example isRedactableSecret("sk-abc123456789") // true
 */
export function isRedactableSecret(secret: string): boolean {
  return secret.length >= 24 || (secret.length >= MIN_REDACTED_SECRET_CHARS && !isPlain(secret));
}

/**
 * The warning to show once when a key cannot be redacted safely (see `isRedactableSecret`), or null.
 * The toolkit never writes the key itself; only text that came from elsewhere (an echoing server)
 * could carry it, and a value this short cannot be told apart from ordinary text there.
 */
export function shortSecretWarning(name: string, secret: string): string | null {
  if (secret === "" || isRedactableSecret(secret)) return null;
  return (
    `${name} is ${secret.length < MIN_REDACTED_SECRET_CHARS ? `only ${secret.length} characters` : "a plain word or number"}: too short or plain to be told apart from ordinary text, ` +
    `so it is not redacted from messages and cassettes (only keys of ${MIN_REDACTED_SECRET_CHARS}+ characters that are not a plain word or number are). ` +
    `Fine for a local server's placeholder key; never use a real key this short.`
  );
}

/**
 * `text` with every redactable secret (`isRedactableSecret`), and every run of `FRAGMENT_CHARS` or
 * more characters of one, replaced by `[REDACTED]` (except runs that are a plain word or number, such
 * as `password` in `mypassword123`, unless the whole secret is a 24+ character plain string); also
 * bearer tokens and `sk-...` style keys, whatever secret they belong to. Secrets too short or plain to be told apart from ordinary text are left alone
 * (`shortSecretWarning` says so). `patterns: false` keeps bearer tokens and `sk-` strings that are not
 * the given secrets (for recorded model text, which must replay unchanged).
 *
 * @example redactSecrets("bad key sk-abc123456789", ["sk-abc123456789"]) // "bad key [REDACTED]"
 * @example redactSecrets("local_mathutils_p09", ["local"]) // "local_mathutils_p09"
 */
export function redactSecrets(text: string, secrets: readonly string[], options: { patterns?: boolean } = {}): string {
  let out = text;
  for (const secret of secrets) {
    if (!isRedactableSecret(secret)) continue;
    out = out.split(secret).join(REDACTED);
    const plain = isPlain(secret);
    // Any window of the secret that survived (a truncated or partly masked echo), unless it could be
    // an ordinary word or number.
    // Each match is widened to as much of the secret as the text repeats, so no tail survives.
    for (let i = 0; i + FRAGMENT_CHARS <= secret.length; i++) {
      const piece = secret.slice(i, i + FRAGMENT_CHARS);
      if (!plain && isPlain(piece)) continue;
      for (let at = out.indexOf(piece); at !== -1; at = out.indexOf(piece, at)) {
        let [l, r, sl, sr] = [at, at + FRAGMENT_CHARS, i, i + FRAGMENT_CHARS];
        while (l > 0 && sl > 0 && out[l - 1] === secret[sl - 1]) [l, sl] = [l - 1, sl - 1];
        while (r < out.length && sr < secret.length && out[r] === secret[sr]) [r, sr] = [r + 1, sr + 1];
        out = out.slice(0, l) + REDACTED + out.slice(r);
        at = l + REDACTED.length;
      }
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
