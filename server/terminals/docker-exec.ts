// A shell in a sandbox through the Docker exec API: under dtach, through a byte relay in an
// exec without a TTY (the server speaks dtach's packets itself), or, where that cannot run, a
// plain shell on the exec's own TTY. One pseudo-terminal between the shell and the server
// instead of two is what keeps the relay near a raw exec's throughput.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { DEFAULT_LANGUAGE, type Language } from '../../common/lesson.js';
import type { TerminalSize } from '../../common/protocol.js';
import { execCapture } from '../engine/exec.js';
import type { TerminalBackend, TerminalBackendFactory } from './backend.js';
import { attachPackets, pushPackets, resizePacket } from './dtach-packets.js';
import { demultiplexer } from './exec-stream.js';
import { PROMPT_HOOK } from './prompt-signal.js';
import {
  INNER_SCRIPT,
  killSessionScript,
  NO_RELAY,
  PLAIN_SHELL_SCRIPT,
  RELAY_PERL,
  RELAY_SHELL_SCRIPT,
  SHELL_ID,
} from './shell-scripts.js';

/** A wait that never keeps the process alive by itself (a stopping server need not wait it out). */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Closing never waits longer than this for the kill to finish. */
const KILL_TIMEOUT_MS = 5_000;

/**
 * Ends the shell named `shellId` in `container` and everything it started (a pane nobody
 * came back to). Bounded like closing a pane: a stuck daemon is not waited out.
 */
export async function endShell(container: Docker.Container, shellId: string): Promise<void> {
  if (!SHELL_ID.test(shellId)) throw new Error(`not a shell id: ${shellId}`); // it goes into a script
  const kill = execCapture(container, ['/bin/sh', '-c', killSessionScript(shellId)]);
  await Promise.race([kill.catch(() => undefined), sleep(KILL_TIMEOUT_MS)]);
}

/** One exec and its hijacked stream; `relayed`: dtach's packets in, multiplexed frames out. */
interface ExecLink {
  exec: Docker.Exec;
  stream: Duplex;
  relayed: boolean;
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
    const link = await this.start(size, true);
    link.stream.write(attachPackets(size));
    return new DockerExecBackend(this.container, this.shellId, link, size, (at) => this.plain(at));
  }

  /** The plain shell, sized; the API resize only brings the engine's record in line. */
  private async plain(size: TerminalSize): Promise<ExecLink> {
    const link = await this.start(size, false);
    void link.exec.resize({ w: size.cols, h: size.rows }).catch(() => undefined);
    return link;
  }

  private async start(size: TerminalSize, relayed: boolean): Promise<ExecLink> {
    const script = relayed ? RELAY_SHELL_SCRIPT : PLAIN_SHELL_SCRIPT;
    const args = [this.shellId, String(size.cols), String(size.rows), INNER_SCRIPT, RELAY_PERL];
    const exec = await this.container.exec({
      Cmd: ['/bin/sh', '-c', script, 'sh', ...args],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: !relayed,
      // The prompt hook tells the server a command finished (see prompt-signal.ts).
      Env: [
        'TERM=xterm-256color',
        'LANG=C.UTF-8',
        `PLAYGROUND_LANG=${this.language}`,
        `PROMPT_COMMAND=${PROMPT_HOOK}`,
      ],
      WorkingDir: '/root',
    });
    // Tty in the *start* body too, or the daemon multiplexes a TTY's stream as well.
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: !relayed })) as Duplex;
    return { exec, stream, relayed };
  }
}

