// How the validator reaches a sandbox: a shell that runs one script with a time limit.
// Checks only know this interface, so they can be tested with scripted answers.
import type Docker from 'dockerode';
import { execCapture } from '../sandboxes/manager.js';

export interface ShellResult {
  /** The script's exit status; null when it never reported one (the sandbox stopped answering). */
  exitCode: number | null;
  /** Standard output and standard error, interleaved. */
  output: string;
  /** True when the script was stopped for running longer than it was allowed. */
  timedOut?: boolean;
}

export interface SandboxShell {
  run(script: string, timeoutMs: number): Promise<ShellResult>;
}

/** The sandbox cannot run anything: a reason the learner can act on. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Time after the in-sandbox limit before the server stops waiting (a frozen sandbox, say). */
const BACKSTOP_MS = 5_000;
/** Exit statuses of coreutils `timeout`: TERM sent, or KILL after the grace second. */
const TIMEOUT_STATUSES = new Set([124, 137]);

/** Runs scripts in a sandbox container with `docker exec`, each under `timeout`. */
export class DockerSandboxShell implements SandboxShell {
  constructor(private readonly container: Docker.Container) {}

  async run(script: string, timeoutMs: number): Promise<ShellResult> {
    const seconds = (Math.max(100, timeoutMs) / 1000).toFixed(1);
    // `timeout` signals the script's whole process group, so children (a `sleep`, a
    // `docker run`) end with it; KILL follows TERM after a second.
    const cmd = ['timeout', '-k', '1', seconds, 'sh', '-c', script];
    const started = Date.now();
    let backstop: NodeJS.Timeout | undefined;
    const late = new Promise<ShellResult>((resolve) => {
      backstop = setTimeout(
        () => resolve({ exitCode: null, output: '', timedOut: true }),
        timeoutMs + BACKSTOP_MS,
      );
    });
    try {
      const result: ShellResult = await Promise.race([execCapture(this.container, cmd), late]);
      const timedOut =
        result.timedOut === true ||
        (result.exitCode !== null &&
          TIMEOUT_STATUSES.has(result.exitCode) &&
          Date.now() - started >= timeoutMs - 50);
      return { ...result, timedOut };
    } catch (err) {
      throw explainExecError(err);
    } finally {
      clearTimeout(backstop);
    }
  }
}

function explainExecError(err: unknown): Error {
  const e = err as { statusCode?: number; code?: string; message?: string };
  const message = e.message ?? String(err);
  if (e.statusCode === 404 || /no such container/i.test(message)) {
    return new SandboxUnavailableError('Your sandbox is gone. Start a new session to continue.');
  }
  if (e.statusCode === 409 || /is not running|is paused|is restarting/i.test(message)) {
    return new SandboxUnavailableError('Your sandbox has stopped. Start a new session to continue.');
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'ECONNRESET' || e.code === 'EPIPE') {
    return new SandboxUnavailableError('The playground cannot reach its Docker engine right now. Try again.');
  }
  return new SandboxUnavailableError(`The sandbox could not run the check: ${message}`);
}
