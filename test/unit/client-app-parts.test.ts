// The page shell's logic without a browser: a Check's answer merged into the progress shown,
// whose progress an event brings, the steps whose command already ran, and the terminal
// card's status line and time left.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LessonProgress } from '../../common/events';
import { RAN_STEPS_KEY, RanSteps } from '../../client/src/app/ran-steps';
import { checkingStep, progressIsFor, withStep } from '../../client/src/app/step-progress';
import { EXPIRY_WARNING_MS, expiry, paneStatus } from '../../client/src/app/terminal-status';
import { pageStrings } from '../../client/src/i18n/strings';
import type { StorageLike } from '../../client/src/sessions/token-store';

const en = pageStrings.en;

const progress: LessonProgress = {
  lessonId: 'docker-networks',
  steps: [
    { stepId: 'create', state: 'passed', completedAt: '2030-01-01T00:00:00.000Z' },
    { stepId: 'attach', state: 'failed', reason: 'no container on backend-network' },
    { stepId: 'detach', state: 'pending' },
  ],
  startedSteps: ['create', 'attach'],
};

describe('lesson progress on screen', () => {
  test('a step being checked shows checking and drops its old reason; the others stay', () => {
    const next = checkingStep(progress, 'attach');
    assert.deepEqual(next.steps[1], { stepId: 'attach', state: 'checking' });
    assert.deepEqual(next.steps[0], progress.steps[0]);
    assert.deepEqual(next.steps[2], progress.steps[2]);
    assert.deepEqual(next.startedSteps, progress.startedSteps);
    assert.equal(progress.steps[1]!.state, 'failed', 'the progress given is not changed');
  });

  test("the check's answer replaces the step it was asked for", () => {
    const answer = { stepId: 'attach', state: 'passed' as const, completedAt: '2030-01-01T00:01:00.000Z' };
    const next = withStep(checkingStep(progress, 'attach'), 'attach', answer);
    assert.deepEqual(
      next.steps.map((s) => s.state),
      ['passed', 'passed', 'pending'],
    );
    assert.equal(next.steps[1], answer);
  });

  test('a check of a step the progress does not have changes nothing', () => {
    assert.deepEqual(checkingStep(progress, 'nope').steps, progress.steps);
  });

  test("progress is taken for the lesson shown or the route's lesson, not another one", () => {
    assert.equal(progressIsFor(progress, 'docker-networks', undefined), true);
    assert.equal(progressIsFor(progress, undefined, 'docker-networks'), true);
    assert.equal(progressIsFor(progress, 'docker-basics', 'docker-basics'), false);
    assert.equal(progressIsFor(progress, undefined, undefined), false);
  });
});

describe('steps whose command already ran', () => {
  const memory = (): StorageLike & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
  };

  test('a step runs once per session; another session runs it again', () => {
    const storage = memory();
    const ran = new RanSteps(() => storage);
    assert.equal(ran.markRan('s1', 'create'), true);
    assert.equal(ran.markRan('s1', 'create'), false);
    assert.equal(new RanSteps(() => storage).markRan('s1', 'create'), false, 'a reload remembers');
    assert.equal(ran.markRan('s2', 'create'), true);
  });

  test('only the latest 200 are kept', () => {
    const storage = memory();
    const ran = new RanSteps(() => storage);
    for (let i = 0; i < 250; i++) ran.markRan('s1', `step-${i}`);
    const kept = JSON.parse(storage.data.get(RAN_STEPS_KEY)!) as string[];
    assert.equal(kept.length, 200);
    assert.equal(kept[0], 's1:step-50');
    assert.equal(ran.markRan('s1', 'step-0'), true, 'a forgotten step runs again');
  });

  test('without storage, or with damaged storage, the command runs', () => {
    assert.equal(new RanSteps(() => null).markRan('s1', 'create'), true);
    const throwing = () => {
      throw new Error('storage is disabled');
    };
    assert.equal(new RanSteps(throwing).markRan('s1', 'create'), true);
    const damaged = memory();
    damaged.setItem(RAN_STEPS_KEY, '{"not":"a list"}');
    assert.equal(new RanSteps(() => damaged).markRan('s1', 'create'), true);
  });
});

describe("the terminal card's header", () => {
  test('the status line names each pane state, with the host once it is connected', () => {
    assert.deepEqual(paneStatus('ready', 'node2', en), ['ok', 'Connected · node2']);
    assert.deepEqual(paneStatus('connecting', 'node1', en), ['busy', en.statusConnecting]);
    assert.deepEqual(paneStatus('reconnecting', 'node1', en), ['busy', en.statusReconnecting]);
    assert.deepEqual(paneStatus('offline', 'node1', en), ['off', en.statusOffline]);
    assert.deepEqual(paneStatus('exited', 'node1', en), ['off', en.statusExited]);
    assert.deepEqual(paneStatus('closed', 'node1', en), ['bad', en.statusClosed]);
  });

  test('the time left, amber in the last minutes, gone once passed or unknown', () => {
    const now = Date.parse('2030-01-01T10:00:00.000Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    const later = expiry(at(2 * 3600_000), now, en);
    assert.equal(later.text, 'Ends in 2 h 00 min');
    assert.equal(later.soon, false);
    assert.match(later.title, /removed automatically at \S/);
    const soon = expiry(at(EXPIRY_WARNING_MS - 1000), now, en);
    assert.equal(soon.text, 'Ends in 5 min');
    assert.equal(soon.soon, true);
    assert.equal(expiry(at(-1000), now, en).text, null);
    assert.deepEqual(expiry('not a time', now, en), { text: null, soon: false, title: '' });
  });
});
