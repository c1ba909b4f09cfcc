// Runs a command with its output split into lines: each line goes to a callback and a log file,
// and the last lines are kept for the error message when the command fails.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

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

  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also stops what the command started.
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env, // none: the playground's own
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid) {
              try {
                process.kill(-child.pid, 'SIGKILL');
              } catch {
                // already gone
              }
            }
          }, opts.timeoutMs);

    const lineSplitter = () => {
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
    };
    const emit = (line: string) => {
      if (!line.trim()) return;
      lastLines.push(line);
      if (lastLines.length > keep) lastLines.shift();
      opts.onLine?.(line);
    };
    const out = lineSplitter();
    const err = lineSplitter();
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => {}); // a command that ignores its input may close it early
    child.stdin.end(opts.input ?? '');

    child.on('error', (e) => {
      clearTimeout(timer);
      log?.end();
      reject(new Error(`could not run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      out.flush();
      err.flush();
      log?.end();
      resolve({ code: code ?? (signal ? 128 : 1), lastLines, timedOut });
    });
  });
}
