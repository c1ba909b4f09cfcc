import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionObserver } from '../../server/sessions/session-state.js';
import { ShellFirst } from '../../server/sessions/shell-first.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

function recording(): { calls: string[]; observer: SessionObserver } {
  const calls: string[] = [];
  return {
    calls,
    observer: {
      hostReady: (s, h) => calls.push(`ready ${s} ${h}`),
      hostRemoved: (s, h) => calls.push(`removed ${s} ${h}`),
      sessionEnded: (s) => calls.push(`ended ${s}`),
      lessonChanged: (s) => calls.push(`lesson ${s}`),
    },
  };
}

test('a host is followed only once its session drew a prompt', async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000 });
  const { calls, observer } = recording();
  const held = gate.observer(observer);
  held.hostReady!('s1', 'node1');
  held.hostReady!('s1', 'node1'); // told twice: started once
  gate.prompted('s2'); // another session's prompt
  await tick();
  assert.deepEqual(calls, []);
  gate.prompted('s1');
  await tick();
  assert.deepEqual(calls, ['ready s1 node1']);
});

test('without a prompt, the host is followed after the bound', async () => {
  const gate = new ShellFirst({ firstPromptMs: 20 });
  const { calls, observer } = recording();
  gate.observer(observer).hostReady!('s1', 'node1');
  await tick();
  assert.deepEqual(calls, []);
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, ['ready s1 node1']);
});

test('a host removed or a session ended while held is never started', async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000 });
  const { calls, observer } = recording();
  const held = gate.observer(observer);
  held.hostReady!('s1', 'node1');
  held.hostReady!('s2', 'node1');
  held.hostRemoved!('s1', 'node1');
  held.sessionEnded!('s2');
  held.lessonChanged!('s3');
  gate.prompted('s1');
  gate.prompted('s2');
  await tick();
  assert.deepEqual(calls, ['removed s1 node1', 'ended s2', 'lesson s3']);
});

test("after its prompt, a host's background work waits while other shells are starting", async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000, quietMs: 60_000 });
  const { calls, observer } = recording();
  const held = gate.observer(observer);
  const first = gate.shellStarting();
  const second = gate.shellStarting();
  held.hostReady!('s1', 'node1');
  first(); // s1's shell drew its prompt
  gate.prompted('s1');
  await tick();
  assert.deepEqual(calls, [], "another learner's shell is still starting");
  second();
  second(); // told twice: counted once
  await tick();
  assert.deepEqual(calls, ['ready s1 node1']);
});

test('starting shells hold background work back only for a bound, and a shell counts for a bound', async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000, quietMs: 30 });
  const { calls, observer } = recording();
  gate.shellStarting(); // never prompts
  gate.observer(observer).hostReady!('s1', 'node1');
  gate.prompted('s1');
  await tick();
  assert.deepEqual(calls, []);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(calls, ['ready s1 node1']);

  const short = new ShellFirst({ firstPromptMs: 60_000, quietMs: 60_000, startingShellMs: 20 });
  const second = recording();
  short.shellStarting(); // never prompts either, but counts only 20 ms
  short.observer(second.observer).hostReady!('s2', 'node1');
  short.prompted('s2');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(second.calls, ['ready s2 node1']);
});

test("a learner handed a running shell holds others' background work back until their prompt", async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000, quietMs: 60_000 });
  const { calls, observer } = recording();
  const held = gate.observer(observer);
  gate.promptAwaited('s2'); // s2's learner takes a ready seat: their prompt is on its way
  held.hostReady!('s1', 'node1');
  gate.prompted('s1');
  await tick();
  assert.deepEqual(calls, [], "s2's learner still awaits their prompt");
  held.hostReady!('s2', 'node1');
  gate.prompted('s2'); // s2's own prompt frees s2 and everyone else
  await tick();
  assert.deepEqual(calls.sort(), ['ready s1 node1', 'ready s2 node1']);
});

test('a learner handed a running shell whose session ends holds nobody back', async () => {
  const gate = new ShellFirst({ firstPromptMs: 60_000, quietMs: 60_000 });
  const { calls, observer } = recording();
  const held = gate.observer(observer);
  gate.promptAwaited('s2');
  held.hostReady!('s1', 'node1');
  gate.prompted('s1');
  held.sessionEnded!('s2'); // their prompt will never come
  await tick();
  assert.deepEqual(calls, ['ended s2', 'ready s1 node1']);
});
