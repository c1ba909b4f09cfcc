// Steps tick with no Check button, on real sandboxes: a step no Docker event reports ticks
// when the learner's shell reports a finished command (its prompt hook), or on the slow timer
// while a page watches; a learner flooding the hook costs at most one run per window and does
// not hold another learner's step back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import headless from '@xterm/headless';
import { after, before, test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import type { LessonProgress, SessionEvent } from '../../common/events.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { validationSeconds } from '../../server/metrics/meters.js';
import { TestEvents } from '../support/events-client.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const { Terminal } = headless;
const here = path.dirname(fileURLToPath(import.meta.url));
const lessonsDir = path.join(here, 'fixtures', 'lessons');
const HOUR_MS = 3_600_000;

const passed = (stepId: string) => (e: SessionEvent) =>
  e.type === 'progress' && e.progress.steps.some((s) => s.stepId === stepId && s.state === 'passed');

const started: { pg: RunningPlayground; session: CreatedSession }[] = [];
const playgrounds: RunningPlayground[] = [];

async function playground(recheckIntervalMs: number): Promise<RunningPlayground> {
  const pg = await startTestPlayground({ recheckIntervalMs }, { lessonsDir });
  playgrounds.push(pg);
  return pg;
}

async function lessonSession(pg: RunningPlayground): Promise<CreatedSession> {
  const session = await readySession(pg.url, 90_000, { lessonId: 'quiet-step' });
  started.push({ pg, session });
  return session;
}

async function shell(pg: RunningPlayground, { session, token }: CreatedSession): Promise<TestTerminal> {
  const term = await TestTerminal.open(pg.url, session.id, token);
  term.start();
  await term.waitFor(/[#$] $/m);
  return term;
}

/** What a terminal shows for `output`, as text. */
async function drawn(output: string): Promise<string> {
  const xterm = new Terminal({ cols: 100, rows: 30, allowProposedApi: true });
  await new Promise<void>((resolve) => xterm.write(output, resolve));
  const lines: string[] = [];
  for (let i = 0; i < xterm.buffer.active.length; i++) {
    lines.push(xterm.buffer.active.getLine(i)?.translateToString(true) ?? '');
  }
  xterm.dispose();
  return lines.join('\n');
}

/** The count of check runs (every session's) so far. */
async function checkRuns(): Promise<number> {
  const metric = await validationSeconds.get();
  return metric.values.filter((v) => v.metricName?.endsWith('_count')).reduce((sum, v) => sum + v.value, 0);
}

let hookPg: RunningPlayground;

before(async () => {
  // No slow timer here: only the prompt hook can tick the quiet step.
  hookPg = await playground(HOUR_MS);
});

after(async () => {
  for (const { pg, session } of started) {
    await api(pg.url, 'DELETE', `/api/sessions/${session.session.id}`, session.token);
  }
  for (const pg of playgrounds) await pg.close();
});

test('a command with no Docker event ticks its step through the shell prompt hook, no Check pressed', async () => {
  const session = await lessonSession(hookPg);
  const events = await TestEvents.open(hookPg.url, session.session.id, session.token);
  const term = await shell(hookPg, session);
  try {
    await events.waitFor((e) => e.type === 'progress' && e.progress.steps[0]!.state === 'pending');
    term.type('echo hello > /root/greeting.txt\r');
    await events.waitFor(passed('write-greeting'), 20_000);
    // The hook prints only an OSC sequence, which a terminal does not draw.
    // Output comes on its own socket, so it may land after the progress event.
    // eslint-disable-next-line no-control-regex -- the OSC sequence the hook prints
    await term.waitFor(/\x1b\]7717;check\x07/);
    const screen = await drawn(term.text);
    assert.match(screen, /greeting\.txt/);
    assert.doesNotMatch(screen, /7717|check/);
  } finally {
    term.close();
    events.close();
  }
});

test('a flood of prompt signals is rate-limited and does not hold back another learner', async () => {
  const flooder = await lessonSession(hookPg);
  const learner = await lessonSession(hookPg);
  const floodTerm = await shell(hookPg, flooder);
  const learnerEvents = await TestEvents.open(hookPg.url, learner.session.id, learner.token);
  const learnerTerm = await shell(hookPg, learner);
  try {
    const runsBefore = await checkRuns();
    const startedAt = Date.now();
    floodTerm.type(
      `timeout 8 sh -c 'while :; do printf "\\033]7717;check\\007"; done'; echo flood-$((1+1))-over\r`,
    );
    learnerTerm.type('echo hello > /root/greeting.txt\r');
    await learnerEvents.waitFor(passed('write-greeting'), 30_000);
    await floodTerm.waitFor(/flood-2-over/, 30_000);
    const elapsed = Date.now() - startedAt;
    const runs = (await checkRuns()) - runsBefore;
    // Each of the two sessions runs at most once per 250 ms window (plus the one in progress).
    const most = 2 * (Math.ceil(elapsed / 250) + 2);
    assert.ok(runs <= most, `${runs} check runs in ${elapsed} ms, at most ${most} allowed`);
  } finally {
    floodTerm.close();
    learnerTerm.close();
    learnerEvents.close();
  }
});

test('while a page watches, the slow timer ticks a step that neither an event nor a shell reported', async () => {
  const pg = await playground(1_000);
  const session = await lessonSession(pg);
  const events = await TestEvents.open(pg.url, session.session.id, session.token);
  try {
    await events.waitFor((e) => e.type === 'progress');
    // Written behind the learner's shells and the sandbox's daemon: no hook, no event.
    const sandbox = (await pg.sandboxes.container(session.session.id))!;
    const wrote = await execCapture(sandbox, ['sh', '-c', 'echo hello > /root/greeting.txt']);
    assert.equal(wrote.exitCode, 0, wrote.output);
    const done = await events.waitFor(passed('write-greeting'), 20_000);
    assert.equal((done as { progress: LessonProgress }).progress.steps[0]!.state, 'passed');
  } finally {
    events.close();
  }
});
