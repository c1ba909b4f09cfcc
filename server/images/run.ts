// Runs a command with its output split into lines: each line goes to a callback and a log file,
// and the last lines are kept for the error message when the command fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the command's stdin, which is closed afterwards. */
  input?: string;
  onLine?: (line: string) => void;
  /** Append the full output here. */
  logFile?: string;
  /** Kill the command (and its children) after this long. */
  timeoutMs?: number;
  /** How many trailing lines to keep. */
  keepLines?: number;
}

export interface RunResult {
  code: number;
  lastLines: string[];
  timedOut: boolean;
}

export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const keep = opts.keepLines ?? 30;
  const lastLines: string[] = [];
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
  const emit = (line: string) => {
    if (!line.trim()) return;
    lastLines.push(line);
    if (lastLines.length > keep) lastLines.shift();
    opts.onLine?.(line);
  };

  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also stops what the command started.
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env, // unset: the child inherits the playground's environment
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const deadline = killAfter(child, opts.timeoutMs);
    const out = lineSplitter(log, emit);
    const err = lineSplitter(log, emit);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => {}); // a command that ignores its input may close it early
    child.stdin.end(opts.input ?? '');

    child.on('error', (e) => {
      deadline.clear();
      log?.end();
      reject(new Error(`could not run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      deadline.clear();
      out.flush();
      err.flush();
      log?.end();
      resolve({ code: code ?? (signal ? 128 : 1), lastLines, timedOut: deadline.passed });
    });
  });
}

/** Kills the child's process group after timeoutMs (never, without one). */
function killAfter(child: ChildProcess, timeoutMs: number | undefined): { passed: boolean; clear(): void } {
  const deadline = { passed: false, clear: () => clearTimeout(timer) };
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          deadline.passed = true;
          if (child.pid) {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }
        }, timeoutMs);
  return deadline;
}

/** Cuts a stream's chunks into lines (a line may span chunks), copying every byte to the log. */
function lineSplitter(log: WriteStream | null, emit: (line: string) => void) {
  let partial = '';
  return {
    push(chunk: Buffer) {
      log?.write(chunk);
      const text = partial + chunk.toString('utf8');
      const lines = text.split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    flush() {
      if (partial) emit(partial);
      partial = '';
    },
  };
}
