// A lesson in a real browser on a real sandbox: pick it in the catalogue, the sandbox starts
// by itself, Check says why a step is not done, a click on a command runs it in the terminal
// and the step turns green from the daemon's events; a reload keeps the tick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground();

const stepDot = (stepId: string) => env.page.locator(`lesson-panel [data-step-dot="${stepId}"]`);

test('open a lesson, check a step, run its command with a click, and see it turn green', async () => {
  await env.page.goto(env.pg.url + '/');
  await env.page.locator('lesson-catalogue [data-lesson="docker-networks"]').click();
  await env.page.waitForURL(/#\/lessons\/docker-networks$/);
  // The sandbox starts by itself while the learner reads.
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await waitForTerminal(env.page, /[#$] $/m);

  await env.page.locator('lesson-panel [data-action="start"]').click();
  await env.page.locator('lesson-panel [data-action="check"]').click();
  await env.page.locator('lesson-panel [data-step-id="create-network"][data-state="failed"]').waitFor();
  const reason = await env.page.locator('lesson-panel .reason').textContent();
  assert.match(reason ?? '', /backend-network/, 'a failing check says what is missing');

  await env.page.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  await waitForTerminal(env.page, /docker network create backend-network\s+[0-9a-f]{64}/);
  await stepDot('create-network').and(env.page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
  await env.page.screenshot({ path: `${SHOTS}/lesson-step-green.png` });
});

test('a reload keeps the completed step and the catalogue shows the progress', async () => {
  await env.page.reload();
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await stepDot('create-network').and(env.page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
  // It opens at the first step not done.
  assert.equal(await env.page.locator('lesson-panel').getAttribute('active-step'), '1');

  await env.page.locator('lesson-panel [data-action="open-catalogue"]').click();
  const card = env.page.locator('lesson-catalogue [data-lesson="docker-networks"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-done'), '1');
});

test('opening another lesson asks before replacing the sandbox', async () => {
  await env.page.locator('lesson-catalogue [data-lesson="docker-basics"]').click();
  await env.page.locator('playground-app [data-testid="replace-sandbox"]').waitFor();
  await env.page.locator('playground-app [data-action="keep-sandbox"]').click();
  await env.page.waitForURL(/#\/lessons\/docker-networks$/);
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await stepDot('create-network').and(env.page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
});

test('an unknown lesson says so plainly', async () => {
  await env.page.goto(env.pg.url + '/#/lessons/no-such-lesson');
  await env.page.locator('lesson-panel[data-load-state="error"]').waitFor({ timeout: 10_000 });
  const text = (await env.page.locator('lesson-panel').textContent()) ?? '';
  assert.doesNotMatch(text, /undefined/);
});
