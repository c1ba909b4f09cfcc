// Recovering from faults of the parts around the server: the registry mirror supervised
// (started again, with a growing wait after failed starts), and the engine's absence answered
// with a 503 that says so, lifted as soon as the engine answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Timers } from '../../common/timers.js';
import { ENGINE_AWAY_MESSAGE, EngineGate } from '../../server/engine/engine-gate.js';
import { PlaygroundError } from '../../server/errors.js';
import {
  MIRROR_CHECK_MS,
  MIRROR_RETRY_FIRST_MS,
  MIRROR_RETRY_MAX_MS,
  MirrorSupervisor,
} from '../../server/registry/supervisor.js';

/** Timers run by hand: the delays asked for, and the pending callbacks. */
function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const entry = { fn, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timers, pending };
}

const tick = () => new Promise((r) => setImmediate(r));

test('a mirror that stops answering is started again, and health says what happened', async () => {
  let up = true;
  let starts = 0;
  const mirror = new MirrorSupervisor({
    answers: async () => up,
    restart: async () => {
      starts++;
      up = true;
    },
  });
  await mirror.check();
  assert.deepEqual(mirror.status, { reachable: true, restarts: 0 });
  up = false;
  await mirror.check();
  assert.equal(starts, 1);
  assert.deepEqual(mirror.status, { reachable: true, restarts: 1 });
});

test('a mirror that cannot start is tried again later and later, up to a minute', async () => {
  const { timers, pending } = manualTimers();
  let fixed = false;
  let starts = 0;
  const mirror = new MirrorSupervisor({
    answers: async () => fixed,
    restart: async () => {
      starts++;
      if (!fixed)
        throw new Error('the registry on 127.0.0.1:5000 did not come up (exited with 1)\nlog lines');
    },
    timers,
  });
  mirror.start();
  assert.deepEqual(
    pending.map((p) => p.ms),
    [MIRROR_CHECK_MS],
  );
  const waits: number[] = [];
  for (let i = 0; i < 9; i++) {
    pending.shift()!.fn();
    for (let j = 0; j < 5 && pending.length === 0; j++) await tick();
    waits.push(pending[0]!.ms);
  }
  assert.equal(starts, 9);
  assert.deepEqual(
    waits,
    [1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * MIRROR_RETRY_FIRST_MS),
  );
  assert.equal(Math.max(...waits), MIRROR_RETRY_MAX_MS);
  assert.equal(mirror.status.reachable, false);
  assert.match(mirror.status.problem ?? '', /did not come up \(exited with 1\)$/);

  fixed = true;
  pending.shift()!.fn();
  for (let j = 0; j < 5 && pending.length === 0; j++) await tick();
  assert.deepEqual(mirror.status, { reachable: true, restarts: 0 }, 'it answers by itself: no start needed');
  assert.equal(pending[0]!.ms, MIRROR_CHECK_MS, 'back to the usual checks');
  mirror.stop();
  assert.equal(pending.length, 0);
});

test('the engine gate lets work through while the engine is followed or answers', async () => {
  let pings = 0;
  const gate = new EngineGate({
    following: () => true,
    ping: async () => {
      pings++;
      return false;
    },
  });
  await gate.ensureReachable();
  assert.equal(pings, 0, 'an attached event stream needs no ping');
  const answering = new EngineGate({ following: () => false, ping: async () => true });
  await answering.ensureReachable();
});

test('while the engine is away, starts are refused with a 503 that says so; one ping serves many', async () => {
  let pings = 0;
  let release: (up: boolean) => void = () => undefined;
  const gate = new EngineGate({
    following: () => false,
    ping: () => {
      pings++;
      return new Promise<boolean>((r) => (release = r));
    },
  });
  const waiting = Array.from({ length: 20 }, () => gate.ensureReachable());
  release(false);
  const results = await Promise.allSettled(waiting);
  assert.equal(pings, 1);
  for (const r of results) {
    assert.equal(r.status, 'rejected');
    const err = (r as PromiseRejectedResult).reason as PlaygroundError;
    assert.ok(err instanceof PlaygroundError);
    assert.equal(err.status, 503);
    assert.deepEqual(err.detail, ENGINE_AWAY_MESSAGE);
  }
  // The engine is back: the next start pings again and goes through.
  const next = gate.ensureReachable();
  release(true);
  await next;
  assert.equal(pings, 2);
});
