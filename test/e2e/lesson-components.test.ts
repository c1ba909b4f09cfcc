// The lesson panel, the catalogue and the split view in a real Chromium, on a harness page
// (test/e2e/fixtures/lessons/) served by Vite, fed the real docker-networks lesson as the server
// parses it. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import type { LessonProgress, StepProgress } from '../../common/events';
import { localizeLesson, type Language, type Lesson, type LocalizedLesson } from '../../common/lesson';
import { summarize } from '../../server/lessons/catalogue';
import { LESSONS_DIR, loadLessonFolder } from '../../server/lessons/loader';
import { parseBlocks } from '../../server/lessons/markdown-blocks';
import { launchChromium } from '../support/browser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results');
const HARNESS = '/test/e2e/fixtures/lessons/index.html';

let vite: ViteDevServer;
let browser: Browser;
let page: Page;
let lesson: Lesson;
let baseUrl: string;

interface Recorded {
  type: string;
  detail: unknown;
}

async function loadDockerNetworks(): Promise<Lesson> {
  const result = await loadLessonFolder(path.join(LESSONS_DIR, 'docker-networks'));
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'docker-networks parses without errors');
  assert.ok(result.lesson);
  return result.lesson;
}

const en = (): LocalizedLesson => localizeLesson(lesson, 'en');

function progressOf(
  states: Record<string, StepProgress['state'] | [StepProgress['state'], string]>,
): LessonProgress {
  return {
    lessonId: lesson.id,
    steps: lesson.steps.map((s) => {
      const v = states[s.id] ?? 'pending';
      return Array.isArray(v) ? { stepId: s.id, state: v[0], reason: v[1] } : { stepId: s.id, state: v };
    }),
  };
}

/** Sets the panel's properties in the page (JSON-safe values). */
async function setPanel(props: {
  lesson?: LocalizedLesson | null;
  progress?: LessonProgress | null;
  loadState?: string;
  loadError?: string;
  activeStep?: number;
}): Promise<void> {
  await page.evaluate(async (p) => {
    const panel = document.querySelector('lesson-panel');
    if (!panel) throw new Error('no lesson-panel');
    const values = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === null ? undefined : v]));
    Object.assign(panel, values);
    await panel.updateComplete;
  }, props);
}

async function events(type?: string): Promise<Recorded[]> {
  const all = await page.evaluate(() => window.harness.events as Recorded[]);
  return type ? all.filter((e) => e.type === type) : all;
}

async function clearEvents(): Promise<void> {
  await page.evaluate(() => {
    window.harness.events.length = 0;
  });
}

async function openHarness(width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(baseUrl + HARNESS);
  // The harness module may still be on its way from the dev server (slow on a busy machine).
  await page.waitForFunction(() => window.harness !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.harness.ready);
  await page.evaluate(() => localStorage.clear());
  await page.evaluate(() => window.harness.setLanguage('en'));
  await page.evaluate(() => window.harness.show('panel'));
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `lessons-${name}.png`) });

before(async () => {
  lesson = await loadDockerNetworks();
  vite = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    optimizeDeps: { entries: ['test/e2e/fixtures/lessons/harness.ts'] },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  assert.ok(address && typeof address === 'object');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  page = await context.newPage();
  // No transitions: what the test reads is the final look.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  fs.mkdirSync(SHOTS, { recursive: true });
  await openHarness(1366, 800);
});

after(async () => {
  await browser?.close();
  await vite?.close();
});

