// The lesson side of the page without a browser: the progress store, step navigation, which
// rendered <code> an inline command decorates, and the split view's sizes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LessonProgress, StepProgress } from '../../common/events';
import type { InlineCommand } from '../../common/lesson';
import { matchInlineCommands } from '../../client/src/lessons/inline-commands';
import { PROGRESS_KEY, ProgressStore, countPassed } from '../../client/src/lessons/progress-store';
import {
  OVERVIEW,
  allPassed,
  clampStep,
  firstUnfinished,
  landingStep,
  newlyPassed,
  nextIsPrimary,
  nextStep,
  passedCount,
  previousStep,
  stepStatuses,
} from '../../client/src/lessons/step-navigation';
import type { StorageLike } from '../../client/src/sessions/token-store';
import { lessonStrings } from '../../client/src/i18n/strings';
import { DIVIDER_PX, readRatio, startWidth, writeRatio } from '../../client/src/ui/split-sizes';

class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const progress = (lessonId: string, states: StepProgress['state'][]): LessonProgress => ({
  lessonId,
  steps: states.map((state, i) => ({ stepId: `s${i + 1}`, state })),
});

const lesson = { id: 'nets', steps: [{ id: 's1' }, { id: 's2' }, { id: 's3' }] };

describe('progress store', () => {
  test('counts passed steps', () => {
    assert.deepEqual(countPassed(progress('a', ['passed', 'failed', 'checking', 'passed'])), {
      done: 2,
      total: 4,
    });
  });

  test('records progress and reads it back from storage', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    assert.deepEqual(store.all(), {});
    assert.deepEqual(store.record(progress('nets', ['passed', 'pending', 'pending'])), {
      nets: { done: 1, total: 3 },
    });
    store.record(progress('links', ['passed', 'passed']));
    assert.deepEqual(new ProgressStore(storage).all(), {
      nets: { done: 1, total: 3 },
      links: { done: 2, total: 2 },
    });
    assert.deepEqual(store.get('links'), { done: 2, total: 2 });
    assert.equal(store.get('other'), undefined);
  });

  test('a fresh sandbox does not erase a better count, a changed lesson does', () => {
    const store = new ProgressStore(new MemoryStorage());
    store.record(progress('nets', ['passed', 'passed', 'passed']));
    store.record(progress('nets', ['pending', 'pending', 'pending']));
    assert.deepEqual(store.get('nets'), { done: 3, total: 3 });
    store.record(progress('nets', ['passed', 'pending', 'pending', 'pending']));
    assert.deepEqual(store.get('nets'), { done: 1, total: 4 });
  });

  test('forget removes one lesson, and the key when none is left', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    store.record(progress('nets', ['passed']));
    store.record(progress('links', ['passed']));
    assert.deepEqual(store.forget('nets'), { links: { done: 1, total: 1 } });
    store.forget('links');
    assert.equal(storage.items.has(PROGRESS_KEY), false);
  });

  test('damaged storage reads as empty or drops bad entries', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    storage.setItem(PROGRESS_KEY, '{not json');
    assert.deepEqual(store.all(), {});
    storage.setItem(PROGRESS_KEY, '[1,2]');
    assert.deepEqual(store.all(), {});
    storage.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        ok: { done: 1, total: 2 },
        over: { done: 3, total: 2 },
        zero: { done: 0, total: 0 },
        text: { done: '1', total: 2 },
        nil: null,
      }),
    );
    assert.deepEqual(store.all(), { ok: { done: 1, total: 2 } });
  });

  test('works without storage, and when storage throws', () => {
    assert.deepEqual(new ProgressStore(null).record(progress('a', ['passed'])), { a: { done: 1, total: 1 } });
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const store = new ProgressStore(throwing);
    assert.deepEqual(store.all(), {});
    assert.doesNotThrow(() => store.record(progress('a', ['passed'])));
  });
});

