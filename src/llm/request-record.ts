import { BackendError } from "./errors.js";
import type { AgentReply } from "../agent/types.js";

/**
 * What a wall-clock backend tells about each request beyond the `AgentReply` contract: its attempts
 * (for the cassette and the logs) and whether the usage was estimated. A plain `AgentReply` is
 * accepted everywhere; these fields are read when present.
 */

/** Why an attempt failed. */
export type FailureKind =
  | "rate_limit"
  | "server_error"
  | "timeout"
  | "connection"
  | "bad_response"
  /** The body was longer than `maxResponseBytes` (cut off while streaming). */
  | "too_large"
  | "auth"
  | "not_found"
  | "bad_request"
  | "aborted"
  | "other";

/** One attempt at a request. */
export interface AttemptRecord {
  /** 1 for the first attempt. */
  attempt: number;
  ok: boolean;
  /** Set when the attempt failed. */
  kind: FailureKind | null;
  /** HTTP status when there was a response. */
  status: number | null;
  /**
   * A one-line description without secrets: why the attempt failed; for a successful attempt null,
   * or a note such as why the reported usage was refused.
   */
  message: string | null;
  /** Seconds the attempt took. */
  seconds: number;
  /** Ms waited before the next attempt (back-off or Retry-After), null when there was none. */
  waitMs: number | null;
}

/** A reply with what the backend knows about how it was obtained. */
export interface RecordableReply extends AgentReply {
  /** True when the endpoint reported no usage and the tokens were counted with the tokenizer. */
  usageEstimated: boolean;
  attempts: AttemptRecord[];
}

/** `reply` as a `RecordableReply`, with defaults for a backend that says nothing more. */
export function asRecordable(reply: AgentReply): RecordableReply {
  const r = reply as Partial<RecordableReply> & AgentReply;
  return { ...reply, usageEstimated: r.usageEstimated === true, attempts: Array.isArray(r.attempts) ? r.attempts : [] };
}

/**
 * A request that could not be completed: the kind of the last failure, whether it could succeed later
 * (`retryable`), whether it makes every later request of the sweep pointless (`fatal`: bad key,
 * forbidden, unknown model), and the attempts made. The message is free of secrets.
 */
export class RequestFailedError extends BackendError {
  override name = "RequestFailedError";
  readonly kind: FailureKind;
  readonly fatal: boolean;
  readonly attempts: AttemptRecord[];
  constructor(
    backend: string,
    message: string,
    options: { kind: FailureKind; status: number | null; retryable: boolean; fatal: boolean; attempts: AttemptRecord[] },
  ) {
    super(backend, message, options.status === null ? { retryable: options.retryable } : { status: options.status, retryable: options.retryable });
    this.kind = options.kind;
    this.fatal = options.fatal;
    this.attempts = options.attempts;
  }
}
