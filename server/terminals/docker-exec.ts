// A shell in a sandbox through the Docker exec API, hijacked with a TTY.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { TerminalSize } from '../../common/protocol.js';
import type { TerminalBackend, TerminalBackendFactory } from './backend.js';

/** The shell records its pid here so closing the pane can end it (Docker has no exec kill). */
const PID_DIR = '/run/playground-shells';

/**
 * Sets the TTY size before the shell starts, so the first prompt is drawn at the pane's
 * size (the exec resize API only works after start, and an early call can be lost).
 */
const SHELL_SCRIPT =
  `mkdir -p ${PID_DIR}; echo $$ > ${PID_DIR}/"$1"; stty cols "$2" rows "$3" 2>/dev/null; ` +
  `cat /etc/motd 2>/dev/null; exec bash -l`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DockerExecBackendFactory implements TerminalBackendFactory {
  constructor(private readonly container: Docker.Container) {}

  async create(size: TerminalSize): Promise<TerminalBackend> {
    const shellId = randomBytes(8).toString('hex');
    const exec = await this.container.exec({
      Cmd: ['/bin/sh', '-c', SHELL_SCRIPT, 'sh', shellId, String(size.cols), String(size.rows)],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: ['TERM=xterm-256color', 'LANG=C.UTF-8'],
      WorkingDir: '/root',
    });
    // Tty in the *start* body too: without it the daemon multiplexes the stream and every
    // chunk carries an 8-byte header.
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const backend = new DockerExecBackend(this.container, exec, stream, shellId);
    await backend.resize(size);
    return backend;
  }
}

class DockerExecBackend implements TerminalBackend {
  private exitListeners: ((code: number | null) => void)[] = [];
  private exited = false;

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

  onData(listener: (chunk: Buffer) => void): void {
    this.stream.on('data', listener);
  }

  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }

  write(data: Uint8Array): void {
    if (!this.exited) this.stream.write(data);
  }

  /** Retries: the daemon can refuse a resize that comes right after start. */
  async resize({ cols, rows }: TerminalSize): Promise<void> {
    for (let attempt = 0; ; attempt++) {
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

  async close(): Promise<void> {
    if (!this.exited) {
      // SIGHUP, as a closing terminal would send: bash passes it on to its jobs.
      const script = `pid=$(cat ${PID_DIR}/${this.shellId} 2>/dev/null) && kill -HUP "$pid" 2>/dev/null; rm -f ${PID_DIR}/${this.shellId}`;
      await this.container
        .exec({ Cmd: ['/bin/sh', '-c', script], AttachStdout: false, AttachStderr: false })
        .then((e) => e.start({ Detach: true }))
        // dockerode hands back the response as a stream even when detached; release its socket.
        .then((response) => (response as Duplex | undefined)?.destroy())
        .catch(() => undefined);
    }
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
