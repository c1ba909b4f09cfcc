// Nothing is destroyed without asking: with a lesson's sandbox running, starting free play
// asks first, Cancel keeps the lesson's sandbox, and the start page offers it back with
// Resume and its time left. Screenshots of the start page with a running sandbox and of the
// ended state, in English and Indonesian at desktop, 1000 px and phone sizes, go to
// test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SessionView } from '../../common/api.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';
import { api } from '../support/playground.js';

const env = useBrowserPlayground();

const TOKENS_KEY = 'docker-playground.sessions.v1';
const LANGUAGE_KEY = 'docker-playground.language';
const LESSON = 'docker-networks';

interface Kept {
  current: string;
  sessions: Record<string, { token: string; expiresAt: string; lessonId?: string }>;
}

const keptSessions = (page: Page): Promise<Kept> =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as Kept, TOKENS_KEY);

test('free play while a lesson sandbox runs asks first; Cancel keeps it; the start page offers Resume', async () => {
  const page = env.page;
  await page.goto(`${env.pg.url}/#/lessons/${LESSON}`);
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  const kept = await keptSessions(page);
  const lessonSession = kept.current;
  const token = kept.sessions[lessonSession]!.token;

  // The catalogue (the start page) shows the lesson's sandbox as running, with its time left.
  await page.locator('[data-action="home"]').click();
  const strip = page.locator('[data-testid="running-sandbox"]');
  await strip.waitFor();
  assert.match((await strip.textContent()) ?? '', /still running/);
  assert.match(
    (await page.locator('[data-testid="time-left"]').textContent()) ?? '',
    /Ends in (\d+ h \d\d min|\d+ min)/,
  );

  // Free play: the welcome card says what runs, and Start asks before ending it.
  await page.locator('[data-action="free-play"]').click();
  await page.locator('playground-app[data-session-state="idle"]').waitFor();
  await strip.waitFor();
  await page.locator('[data-action="start"]').click();
  const dialog = page.locator('[data-testid="confirm-replace"]');
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? '', /End your running sandbox\?/);
  await page.screenshot({ path: `${SHOTS}/running-confirm-replace.png` });
  await page.locator('[data-action="cancel-replace"]').click();
  await dialog.waitFor({ state: 'detached' });

  // Nothing was ended: the lesson's sandbox still runs on the server and is still kept here.
  const still = await api<SessionView>(env.pg.url, 'GET', `/api/sessions/${lessonSession}`, token);
  assert.equal(still.status, 200);
  assert.equal(still.body.state, 'ready');
  assert.equal((await keptSessions(page)).current, lessonSession);

  // Back on the start page, Resume goes back to the lesson and its very sandbox.
  await page.locator('[data-action="home"]').click();
  await strip.waitFor();
  await page.locator('[data-action="resume-sandbox"]').click();
  await page.waitForURL(new RegExp(`#/lessons/${LESSON}$`));
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 30_000 });
  assert.equal((await keptSessions(page)).current, lessonSession);
});

test('confirming ends the running sandbox and starts the new one', async () => {
  const page = env.page;
  const before = (await keptSessions(page)).current;
  await page.locator('[data-action="home"]').click();
  await page.locator('[data-action="free-play"]').click();
  await page.locator('[data-action="start"]').click();
  await page.locator('[data-action="confirm-replace"]').click();
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  const after = (await keptSessions(page)).current;
  assert.notEqual(after, before);
  const kept = await keptSessions(page);
  const gone = await api(env.pg.url, 'GET', `/api/sessions/${before}`, kept.sessions[after]!.token);
  assert.notEqual(gone.status, 200, 'the lesson sandbox was ended once the learner said so');
});

/** A page whose API answers for a made-up session `state`, in `language`, at 2x on a phone. */
async function fakedPage(
  browser: Browser,
  language: string,
  state: SessionView['state'],
  mobile: boolean,
  lessonId?: string,
) {
  const context = await browser.newContext({
    viewport: mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
  });
  const id = 'f'.repeat(32);
  const expiresAt = new Date(Date.now() + 112 * 60_000 + 30_000).toISOString();
  const session: SessionView = {
    id,
    state,
    expiresAt,
    hosts: ['node1', 'node2'],
    hostStates: { node1: { state: 'ready' }, node2: { state: 'ready' } },
    maxHosts: 3,
    maxTerminals: 8,
    historyLines: 5000,
  };
  await context.route(`**/api/sessions/${id}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(session) }),
  );
  const kept = {
    current: id,
    sessions: { [id]: { token: 't'.repeat(32), expiresAt, ...(lessonId ? { lessonId } : {}) } },
  };
  // Seeded once per page load (about:blank, the first document, has no storage of its own).
  await context.addInitScript(
    ([tokens, stored, languageKey, lang]) => {
      if (location.protocol === 'about:') return;
      localStorage.setItem(tokens, stored);
      localStorage.setItem(languageKey, lang);
    },
    [TOKENS_KEY, JSON.stringify(kept), LANGUAGE_KEY, language] as const,
  );
  return { context, page: await context.newPage() };
}

async function shootSizes(page: Page, name: string, mobile: boolean): Promise<void> {
  const sizes = mobile
    ? [[390, 844]]
    : [
        [1440, 900],
        [1000, 700],
      ];
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width: width!, height: height! });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width}px does not spill sideways`);
  }
}

test('screenshots: the start page with a running sandbox, and the ended state, in both languages', async () => {
  for (const language of ['en', 'id']) {
    for (const mobile of [false, true]) {
      const running = await fakedPage(env.browser, language, 'ready', mobile, LESSON);
      await running.page.goto(`${env.pg.url}/#/`);
      await running.page.locator('[data-testid="running-sandbox"]').waitFor();
      await running.page.locator('lesson-catalogue [data-lesson]').first().waitFor();
      await shootSizes(running.page, `running-start-${language}`, mobile);
      await running.page.locator('[data-action="free-play"]').click();
      await running.page.locator('[data-testid="running-sandbox"]').waitFor();
      await shootSizes(running.page, `running-free-play-${language}`, mobile);
      await running.context.close();

      const ended = await fakedPage(env.browser, language, 'ended', mobile);
      await ended.page.goto(`${env.pg.url}/#/play`);
      await ended.page.locator('[data-testid="session-ended"]').waitFor();
      await shootSizes(ended.page, `session-ended-${language}`, mobile);
      await ended.context.close();
    }
  }
});
