import { error } from "../core/errors.js";

/**
 * A `fetch` whose response bodies cannot grow without bound: the body is passed on chunk by chunk,
 * and once more than `maxBytes` bytes have arrived the stream fails with a `ResponseTooLargeError`
 * and the connection is cancelled, so a body that never ends, or a small gzip body that inflates to
 * gigabytes ("gzip bomb"), costs at most `maxBytes` of memory plus one chunk. The bytes counted are
 * the decoded ones (fetch decompresses `Content-Encoding: gzip, deflate, br` before the body is
 * read), so the limit is on what would be parsed. A declared `Content-Length` over the limit (for a
 * body that is not compressed) fails at once, before any of it is read.
 *
 * The failure comes out of the body read (`response.json()`, `response.text()`), never out of the
 * `fetch` call itself, so a caller sees the status and headers and then the error.
 */

/** A response body longer than the limit; thrown from the body read. */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
  constructor(
    readonly limitBytes: number,
    /** `Content-Length` when the server declared one over the limit, else null (cut while streaming). */
    readonly declaredBytes: number | null,
  ) {
    super(
      declaredBytes === null
        ? `the response body exceeded ${limitBytes} bytes (maxResponseBytes); reading stopped there`
        : `the response declares ${declaredBytes} bytes, over the limit of ${limitBytes} (maxResponseBytes); not read`,
    );
  }
}

/** The default `maxResponseBytes`: 8 MiB, about 2 million tokens of text, far above any real reply. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * Wrap `inner` so that every response body is limited to `maxBytes` decoded bytes.
 * @throws ToolkitError when `maxBytes` is not a positive integer.
 * @example const f = boundedFetch(globalThis.fetch, 1 << 20); await (await f(url)).text(); // at most 1 MiB
 */
export function boundedFetch(inner: typeof fetch, maxBytes: number): typeof fetch {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw error("boundedFetch", `maxBytes must be a positive integer; got ${String(maxBytes)}`);
  const limited = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const response = await inner(input, init);
    const source = response.body;
    // No body, or a status that may not have one (new Response would refuse it).
    if (source === null || response.status === 204 || response.status === 205 || response.status === 304) return response;
    const encoded = (response.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
    const declared = Number(response.headers.get("content-length") ?? "NaN");
    const reader = source.getReader();
    let seen = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          if (encoded === "identity" && Number.isFinite(declared) && declared > maxBytes) {
            const e = new ResponseTooLargeError(maxBytes, declared);
            controller.error(e);
            reader.cancel(e).catch(() => undefined);
          }
        },
        async pull(controller) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (e) {
            controller.error(e);
            return;
          }
          if (chunk.done) {
            controller.close();
            return;
          }
          seen += chunk.value.byteLength;
          if (seen > maxBytes) {
            const e = new ResponseTooLargeError(maxBytes, null);
            controller.error(e);
            await reader.cancel(e).catch(() => undefined);
            return;
          }
          controller.enqueue(chunk.value);
        },
        cancel(reason) {
          return reader.cancel(reason);
        },
      },
      // Pull one chunk at a time: nothing is read ahead of the consumer.
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return limited as typeof fetch;
}
