import { ToolkitError } from "../core/errors.js";

/**
 * An LLM backend that could not produce a reply (after its own retries). The orchestrator ends the
 * run with `run_end` reason "error" and this message; a sweep records the run and goes on.
 * `status` is the HTTP status when there was one (429 rate limit, 5xx); `retryable` says whether the
 * same request could succeed later (a rate limit or a timeout) or not (bad credentials, bad request).
 */
export class BackendError extends ToolkitError {
  override name = "BackendError";
  readonly backend: string;
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(backend: string, message: string, options: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(`${backend}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.backend = backend;
    this.status = options.status ?? null;
    this.retryable = options.retryable ?? false;
  }
}
