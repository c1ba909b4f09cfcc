// A learner's shell says "a command just finished" by printing a private OSC sequence from
// its prompt hook (PROMPT_COMMAND): terminals ignore OSC sequences they do not know, so the
// learner sees nothing, and the server finds it in the output it relays anyway. Anyone in
// the sandbox can print it (the learner is root there), so it only ever asks for a re-check,
// which the step watcher rate-limits; it never carries a result.
import type { TerminalBackend, TerminalBackendFactory } from './backend.js';

/** ESC ] 7717 ; check BEL. ESC appears only first, so a match can restart only at an ESC. */
export const PROMPT_SIGNAL = Buffer.from('\x1b]7717;check\x07', 'latin1');

/** The prompt hook: what a shell runs before each prompt, set in the shell's environment. */
export const PROMPT_HOOK = `printf '\\033]7717;check\\007'`;

/**
 * Finds the signal in a byte stream cut into chunks anywhere. Linear in the chunk (native
 * searches), with one small number as its whole state between chunks.
 */
export class PromptSignalScanner {
  /** Bytes of the signal matched at the end of the chunks seen so far. */
  private matched = 0;

  /** Whether the signal ends in this chunk (however many times it does: one answer). */
  scan(chunk: Uint8Array): boolean {
    const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let found = false;
    if (this.matched > 0) {
      const rest = PROMPT_SIGNAL.subarray(this.matched);
      const n = Math.min(rest.length, data.length);
      if (data.subarray(0, n).equals(rest.subarray(0, n))) {
        if (n === rest.length) found = true;
        else {
          this.matched += n;
          return false;
        }
      }
    }
    if (!found && data.indexOf(PROMPT_SIGNAL) >= 0) found = true;
    this.matched = this.partialAtEnd(data);
    return found;
  }

  /** How much of the signal's beginning the chunk ends with (0 when none). */
  private partialAtEnd(data: Buffer): number {
    const from = Math.max(0, data.length - (PROMPT_SIGNAL.length - 1));
    const esc = data.lastIndexOf(0x1b);
    if (esc < from) return 0;
    const tail = data.subarray(esc);
    return PROMPT_SIGNAL.subarray(0, tail.length).equals(tail) ? tail.length : 0;
  }
}

/** Wraps a backend so that each signal in its output calls `onSignal`; the output is unchanged. */
export function withPromptSignal(backend: TerminalBackend, onSignal: () => void): TerminalBackend {
  const scanner = new PromptSignalScanner();
  let scanned = false;
  return {
    onData: (listener) => {
      // The first listener's chunks are scanned: one stream, one scanner.
      const scans = !scanned;
      scanned = true;
      backend.onData((chunk) => {
        if (scans && scanner.scan(chunk)) onSignal();
        listener(chunk);
      });
    },
    onExit: (listener) => backend.onExit(listener),
    write: (data) => backend.write(data),
    resize: (size) => backend.resize(size),
    pause: () => backend.pause(),
    resume: () => backend.resume(),
    close: () => backend.close(),
    ...(backend.release && { release: () => backend.release?.() }),
  };
}

/** The same for every backend a factory makes. */
export function signallingFactory(
  factory: TerminalBackendFactory,
  onSignal: () => void,
): TerminalBackendFactory {
  return { create: async (size) => withPromptSignal(await factory.create(size), onSignal) };
}
