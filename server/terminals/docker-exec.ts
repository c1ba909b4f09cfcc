// A shell in a sandbox through the Docker exec API, hijacked with a TTY.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { DEFAULT_LANGUAGE, type Language } from '../../common/lesson.js';
import type { TerminalSize } from '../../common/protocol.js';
import { execCapture } from '../engine/exec.js';
import { dropLeading } from './attach-clear.js';
import type { TerminalBackend, TerminalBackendFactory } from './backend.js';
import { PROMPT_HOOK } from './prompt-signal.js';

/** The shell records its pid here so closing the pane can end it (Docker has no exec kill). */
const PID_DIR = '/run/playground-shells';

/**
 * Sets the TTY size before the shell starts, so the first prompt is drawn at the pane's
 * size (the exec resize API only works after start, and an early call can be lost). The
 * welcome text is the image's, in the learner's language (/etc/motd.<language>) when it has it.
 * `$0` is the shell's files' path: it records its pid there, and bash's exit status beside it.
 */
const INNER_SCRIPT =
  `{ echo $$ > "$0"; } 2>/dev/null; m=/etc/motd.$PLAYGROUND_LANG; [ -f "$m" ] || m=/etc/motd; cat "$m" 2>/dev/null; ` +
  `bash -l; s=$?; echo $s > "$0.status"; exit $s`;

/** Reads at most a few bytes of a regular file the learner may have replaced (a FIFO would block). */
const readSmall = (file: string) => `$( [ -f "${file}" ] && head -c 16 "${file}" 2>/dev/null)`;

/**
 * The shell runs under dtach in the sandbox, its socket named after the pane: it outlives
 * this exec (a killed or restarted server), and the pane's next exec attaches to the same
 * shell (`-A`; `-E -z`: no detach or suspend key). A client left by a server that died is
 * ended first. The exec ends with bash's exit status.
 * Redraw `-r winch`: on attach the program gets SIGWINCH, so a full-screen one (top, vim)
 * repaints, and bash's readline redraws at most its own line. `ctrl_l` would type ^L into
 * any program in raw mode, readline included, which clears the screen the server just
 * replayed; `none` would leave a full-screen program's screen as the server saved it (up to
 * 2 s old). dtach's clear on attach is dropped by the server (attach-clear.ts).
 * Without dtach (an operator's own image, or a learner who removed it), or when dtach fails
 * without the shell having run (replaced by something broken, an unusable socket folder),
 * the shell is the exec's own, as without dtach: only that learner loses the restart.
 * Arguments: the shell's id, columns, rows, and INNER_SCRIPT.
 */
const SHELL_SCRIPT =
  `d=${PID_DIR}; mkdir -p $d 2>/dev/null; stty cols "$2" rows "$3" 2>/dev/null; ` +
  `command -v dtach >/dev/null || exec /bin/sh -c "$4" "$d/$1"; ` +
  `c=${readSmall('$d/$1.client')}; case $c in ''|0|$$|*[!0-9]*) ;; *) pkill -HUP -s "$c";; esac; ` +
  `{ echo $$ > "$d/$1.client"; } 2>/dev/null; rm -f "$d/$1.status"; ` +
  `dtach -A "$d/$1.sock" -E -z -r winch /bin/sh -c "$4" "$d/$1"; r=$?; ` +
  `s=${readSmall('$d/$1.status')}; [ -z "$s" ] && [ "$r" != 0 ] && exec /bin/sh -c "$4" "$d/$1"; ` +
  `case $s in ''|*[!0-9]*) s=0;; esac; exit $s`;

/** What a shell's id (a pane's id) may be: it names files and goes into scripts. */
const SHELL_ID = /^[a-z0-9]{6,32}$/;

/** A wait that never keeps the process alive by itself (a stopping server need not wait it out). */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Closing never waits longer than this for the kill to finish. */
const KILL_TIMEOUT_MS = 5_000;

/**
 * Ends a shell and everything it started. The TTY exec made the shell a session leader,
 * and its jobs (background ones too, even under nohup) stay in its session: SIGHUP first,
 * as a closing terminal would, then SIGKILL for whatever is still in the session.
 */
function killSessionScript(shellId: string): string {
  const pidFile = `${PID_DIR}/${shellId}`;
  return (
    `pid=${readSmall(pidFile)}; [ -n "$pid" ] || exit 0; rm -f ${pidFile} ${pidFile}.client ${pidFile}.status; ` +
    `pkill -HUP -s "$pid"; sleep 0.2; pkill -KILL -s "$pid"; exit 0`
  );
}

