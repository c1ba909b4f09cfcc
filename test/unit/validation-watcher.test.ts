// The step watcher: debounced re-runs after events, on-demand checks, reconnects, stop().
// Small real delays (a 60 ms window, 20 ms settle), every wait bounded.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckInput } from '../../common/checks.js';
import type { DockerEvent, EventHandlers, SubscribeEvents } from '../../server/validation/events.js';
import { eventLineParser } from '../../server/validation/events.js';
import type { SandboxShell, ShellResult } from '../../server/validation/shell.js';
import { watchStep, type StepWatcher, type WatchUpdate } from '../../server/validation/watcher.js';

const DEBOUNCE = 60;
const SETTLE = 20;

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
    this.handlers?.onEvent({ Type: type, Action: action, Actor: { ID: 'x' }, time: Date.now() / 1000 });
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
  });
  return updates;
}

/** Waits until `cond` holds, at most `ms`. */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
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
  await sleep(DEBOUNCE);
  const runsBefore = sandbox.runs;
  sandbox.networkExists = true;
  const firstEvent = Date.now();
  for (let i = 0; i < 10; i++) events.emit();
  await until(() => updates.length === 2);
  const delay = Date.now() - firstEvent;
  assert.ok(delay >= SETTLE - 2, `ran ${delay} ms after the first event`);
  await sleep(DEBOUNCE * 3);
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
  await sleep(DEBOUNCE);
  events.emit();
  await until(() => updates.length === 2);
  const firstRun = Date.now();
  events.emit();
  await until(() => updates.length === 3);
  const gap = Date.now() - firstRun;
  assert.ok(gap >= DEBOUNCE - 15, `the next run came ${gap} ms later`);
});

test('a steady stream of events runs the checks at most once per debounce window', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  await until(() => updates.length === 1);
  const runsBefore = sandbox.runs;
  const started = Date.now();
  while (Date.now() - started < DEBOUNCE * 8) {
    events.emit();
    await sleep(3);
  }
  await sleep(DEBOUNCE * 2);
  const runs = sandbox.runs - runsBefore;
  assert.ok(runs >= 2 && runs <= 10, `${runs} runs in ${DEBOUNCE * 10} ms`);
});

test('check() answers now, and a click during a run gets a fresh run', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const updates = await start(sandbox, events);
  sandbox.networkExists = true;
  const result = await watcher!.check();
  assert.equal(result.passed, true);
  assert.equal(updates.at(-1)!.trigger, 'demand');
  assert.equal(updates.at(-1)!.result, result);
  // The first click runs at once; clicks during that run share one fresh run after it.
  const runsBefore = sandbox.runs;
  const clicks = await Promise.all([watcher!.check(), watcher!.check(), watcher!.check()]);
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
  await sleep(DEBOUNCE * 3);
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
  await sleep(1500);
  const runs = updates.length;
  assert.ok(runs <= 10, `${runs} runs in 1.5 s (without backing off: about ${Math.round(1500 / DEBOUNCE)})`);
  // The learner's own event, while idle, is still answered promptly.
  sandbox.duringRun = null;
  await sleep(2100);
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
  await sleep(DEBOUNCE * 3);
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

test('the event line parser joins split chunks and skips noise', () => {
  const seen: DockerEvent[] = [];
  const feed = eventLineParser((e) => seen.push(e));
  feed('{"Type":"network","Action":"cre');
  feed('ate","Actor":{"ID":"a"},"time":1}\nnot json\n{"broken":');
  feed('\n{"Type":"container","Action":"start","Actor":{"ID":"b"},"time":2}\n');
  assert.deepEqual(
    seen.map((e) => `${e.Type}/${e.Action}`),
    ['network/create', 'container/start'],
  );
});
