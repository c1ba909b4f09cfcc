// The rest of a workshop's day in real Chromium on a real playground that asks for its
// workshop key: the create page has a field for the key and shows the refusal of a wrong one;
// a learner types the code on the start page and lands in the lesson; the trainer opens
// their demo terminal on the class view and the learner follows it read-only; the trainer exports the results (CSV and JSON, as
// downloads) holding the learner's done step; a learner who joins before the start sees the
// waiting page with the time left. Screenshots in English and Indonesian.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { ResultRow } from '../../common/workshop-live.js';
import type { CreatedWorkshop } from '../../common/workshops.js';
import type { BrowserContext, Page } from 'playwright-core';
import { waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';
import { api } from '../support/playground.js';

const WORKSHOP_KEY = 'operators-key-for-trainers-0123';
const env = useBrowserPlayground(async () => undefined, { workshopKey: WORKSHOP_KEY });
const LESSON = 'docker-networks';
const STEP = 'create-network';
const contexts: BrowserContext[] = [];
let code = '';
let trainerKey = '';
let learner: Page;

/** A learner's own browser (its own storage) at a size, in a language. */
async function learnerPage(width: number, height: number, language: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height } });
  await context.addInitScript((l) => localStorage.setItem('docker-playground.language', l), language);
  contexts.push(context);
  return context.newPage();
}

/** The text a read-only terminal view shows, once it matches (bounded wait). */
async function viewText(page: Page, selector: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await page
      .locator(selector)
      .evaluate((el) => (el as unknown as { terminalText(): string }).terminalText())
      .catch(() => '');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`${selector} never showed ${pattern}; it shows:\n${text.slice(-600)}`);
}

test('the create page asks for the workshop key; a wrong one gets the refusal in the page language', async () => {
  const page = env.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [language, refusal] of [
    ['id', 'Ini bukan kunci workshop playground ini.'],
    ['en', "This is not this playground's workshop key."],
  ] as const) {
    await page.goto(env.pg.url + '/');
    await page.evaluate((l) => localStorage.setItem('docker-playground.language', l), language);
    await page.goto(env.pg.url + '/#/workshops/new');
    await page.reload();
    await page.locator('workshop-create input[name="workshopKey"]').waitFor({ timeout: 15_000 });
    await page.locator('workshop-create input[name="title"]').fill('Networks, with a key');
    await page.locator('workshop-create select[name="add-lesson"]').selectOption(LESSON);
    await page.locator('workshop-create input[name="seats"]').fill('2');
    await page.locator('workshop-create input[name="workshopKey"]').fill('not-the-operators-key');
    await page.locator('workshop-create [data-action="create"]').click();
    const error = page.locator('workshop-create .error[role="alert"]');
    await error.waitFor({ timeout: 15_000 });
    assert.equal((await error.textContent())?.trim(), refusal);
    await page.screenshot({ path: `${SHOTS}/workshop-create-key-${language}.png` });
  }

  await page.locator('workshop-create input[name="workshopKey"]').fill(WORKSHOP_KEY);
  await page.locator('workshop-create [data-action="create"]').click();
  const codeEl = page.locator('workshop-created [data-join-code]');
  await codeEl.waitFor({ timeout: 15_000 });
  code = (await codeEl.getAttribute('data-join-code')) ?? '';
  const trainerUrl = await page
    .locator('workshop-created copy-field[data-link="trainer"] input')
    .inputValue();
  trainerKey = new URL(trainerUrl.replace('#/', '')).searchParams.get('key') ?? '';
  assert.ok(trainerKey.length >= 22, 'the trainer link holds the key');
  await page.locator('workshop-created [data-action="open-class"]').click();
  await page.locator('workshop-trainer class-grid').waitFor({ timeout: 15_000 });
});

test('a learner types the code on the start page and lands in the lesson', async () => {
  learner = await learnerPage(1366, 800, 'en');
  await learner.goto(env.pg.url + '/');
  // As a learner copies it from the projector: lower case, with the space.
  const typed = `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase();
  await learner.locator('workshop-entry input[name="code"]').fill(typed);
  await learner.locator('workshop-entry [data-action="join-code"]').click();
  await learner.waitForURL(new RegExp(`#/join/${code}$`));
  await learner.locator('workshop-join input[name="name"]').fill('Sari');
  await learner.locator('workshop-join [data-action="join"]').click();
  await learner.waitForURL(new RegExp(`#/lessons/${LESSON}$`), { timeout: 60_000 });
  await learner.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  await learner.locator(`workshop-bar [data-workshop="${code}"]`).waitFor({ timeout: 15_000 });
  await env.page.locator('class-grid tr[data-name="Sari"]').waitFor({ timeout: 15_000 });
  // The trainer's header follows without a reload: one seat taken, the other still ready.
  await env.page.locator('workshop-trainer [data-seats="1/2"]').waitFor({ timeout: 15_000 });
});

