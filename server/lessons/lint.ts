// Checks the lessons and lists every problem as file:line: message.
// Usage: npx tsx server/lessons/lint.ts [lessons folder]   (exit status 1 on any error)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadOptions } from './folder-result.js';
import { loadLessons, LESSONS_DIR } from './loader.js';
import type { Problem } from './problems.js';

export interface LintResult {
  problems: Problem[];
  errors: number;
  warnings: number;
  /** Ids of the lessons without errors. */
  lessons: string[];
}

export async function lint(dir: string = LESSONS_DIR, options: LoadOptions = {}): Promise<LintResult> {
  const { lessons, problems } = await loadLessons(dir, options);
  return {
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    lessons: lessons.map((l) => l.id),
  };
}

/** "lessons/docker-networks/id.md:14: step "ping-by-name" has no text in Indonesian". */
export function formatProblem(problem: Problem, base: string = process.cwd()): string {
  const file = path.relative(base, problem.file) || problem.file;
  return `${file}:${problem.line}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'Usage: npx tsx server/lessons/lint.ts [lessons folder]\nChecks every lesson; exits 1 on any error.',
    );
    return 0;
  }
  const dir = args[0] ? path.resolve(args[0]) : LESSONS_DIR;
  const result = await lint(dir);
  for (const problem of result.problems) console.log(formatProblem(problem));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}; ` +
    `${plural(result.lessons.length, 'lesson')} ready${result.lessons.length ? `: ${result.lessons.join(', ')}` : ''}`;
  console.log(summary);
  return result.errors ? 1 : 0;
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
