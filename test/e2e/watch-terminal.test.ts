// The trainer watches a learner's terminal in real Chromium: a learner's page with its real
// sandbox holds a workshop seat; a trainer's page (a browser context of its own) shows the
// learner's pane in <watch-terminal>: the screen first, then what the learner types. The
// learner's page shows the trainer watching, allows typing when asked, and stops the trainer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CreatedSession } from '../../common/api.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import { openDatabase } from '../../server/db/database.js';
import { WorkshopService } from '../../server/workshops/service.js';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';
import { runDatabase, runInstance } from '../support/instances.js';
import { api } from '../support/playground.js';

const env = useBrowserPlayground();

async function watchedText(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await page.evaluate(() => {
      const view = document.querySelector('watch-terminal') as unknown as { terminalText(): string } | null;
      return view?.terminalText() ?? '';
    });
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`the watched terminal never showed ${pattern}; it shows:\n${text.slice(-600)}`);
}

test('the trainer sees what the learner types, types once allowed, and is stopped by the learner', async () => {
  const learner = env.page;
  await learner.goto(env.pg.url + '/#/play');
  const created = learner.waitForResponse(
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/sessions',
  );
  await learner.locator('[data-action="start"]').first().click();
  const { session } = (await (await created).json()) as CreatedSession;
  await learner.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(learner, /[#$] $/m);

  // A workshop seat for this session, as joining gives one.
  const body = { title: 'Watched', seats: 2, durationMinutes: 30, language: 'en' };
  const workshop = (await api<CreatedWorkshop>(env.pg.url, 'POST', '/api/workshops', undefined, body)).body;
  const joinPath = `/api/workshops/${workshop.joinCode}/join`;
  const seat = (await api<JoinedWorkshop>(env.pg.url, 'POST', joinPath, undefined, { name: 'Ani' })).body;
  const db = openDatabase(runDatabase(runInstance('test')));
  new WorkshopService(db).assignSession(seat.learnerId, session.id);
  db.close();

  await run(learner, 'echo from-learner-$((6*7))');
  await waitForTerminal(learner, /^from-learner-42$/m);
  const [pane] = env.pg.terminals.openPanes(session.id);
  assert.ok(pane, 'the learner has a live pane');

  const trainerContext = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
  const trainer = await trainerContext.newPage();
  await trainer.goto(env.pg.url + '/#/');
  await trainer.evaluate(
    ({ code, learnerId, paneId, key }) => {
      document.body.innerHTML = '';
      const view = document.createElement('watch-terminal');
      Object.assign(view, { mode: 'watch', code, learnerId, paneId, token: key, heading: 'Ani · node1' });
      view.style.height = '420px';
      document.body.append(view);
    },
    { code: workshop.joinCode, learnerId: seat.learnerId, paneId: pane.paneId, key: workshop.trainerKey },
  );
  await watchedText(trainer, /from-learner-42/); // the screen as it was
  await learner.getByText('The trainer is watching your terminal.').waitFor();
  await run(learner, 'echo live-$((2*3))');
  await watchedText(trainer, /^live-6$/m);

  await trainer.getByRole('button', { name: 'Ask to type' }).click();
  await learner.getByRole('button', { name: 'Allow' }).click();
  await learner.getByText('The trainer is typing in your terminal.').waitFor();
  await trainer.getByText('You may type').waitFor();
  await trainer.locator('watch-terminal .term').click();
  await trainer.keyboard.type('echo typed-by-trainer-$((5*5))');
  await trainer.keyboard.press('Enter');
  await waitForTerminal(learner, /^typed-by-trainer-25$/m);
  await trainer.screenshot({ path: `${SHOTS}/watch-terminal-trainer.png` });
  await learner.screenshot({ path: `${SHOTS}/watch-terminal-learner.png` });

  await learner.getByRole('button', { name: 'Stop' }).click();
  await trainer.getByText('The learner stopped your view.').waitFor();
  // The learner's page learns it from its own answer, maybe after the trainer's page does.
  await learner.locator('trainer-presence-banner .banner').waitFor({ state: 'detached', timeout: 10_000 });
  await trainerContext.close();
  await api(env.pg.url, 'POST', `/api/workshops/${workshop.joinCode}/end`, workshop.trainerKey);
});
