// A workshop in real Chromium on a real playground: the trainer creates it through the page
// (join code, QR code, trainer link), two learners join from their own pages (a phone-sized
// one among them) and land in the lesson with a seat's sandbox; the trainer's grid shows them,
// a learner's step turns green in it after they run its command, the trainer sees what the
// learner typed, a broadcast reaches both learners' pages, a help request reaches the grid,
// and ending the workshop removes its sandboxes. Screenshots in English and Indonesian.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground();
const LESSON = 'docker-networks';
const STEP = 'create-network';

let joinUrl = '';
let code = '';
const learners: { context: BrowserContext; page: Page; name: string }[] = [];

const row = (name: string) => env.page.locator(`class-grid tr[data-name="${name}"]`);

async function watchedText(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await page.evaluate(() => {
      const view = document
        .querySelector('playground-app')
        ?.shadowRoot?.querySelector('workshop-trainer')
        ?.shadowRoot?.querySelector('learner-detail')
        ?.shadowRoot?.querySelector('watch-terminal') as unknown as { terminalText(): string } | null;
      return view?.terminalText() ?? '';
    });
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`the watched terminal never showed ${pattern}; it shows:\n${text.slice(-600)}`);
}

/** A learner's own browser (its own storage), at a desktop or phone size, in a language. */
async function learnerPage(width: number, height: number, language: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height } });
  await context.addInitScript((l) => localStorage.setItem('docker-playground.language', l), language);
  const page = await context.newPage();
  learners.push({ context, page, name: '' });
  return page;
}

