// What the terminal draws, read from the pixels of a screenshot (not the DOM): at phone and
// laptop sizes and at 1x, 2x and 3x, a red bar printed by the shell shows inside the pane
// (and, where two panes fit side by side, inside the second pane as well).
// And a page load logs no Content-Security-Policy error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';
import { countPixels, decodePng } from '../support/png.js';

/** Each size below opens a pane of its own on the one session. */
const env = useBrowserPlayground(undefined, { maxTerminalsPerSession: 16 });

const TOKENS_KEY = 'docker-playground.sessions.v1';
/** 40 cells on the ANSI red background (the theme's red is #ff7b72). */
const RED_BAR = "printf '\\e[41m%40s\\e[0m\\n' ''";
const isBarRed = (r: number, g: number, b: number) => r > 220 && g > 90 && g < 160 && b > 80 && b < 150;

const SIZES = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'laptop', width: 1440, height: 900, mobile: false },
  { name: 'small-laptop', width: 1000, height: 700, mobile: false },
] as const;

/** The browser's kept session, read from the first page once it has started one. */
let kept = '';

/** Collects what would tell of a Content-Security-Policy refusal on a page. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|script-src|default-src|unsafe-eval/i.test(m.text()))
      seen.push(m.text());
  });
  page.on('pageerror', (e) => /Content.Security.Policy/i.test(e.message) && seen.push(e.message));
  return seen;
}

test('starting a sandbox, and every page load, logs no Content-Security-Policy error', async () => {
  const csp = watchCsp(env.page);
  await env.page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await env.page.goto(env.pg.url + '/#/');
  await env.page.locator('lesson-catalogue').waitFor();
  await env.page.waitForTimeout(500);
  assert.deepEqual(csp, [], 'no Content-Security-Policy error in the console');
  kept = await env.page.evaluate((key) => localStorage.getItem(key) ?? '', TOKENS_KEY);
  assert.ok(kept, 'the page kept its session');
});

/** A pane's box in device pixels. */
async function paneBox(page: Page, index: number, scale: number) {
  const box = await page.locator('terminal-pane').nth(index).boundingBox();
  assert.ok(box, `pane ${index + 1} is on the page`);
  return { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
}

/** Opens a second pane in split view, prints the bar there, and reads it from the pixels. */
async function secondPaneDraws(page: Page, scale: number, least: number): Promise<void> {
  await page.locator('[data-action="new-pane"]').click();
  await page.locator('terminal-pane[data-state="ready"]').nth(1).waitFor({ timeout: 60_000 });
  await page.locator('[data-action="split"]').click();
  const second = page.locator('terminal-pane').nth(1);
  await second.click();
  await page.waitForTimeout(1_000); // the new shell's prompt
  await page.keyboard.type(RED_BAR);
  await page.keyboard.press('Enter');
  let red = 0;
  for (const deadline = Date.now() + 15_000; red < least && Date.now() < deadline;) {
    await page.waitForTimeout(300);
    red = countPixels(decodePng(await page.screenshot()), await paneBox(page, 1, scale), isBarRed);
  }
  await page.screenshot({ path: `${SHOTS}/pixels-split-${page.viewportSize()?.width}-${scale}x.png` });
  assert.ok(red >= least, `the second pane draws the bar too: ${red} red pixels, wanted ${least} or more`);
}

for (const size of SIZES) {
  for (const scale of [1, 2, 3]) {
    if (size.name === 'small-laptop' && scale !== 3) continue;
    test(`the shell's output is drawn at ${size.width}x${size.height} at ${scale}x`, async () => {
      assert.ok(kept, 'the first test started a session');
      const context = await env.browser.newContext({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: scale,
        isMobile: size.mobile,
        hasTouch: size.mobile,
      });
      try {
        await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
          TOKENS_KEY,
          kept,
        ] as const);
        const page = await context.newPage();
        await page.goto(env.pg.url + '/#/play');
        await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 60_000 });
        await waitForTerminal(page, /[#$] $/m);
        const pane = page.locator('terminal-pane').first();
        const box = await pane.boundingBox();
        assert.ok(box, 'the pane is on the page');
        const inPane = {
          x: box.x * scale,
          y: box.y * scale,
          width: box.width * scale,
          height: box.height * scale,
        };
        const before = countPixels(decodePng(await page.screenshot()), inPane, isBarRed);
        assert.equal(before, 0, 'nothing red in the pane before the command');

        await run(page, RED_BAR);
        await waitForTerminal(page, /printf[^\n]*\n[^\n]*\n?[^\n]*[#$] $/);
        // 40 cells of at least 5x10 CSS pixels each, at scale² device pixels a CSS pixel.
        const least = 40 * 5 * 10 * scale * scale;
        // The text is in the buffer; it is drawn on a later frame (bounded wait).
        let red = 0;
        for (const deadline = Date.now() + 15_000; red < least && Date.now() < deadline;) {
          await page.waitForTimeout(300);
          red = countPixels(decodePng(await page.screenshot()), inPane, isBarRed);
        }
        await page.screenshot({ path: `${SHOTS}/pixels-${size.name}-${scale}x.png` });
        assert.ok(
          red >= least,
          `the red bar is drawn in the pane: ${red} red pixels, wanted ${least} or more`,
        );
        // Phones show one pane at a time; wider pages also draw a second pane beside the first.
        if (!size.mobile) await secondPaneDraws(page, scale, least);
      } finally {
        await context.close();
      }
    });
  }
}
