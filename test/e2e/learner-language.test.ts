// The whole page in the learner's language, on a real sandbox in a real browser: a check's
// reason, a refusal from the server, a lost sandbox (and the one click that brings it back) and the shell's welcome text come in
// Indonesian on an Indonesian page, and an imported scenario written in English says so on its card.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const inIndonesian = `localStorage.setItem('docker-playground.language', 'id')`;

// One sandbox per client: a second page from the same address is refused.
const env = useBrowserPlayground(
  async (context) => {
    await context.addInitScript(inIndonesian);
  },
  { maxSessionsPerClient: 1 },
);

/** Calls a method of the page's <terminal-workspace>. */
function workspace<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, args]) => {
      const ws = document
        .querySelector('playground-app')
        ?.shadowRoot?.querySelector('terminal-workspace') as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      > | null;
      if (!ws) throw new Error('no terminal workspace on the page');
      return ws[fn as string]!(...(args as unknown[])) as T;
    },
    [fn, args] as const,
  );
}

async function waitForPane(page: Page, n: number, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await workspace<string>(page, 'terminalText', n);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`pane ${n} never showed ${pattern}; it shows:\n${text.slice(-800)}`);
}

test('an imported scenario in English says so on an Indonesian card', async () => {
  await env.page.goto(env.pg.url + '/');
  const card = env.page.locator('lesson-catalogue [data-lesson="katacoda-first-container"] .only-in');
  await card.waitFor();
  assert.equal((await card.textContent())?.trim(), 'Hanya dalam bahasa Inggris');
  assert.equal(
    await env.page.locator('lesson-catalogue [data-lesson="docker-networks"] .only-in').count(),
    0,
  );
});

test("a check's reason comes in Indonesian", async () => {
  await env.page.goto(env.pg.url + '/#/lessons/docker-networks');
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  await env.page.locator('lesson-panel[data-load-state="ready"]').waitFor();
  await env.page.locator('lesson-panel [data-action="start"]').click();
  await env.page.locator('lesson-panel [data-action="check"]').click();
  const reason = env.page.locator('lesson-panel [data-status="failed"] .reason');
  await reason.waitFor({ timeout: 30_000 });
  assert.equal(
    (await reason.textContent())?.trim(),
    'Belum ada network bernama "backend-network". Buat dengan docker network create backend-network.',
  );
  await env.page.screenshot({ path: `${SHOTS}/id-check-reason.png` });
  // The same reason in English once the learner switches, without asking the server again.
  await env.page.locator('lesson-panel [data-language="en"]').click();
  await env.page.locator('lesson-panel [data-language="en"][aria-pressed="true"]').waitFor();
  assert.match((await reason.textContent()) ?? '', /^\s*No network named "backend-network" yet\./);
  await env.page.locator('lesson-panel [data-language="id"]').click();
});

test("the shell greets the learner in the page's language", async () => {
  // The image's own Indonesian welcome, written where a shell of this page reads it.
  await workspace(env.page, 'runInPane', 1, "printf 'Selamat datang, pelajar.\\n' > /etc/motd.id");
  await env.page.locator('terminal-workspace [data-action="new-pane"]').click();
  await waitForPane(env.page, 2, /^Selamat datang, pelajar\.\s*$/m);
  await workspace(env.page, 'runInPane', 2, 'echo "bahasa=$PLAYGROUND_LANG"');
  await waitForPane(env.page, 2, /^bahasa=id\s*$/m);
});

test('a refusal from the server comes in Indonesian', async () => {
  const other = await env.page
    .context()
    .browser()!
    .newContext({ viewport: { width: 1366, height: 800 } });
  try {
    await other.addInitScript(inIndonesian);
    const page = await other.newPage();
    await page.goto(env.pg.url + '/#/play');
    await page.locator('playground-app [data-action="start"]').first().click();
    const card = page.locator('playground-app [role="alert"], playground-app .error');
    await page.locator('playground-app[data-session-state="error"]').waitFor({ timeout: 30_000 });
    assert.match(
      (await card.first().textContent()) ?? '',
      /Anda sudah menjalankan 1 sandbox\. Akhiri salah satu sebelum memulai yang lain\./,
    );
    await page.screenshot({ path: `${SHOTS}/id-refusal.png` });
  } finally {
    await other.close();
  }
});

test('a lost sandbox is told in Indonesian, and one click brings it back', async () => {
  const lesson = (await env.pg.sandboxes.list()).find(
    (r) => r.lessonId === 'docker-networks' && r.host === 'node1' && r.running,
  );
  assert.ok(lesson, "the lesson's sandbox is running");
  await (await env.pg.sandboxes.container(lesson.sessionId, 'node1'))!.remove({ force: true, v: true });
  // Removing a running container stops it first: the engine tells of its end before its removal.
  // Every pane of the host says so; the one in front is the one on screen.
  const reason = env.page.locator('terminal-workspace .placeholder.bad .err:visible').first();
  await reason.waitFor({ timeout: 30_000 });
  assert.match(
    (await reason.textContent())?.trim() ?? '',
    /^Sandbox node1 berhenti \(kode keluar \d+\)\. Mulai ulang untuk mendapat yang baru\.$/,
  );
  await env.page.screenshot({ path: `${SHOTS}/id-sandbox-lost.png` });
  // One click on the pane's Restart: a new sandbox, and the pane has a shell on it again.
  await env.page
    .locator('terminal-workspace .placeholder.bad [data-action="restart-host"]:visible')
    .first()
    .click();
  // Typing into the pane is refused, with the reason, until the new sandbox is ready.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const typed = await workspace(
      env.page,
      'runInPane',
      1,
      'docker info --format "kembali={{.ServerVersion}}"',
    )
      .then(() => true)
      .catch((err: Error) => {
        if (Date.now() > deadline) throw err;
        return false;
      });
    if (typed) break;
    await env.page.waitForTimeout(500);
  }
  await waitForPane(env.page, 1, /^kembali=\d+/m, 60_000);
});
