// Runs one command in a sandbox and keeps what it prints, within bounds.
//
// Why an exec at all: the sandbox's own daemon listens on a unix socket inside the sandbox,
// which the server reaches only by running something there. Whatever runs (the docker CLI,
// curl on that socket, sh) is a binary the learner, root in the sandbox, can replace, and
// even a daemon the server could reach directly would be one the learner can replace too.
// So no transport makes the answer trustworthy; what the server guarantees instead is that
// it reads at most ANSWER_MAX_BYTES and waits at most a time limit, then drops the stream.
// A sandbox that lies or floods gets its own checks and links wrong, nothing else.
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { realTimers, type Timers } from '../../common/timers.js';
import { message } from '../../common/messages.js';
import { LearnerMessageError } from '../errors.js';
import { ANSWER_MAX_BYTES, ANSWER_MAX_TEXT } from './sandbox-limits.js';

export interface CaptureResult {
  /** The command's exit status; null when it never reported one. */
  exitCode: number | null;
  /** Standard output and standard error, interleaved; empty when oversized. */
  output: string;
  /** The time limit passed before the command ended: the stream was dropped. */
  timedOut?: boolean;
  /** The command printed more than the byte limit: the stream was dropped, and its output. */
  oversized?: boolean;
}

export interface CaptureOptions {
  /** Longest wait for the whole exec, from its creation to its exit status. */
  timeoutMs: number;
  maxBytes?: number;
  timers?: Timers;
}

/** A sandbox answered with more than a check reads: the reason its check fails. */
export class OversizedAnswerError extends LearnerMessageError {
  override name = 'OversizedAnswerError';
  constructor() {
    super(message('answer-oversized', { limit: ANSWER_MAX_TEXT }));
  }
}

/** The output gathered so far and the one answer given, whichever comes first. */
class Capture {
  done = false;
  readonly result: Promise<CaptureResult>;
  private settle!: (result: CaptureResult) => void;
  private chunks: Buffer[] = [];
  private size = 0;
  private stream: Duplex | undefined;

  constructor(private readonly maxBytes: number) {
    this.result = new Promise((resolve) => (this.settle = resolve));
  }

  attach(stream: Duplex): void {
    if (this.done) stream.destroy();
    else this.stream = stream;
  }

  write(chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) this.end({ exitCode: null, output: '', oversized: true });
    else this.chunks.push(chunk);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  end(result: CaptureResult): void {
    if (this.done) return;
    this.done = true;
    this.chunks = [];
    // Stops reading at once: what the sandbox still writes stays in the sandbox.
    this.stream?.destroy();
    this.settle(result);
  }
}

async function runExec(container: Docker.Container, cmd: string[], capture: Capture): Promise<void> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  capture.attach(stream);
  if (capture.done) return;
  await new Promise<void>((resolve, reject) => {
    const sink = { write: (chunk: Buffer) => capture.write(chunk) };
    container.modem.demuxStream(stream, sink, sink);
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  if (capture.done) return;
  // A hijacked socket is half-open after the daemon's end; destroy it or it lingers.
  stream.destroy();
  const { ExitCode } = await exec.inspect();
  capture.end({ exitCode: ExitCode, output: capture.text() });
}

/**
 * Runs `cmd` in the container (no TTY) and collects its output, at most `maxBytes` of it and
 * for at most `timeoutMs`. The engine's own refusals (no such container, not running) reject.
 */
export async function captureInSandbox(
  container: Docker.Container,
  cmd: string[],
  options: CaptureOptions,
): Promise<CaptureResult> {
  const timers = options.timers ?? realTimers;
  const capture = new Capture(options.maxBytes ?? ANSWER_MAX_BYTES);
  const deadline = timers.setTimeout(
    () => capture.end({ exitCode: null, output: capture.text(), timedOut: true }),
    options.timeoutMs,
  );
  try {
    return await Promise.race([capture.result, runExec(container, cmd, capture).then(() => capture.result)]);
  } finally {
    timers.clearTimeout(deadline);
    capture.end({ exitCode: null, output: '' });
  }
}
