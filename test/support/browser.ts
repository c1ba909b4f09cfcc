// A real Chromium (Debian's package) driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PLAYGROUND_CHROMIUM || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The visible terminal's text, read through the page's own test hook. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const app = document.querySelector('playground-app') as (Element & { terminalText(): string }) | null;
    return app ? app.terminalText() : '';
  });
}

/** Waits (bounded) until the terminal shows text matching pattern. */
export async function waitForTerminal(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`terminal never showed ${pattern}; it shows:\n${text.slice(-800)}`);
}

/** Types a command into the focused terminal and presses Enter. */
export async function run(page: Page, command: string): Promise<void> {
  await page.locator('terminal-pane').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}
