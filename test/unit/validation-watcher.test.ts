// The step watcher: debounced re-runs after events, on-demand checks, reconnects, stop().
// Time is driven by hand (a 60 ms window, 20 ms settle, runs of 5 ms), a millisecond at a
// time with every promise settled in between: no real waits.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { CheckInput } from '../../common/checks.js';
import type { EventHandlers, SubscribeEvents } from '../../server/validation/events.js';
import type { SandboxShell, ShellResult } from '../../server/validation/shell.js';
import { watchStep, type StepWatcher, type WatchUpdate } from '../../server/validation/watcher.js';
import { FakeTimers } from '../support/fake-timers.js';

const DEBOUNCE = 60;
const SETTLE = 20;

let timers = new FakeTimers();
beforeEach(() => {
  timers = new FakeTimers();
});

/** Waits `ms` of fake time. */
const sleep = (ms: number) => new Promise<void>((resolve) => timers.setTimeout(resolve, ms));
/** Lets every promise that can settle now settle. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Moves fake time on by `ms`, a millisecond at a time. */
async function elapse(ms: number): Promise<void> {
  for (let i = 0; i < ms; i++) {
    timers.advance(1);
    await flush();
  }
}

/** Moves fake time on until `cond` holds, at most `ms` of it. */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  await flush();
  for (let waited = 0; !cond(); waited++) {
    if (waited > ms) throw new Error('condition not met in time');
    timers.advance(1);
    await flush();
  }
}

/** Moves fake time on until `promise` settles, and gives its value. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const result = promise.finally(() => (done = true));
  await until(() => done);
  return result;
}

/** A sandbox whose only fact is whether the network "backend" exists. */
class FakeSandbox implements SandboxShell {
  networkExists = false;
  runs = 0;
  dead = false;
  /** Called during each run, to play a check that causes daemon events itself. */
  duringRun: (() => void) | null = null;
  async run(): Promise<ShellResult> {
    if (this.dead) throw new Error('sandbox gone');
    this.runs++;
    this.duringRun?.();
    await sleep(5);
    return this.networkExists
      ? { exitCode: 0, output: '{"Name":"backend","Id":"n1","Driver":"bridge"}\n' }
      : { exitCode: 1, output: 'Error: No such network: backend\n' };
  }
}

/** An event stream the test drives by hand. */
class FakeEvents {
  handlers: EventHandlers | null = null;
  subscriptions = 0;
  stopped = 0;
  failNext = false;
  readonly subscribe: SubscribeEvents = async (handlers) => {
    this.subscriptions++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('no daemon');
    }
    this.handlers = handlers;
    return {
      stop: async () => {
        this.stopped++;
        if (this.handlers === handlers) this.handlers = null;
      },
    };
  };
  emit(action = 'create', type = 'network'): void {
    this.handlers?.onEvent({ Type: type, Action: action, Actor: { ID: 'x' }, time: timers.now / 1000 });
  }
}

const checks: CheckInput[] = [{ type: 'network_exists', network: 'backend' }];

let watcher: StepWatcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
});

async function start(sandbox: FakeSandbox, events: FakeEvents) {
  const updates: WatchUpdate[] = [];
  watcher = await watchStep({
    shell: sandbox,
    checks,
    subscribe: events.subscribe,
    onUpdate: (u) => updates.push(u),
    debounceMs: DEBOUNCE,
    settleMs: SETTLE,
    timers,
    now: () => timers.now,
  });
  return updates;
}

test('the first answer comes at start', async () => {
  const sandbox = new FakeSandbox();
  const updates = await start(sandbox, new FakeEvents());
  await until(() => updates.length === 1);
  assert.equal(updates[0]!.trigger, 'start');
  assert.equal(updates[0]!.changed, true);
  assert.equal(updates[0]!.result.passed, false);
  assert.match(updates[0]!.result.results[0]!.reason, /No network named "backend" yet/);
});

test('a burst of events gives one run, after the settle time, with the new answer', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  await elapse(DEBOUNCE);
  const runsBefore = sandbox.runs;
  sandbox.networkExists = true;
  const firstEvent = timers.now;
  for (let i = 0; i < 10; i++) events.emit();
  await until(() => updates.length === 2);
  const delay = timers.now - firstEvent;
  assert.ok(delay >= SETTLE - 2, `ran ${delay} ms after the first event`);
  await elapse(DEBOUNCE * 3);
  assert.equal(sandbox.runs - runsBefore, 1, 'one run for the burst');
  assert.equal(updates.length, 2);
  assert.deepEqual(
    { trigger: updates[1]!.trigger, changed: updates[1]!.changed, passed: updates[1]!.result.passed },
    { trigger: 'events', changed: true, passed: true },
  );
});

test('an event right after a run waits for the debounce window', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  await elapse(DEBOUNCE);
  events.emit();
  await until(() => updates.length === 2);
  const firstRun = timers.now;
  events.emit();
  await until(() => updates.length === 3);
  const gap = timers.now - firstRun;
  assert.ok(gap >= DEBOUNCE - 15, `the next run came ${gap} ms later`);
});

