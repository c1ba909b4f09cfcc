// The read-only terminal view's decisions: which closes are final, the backoff, its words in
// both languages, and the scale that fits the owner's terminal into the view's box.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloseCode } from '../../common/protocol.js';
import { languageStrings } from '../../client/src/i18n/strings.js';
import {
  fitScale,
  nextRetryMs,
  phaseAfterClose,
  phaseText,
  WATCH_RETRY_FIRST_MS,
  WATCH_RETRY_MAX_MS,
} from '../../client/src/workshops/watch-view.js';

test('a stopped, ended or refused view stays closed; a dropped one tries again, backing off', () => {
  assert.equal(phaseAfterClose(CloseCode.WatchStopped), 'stopped');
  assert.equal(phaseAfterClose(CloseCode.Normal), 'ended');
  assert.equal(phaseAfterClose(CloseCode.SandboxGone), 'ended');
  for (const code of [CloseCode.BadToken, CloseCode.ForeignOrigin, CloseCode.UnknownSession])
    assert.equal(phaseAfterClose(code), 'refused');
  assert.equal(phaseAfterClose(1006), 'reconnecting', 'a watcher that fell behind comes back');
  assert.equal(phaseAfterClose(1001), 'reconnecting');
  let delay = 0;
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) delays.push((delay = nextRetryMs(delay)));
  assert.equal(delays[0], WATCH_RETRY_FIRST_MS);
  assert.equal(delays.at(-1), WATCH_RETRY_MAX_MS);
  assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]!));
});

test('every phase has words in both languages, and says whether the viewer may type', () => {
  for (const { watch } of Object.values(languageStrings)) {
    for (const phase of ['connecting', 'live', 'reconnecting', 'stopped', 'ended', 'refused'] as const)
      assert.ok(phaseText(phase, false, watch).length > 0);
    assert.notEqual(phaseText('live', true, watch), phaseText('live', false, watch));
  }
  assert.notEqual(languageStrings.en.watch.trainerAsks, languageStrings.id.watch.trainerAsks);
});

test("the owner's terminal is scaled down to fit the box, never up", () => {
  assert.equal(fitScale({ width: 800, height: 400 }, { width: 400, height: 400 }), 0.5);
  assert.equal(fitScale({ width: 800, height: 400 }, { width: 1600, height: 100 }), 0.25);
  assert.equal(fitScale({ width: 300, height: 200 }, { width: 1600, height: 900 }), 1);
  assert.equal(fitScale({ width: 0, height: 0 }, { width: 100, height: 100 }), 1, 'not drawn yet');
});