class DockerExecBackend implements TerminalBackend {
  private dataListeners: ((chunk: Buffer) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  private exited = false;
  private paused = false;
  private closing = false;
  /** Output came from the relay: a shell ran, so its exit is the pane's, never a fallback. */
  private sawOutput = false;
  private endingLink: ExecLink | undefined;
  /** Resizes asked for so far: only the latest one retries. */
  private resizes = 0;

  constructor(
    private readonly container: Docker.Container,
    private readonly shellId: string,
    private link: ExecLink,
    private size: TerminalSize,
    private readonly openPlain: (size: TerminalSize) => Promise<ExecLink>,
  ) {
    this.watchEnd(link);
  }

  /** The first listener starts the flow: output waits in the stream until someone reads it. */
  onData(listener: (chunk: Buffer) => void): void {
    this.dataListeners.push(listener);
    if (this.dataListeners.length === 1) this.flow(this.link);
  }

  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }

  write(data: Uint8Array): void {
    if (this.exited) return;
    this.link.stream.write(this.link.relayed ? pushPackets(data) : data);
  }

  /**
   * Relayed: a packet, in order with the keystrokes. Plain: the exec API, retried (the daemon
   * can refuse a resize right after start) until a newer resize was asked for, so an old size
   * never lands after a new one.
   */
  async resize(size: TerminalSize): Promise<void> {
    this.size = size;
    if (this.link.relayed) {
      if (!this.exited) this.link.stream.write(resizePacket(size));
      return;
    }
    const asked = ++this.resizes;
    for (let attempt = 0; asked === this.resizes; attempt++) {
      try {
        await this.link.exec.resize({ w: size.cols, h: size.rows });
        return;
      } catch (err) {
        if (attempt >= 9 || this.exited) throw err;
        await sleep(20);
      }
    }
  }

  pause(): void {
    this.paused = true;
    this.link.stream.pause();
  }

  resume(): void {
    this.paused = false;
    this.link.stream.resume();
  }

  /** Lets go of the shell without ending it: a restarted server attaches to it again. */
  release(): void {
    this.exited = true;
    this.link.stream.destroy();
  }

  async close(): Promise<void> {
    this.closing = true; // a plain shell still opening is ended as it comes (linkEnded)
    if (!this.exited) await endShell(this.container, this.shellId);
    this.link.stream.destroy();
  }

  private flow(link: ExecLink): void {
    const emit = (bytes: Buffer) => {
      if (!bytes.length) return;
      this.sawOutput = true;
      for (const each of this.dataListeners) each(bytes);
    };
    // Both of the relay's streams are shown: its stderr is the sandbox's own error messages.
    link.stream.on('data', link.relayed ? demultiplexer(emit) : emit);
    if (this.paused) link.stream.pause();
  }

  private watchEnd(link: ExecLink): void {
    const finish = () => void this.linkEnded(link);
    link.stream.on('end', finish);
    link.stream.on('close', finish);
    link.stream.on('error', finish);
  }

  /** A relay that could not start, having shown nothing, gives way to a plain shell. */
  private async linkEnded(link: ExecLink): Promise<void> {
    // 'end', 'close' and 'error' may all come: only the first is handled (else two plain shells).
    if (link !== this.link || this.exited || this.endingLink === link) return;
    this.endingLink = link;
    link.stream.destroy(); // the hijacked socket stays half-open otherwise
    const code = await link.exec.inspect().then(
      (i) => i.ExitCode,
      () => null,
    );
    if (link !== this.link || this.exited) return;
    if (link.relayed && code === NO_RELAY && !this.sawOutput && !this.closing && (await this.switchToPlain()))
      return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(code);
  }

  /** Opens the plain shell in the relay's place; false when it could not, or the pane closed meanwhile. */
  private async switchToPlain(): Promise<boolean> {
    const size = this.size;
    let plain: ExecLink;
    try {
      plain = await this.openPlain(size);
    } catch {
      return false;
    }
    if (this.exited || this.closing) {
      plain.stream.destroy(); // released meanwhile: left to the next server, as any shell
      if (!this.closing) return true;
      await endShell(this.container, this.shellId); // closed meanwhile: its shell must not live on
      return false;
    }
    this.link = plain;
    this.watchEnd(plain);
    if (this.dataListeners.length) this.flow(plain);
    if (size !== this.size) void this.resize(this.size).catch(() => undefined); // resized meanwhile
    return true;
  }
}