describe('lesson panel', () => {
  test('shows loading, then a load error with a retry', async () => {
    await setPanel({ lesson: null, loadState: 'loading' });
    await page.locator('lesson-panel[data-load-state="loading"] .state-card.loading').waitFor();
    await setPanel({ loadState: 'error', loadError: 'The server did not answer.' });
    const error = page.locator('[data-lesson-error]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /The server did not answer\./);
    await shot('load-error');
    await clearEvents();
    await page.locator('[data-action="retry-lesson"]').click();
    assert.equal((await events('retry-lesson')).length, 1);
  });

  test('opens on the overview with every step listed', async () => {
    await setPanel({ lesson: en(), progress: null, loadState: 'ready' });
    await page.locator('[data-page="overview"]').waitFor();
    assert.equal(await page.locator('.toc-item').count(), lesson.steps.length);
    assert.equal(await page.locator('.count').textContent(), `0/${lesson.steps.length}`);
    await shot('overview-1366');
  });

  test('clicking a command fires run-command with that command, and the block shows it ran', async () => {
    await clearEvents();
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-page="step"][data-step-id="create-network"]').waitFor();
    assert.deepEqual(
      (await events('step-change')).map((e) => e.detail),
      [{ index: 0, stepId: 'create-network' }],
    );
    await page.locator('.cmd.exec button').first().click();
    assert.deepEqual(
      (await events('run-command')).map((e) => e.detail),
      [{ action: 'exec', text: 'docker network create backend-network', pane: 1, interrupt: false }],
    );
    await page.locator('.cmd.flash').first().waitFor();
    await shot('step-1366');
  });

  test('Check fires check-step; progress turns the step green and offers the next step without moving', async () => {
    await clearEvents();
    await page.locator('[data-action="check"]').click();
    assert.deepEqual(
      (await events('check-step')).map((e) => e.detail),
      [{ stepId: 'create-network' }],
    );
    await page.locator('[data-status="checking"]').waitFor();

    await setPanel({ progress: progressOf({ 'create-network': 'passed' }) });
    await page.locator('[data-step-dot="create-network"][data-state="passed"]').waitFor();
    await page.locator('[data-status="passed"]').waitFor();
    assert.equal(await page.locator('.count').textContent(), `1/${lesson.steps.length}`);
    assert.equal(
      await page.locator('lesson-panel').getAttribute('active-step'),
      '0',
      'the panel stays on the step that passed',
    );
    const color = await page
      .locator('[data-step-dot="create-network"]')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(color, 'rgb(35, 134, 54)', 'the passed dot is green');
    await shot('step-passed-1366');
    await page.locator('[data-action="next-step"]').click();
    await page.locator('[data-page="step"][data-step-id="run-on-network"]').waitFor();
  });

  test('a failed step shows its reason calmly, a checking step a spinner', async () => {
    await setPanel({
      progress: progressOf({
        'create-network': 'passed',
        'run-on-network': ['failed', 'No container named redis is running.'],
      }),
    });
    const failed = page.locator('[data-status="failed"]');
    await failed.waitFor();
    assert.match((await failed.textContent()) ?? '', /No container named redis is running\./);
    await shot('step-failed-1366');
    await setPanel({ progress: progressOf({ 'create-network': 'passed', 'run-on-network': 'checking' }) });
    await page.locator('[data-step-dot="run-on-network"][data-state="checking"] .spinner').waitFor();
    await page.locator('[data-status="checking"]').waitFor();
  });

  test('hints unfold one at a time', async () => {
    const hints = lesson.steps[1]!.hints.en;
    assert.equal(hints.length, 2);
    assert.equal(await page.locator('.hint').count(), 0);
    const button = page.locator('[data-action="hint"]');
    assert.match((await button.textContent()) ?? '', /Show a hint/);
    await button.click();
    await page.locator('.hint[data-hint="1"]').waitFor();
    assert.equal(await page.locator('.hint').count(), 1);
    assert.match(
      (await page.locator('.hint[data-hint="1"] .md').textContent()) ?? '',
      /--net=backend-network/,
    );
    assert.match((await button.textContent()) ?? '', /Another hint/);
    await button.click();
    await page.locator('.hint[data-hint="2"]').waitFor();
    assert.equal(await page.locator('.hint').count(), 2);
    assert.equal(await button.count(), 0, 'no button once every hint is shown');
  });

  test('the solution opens on demand and its commands run', async () => {
    await clearEvents();
    await page.locator('[data-solution] summary').click();
    await page.locator('[data-solution] .cmd.exec button').first().click();
    assert.deepEqual(
      (await events('run-command')).map((e) => e.detail),
      [
        {
          action: 'exec',
          text: 'docker run -d --name=redis --net=backend-network redis',
          pane: 1,
          interrupt: false,
        },
      ],
    );
    await shot('hints-solution-1366');
  });

  test('when every step passes, a finish card leads back to the catalogue', async () => {
    const all = Object.fromEntries(lesson.steps.map((s) => [s.id, 'passed' as const]));
    await setPanel({ progress: progressOf(all), activeStep: lesson.steps.length - 1 });
    const finish = page.locator('[data-page="step"] [data-finish]');
    await finish.waitFor();
    await shot('finished-1366');
    await clearEvents();
    await page.locator('[data-action="finish-catalogue"]').click();
    assert.equal((await events('open-catalogue')).length, 1);
  });

  test('the language switch asks for Indonesian, and the panel speaks it', async () => {
    await clearEvents();
    await page.locator('lesson-panel [data-language="id"]').click();
    assert.deepEqual(
      (await events('language-change')).map((e) => e.detail),
      [{ language: 'id' }],
    );
    // The panel's own words switch at once; the lesson's text follows when the page fetches it.
    await page.locator('lesson-panel [data-language="id"][aria-pressed="true"]').waitFor();
    assert.match((await page.locator('lesson-panel .eyebrow').textContent()) ?? '', /Pelajaran/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
    await setPanel({ lesson: localizeLesson(lesson, 'id'), progress: progressOf({}) });
    assert.match((await page.locator('[data-action="check"]').textContent()) ?? '', /Periksa/);
  });

  test('a reload with progress lands on the first step not done', async () => {
    await setPanel({ lesson: null });
    await setPanel({
      lesson: en(),
      progress: progressOf({ 'create-network': 'passed', 'run-on-network': 'passed' }),
    });
    await page.locator('[data-page="step"][data-step-id="no-link-variables"]').waitFor();
  });
});

describe('inline commands and Markdown', () => {
  const md = [
    'Intro with `plain code`, a [link](https://docs.docker.com/), and a table:',
    '',
    '| Flag | Meaning |',
    '| --- | --- |',
    '| `--net` | the network |',
    '',
    '```',
    'an unmarked block with `backticks`',
    '```',
    '',
    'Run `docker ps -a`{{exec interrupt T2}} or copy `docker network ls`{{copy}}.',
    '',
    '<script>window.pwned = true</script><img src=x onerror="window.pwned = true">',
    '',
    '```',
    'docker run --name=a-container-with-a-rather-long-name --net=backend-network --env SOME_VARIABLE=some-long-value alpine sh -c "echo hello"',
    '```{{exec}}',
  ].join('\n');

  const inlineLesson = (): LocalizedLesson => {
    const parsed = parseBlocks(md, 1);
    assert.deepEqual(parsed.problems, []);
    const base = en();
    return {
      ...base,
      id: 'inline-demo',
      panes: [{ host: 'docker' }, { host: 'docker' }],
      intro: parsed.blocks,
    };
  };

  test('inline code with a marker is the clickable command, with the right pane', async () => {
    await setPanel({ lesson: inlineLesson(), progress: null, activeStep: -1 });
    await page.locator('[data-page="overview"] .inline-cmd').first().waitFor();
    assert.equal(await page.locator('.inline-cmd').count(), 2);
    await clearEvents();
    await page.locator('.inline-cmd.exec').click();
    assert.deepEqual(
      (await events('run-command')).map((e) => e.detail),
      [{ action: 'exec', text: 'docker ps -a', pane: 2, interrupt: true }],
    );
    await page.locator('.inline-cmd[data-feedback="ran"]').waitFor();
  });

  test('copy puts the text on the clipboard and says so', async () => {
    await clearEvents();
    await page.locator('.inline-cmd.copy').click();
    await page.locator('.inline-cmd[data-feedback="copied"]').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'docker network ls');
    assert.deepEqual(await events('run-command'), [], 'copying runs nothing');
  });

  test('Markdown is sanitized and styled; long code scrolls inside its block', async () => {
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned), undefined);
    assert.equal(await page.locator('lesson-blocks script').count(), 0);
    assert.equal(await page.locator('lesson-blocks table td').count(), 2);
    assert.equal(
      await page.locator('lesson-blocks a[href="https://docs.docker.com/"]').getAttribute('target'),
      '_blank',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('split-view[narrow]').waitFor();
    const pre = page.locator('.cmd.exec pre').first();
    const { scroll, client, height } = await pre.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      height: el.clientHeight,
    }));
    // A long command wraps beside its button: all of it is seen, over several lines.
    assert.ok(scroll <= client + 1, `the long command fits its block (${scroll} <= ${client})`);
    assert.ok(height > 40, `the long command wraps onto more lines (${height}px high)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page itself does not scroll sideways (${overflow}px)`);
    await shot('markdown-390');
    await page.setViewportSize({ width: 1366, height: 800 });
  });
});

