// A command after a Ctrl-C waits until the interrupted program has let go of the terminal
// (interrupted-typing.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterruptedTyping, MAX_WAIT_MS, QUIET_MS } from '../../client/src/terminals/interrupted-typing';
import { FakeTimers } from '../support/fake-timers';

function typing() {
  const timers = new FakeTimers();
  const sent: string[] = [];
  return { timers, sent, typing: new InterruptedTyping((t) => sent.push(t), timers) };
}

test('plain text is typed at once, in order', () => {
  const { sent, typing: t } = typing();
  t.type('ls\r');
  t.type('pwd\r');
  assert.deepEqual(sent, ['ls\r', 'pwd\r']);
});

test('after a Ctrl-C the command waits while the program still writes, and goes once it is quiet', () => {
  const { timers, sent, typing: t } = typing();
  t.interruptThen('echo after\r');
  assert.deepEqual(sent, ['\x03'], 'only the Ctrl-C goes at once');
  // top redraws and leaves: output keeps coming for a while.
  for (let i = 0; i < 5; i++) {
    t.output();
    timers.advance(QUIET_MS - 10);
    assert.deepEqual(sent, ['\x03'], 'still held while output comes');
  }
  t.output(); // the prompt
  timers.advance(QUIET_MS);
  assert.deepEqual(sent, ['\x03', 'echo after\r']);
});

test('text typed while waiting keeps its place behind the command', () => {
  const { timers, sent, typing: t } = typing();
  t.interruptThen('first\r');
  t.type('second\r');
  t.output();
  timers.advance(QUIET_MS);
  assert.deepEqual(sent, ['\x03', 'first\r', 'second\r']);
});

test('a program that ignores Ctrl-C or says nothing holds the command only up to a bound', () => {
  const { timers, sent, typing: t } = typing();
  t.interruptThen('echo silent\r');
  timers.advance(MAX_WAIT_MS - 1);
  assert.deepEqual(sent, ['\x03']);
  timers.advance(1);
  assert.deepEqual(sent, ['\x03', 'echo silent\r']);
  assert.equal(timers.pending, 0);
});

test('disposing drops what waits', () => {
  const { timers, sent, typing: t } = typing();
  t.interruptThen('never\r');
  t.dispose();
  timers.advance(MAX_WAIT_MS);
  assert.deepEqual(sent, ['\x03']);
  assert.equal(timers.pending, 0);
});
