// `npm run lesson:test <folder>...`: tests lessons in real sandboxes (see lesson-test.ts) and
// prints a table per lesson; exits 1 when any step fails. A folder is one lesson's, or a folder
// of lessons (every lesson in it). The playground runs in this process as an instance of its
// own (`test-<pid>-lessons`), with a database of its own, and removes its sandboxes at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lesson } from '../../common/lesson.js';
import { startPlayground, type RunningPlayground } from '../app.js';
import { loadConfig } from '../config.js';
import { runSetup } from '../setup/index.js';
import { DockerSandboxShell } from '../validation/shell.js';
import { formatProblem } from './lint.js';
import { columns, lessonPassed, testLesson, type LessonReport, type StepReport } from './lesson-test.js';
import { loadLessons } from './loader.js';

interface Target {
  lesson: Lesson;
  folder: string;
}

const isLessonFolder = (dir: string) =>
  fs.existsSync(path.join(dir, 'lesson.yaml')) || fs.existsSync(path.join(dir, 'index.json'));

/** The lessons the arguments name; lint errors are printed and leave their lesson out. */
async function targets(args: string[]): Promise<{ found: Target[]; errors: number }> {
  const found: Target[] = [];
  let errors = 0;
  for (const arg of args) {
    const dir = path.resolve(arg);
    const single = isLessonFolder(dir);
    const root = single ? path.dirname(dir) : dir;
    const { lessons, problems } = await loadLessons(root);
    const mine = problems.filter((p) => !single || p.file.startsWith(dir + path.sep) || p.file === dir);
    for (const p of mine.filter((p) => p.severity === 'error')) console.log(formatProblem(p));
    errors += mine.filter((p) => p.severity === 'error').length;
    const picked = single ? lessons.filter((l) => l.id === path.basename(dir)) : lessons;
    if (single && !picked.length) {
      console.log(`${arg}: no lesson loaded from this folder`);
      errors++;
    }
    found.push(...picked.map((lesson) => ({ lesson, folder: path.join(root, lesson.id) })));
  }
  return { found, errors };
}

const HEADERS = ['step', 'fails before', 'none ahead', 'solution', 'passes after', 'texts agree'];

/** The report as a table, then the reason of each failure. */
export function formatReport(report: LessonReport): string {
  const rows = report.steps.map((s: StepReport) => [
    s.stepId,
    ...columns(s).map((o) => (o.ok ? 'ok' : 'FAIL')),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [`${report.lessonId}: ${lessonPassed(report) ? 'passed' : 'FAILED'}`, line(HEADERS)];
  out.push(...rows.map(line));
  if (report.error) out.push(`  error: ${report.error}`);
  for (const s of report.steps) {
    columns(s).forEach((o, i) => {
      if (!o.ok) out.push(`  ${s.stepId}, ${HEADERS[i + 1]}: ${o.why}`);
    });
  }
  return out.join('\n');
}

/** Tests one lesson in a fresh session of its own, removed afterwards. */
export async function testInSession(pg: RunningPlayground, target: Target): Promise<LessonReport> {
  const { session, token } = pg.sessions.create('lesson-test', { hosts: target.lesson.hosts });
  try {
    const sandbox = await pg.sessions.readySandbox(session.id, token, target.lesson.hosts[0]!);
    return await testLesson(target.lesson, sandbox, new DockerSandboxShell(sandbox), {
      folder: target.folder,
    });
  } catch (err) {
    return { lessonId: target.lesson.id, steps: [], error: (err as Error).message };
  } finally {
    await pg.sessions.end(session.id, token).catch(() => undefined);
  }
}

/** A playground of this run's own: its instance, a throwaway database, loopback only. */
export async function startLessonTestPlayground(): Promise<{ pg: RunningPlayground; done(): Promise<void> }> {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-test-'));
  const config = {
    ...loadConfig(),
    instance: `test-${process.pid}-lessons`,
    host: '127.0.0.1',
    port: 0,
    dbPath: path.join(dbDir, 'playground.db'),
  };
  const setup = await runSetup(config, () => undefined);
  const pg = await startPlayground(config, setup);
  return {
    pg,
    done: async () => {
      await pg.close();
      fs.rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

async function main(args: string[]): Promise<number> {
  if (!args.length || args.includes('--help') || args.includes('-h')) {
    console.log('Usage: npm run lesson:test <lesson folder | folder of lessons>...');
    return args.length ? 0 : 2;
  }
  const { found, errors } = await targets(args);
  if (!found.length) return 1;
  const { pg, done } = await startLessonTestPlayground();
  let failed = errors > 0;
  try {
    for (const target of found) {
      const report = await testInSession(pg, target);
      console.log(`${formatReport(report)}\n`);
      failed ||= !lessonPassed(report);
    }
  } finally {
    await done();
  }
  console.log(
    failed ? 'lesson:test FAILED' : `lesson:test passed: ${found.map((t) => t.lesson.id).join(', ')}`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 2;
    },
  );
}
