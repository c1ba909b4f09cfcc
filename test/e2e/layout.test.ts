// The page's layout at a desktop, a 1000 px and a phone's size, in both languages, measured
// by geometry: a long command wraps beside its Run button, the active terminal tab stays in
// its strip, a pane's label covers no terminal text, the success banner stays in its box; a
// phone has a row of Ctrl, Esc, Tab and arrow keys that reach the shell, and a start error
// shows on the lesson's side too. Screenshots go to /tmp/shots-ui2/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { waitForTerminal } from '../support/browser.js';
import { useBrowserPlayground } from '../support/browser-playground.js';

const SHOTS = '/tmp/shots-ui2';
const SIZES = [
  [1440, 900],
  [1000, 700],
  [390, 844],
] as const;

const env = useBrowserPlayground(async () => undefined, { maxSessionsPerClient: 1 });

type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };

/** Boxes of every element matching `selector`, looking into shadow roots. */
function boxes(page: Page, selector: string): Promise<Box[]> {
  // A string, so the test runner's helpers for named functions stay out of the page.
  return page.evaluate(`(() => {
    const found = [];
    const walk = (root) => {
      found.push(...root.querySelectorAll(${JSON.stringify(selector)}));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return found
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }));
  })()`) as Promise<Box[]>;
}

const within = (inner: Box, outer: Box, slack = 1) =>
  inner.left >= outer.left - slack &&
  inner.right <= outer.right + slack &&
  inner.top >= outer.top - slack &&
  inner.bottom <= outer.bottom + slack;
const overlaps = (a: Box, b: Box) =>
  a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 700))); // resize debounce, the banner's pop
}

/** What holds at every size: commands beside their buttons, the active tab in view, labels off the text. */
async function checkLayout(page: Page, name: string): Promise<void> {
  const [cmds, buttons] = [await boxes(page, '.cmd pre'), await boxes(page, '.cmd .cmd-btn')];
  for (const [i, pre] of cmds.entries()) {
    const button = buttons[i];
    if (button) assert.ok(!overlaps(pre, button), `${name}: command ${i} runs under its button`);
  }
  const hidden = (await page.evaluate(`(() => {
    const out = [];
    const walk = (root) => {
      for (const pre of root.querySelectorAll('.cmd pre'))
        if (pre.scrollWidth > pre.clientWidth + 1) out.push(pre.textContent || '');
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return out;
  })()`)) as string[];
  assert.deepEqual(hidden, [], `${name}: no command is cut off`);
  const [strip] = await boxes(page, 'workspace-tab-bar .tabs');
  const [active] = await boxes(page, 'workspace-tab-bar .tab.active');
  if (strip && active) assert.ok(within(active, strip), `${name}: the active tab is within its strip`);
  const panes = await boxes(page, 'terminal-pane');
  for (const label of await boxes(page, '.pane-label'))
    for (const pane of panes) assert.ok(!overlaps(label, pane), `${name}: a pane label covers terminal text`);
  for (const banner of await boxes(page, '.status.passed')) {
    const [page_] = await boxes(page, 'lesson-panel article.step');
    if (page_) assert.ok(within(banner, page_), `${name}: the success banner stays in its box`);
  }
}

async function shootAll(page: Page, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await settle(page);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
    await checkLayout(page, `${name} at ${width}x${height}`);
  }
}

test('a lesson with long commands, three terminals and a passed step, in both languages', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const page = env.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(env.pg.url + '/#/lessons/docker-networks');
  await page.evaluate(() => localStorage.setItem('docker-playground.language', 'en'));
  await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(page, /[#$] $/m);
  await page.locator('lesson-panel[data-load-state="ready"]').waitFor();
  await page.locator('lesson-panel [data-action="start"]').click();
  for (let i = 0; i < 2; i++) await page.locator('terminal-workspace [data-action="new-pane"]').click();
  await page.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  await page.locator('lesson-panel [data-status="passed"]').waitFor({ timeout: 30_000 });
  await shootAll(page, 'en-step-passed');
  await page.locator('lesson-panel [data-action="next-step"]').click();
  await shootAll(page, 'en-long-commands');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('lesson-panel [data-language="id"]').click();
  await page.locator('lesson-panel [data-language="id"][aria-pressed="true"]').waitFor();
  await shootAll(page, 'id-long-commands');
});

test("a phone's key row reaches the shell in front", async () => {
  const page = env.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('split-view .tabs button').nth(1).click(); // the terminal's side
  const row = page.locator('phone-keys');
  await row.waitFor();
  const [keys] = await boxes(page, 'phone-keys');
  assert.ok(keys && keys.bottom <= 844 + 1, 'the key row is on screen');
  await page.locator('terminal-pane').first().click();
  await page.keyboard.type('echo phone-$((40+2))');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^phone-42\s*$/m);
  // Up recalls the command; Enter runs it again.
  await page.locator('phone-keys [data-key="up"]').click();
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await page.evaluate(() =>
      (document.querySelector('playground-app') as unknown as { terminalText(): string }).terminalText(),
    );
    if ((text.match(/^phone-42\s*$/gm) ?? []).length >= 2) break;
    await page.waitForTimeout(200);
  }
  assert.equal((text.match(/^phone-42\s*$/gm) ?? []).length, 2, 'the arrow reached the shell');
  // Ctrl held, then c: an interrupt.
  // The interrupt must reach a job that already runs in the foreground, not the shell before it.
  await page.keyboard.type("sh -c 'echo job-$((6*7)); exec sleep 300'");
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^job-42\s*$/m);
  await page.locator('phone-keys [data-key="ctrl"][aria-pressed="false"]').click();
  await page.locator('phone-keys [data-key="ctrl"][aria-pressed="true"]').waitFor();
  await page.keyboard.type('c');
  await page.locator('phone-keys [data-key="ctrl"][aria-pressed="false"]').waitFor();
  await page.keyboard.type('echo after-$((1+1))');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^after-2\s*$/m);
  await page.screenshot({ path: `${SHOTS}/phone-keys-390x844.png` });
});

test("a start error shows on a phone's lesson side", async () => {
  const other = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    for (const language of ['en', 'id'] as const) {
      const page = await other.newPage();
      await page.addInitScript(`localStorage.setItem('docker-playground.language', '${language}')`);
      await page.goto(env.pg.url + '/#/lessons/docker-basics');
      const notice = page.locator('split-view [data-testid="lesson-start-error"]');
      await notice.waitFor({ timeout: 30_000 });
      assert.match(
        (await notice.textContent()) ?? '',
        language === 'en' ? /You already have 1 sandboxes running/ : /Anda sudah menjalankan 1 sandbox/,
      );
      const [box] = await boxes(page, '[data-testid="lesson-start-error"]');
      assert.ok(box && box.right <= 390 + 1, 'the notice fits the phone');
      await page.screenshot({ path: `${SHOTS}/${language}-start-error-390x844.png` });
      await page.close();
    }
  } finally {
    await other.close();
  }
});
