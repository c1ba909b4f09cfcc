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
  const gate = new ShellFirst(60_000);
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
  const gate = new ShellFirst(20);
  const { calls, observer } = recording();
  gate.observer(observer).hostReady!('s1', 'node1');
  await tick();
  assert.deepEqual(calls, []);
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, ['ready s1 node1']);
});

test('a host removed or a session ended while held is never started', async () => {
  const gate = new ShellFirst(60_000);
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
