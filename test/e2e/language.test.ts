// The page's language in a real browser on a real sandbox: the learner switches to Indonesian
// on the catalogue, and the top bar, the start card and the terminal workspace speak it; a
// switch in a lesson changes every word at once without a reload, keeps the terminal's
// contents, and fetches the lesson in the new language. Screenshots in Indonesian at desktop
// and phone sizes go to test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground();

const text = async (selector: string) =>
  ((await env.page.locator(selector).first().textContent()) ?? '').trim();
const attribute = async (selector: string, name: string) =>
  (await env.page.locator(selector).first().getAttribute(name)) ?? '';
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/**
 * What spills sideways: the page, or a button whose words do not fit it or run past the
 * window's edge (shadow roots included). A string, so the test runner's helpers stay out of it.
 */
const FIND_OVERFLOWS = `(() => {
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth) found.push('page');
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const box = el.getBoundingClientRect();
      if (!box.width || !el.matches('button, .btn')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth + 1)
        found.push(el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '"');
    }
  };
  walk(document);
  return found;
})()`;

const overflows = (page: Page): Promise<string[]> => page.evaluate(FIND_OVERFLOWS);

/** Screenshots at desktop and phone sizes, checking nothing spills at either. */
async function shoot(name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 800],
    [390, 844],
  ] as const) {
    await env.page.setViewportSize({ width, height });
    await env.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await env.page.screenshot({ path: `${SHOTS}/id-${name}-${width}.png` });
    assert.deepEqual(await overflows(env.page), [], `nothing spills in ${name} at ${width}px`);
  }
  await env.page.setViewportSize({ width: 1366, height: 800 });
}

test('switching to Indonesian on the catalogue makes free play speak it', async () => {
  await env.page.goto(env.pg.url + '/');
  await env.page.evaluate(() => localStorage.clear());
  await env.page.reload();
  await env.page.locator('lesson-catalogue [data-lesson]').first().waitFor();
  assert.match(await text('lesson-catalogue h1'), /Learn Docker/);

  await env.page.locator('lesson-catalogue [data-language="id"]').click();
  await env.page.locator('lesson-catalogue [data-language="id"][aria-pressed="true"]').waitFor();
  assert.match(await text('lesson-catalogue h1'), /Belajar Docker/);
  assert.match(await text('playground-app .tagline'), /Mesin Docker sungguhan/);
  assert.equal(await htmlLang(env.page), 'id');
  await shoot('catalogue');

  await env.page.locator('lesson-catalogue [data-action="free-play"]').click();
  await env.page.waitForURL(/#\/play$/);
  await env.page.locator('playground-app[data-session-state="idle"]').waitFor();
  assert.match(await text('playground-app [data-action="start"]'), /Mulai sandbox/);
  await shoot('start');
  await env.page.locator('playground-app [data-action="start"]').click();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);

  // The top bar and the terminal's header
  assert.match(await text('playground-app [data-action="end-session"]'), /Akhiri sesi/);
  assert.match(await text('playground-app [data-action="new-sandbox"]'), /Sandbox baru/);
  await env.page.locator('[data-testid="terminal-status"][data-pane-state="ready"]').waitFor();
  assert.match(await text('[data-testid="terminal-status"]'), /Tersambung/);
  assert.match(await text('playground-app .expiry'), /Berakhir dalam/);
  // The terminal workspace
  assert.equal(await attribute('terminal-workspace [data-action="new-pane"]', 'aria-label'), 'Terminal baru');
  assert.equal(await attribute('terminal-workspace [data-action="fullscreen"]', 'title'), 'Layar penuh');
  assert.match(await text('terminal-workspace [data-action="add-host"]'), /Tambah host/);
  await shoot('free-play');
});

test('a lesson with a ready sandbox, and a switch that changes every word at once', async () => {
  await env.page.goto(env.pg.url + '/#/lessons/docker-networks');
  // Free play's sandbox is not this lesson's: the page asks first, in Indonesian.
  await env.page.locator('playground-app [data-testid="replace-sandbox"]').waitFor();
  assert.match(await text('playground-app #replace-title'), /Mulai sandbox baru untuk pelajaran ini/);
  await env.page.locator('playground-app [data-action="replace-sandbox"]').click();
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);
  await env.page.locator('lesson-panel[data-load-state="ready"]').waitFor();
  const indonesianTitle = await text('lesson-panel h1');
  assert.match(await text('lesson-panel .eyebrow'), /Pelajaran/);
  await shoot('lesson');
  await env.page.locator('lesson-panel [data-action="start"]').click();
  await env.page.locator('lesson-panel [data-action="check"]').waitFor();
  assert.match(await text('lesson-panel [data-action="check"]'), /Periksa pekerjaan saya/);
  await shoot('lesson-step');
  await env.page.locator('playground-app [data-action="end-session"]').click();
  assert.match(await text('playground-app #confirm-title'), /Akhiri sesi ini/);
  await shoot('end-confirm');
  await env.page.keyboard.press('Escape');
  await run(env.page, 'echo tetap-di-sini');
  await waitForTerminal(env.page, /^tetap-di-sini\s*$/m);

  // English, without a reload: the shell, the terminals and the lesson all at once.
  await env.page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await env.page.locator('lesson-panel [data-language="en"]').click();
  await env.page.locator('lesson-panel [data-language="en"][aria-pressed="true"]').waitFor();
  assert.match(await text('playground-app [data-action="end-session"]'), /End session/);
  assert.match(await text('[data-testid="terminal-status"]'), /Connected/);
  assert.equal(await attribute('terminal-workspace [data-action="new-pane"]', 'aria-label'), 'New terminal');
  assert.match(await text('lesson-panel .eyebrow'), /Lesson/);
  assert.equal(await htmlLang(env.page), 'en');
  // The lesson is fetched again, in English.
  await env.page.locator('lesson-panel h1').filter({ hasNotText: indonesianTitle }).waitFor();
  assert.equal(await env.page.evaluate(() => 'sameDocument' in window), true, 'no reload');
  assert.match(
    await waitForTerminal(env.page, /tetap-di-sini/),
    /tetap-di-sini/,
    'the terminal keeps its text',
  );

  // And back; a reload keeps the choice.
  await env.page.locator('lesson-panel [data-language="id"]').click();
  await env.page.locator('lesson-panel [data-language="id"][aria-pressed="true"]').waitFor();
  assert.match(await text('playground-app [data-action="end-session"]'), /Akhiri sesi/);
  await env.page.reload();
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await env.page.locator('lesson-panel[data-load-state="ready"]').waitFor();
  assert.equal(await text('lesson-panel h1'), indonesianTitle);
  assert.equal(await htmlLang(env.page), 'id');
});