test('the trainer creates a workshop through the page and gets a code, a QR code and the trainer link', async () => {
  await env.page.setViewportSize({ width: 1440, height: 900 });
  await env.page.goto(env.pg.url + '/');
  await env.page.locator('workshop-entry [data-action="run-workshop"]').click();
  await env.page.waitForURL(/#\/workshops\/new$/);
  await env.page.locator('workshop-create input[name="title"]').fill('Networks, morning class');
  await env.page.locator('workshop-create select[name="add-lesson"]').selectOption(LESSON);
  await env.page.locator('workshop-create input[name="seats"]').fill('2');
  await env.page.locator('workshop-create [data-action="create"]').click();

  const codeEl = env.page.locator('workshop-created [data-join-code]');
  await codeEl.waitFor({ timeout: 15_000 });
  code = (await codeEl.getAttribute('data-join-code')) ?? '';
  assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
  joinUrl = await env.page.locator('workshop-created copy-field[data-link="join"] input').inputValue();
  assert.equal(joinUrl, `${env.pg.url}/#/join/${code}`);
  const trainerUrl = await env.page
    .locator('workshop-created copy-field[data-link="trainer"] input')
    .inputValue();
  assert.match(trainerUrl, new RegExp(`#/trainer/${code}\\?key=[A-Za-z0-9_-]{22,}$`));
  const modules = await env.page.locator('workshop-created qr-code svg').getAttribute('data-modules');
  assert.ok(Number(modules) >= 21, 'a QR code is drawn');
  await env.page.screenshot({ path: `${SHOTS}/workshop-created-en.png` });

  await env.page.locator('workshop-created [data-action="open-class"]').click();
  await env.page.locator('workshop-trainer class-grid').waitFor({ timeout: 15_000 });
  assert.equal(new URL(env.page.url()).hash, `#/trainer/${code}`, 'the key is not in the address');
});

test('two learners join by the link, one on a phone, and land in the lesson with a sandbox', async () => {
  const phone = await learnerPage(390, 844, 'en');
  await phone.goto(joinUrl);
  await phone.locator('workshop-join input[name="name"]').waitFor();
  await phone.screenshot({ path: `${SHOTS}/workshop-join-phone-en.png` });
  const desktop = await learnerPage(1366, 800, 'id');
  await desktop.goto(joinUrl);
  await desktop.locator('workshop-join input[name="name"]').waitFor();
  await desktop.setViewportSize({ width: 390, height: 844 });
  await desktop.screenshot({ path: `${SHOTS}/workshop-join-phone-id.png` });
  await desktop.setViewportSize({ width: 1366, height: 800 });

  for (const [i, name] of ['Sari', 'Budi'].entries()) {
    const page = learners[i]!.page;
    learners[i]!.name = name;
    await page.locator('workshop-join input[name="name"]').fill(name);
    await page.locator('workshop-join [data-action="join"]').click();
  }
  for (const { page } of learners) {
    await page.waitForURL(new RegExp(`#/lessons/${LESSON}$`), { timeout: 60_000 });
    await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
    await page.locator(`workshop-bar [data-workshop="${code}"]`).waitFor({ timeout: 15_000 });
  }
  for (const name of ['Sari', 'Budi']) await row(name).waitFor({ timeout: 15_000 });
});

test("a learner's step turns green in the trainer's grid after they run its command; the trainer sees it typed", async () => {
  const sari = learners[0]!.page;
  await waitForTerminal(sari, /[#$] $/m, 60_000);
  const cell = row('Sari').locator(`td[data-step="${STEP}"]`);
  assert.notEqual(await cell.getAttribute('data-cell'), 'done');
  await sari.locator('lesson-panel [data-action="start"]').click();
  await sari.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  // The id may wrap on a narrow pane: its first characters are enough.
  await waitForTerminal(sari, /docker network create backend-network\s+[0-9a-f]{12}/);
  await row('Sari').locator(`td[data-step="${STEP}"][data-cell="done"]`).waitFor({ timeout: 15_000 });
  assert.notEqual(await row('Budi').locator(`td[data-step="${STEP}"]`).getAttribute('data-cell'), 'done');

  await row('Sari').click();
  await env.page.locator('learner-detail watch-terminal').first().waitFor({ timeout: 15_000 });
  await watchedText(env.page, /docker network create backend-network/);
});

test("a broadcast reaches both learners' pages and stays until dismissed; a help request reaches the grid", async () => {
  await env.page.locator('workshop-trainer input[name="broadcast"]').fill('Break until 10:30');
  await env.page.locator('workshop-trainer [data-action="broadcast"]').click();
  for (const { page } of learners) {
    const message = page.locator('workshop-bar [data-message]');
    await message.waitFor({ timeout: 15_000 });
    assert.match((await message.textContent()) ?? '', /Break until 10:30/);
  }
  const budi = learners[1]!.page;
  await budi.locator('workshop-bar [data-action="dismiss-message"]').click();
  assert.equal(await budi.locator('workshop-bar [data-message]').count(), 0);

  await budi.locator('workshop-bar [data-action="ask-help"]').click();
  await budi.locator('workshop-bar input[name="help"]').fill('my network is missing');
  await budi.locator('workshop-bar [data-action="send-help"]').click();
  await budi.locator('workshop-bar [data-help-pending]').waitFor({ timeout: 15_000 });
  await row('Budi').locator('[data-help]').waitFor({ timeout: 15_000 });
  assert.equal(
    await env.page.locator('class-grid tbody tr').first().getAttribute('data-name'),
    'Budi',
    'a help request sorts to the top',
  );
  await env.page.screenshot({ path: `${SHOTS}/workshop-trainer-en.png` });
  await env.page.evaluate(() => localStorage.setItem('docker-playground.language', 'id'));
  await env.page.reload();
  await row('Budi').waitFor({ timeout: 15_000 });
  await env.page.screenshot({ path: `${SHOTS}/workshop-trainer-id.png` });
  await budi.screenshot({ path: `${SHOTS}/workshop-learner-id.png` });

  await row('Budi').locator('[data-action="resolve"]').click();
  await budi.locator('workshop-bar [data-action="ask-help"]').waitFor({ timeout: 15_000 });
});

test('ending the workshop (after a confirmation) removes its sandboxes', async () => {
  await env.page.locator('workshop-trainer [data-action="end-workshop"]').click();
  await env.page.locator('workshop-trainer [data-action="confirm-end"]').click();
  await env.page.locator('workshop-trainer [data-ended]').waitFor({ timeout: 90_000 });
  for (const { page } of learners)
    await page.locator('playground-app[data-session-state="ended"]').waitFor({ timeout: 60_000 });
  for (const { context } of learners) await context.close();
});