test('a steady stream of events runs the checks at most once per debounce window', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  const runsBefore = sandbox.runs;
  const started = timers.now;
  while (timers.now - started < DEBOUNCE * 8) {
    events.emit();
    await elapse(3);
  }
  await elapse(DEBOUNCE * 2);
  const runs = sandbox.runs - runsBefore;
  assert.ok(runs >= 2 && runs <= 10, `${runs} runs in ${DEBOUNCE * 10} ms`);
});

test("nudges (a shell's prompt hook) run the checks with no daemon event", async () => {
  const sandbox = new FakeSandbox();
  const updates = await start(sandbox, new FakeEvents());
  await until(() => updates.length === 1);
  await elapse(DEBOUNCE);
  sandbox.networkExists = true;
  watcher!.nudge();
  await until(() => updates.length === 2);
  assert.equal(updates[1]!.result.passed, true);
  assert.equal(updates[1]!.trigger, 'events');
});

test('a flood of nudges runs the checks at most once per debounce window, and the last is answered', async () => {
  const sandbox = new FakeSandbox();
  const updates = await start(sandbox, new FakeEvents());
  await until(() => updates.length === 1);
  const runsBefore = sandbox.runs;
  const started = timers.now;
  // A thousand nudges a millisecond (a root learner printing the signal in a loop).
  while (timers.now - started < DEBOUNCE * 10) {
    for (let i = 0; i < 1000; i++) watcher!.nudge();
    await elapse(1);
  }
  const runs = sandbox.runs - runsBefore;
  assert.ok(runs >= 5 && runs <= 11, `${runs} runs in ${DEBOUNCE * 10} ms`);
  // The change that came with the last nudge is seen by a run after it.
  sandbox.networkExists = true;
  watcher!.nudge();
  await until(() => updates.at(-1)!.result.passed, DEBOUNCE * 3);
});

test('check() answers now, and a click during a run gets a fresh run', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  sandbox.networkExists = true;
  const result = await settled(watcher!.check());
  assert.equal(result.passed, true);
  assert.equal(updates.at(-1)!.trigger, 'demand');
  assert.equal(updates.at(-1)!.result, result);
  // The first click runs at once; clicks during that run share one fresh run after it.
  const runsBefore = sandbox.runs;
  const clicks = await settled(Promise.all([watcher!.check(), watcher!.check(), watcher!.check()]));
  assert.equal(sandbox.runs - runsBefore, 2);
  assert.notEqual(clicks[0], clicks[1]);
  assert.equal(clicks[1], clicks[2]);
});

test('events the checks cause themselves (docker cp) are ignored', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  events.emit('archive-path', 'container');
  await elapse(DEBOUNCE * 3);
  assert.equal(updates.length, 1);
});

test('a check that causes events of its own does not keep the watcher busy', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  // Like a lesson script that runs `docker run --rm ...`: every run emits events.
  sandbox.duringRun = () => events.emit('destroy', 'container');
  events.emit();
  await elapse(1500);
  const runs = updates.length;
  assert.ok(runs <= 10, `${runs} runs in 1.5 s (without backing off: about ${Math.round(1500 / DEBOUNCE)})`);
  // The learner's own event, while idle, is still answered promptly.
  sandbox.duringRun = null;
  await elapse(2100);
  const before = updates.length;
  sandbox.networkExists = true;
  events.emit();
  await until(() => updates.length > before && updates.at(-1)!.result.passed, DEBOUNCE * 4);
});

test('stop() ends the stream and no run follows', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  const handlers = events.handlers!;
  handlers.onEvent({ Type: 'network', Action: 'create', Actor: { ID: 'x' }, time: 0 });
  await watcher!.stop();
  assert.equal(events.stopped, 1);
  handlers.onEvent({ Type: 'network', Action: 'create', Actor: { ID: 'x' }, time: 0 });
  await elapse(DEBOUNCE * 3);
  assert.equal(updates.length, 1);
  assert.ok((await watcher!.check()).results.length === 1, 'check() after stop answers without running');
  assert.equal(updates.length, 1);
});

test('a broken stream is reported, answered and reconnected', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const problems: string[] = [];
  const updates: WatchUpdate[] = [];
  watcher = await watchStep({
    shell: sandbox,
    checks,
    subscribe: events.subscribe,
    onUpdate: (u) => updates.push(u),
    onStreamProblem: (reason) => problems.push(reason),
    debounceMs: DEBOUNCE,
    settleMs: SETTLE,
    timers,
    now: () => timers.now,
  });
  await until(() => updates.length === 1);
  events.handlers!.onEnd('the event stream ended');
  assert.deepEqual(problems, ['the event stream ended']);
  await until(() => updates.length === 2);
  assert.equal(updates[1]!.trigger, 'reconnect');
  await until(() => events.subscriptions === 2, 3000);
  sandbox.networkExists = true;
  events.emit();
  await until(() => updates.at(-1)!.result.passed);
});

test('a dead sandbox at start: no throw, a failed answer with the reason', async () => {
  const sandbox = new FakeSandbox();
  sandbox.dead = true;
  const events = new FakeEvents();
  events.failNext = true;
  const updates = await start(sandbox, events);
  await until(() => updates.length >= 1);
  assert.equal(updates[0]!.trigger, 'start');
  assert.equal(updates[0]!.result.passed, false);
  assert.match(updates[0]!.result.results[0]!.reason, /sandbox gone/);
});
