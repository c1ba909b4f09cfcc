// The prompt hook's signal: found in output cut anywhere, never invented, passed through
// unchanged; a flood of them asks no more than once per chunk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PROMPT_SIGNAL,
  PromptSignalScanner,
  withPromptSignal,
} from '../../server/terminals/prompt-signal.js';
import { FakeBackend } from '../support/fake-terminal-backend.js';

/** Cuts `data` into chunks at the given offsets. */
function cut(data: Buffer, at: number[]): Buffer[] {
  const bounds = [0, ...at.filter((n) => n > 0 && n < data.length).sort((a, b) => a - b), data.length];
  return bounds.slice(1).map((end, i) => data.subarray(bounds[i], end));
}

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

test('a signal is found wherever the output is cut, even one byte at a time', () => {
  const data = Buffer.concat([Buffer.from('ls\r\nfile\r\n'), PROMPT_SIGNAL, Buffer.from('root@node1:~# ')]);
  for (let a = 0; a <= data.length; a++) {
    for (let b = a; b <= data.length; b++) {
      const scanner = new PromptSignalScanner();
      const found = cut(data, [a, b]).filter((c) => scanner.scan(c)).length;
      assert.equal(found, 1, `cut at ${a} and ${b}`);
    }
  }
  const scanner = new PromptSignalScanner();
  assert.equal(cut(data, [...data.keys()]).filter((c) => scanner.scan(c)).length, 1);
});

test('near misses are not a signal: other OSC sequences, a broken one, one split by other bytes', () => {
  const near = [
    '\x1b]0;title\x07',
    '\x1b]7717;check\x1b\\',
    '\x1b]7717;chec\x1b]7717;check', // the second lacks its BEL
    '\x1b]771\x1b7;check\x07',
  ];
  for (const text of near) {
    const data = Buffer.from(text, 'latin1');
    for (let a = 0; a <= data.length; a++) {
      const scanner = new PromptSignalScanner();
      assert.equal(
        cut(data, [a]).some((c) => scanner.scan(c)),
        false,
        `${JSON.stringify(text)} cut at ${a}`,
      );
    }
  }
  // A partial signal followed by its restart still finds the complete one.
  const scanner = new PromptSignalScanner();
  assert.equal(scanner.scan(Buffer.from('\x1b]7717;ch', 'latin1')), false);
  assert.equal(scanner.scan(Buffer.concat([Buffer.from('x'), PROMPT_SIGNAL])), true);
});

test('random output with signals at random cuts: as many chunks report one as a naive search says', () => {
  const next = random(7);
  for (let round = 0; round < 200; round++) {
    const parts: Buffer[] = [];
    for (let i = 0; i < 20; i++) {
      parts.push(next() < 0.3 ? PROMPT_SIGNAL : Buffer.from([0x1b, 0x5d, 0x37, Math.floor(next() * 256)]));
    }
    const data = Buffer.concat(parts);
    const chunks = cut(
      data,
      Array.from({ length: 8 }, () => Math.floor(next() * data.length)),
    );
    // Naive: a chunk reports when a signal ends inside it.
    const ends: number[] = [];
    for (let i = data.indexOf(PROMPT_SIGNAL); i >= 0; i = data.indexOf(PROMPT_SIGNAL, i + 1)) {
      ends.push(i + PROMPT_SIGNAL.length - 1);
    }
    let offset = 0;
    const expected = chunks.map((c) => {
      const start = offset;
      offset += c.length;
      return ends.some((e) => e >= start && e < offset);
    });
    const scanner = new PromptSignalScanner();
    assert.deepEqual(
      chunks.map((c) => scanner.scan(c)),
      expected,
      `round ${round}`,
    );
  }
});

test('the wrapped backend passes output on unchanged and signals once per chunk however many it holds', () => {
  const backend = new FakeBackend();
  let signals = 0;
  const wrapped = withPromptSignal(backend, () => signals++);
  const seen: Buffer[] = [];
  wrapped.onData((chunk) => seen.push(chunk));
  const flood = Buffer.concat(Array.from({ length: 10_000 }, () => PROMPT_SIGNAL));
  backend.emit(flood);
  backend.emit(Buffer.from('plain output'));
  assert.equal(signals, 1);
  assert.deepEqual(Buffer.concat(seen), Buffer.concat([flood, Buffer.from('plain output')]));
});
