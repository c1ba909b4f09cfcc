// Terminal figures in a real Chromium, through the page itself (xterm.js rendering, acks,
// flow control), for `npm run bench`:
//   Ctrl-C during `yes`, in the browser   from the Ctrl-C to the next command's output shown
//   keystroke echo, in the browser        from a key to its echo in xterm.js's buffer
// Skipped, with a line saying so, where Chromium is not installed.
import fs from 'node:fs';
import type { RunningPlayground } from '../server/app.js';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../test/support/browser.js';
import { median, type Record } from './figures.js';

const ROUNDS = 3;
const ECHOES = 30;

/** Runs in the page: the first <terminal-pane>, found through the shadow roots. */
const PANE = `(() => {
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'TERMINAL-PANE') return el;
      if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
    }
    return null;
  };
  return find(document);
})()`;

/** Ctrl-C during `yes`, from the keystroke to the next command's output in xterm.js's buffer. */
async function ctrlCRounds(page: Page): Promise<number[]> {
  const stops: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const marker = `STOPPED-${round}-$((40+2))`;
    const ms = await page.evaluate(
      `(async () => {
        const pane = ${PANE};
        pane.sendText('yes\\r');
        await new Promise((r) => setTimeout(r, 1000));
        const t0 = performance.now();
        pane.interrupt();
        pane.sendText(${JSON.stringify(marker)} .replace(/^/, 'echo ') + '\\r');
        const want = ${JSON.stringify(`STOPPED-${round}-42`)};
        for (;;) {
          if (pane.terminalText().includes(want)) return performance.now() - t0;
          if (performance.now() - t0 > 30000) throw new Error('the flood did not stop');
          await new Promise((r) => requestAnimationFrame(r));
        }
      })()`,
    );
    stops.push(ms as number);
    await page.evaluate(`${PANE}.sendText('clear\\r')`);
    await page.waitForTimeout(300);
  }
  return stops;
}

/** Keystroke echo: from a key to its echo in xterm.js's buffer. */
async function echoRounds(page: Page): Promise<number[]> {
  return (await page.evaluate(
    `(async () => {
      const pane = ${PANE};
      const times = [];
      for (let i = 0; i < ${ECHOES}; i++) {
        const ch = String.fromCharCode(97 + (i % 26));
        const before = pane.terminalText().length;
        const t0 = performance.now();
        pane.sendText(ch);
        while (pane.terminalText().length <= before) {
          if (performance.now() - t0 > 5000) throw new Error('no echo');
          await new Promise((r) => setTimeout(r, 0));
        }
        times.push(performance.now() - t0);
      }
      pane.sendText('\\u0015');
      return times;
    })()`,
  )) as number[];
}

/** Opens free play in the page and waits for the shell's prompt; returns the session's id. */
async function openFreePlay(page: Page, url: string): Promise<() => string | undefined> {
  let sessionId: string | undefined;
  page.on('response', async (res) => {
    if (res.request().method() === 'POST' && /\/api\/sessions$/.test(res.url()) && res.status() === 201)
      sessionId = ((await res.json()) as { session: { id: string } }).session.id;
  });
  await page.goto(url + '/#/play');
  await page.locator('[data-action="start"]').first().click();
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await page.waitForFunction(`/[#$] $/m.test(${PANE}?.terminalText() ?? '')`, null, { timeout: 30_000 });
  return () => sessionId;
}

export async function benchBrowser(pg: RunningPlayground, record: Record): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`(browser figures skipped: no Chromium at ${CHROMIUM})`);
    return;
  }
  const browser = await launchChromium();
  let sessionId = (): string | undefined => undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    sessionId = await openFreePlay(page, pg.url);
    const stops = await ctrlCRounds(page);
    record({ name: `Ctrl-C during yes in Chromium, median of ${ROUNDS}`, value: median(stops), unit: 'ms' });
    record({
      name: `Ctrl-C during yes in Chromium, max of ${ROUNDS}`,
      value: Math.max(...stops),
      unit: 'ms',
    });
    const echoes = await echoRounds(page);
    record({ name: `keystroke echo in Chromium, median of ${ECHOES}`, value: median(echoes), unit: 'ms' });
  } finally {
    await browser.close();
    const id = sessionId();
    if (id) await pg.sandboxes.destroy(id);
  }
}