describe('split view', () => {
  const startWidth = () => page.locator('lesson-panel').evaluate((el) => el.getBoundingClientRect().width);

  test('dragging the divider resizes and is remembered; arrows move it; a double-click resets', async () => {
    await openHarness(1366, 800);
    await setPanel({ lesson: en(), progress: null, loadState: 'ready' });
    const initial = await startWidth();
    const divider = page.locator('split-view .divider');
    const box = await divider.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const dragged = await startWidth();
    assert.ok(dragged > initial + 150, `dragging widened the lesson (${initial} -> ${dragged})`);
    const stored = await page.evaluate(() => localStorage.getItem('docker-playground.split.harness'));
    assert.ok(stored && Number(stored) > 0.42);

    await page.reload();
    await page.evaluate(() => window.harness.show('panel'));
    assert.ok(Math.abs((await startWidth()) - dragged) <= 2, 'the size survives a reload');

    await divider.focus();
    await page.keyboard.press('ArrowLeft');
    assert.ok((await startWidth()) < dragged, 'ArrowLeft narrows the lesson');
    await divider.dblclick();
    assert.ok(Math.abs((await startWidth()) - initial) <= 2, 'a double-click resets');
  });

  test('on a phone the panes take turns, and running a command shows the terminal', async () => {
    await openHarness(390, 844);
    await setPanel({ lesson: en(), progress: progressOf({}), loadState: 'ready' });
    await page.locator('split-view[narrow][narrow-view="start"]').waitFor();
    await shot('overview-390');
    await page.locator('[data-action="start"]').click();
    await shot('step-390');
    await page.locator('.cmd.exec button').first().click();
    await page.locator('split-view[narrow-view="end"]').waitFor();
    assert.equal(await page.locator('#terminal').isVisible(), true);
    await shot('terminal-390');
    await page.locator('split-view [data-view="start"]').click();
    await page.locator('split-view[narrow-view="start"]').waitFor();
    await setPanel({ progress: progressOf({ 'create-network': 'passed' }) });
    await page.locator('[data-status="passed"]').waitFor();
    await shot('step-passed-390');
  });
});