describe('step navigation', () => {
  test('statuses follow the lesson order and default to pending', () => {
    const p: LessonProgress = {
      lessonId: 'nets',
      steps: [
        { stepId: 's3', state: 'failed', reason: 'No container named net-ping yet.' },
        { stepId: 's1', state: 'passed' },
        { stepId: 'gone', state: 'passed' },
      ],
    };
    assert.deepEqual(stepStatuses(lesson, p), [
      { id: 's1', state: 'passed' },
      { id: 's2', state: 'pending' },
      { id: 's3', state: 'failed', reason: 'No container named net-ping yet.' },
    ]);
  });

  test("another lesson's progress is ignored", () => {
    const statuses = stepStatuses(lesson, progress('links', ['passed', 'passed', 'passed']));
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['pending', 'pending', 'pending'],
    );
    assert.equal(passedCount(statuses), 0);
  });

  test('counts, first unfinished, all passed', () => {
    const some = stepStatuses(lesson, progress('nets', ['passed', 'failed', 'passed']));
    assert.equal(passedCount(some), 2);
    assert.equal(firstUnfinished(some), 1);
    assert.equal(allPassed(some), false);
    const all = stepStatuses(lesson, progress('nets', ['passed', 'passed', 'passed']));
    assert.equal(firstUnfinished(all), null);
    assert.equal(allPassed(all), true);
    assert.equal(allPassed([]), false);
  });

  test('landing: overview for a fresh lesson with an intro, else the first step not done', () => {
    const fresh = stepStatuses(lesson, undefined);
    assert.equal(landingStep(fresh, true), OVERVIEW);
    assert.equal(landingStep(fresh, false), 0);
    const started = stepStatuses(lesson, progress('nets', ['passed', 'checking', 'pending']));
    assert.equal(landingStep(started, true), 1);
    const done = stepStatuses(lesson, progress('nets', ['passed', 'passed', 'passed']));
    assert.equal(landingStep(done, true), 2);
  });

  test('next and previous', () => {
    const statuses = stepStatuses(lesson, progress('nets', ['passed', 'pending', 'pending']));
    assert.equal(nextStep(statuses, OVERVIEW), 1, 'the overview leads to the first step not done');
    assert.equal(nextStep(stepStatuses(lesson, undefined), OVERVIEW), 0);
    assert.equal(nextStep(statuses, 0), 1);
    assert.equal(nextStep(statuses, 2), null);
    assert.equal(previousStep(OVERVIEW), null);
    assert.equal(previousStep(0), OVERVIEW);
    assert.equal(previousStep(2), 1);
  });

  test('"Next" is the obvious action only on the overview and on a passed step', () => {
    const statuses = stepStatuses(lesson, progress('nets', ['passed', 'failed', 'checking']));
    assert.equal(nextIsPrimary(statuses, OVERVIEW), true);
    assert.equal(nextIsPrimary(statuses, 0), true);
    assert.equal(nextIsPrimary(statuses, 1), false);
    assert.equal(nextIsPrimary(statuses, 2), false);
  });

  test('clamp keeps an index within the lesson', () => {
    assert.equal(clampStep(7, 3), 2);
    assert.equal(clampStep(-5, 3), OVERVIEW);
    assert.equal(clampStep(1, 3), 1);
    assert.equal(clampStep(Number.NaN, 3), OVERVIEW);
  });

  test('newly passed steps are the ones that just turned passed', () => {
    const before = stepStatuses(lesson, progress('nets', ['passed', 'checking', 'pending']));
    const after = stepStatuses(lesson, progress('nets', ['passed', 'passed', 'failed']));
    assert.deepEqual(newlyPassed(before, after), ['s2']);
    assert.deepEqual(newlyPassed(after, after), []);
  });
});

describe('inline commands find their <code>', () => {
  const exec = (codeIndex: number, text: string): InlineCommand => ({
    codeIndex,
    command: { action: 'exec', text, pane: 1, interrupt: false },
  });

  test('by index among inline code', () => {
    const codes = [
      { text: 'redis', inPre: false },
      { text: 'docker ps', inPre: false },
    ];
    assert.deepEqual(matchInlineCommands(codes, [exec(1, 'docker ps')]), [1]);
  });

  test('a fenced block counted by the server as one span still finds the right code', () => {
    // Server: `x` is 0, the unmarked fence is 1, `a` is 2.
    const codes = [
      { text: 'x', inPre: false },
      { text: 'foo `y`', inPre: true },
      { text: 'a', inPre: false },
    ];
    assert.deepEqual(matchInlineCommands(codes, [exec(2, 'a')]), [2]);
  });

  test('an index that is not counted the same way falls back to the inline index', () => {
    const codes = [
      { text: 'indented', inPre: true },
      { text: 'x', inPre: false },
      { text: 'a', inPre: false },
    ];
    assert.deepEqual(matchInlineCommands(codes, [exec(1, 'a')]), [2]);
  });

  test('text decides: whitespace is normalized, two equal codes get one each, no match is -1', () => {
    const codes = [
      { text: 'docker  network\nls', inPre: false },
      { text: 'docker ps', inPre: false },
      { text: 'docker ps', inPre: false },
    ];
    assert.deepEqual(
      matchInlineCommands(codes, [exec(0, 'docker network ls'), exec(1, 'docker ps'), exec(1, 'docker ps')]),
      [0, 1, 2],
    );
    assert.deepEqual(matchInlineCommands(codes, [exec(0, 'missing')]), [-1]);
    assert.deepEqual(matchInlineCommands([{ text: 'ls', inPre: true }], [exec(0, 'ls')]), [-1]);
  });
});

test('both languages have every lesson string', () => {
  const keys = (o: object) => Object.keys(o).sort();
  assert.deepEqual(keys(lessonStrings.id), keys(lessonStrings.en));
  for (const [lang, strings] of Object.entries(lessonStrings))
    for (const [key, value] of Object.entries(strings))
      if (typeof value === 'string') assert.ok(value.trim(), `${lang}.${key} is empty`);
});

describe('split view sizes', () => {
  test('the start pane keeps both minimums, or halves a space too small for them', () => {
    const room = 1000 - DIVIDER_PX;
    assert.equal(startWidth(0.4, 1000, 300, 300), Math.round(0.4 * room));
    assert.equal(startWidth(0.1, 1000, 300, 300), 300);
    assert.equal(startWidth(0.95, 1000, 300, 300), room - 300);
    assert.equal(startWidth(0.9, 500, 300, 300), Math.round((500 - DIVIDER_PX) / 2));
  });

  test('a stored share is read back; damaged or missing is null', () => {
    const storage = new MemoryStorage();
    assert.equal(readRatio(storage, 'lesson'), null);
    writeRatio(storage, 'lesson', 0.35);
    assert.equal(readRatio(storage, 'lesson'), 0.35);
    assert.equal(readRatio(storage, 'other'), null);
    writeRatio(storage, 'lesson', null);
    assert.equal(readRatio(storage, 'lesson'), null);
    for (const bad of ['abc', '1.5', '0', '-0.2']) {
      storage.setItem('docker-playground.split.lesson', bad);
      assert.equal(readRatio(storage, 'lesson'), null, bad);
    }
    assert.equal(readRatio(null, 'lesson'), null);
    assert.equal(readRatio(storage, ''), null);
  });
});