/**
 * Ends the shell named `shellId` in `container` and everything it started (a pane nobody
 * came back to). Bounded like closing a pane: a stuck daemon is not waited out.
 */
export async function endShell(container: Docker.Container, shellId: string): Promise<void> {
  if (!SHELL_ID.test(shellId)) throw new Error(`not a shell id: ${shellId}`); // it goes into a script
  const kill = execCapture(container, ['/bin/sh', '-c', killSessionScript(shellId)]);
  await Promise.race([kill.catch(() => undefined), sleep(KILL_TIMEOUT_MS)]);
}

export class DockerExecBackendFactory implements TerminalBackendFactory {
  constructor(
    private readonly container: Docker.Container,
    /** The learner's language: the shell's welcome text, and PLAYGROUND_LANG in its environment. */
    private readonly language: Language = DEFAULT_LANGUAGE,
    /** Names the shell in the sandbox: the same id attaches to the same shell (a pane's id). */
    private readonly shellId: string = randomBytes(8).toString('hex'),
  ) {
    if (!SHELL_ID.test(shellId)) throw new Error(`not a shell id: ${shellId}`);
  }

  async create(size: TerminalSize): Promise<TerminalBackend> {
    const { shellId } = this;
    const args = [shellId, String(size.cols), String(size.rows), INNER_SCRIPT];
    const exec = await this.container.exec({
      Cmd: ['/bin/sh', '-c', SHELL_SCRIPT, 'sh', ...args],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // The prompt hook tells the server a command finished (see prompt-signal.ts).
      Env: [
        'TERM=xterm-256color',
        'LANG=C.UTF-8',
        `PLAYGROUND_LANG=${this.language}`,
        `PROMPT_COMMAND=${PROMPT_HOOK}`,
      ],
      WorkingDir: '/root',
    });
    // Tty in the *start* body too: without it the daemon multiplexes the stream and every
    // chunk carries an 8-byte header.
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const backend = new DockerExecBackend(this.container, exec, stream, shellId);
    // The script's stty already sized the TTY for the first prompt; the API call only brings
    // the engine's record in line, so the output need not wait for it (a later resize wins).
    void backend.resize(size).catch(() => undefined);
    return backend;
  }
}

class DockerExecBackend implements TerminalBackend {
  private dataListeners: ((chunk: Buffer) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  private exited = false;
  /** Resizes asked for so far: only the latest one retries. */
  private resizes = 0;

  constructor(
    private readonly container: Docker.Container,
    private readonly exec: Docker.Exec,
    private readonly stream: Duplex,
    private readonly shellId: string,
  ) {
    const finish = () => void this.reportExit();
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  }

  /** The first listener starts the flow: output waits in the stream until someone reads it. */
  onData(listener: (chunk: Buffer) => void): void {
    this.dataListeners.push(listener);
    if (this.dataListeners.length > 1) return;
    const output = dropLeading(); // dtach's clear on attach (attach-clear.ts)
    this.stream.on('data', (chunk: Buffer) => {
      const data = output(chunk);
      if (data.length) for (const each of this.dataListeners) each(data);
    });
  }

  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }

  write(data: Uint8Array): void {
    if (!this.exited) this.stream.write(data);
  }

  /**
   * Retries: the daemon can refuse a resize that comes right after start. A retry stops once
   * a newer resize was asked for, so an old size never lands after a new one.
   */
  async resize({ cols, rows }: TerminalSize): Promise<void> {
    const asked = ++this.resizes;
    for (let attempt = 0; asked === this.resizes; attempt++) {
      try {
        await this.exec.resize({ w: cols, h: rows });
        return;
      } catch (err) {
        if (attempt >= 9 || this.exited) throw err;
        await sleep(20);
      }
    }
  }

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    this.stream.resume();
  }

  /** Lets go of the shell without ending it: a restarted server attaches to it again. */
  release(): void {
    this.exited = true;
    this.stream.destroy();
  }

  async close(): Promise<void> {
    if (!this.exited) await endShell(this.container, this.shellId);
    this.stream.destroy();
  }

  private async reportExit(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    this.stream.destroy(); // the hijacked socket stays half-open otherwise
    const code = await this.exec.inspect().then(
      (i) => i.ExitCode,
      () => null,
    );
    for (const listener of this.exitListeners) listener(code);
  }
}
