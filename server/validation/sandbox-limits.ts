// How much of a sandbox's answer the server reads, in one place. A learner is root in their
// sandbox and can replace the docker CLI or anything else on its PATH, so an answer may be
// of any size and come at any rate: these bounds keep the server's memory and event loop
// the same whatever one sandbox sends, and only that learner's checks and links go wrong.

/**
 * Most bytes kept of one command's output; beyond it the command is abandoned and the check
 * fails. The largest honest answers are a file or an HTTP body read for a check (cut at
 * 1,000,000 bytes inside the sandbox, see checks/) and `docker inspect` of every running
 * container (a few KiB each, so hundreds fit).
 */
export const ANSWER_MAX_BYTES = 1024 * 1024;

/** ANSWER_MAX_BYTES as a learner reads it. */
export const ANSWER_MAX_TEXT = '1 MiB';

/**
 * Longest line of `docker events` that is read; a longer one is skipped without being kept.
 * A real event is a few hundred bytes, a few KiB with many labels.
 */
export const EVENT_LINE_MAX_BYTES = 64 * 1024;

/**
 * Bytes of the event stream read per window; past them the stream is paused until the
 * window ends, so the sandbox's writer waits (nothing is dropped or queued on the server).
 * A burst of real events (`docker compose up`, say) is far below it.
 */
export const EVENT_BYTES_PER_WINDOW = 256 * 1024;
export const EVENT_WINDOW_MS = 1_000;

/** Bytes kept of the event command's standard error: its last words say why the stream ended. */
export const EVENT_ERROR_TAIL_BYTES = 1024;

/** How long a sandbox may take to attach a new event stream. */
export const EVENTS_ATTACH_TIMEOUT_MS = 15_000;