test('the trainer opens their demo terminal on the class view; the learner follows it read-only', async () => {
  const trainer = env.page;
  await trainer.locator('workshop-trainer [data-action="demo-terminal"]').click();
  const own = 'workshop-trainer trainer-demo terminal-workspace';
  await viewText(trainer, own, /[#$] $/m, 90_000);
  await trainer.locator(`${own} terminal-pane`).first().click();
  await trainer.keyboard.type('echo demo-$((6*7))');
  await trainer.keyboard.press('Enter');
  await viewText(trainer, own, /^demo-42$/m);

  await learner.locator('follow-trainer button.follow').click({ timeout: 15_000 });
  const view = 'follow-trainer watch-terminal';
  await viewText(learner, view, /demo-42/);
  await learner.locator(`${view} .hint`).waitFor();

  await learner.locator(view).click();
  await learner.keyboard.type('echo LEARNER-TYPED');
  await learner.keyboard.press('Enter');
  await trainer.locator(`${own} terminal-pane`).first().click();
  await trainer.keyboard.type('echo after-$((2*3))');
  await trainer.keyboard.press('Enter');
  await viewText(learner, view, /after-6/);
  const ownText = await viewText(trainer, own, /^after-6$/m);
  assert.ok(!ownText.includes('LEARNER-TYPED'), "a follower's keys never reach the trainer's shell");
  await learner.locator('follow-trainer button.follow').click();

  // Hidden and shown again, the same shell is there (its panes stay open for the followers).
  await trainer.locator('workshop-trainer [data-action="demo-terminal"]').click();
  await trainer.locator('workshop-trainer trainer-demo[hidden]').waitFor({ state: 'attached' });
  await trainer.locator('workshop-trainer [data-action="demo-terminal"]').click();
  await viewText(trainer, own, /demo-42/);
});

test('the class view with the demo terminal open, in English and Indonesian, wide and small', async () => {
  const trainer = env.page;
  const own = 'workshop-trainer trainer-demo terminal-workspace';
  // English last: the export test after this one reads the headers in English.
  for (const language of ['id', 'en'] as const) {
    await trainer.evaluate((l) => localStorage.setItem('docker-playground.language', l), language);
    await trainer.reload();
    await trainer.locator('workshop-trainer class-grid').waitFor({ timeout: 15_000 });
    // After a reload the page resumes the same session and its pane shows the shell again.
    await trainer.locator('workshop-trainer [data-action="demo-terminal"]').click();
    await viewText(trainer, own, /demo-42/);
    for (const [width, height] of [
      [1440, 900],
      [1000, 700],
    ] as const) {
      await trainer.setViewportSize({ width, height });
      await trainer.waitForTimeout(400);
      await trainer.screenshot({ path: `${SHOTS}/workshop-trainer-demo-${width}-${language}.png` });
    }
  }
  await trainer.setViewportSize({ width: 1440, height: 900 });
});

test("the trainer exports the results as CSV and JSON from the page, holding the learner's done step", async () => {
  await waitForTerminal(learner, /[#$] $/m, 60_000);
  await learner.locator('lesson-panel [data-action="start"]').click();
  await learner.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  const row = env.page.locator('class-grid tr[data-name="Sari"]');
  await row.locator(`td[data-step="${STEP}"][data-cell="done"]`).waitFor({ timeout: 30_000 });

  const download = async (format: 'csv' | 'json') => {
    const [file] = await Promise.all([
      env.page.waitForEvent('download', { timeout: 15_000 }),
      env.page.locator(`workshop-trainer [data-action="export-${format}"]`).click(),
    ]);
    assert.equal(file.suggestedFilename(), `workshop-${code}-results.${format}`);
    return readFile((await file.path())!, 'utf8');
  };
  const rows = JSON.parse(await download('json')) as ResultRow[];
  const done = rows.find((r) => r.learner === 'Sari' && r.stepId === STEP);
  assert.ok(done?.done, `Sari's ${STEP} is done in the JSON: ${JSON.stringify(rows)}`);
  assert.ok(Number.isFinite(Date.parse(done.completedAt)), 'with the time it was done');

  const csv = (await download('csv')).split(/\r?\n/);
  assert.match(csv[0]!, /Done/, 'headers in the page language');
  const line = csv.find((l) => l.includes('Sari') && l.includes(STEP));
  assert.ok(line && /(^|,)yes(,|$)/.test(line), `Sari's ${STEP} is done in the CSV: ${line}`);

  await env.page.screenshot({ path: `${SHOTS}/workshop-flows-trainer-en.png` });
  await env.page.evaluate(() => localStorage.setItem('docker-playground.language', 'id'));
  await env.page.reload();
  await row.waitFor({ timeout: 15_000 });
  await env.page.screenshot({ path: `${SHOTS}/workshop-flows-trainer-id.png` });
});

test('a learner who joins before the start sees the waiting page with the time left', async () => {
  const startsAt = new Date(Date.now() + 45 * 60_000).toISOString(); // before the seats' lead time
  const later = await api<CreatedWorkshop>(env.pg.url, 'POST', '/api/workshops', WORKSHOP_KEY, {
    title: 'Afternoon class',
    lessons: [LESSON],
    seats: 2,
    startsAt,
    durationMinutes: 60,
  });
  assert.equal(later.status, 201, JSON.stringify(later.body));
  for (const [language, left, startsAtText] of [
    ['en', /^4[45] min$/, /Starts at /],
    ['id', /^4[45] menit$/, /Mulai pukul \d{2}\.\d{2}$/], // 24 hours, as Indonesian writes it
  ] as const) {
    const phone = await learnerPage(390, 844, language);
    await phone.goto(later.body.joinUrl);
    await phone.locator('workshop-join input[name="name"]').waitFor({ timeout: 15_000 });
    const startsAtLabel = phone.locator('workshop-join .meta span').nth(1);
    assert.match((await startsAtLabel.textContent())?.trim() ?? '', startsAtText);
    await phone.screenshot({ path: `${SHOTS}/workshop-flows-join-phone-${language}.png` });
    await phone.locator('workshop-join input[name="name"]').fill(`Budi ${language}`);
    await phone.locator('workshop-join [data-action="join"]').click();
    const countdown = phone.locator('workshop-join [data-waiting] [data-starts-in]');
    await countdown.waitFor({ timeout: 15_000 });
    assert.match((await countdown.textContent())?.trim() ?? '', left);
    await phone.screenshot({ path: `${SHOTS}/workshop-flows-waiting-phone-${language}.png` });
  }
  for (const context of contexts) await context.close();
});
