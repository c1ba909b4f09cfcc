// Lesson progress: the tracker follows the first unfinished step, keeps done steps done,
// answers the Check button; the event hub hands late subscribers the latest state.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LessonProgress, SessionEvent } from '../../common/events.js';
import type { Lesson } from '../../common/lesson.js';
import { openDatabase } from '../../server/db/database.js';
import { initialProgress, LessonTracker } from '../../server/progress/lesson-tracker.js';
import { ProgressStore } from '../../server/progress/progress-store.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import type { EventHandlers, SubscribeEvents } from '../../server/validation/events.js';
import type { SandboxShell, ShellResult } from '../../server/validation/shell.js';

/** A sandbox whose only facts are which networks exist. */
class FakeSandbox implements SandboxShell {
  readonly networks = new Set<string>();
  async run(script: string): Promise<ShellResult> {
    await sleep(2);
    const name = [...'ab'].find((n) => new RegExp(`\\bnet-${n}\\b`).test(script));
    return name && this.networks.has(`net-${name}`)
      ? { exitCode: 0, output: `{"Name":"net-${name}","Id":"n${name}","Driver":"bridge"}\n` }
      : { exitCode: 1, output: 'Error: No such network\n' };
  }
}

class FakeEvents {
  handlers = new Set<EventHandlers>();
  readonly subscribe: SubscribeEvents = async (handlers) => {
    this.handlers.add(handlers);
    return { stop: async () => void this.handlers.delete(handlers) };
  };
  emit(): void {
    for (const h of this.handlers)
      h.onEvent({ Type: 'network', Action: 'create', Actor: { ID: 'x' }, time: 0 });
  }
}

const text = { en: [{ kind: 'markdown' as const, markdown: 'x', commands: [] }], id: [] };
const step = (id: string, network: string) => ({
  id,
  checks: [{ type: 'network_exists' as const, network }],
  solution: [`docker network create ${network}`],
  title: { en: id, id },
  text: { ...text, id: text.en },
  hints: { en: [text.en], id: [text.en] },
});
const lesson = {
  id: 'two-networks',
  order: 1,
  hosts: ['node1'],
  panes: [{ host: 'node1' }],
  images: [],
  title: { en: 'Two', id: 'Dua' },
  summary: { en: 'Two', id: 'Dua' },
  intro: { en: [], id: [] },
  steps: [step('make-a', 'net-a'), step('make-b', 'net-b')],
} as unknown as Lesson;

let tracker: LessonTracker | undefined;
afterEach(async () => {
  await tracker?.stop();
  tracker = undefined;
});

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function start(sandbox: FakeSandbox, events: FakeEvents, saved?: LessonProgress) {
  const changes: LessonProgress[] = [];
  tracker = new LessonTracker({
    lesson,
    shell: sandbox,
    subscribe: events.subscribe,
    saved: saved ?? null,
    onChange: (p) => changes.push(p),
  });
  return { changes, started: tracker.start() };
}

const states = (p: LessonProgress) => p.steps.map((s) => s.state).join(',');

test('steps pass in order as the daemon reports events, and a done step stays done', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const { changes, started } = start(sandbox, events);
  await started;
  await until(() => changes.some((c) => c.steps[0]!.reason !== undefined));
  assert.equal(states(tracker!.current), 'pending,pending');
  assert.match(tracker!.current.steps[0]!.reason!, /net-a/);

  sandbox.networks.add('net-a');
  events.emit();
  await until(() => tracker!.current.steps[0]!.state === 'passed');
  assert.ok(tracker!.current.steps[0]!.completedAt);

  sandbox.networks.delete('net-a'); // the learner cleans up: the tick stays
  sandbox.networks.add('net-b');
  events.emit();
  await until(() => tracker!.current.steps[1]!.state === 'passed');
  assert.equal(states(tracker!.current), 'passed,passed');
  assert.equal(events.handlers.size, 0, 'no step left to watch: the event stream is released');
});

test('a step done ahead of its turn ticks too, by events or a nudge, while the current one waits', async () => {
  const sandbox = new FakeSandbox();
  const events = new FakeEvents();
  const { started } = start(sandbox, events);
  await started;
  sandbox.networks.add('net-b');
  tracker!.nudge();
  await until(() => tracker!.current.steps[1]!.state === 'passed');
  assert.equal(states(tracker!.current), 'pending,passed');
  sandbox.networks.add('net-a');
  events.emit();
  await until(() => tracker!.current.steps[0]!.state === 'passed');
  assert.equal(events.handlers.size, 0, 'every step done: the event stream is released');
});

