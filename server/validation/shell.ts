// How the validator reaches a sandbox: a shell that runs one script with a time limit.
// Checks only know this interface, so they can be tested with scripted answers. The sandbox's
// `timeout`, `sh` and `docker` are the learner's to replace: the server's own time and size
// limits (sandbox-exec.ts) are what hold.
import type Docker from 'dockerode';
import { message } from '../../common/messages.js';
import { LearnerMessageError } from '../errors.js';
import { captureInSandbox, OversizedAnswerError, type CaptureResult } from './sandbox-exec.js';

export interface ShellResult {
  /** The script's exit status; null when it never reported one (the sandbox stopped answering). */
  exitCode: number | null;
  /** Standard output and standard error, interleaved (at most ANSWER_MAX_BYTES, see sandbox-limits.ts). */
  output: string;
  /** True when the script was stopped for running longer than it was allowed. */
  timedOut?: boolean;
}

export interface SandboxShell {
  /** Throws OversizedAnswerError when the sandbox answers with more than a check reads. */
  run(script: string, timeoutMs: number): Promise<ShellResult>;
}

/** The sandbox cannot run anything: a reason the learner can act on. */
export class SandboxUnavailableError extends LearnerMessageError {
  override name = 'SandboxUnavailableError';
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Time after the in-sandbox limit before the server stops waiting (a frozen sandbox, a replaced `timeout`). */
const BACKSTOP_MS = 5_000;
/** Exit statuses of coreutils `timeout`: TERM sent, or KILL after the grace second. */
const TIMEOUT_STATUSES = new Set([124, 137]);
/** First line of every run's output, so an exec that never started is told apart. */
const STARTED = '@@check-started';
const STOPPED = message('sandbox-stopped', {});

/** Runs scripts in a sandbox container with `docker exec`, each under `timeout`. */
export class DockerSandboxShell implements SandboxShell {
  constructor(private readonly container: Docker.Container) {}

  async run(script: string, timeoutMs: number): Promise<ShellResult> {
    const seconds = (Math.max(100, timeoutMs) / 1000).toFixed(1);
    // The marker says the exec did start. `timeout` signals the script's whole process
    // group, so children (a `sleep`, a `docker run`) end with it; KILL follows TERM a second later.
    const cmd = ['sh', '-c', `echo ${STARTED}; exec timeout -k 1 "$1" sh -c "$2"`, 'sh', seconds, script];
    const started = Date.now();
    let captured: CaptureResult;
    try {
      captured = await captureInSandbox(this.container, cmd, { timeoutMs: timeoutMs + BACKSTOP_MS });
    } catch (err) {
      throw explainExecError(err);
    }
    if (captured.oversized) throw new OversizedAnswerError();
    // Past the backstop, whatever came is not the script's answer.
    const result: ShellResult = captured.timedOut
      ? { exitCode: null, output: '', timedOut: true }
      : { exitCode: captured.exitCode, output: captured.output };
    const marker = result.output.indexOf(`${STARTED}\n`);
    if (marker < 0 && result.exitCode !== 0 && !result.timedOut) {
      // Accepted but never started: a sandbox that is stopping, say.
      if (!(await this.running())) throw new SandboxUnavailableError(STOPPED);
      throw new SandboxUnavailableError(message('check-not-started', { detail: result.output.trim() }));
    }
    if (marker >= 0) {
      result.output = result.output.slice(0, marker) + result.output.slice(marker + STARTED.length + 1);
    }
    const timedOut =
      result.timedOut === true ||
      (result.exitCode !== null &&
        TIMEOUT_STATUSES.has(result.exitCode) &&
        Date.now() - started >= timeoutMs - 50);
    return { ...result, timedOut };
  }

  private running(): Promise<boolean> {
    return this.container.inspect().then(
      (info) => info.State.Running && !info.State.Paused,
      () => false,
    );
  }
}

function explainExecError(err: unknown): Error {
  const e = err as { statusCode?: number; code?: string; message?: string };
  const text = e.message ?? String(err);
  if (e.statusCode === 404 || /no such container/i.test(text)) {
    return new SandboxUnavailableError(message('sandbox-vanished', {}));
  }
  if (e.statusCode === 409 || /is not running|is paused|is restarting/i.test(text)) {
    return new SandboxUnavailableError(STOPPED);
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'ECONNRESET' || e.code === 'EPIPE') {
    return new SandboxUnavailableError(message('engine-unreachable', {}));
  }
  return new SandboxUnavailableError(message('check-not-run', { detail: text }));
}
