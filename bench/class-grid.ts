// The trainer's grid, for `npm run bench -- warm`: every learner of a class runs a lesson
// step's command at once; for each, the time from the command finishing in its shell (the
// prompt back in its terminal) to its cell turning done on the trainer's class socket, beside
// the same step's result reaching the learner's own events socket (the validator's answer,
// before the class view gathers and sends it). The lesson is quiet-step: a file written in
// the shell, which only the prompt hook's nudge re-checks, so no Docker event speeds it up.
import { DEFAULT_LANGUAGE } from '../common/lesson.js';
import { firstPaneId } from '../common/protocol.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreatedSession } from '../common/api.js';
import { cellKey } from '../common/workshop-live.js';
import type { RunningPlayground } from '../server/app.js';
import { TestClass } from '../test/support/class-client.js';
import { TestEvents } from '../test/support/events-client.js';
import { TestTerminal } from '../test/support/terminal-client.js';
import { median, type Record } from './figures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Lessons the class takes: the integration tests' fixtures. */
export const GRID_LESSONS_DIR = path.join(here, '..', 'test', 'integration', 'fixtures', 'lessons');
export const GRID_LESSON = 'quiet-step';
const STEP = 'write-greeting';
const COMMAND = 'echo hello > /root/greeting.txt';
const DONE_WITHIN_MS = 120_000;

export interface Seated {
  learnerId: string;
  session: CreatedSession;
}

/** One learner: type the command, then time its prompt, its own result and the trainer's cell. */
async function oneLearner(
  pg: RunningPlayground,
  trainer: TestClass,
  seated: Seated,
): Promise<{ grid: number; own: number }> {
  const { session, token } = seated.session;
  const page = await TestEvents.open(pg.url, session.id, token);
  const pane = firstPaneId(session.id, DEFAULT_LANGUAGE); // the page's first pane
  const term = await TestTerminal.open(pg.url, session.id, token, { pane });
  try {
    term.start();
    // The pane the join burst opened, replayed: its screen ends with the modes it restores.
    // eslint-disable-next-line no-control-regex -- the escape sequences a replayed screen ends with
    await term.waitFor(/[#$] (?:\x1b\[\?\d+[hl])*$/m, DONE_WITHIN_MS);
    const typedAt = term.outputBytes;
    const cell = cellKey(GRID_LESSON, STEP);
    const ownDone = page.waitFor(
      (e) => e.type === 'progress' && e.progress.steps.some((s) => s.stepId === STEP && s.state === 'passed'),
      DONE_WITHIN_MS,
    );
    const gridDone = trainer.row(seated.learnerId, (l) => l.cells[cell] === 'done', DONE_WITHIN_MS);
    const at = { own: 0, grid: 0 };
    void ownDone.then(() => (at.own = performance.now()));
    void gridDone.then(() => (at.grid = performance.now()));
    term.type(`${COMMAND}\r`);
    // The echoed command, then the next prompt: the command has finished in the shell.
    await term.waitForAfter(() => typedAt, new RegExp(`greeting\\.txt[\\s\\S]*[#$] $`, 'm'), DONE_WITHIN_MS);
    const finished = performance.now();
    await Promise.all([ownDone, gridDone]);
    return { grid: at.grid - finished, own: at.own - finished };
  } finally {
    term.close();
    page.close();
  }
}

/** Every learner at once; the grid's delay p50 and max beside the learner's own result. */
export async function benchClassGrid(
  pg: RunningPlayground,
  code: string,
  key: string,
  learners: Seated[],
  record: Record,
): Promise<void> {
  const trainer = await TestClass.open(pg.url, code, key);
  try {
    await trainer.waitFor((e) => e.type === 'class');
    // A learner whose sandbox failed is left out; the figures' names say how many were timed.
    const tries = learners.map((l) =>
      oneLearner(pg, trainer, l).catch((err: Error) => {
        console.log(`  learner ${l.learnerId} left out of the grid figures: ${err.message}`);
        return null;
      }),
    );
    const times = (await Promise.all(tries)).filter((t) => t !== null);
    if (!times.length) throw new Error("no learner's step turned done on the trainer's grid");
    const grid = times.map((t) => t.grid);
    const own = times.map((t) => t.own);
    const n = times.length;
    record({
      name: `trainer's grid delay p50, ${n} learners`,
      value: median(grid),
      unit: 'ms',
      baseline: { name: "learner's own result", value: median(own) },
    });
    record({
      name: `trainer's grid delay max, ${n} learners`,
      value: Math.max(...grid),
      unit: 'ms',
      baseline: { name: "learner's own result", value: Math.max(...own) },
    });
  } finally {
    trainer.close();
  }
}