describe('lesson catalogue', () => {
  const showCatalogue = async (
    language: Language,
    progress: Record<string, { done: number; total: number }>,
  ) => {
    const result = await Promise.all(
      ['docker-basics', 'container-links', 'docker-networks', 'voting-app'].map((id) =>
        loadLessonFolder(path.join(LESSONS_DIR, id)),
      ),
    );
    const summaries = result.flatMap((r) => (r.lesson ? [summarize(r.lesson)] : []));
    assert.ok(summaries.length >= 3);
    await page.evaluate(
      async ({ summaries, language, progress }) => {
        window.harness.show('catalogue');
        const cat = document.querySelector('lesson-catalogue');
        if (!cat) throw new Error('no lesson-catalogue');
        window.harness.setLanguage(language);
        Object.assign(cat, { lessons: summaries, progressByLesson: progress, loadState: 'ready' });
        await cat.updateComplete;
      },
      { summaries, language, progress },
    );
    return summaries;
  };

  test('cards show progress and open a lesson or free play', async () => {
    await openHarness(1366, 800);
    const summaries = await showCatalogue('en', {
      'docker-networks': { done: 3, total: lesson.steps.length },
      'docker-basics': { done: 99, total: 99 },
    });
    await page.locator('lesson-catalogue [data-lesson]').first().waitFor();
    assert.equal(await page.locator('lesson-catalogue [data-lesson]').count(), summaries.length);
    assert.equal(await page.locator('[data-lesson="docker-networks"]').getAttribute('data-done'), '3');
    assert.equal(
      await page.locator('[data-lesson="docker-basics"]').getAttribute('data-done'),
      '0',
      'a count for another version of the lesson is ignored',
    );
    await shot('catalogue-1366');
    await clearEvents();
    await page.locator('[data-lesson="docker-networks"]').click();
    await page.locator('lesson-catalogue [data-action="free-play"]').click();
    assert.deepEqual(await events(), [
      { type: 'open-lesson', detail: { lessonId: 'docker-networks' } },
      { type: 'free-play', detail: null },
    ]);
  });

  test('Indonesian, on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await showCatalogue('id', {});
    assert.match((await page.locator('lesson-catalogue h1').textContent()) ?? '', /Belajar Docker/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow}px)`);
    await shot('catalogue-390');
  });
});