test('steps with start scripts or a manual check wait for their turn', async () => {
  const base = lesson.steps[1]!;
  const steps = [
    lesson.steps[0]!,
    { ...base, id: 'scripted', onStart: { background: 'true' } },
    { ...base, id: 'manual', checks: [{ type: 'manual' as const }] },
  ];
  const sandbox = new FakeSandbox();
  sandbox.networks.add('net-b');
  const events = new FakeEvents();
  const changes: LessonProgress[] = [];
  tracker = new LessonTracker({
    lesson: { ...lesson, steps } as Lesson,
    shell: sandbox,
    subscribe: events.subscribe,
    onChange: (p) => changes.push(p),
  });
  await tracker.start();
  events.emit();
  await sleep(100);
  assert.equal(states(tracker.current), 'pending,pending,pending');
  sandbox.networks.add('net-a');
  events.emit();
  // Each then passes in its turn, never before the step ahead of it.
  await until(() => states(tracker!.current) === 'passed,passed,passed');
  for (const change of changes) {
    const [a, b, c] = change.steps.map((s) => s.state === 'passed');
    assert.ok((!b || a) && (!c || b), states(change));
  }
});

test('the Check button says failed with a reason, then passed once done', async () => {
  const sandbox = new FakeSandbox();
  const { started } = start(sandbox, new FakeEvents());
  await started;
  const failed = await tracker!.check('make-b');
  assert.equal(failed.state, 'failed');
  assert.match(failed.reason ?? '', /net-b/);
  sandbox.networks.add('net-b');
  assert.equal((await tracker!.check('make-b')).state, 'passed');
  // Step b passed out of order; step a is still the one watched.
  assert.equal(states(tracker!.current).split(',')[1], 'passed');
  await assert.rejects(tracker!.check('no-such-step'), /No step "no-such-step"/);
});

test('saved progress is kept for the same lesson only, and only its passed steps', () => {
  const saved: LessonProgress = {
    lessonId: lesson.id,
    steps: [
      { stepId: 'make-a', state: 'passed', completedAt: '2026-01-01T00:00:00.000Z' },
      { stepId: 'make-b', state: 'failed', reason: 'old' },
    ],
  };
  assert.equal(states(initialProgress(lesson, saved)), 'passed,pending');
  assert.equal(states(initialProgress(lesson, { ...saved, lessonId: 'other' })), 'pending,pending');
});

test('the event hub gives late subscribers the latest of each kind, but not passing notices', () => {
  const hub = new SessionEventHub();
  const ports = (n: number): SessionEvent => ({
    type: 'ports',
    host: 'node1',
    ports: new Array(n).fill(0).map((_, i) => ({ host: 'node1', port: 3000 + i, container: 'c', url: '' })),
  });
  hub.publish('s1', ports(1));
  hub.publish('s1', ports(2));
  hub.publish('s1', { type: 'notice', level: 'info', message: 'hello' });
  hub.publish('s2', ports(5));
  const seen: SessionEvent[] = [];
  const unsubscribe = hub.subscribe('s1', (e) => seen.push(e));
  assert.deepEqual(seen, [ports(2)]);
  hub.publish('s1', { type: 'notice', level: 'info', message: 'live' });
  assert.equal(seen.length, 2);
  unsubscribe();
  hub.publish('s1', ports(3));
  assert.equal(seen.length, 2, 'no events after unsubscribing');
  hub.forget('s1');
  assert.deepEqual(hub.snapshot('s1'), []);
});

test('progress saves of one session run in order, and a removal after them leaves no row', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'progress-'));
  const db = openDatabase(path.join(dir, 'playground.db'));
  try {
    const store = new ProgressStore(db);
    const saves = [1, 2, 3, 4, 5].map((n) =>
      store.save('abc123', { lessonId: 'l', steps: [{ stepId: `s${n}`, state: 'pending' }] }),
    );
    await Promise.all(saves);
    assert.equal((await store.load('abc123'))?.steps[0]?.stepId, 's5');
    void store.save('abc123', { lessonId: 'l', steps: [] });
    await store.remove('abc123');
    assert.equal(await store.load('abc123'), null);
    assert.deepEqual(db.prepare('SELECT session_id FROM lesson_progress').all(), []);
    await assert.rejects(store.save('../x', { lessonId: 'l', steps: [] }), /bad session id/);
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
});
