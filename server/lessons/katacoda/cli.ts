// Reports what a Katacoda/Killercoda scenario becomes here, and optionally writes it as a
// native lesson folder.
// Usage: npx tsx server/lessons/katacoda/cli.ts <scenario-dir> [--out lessons/<id>] [--order N]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeCheck, type Check } from '../../../common/checks.js';
import { formatProblem } from '../lint.js';
import { loadLessonFolder } from '../loader.js';
import { importScenario, type ImportResult } from './import.js';
import { writeNativeLesson } from './native.js';

const USAGE = `Usage: npx tsx server/lessons/katacoda/cli.ts <scenario-dir> [--out lessons/<id>] [--order N]
Imports a Katacoda or Killercoda scenario folder (index.json), prints what it becomes and every
problem; with --out, writes it as a native lesson (lesson.yaml, en.md, assets/) and lints that.
Exits 1 when the scenario has errors.`;

function parseArgs(args: string[]): { dir?: string; out?: string; order?: number; help: boolean } {
  const result: { dir?: string; out?: string; order?: number; help: boolean } = { help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--help' || a === '-h') result.help = true;
    else if (a === '--out') result.out = args[++i];
    else if (a === '--order') result.order = Number(args[++i]);
    else if (!a.startsWith('-') && result.dir === undefined) result.dir = a;
    else throw new Error(`unknown argument "${a}"\n${USAGE}`);
  }
  if (result.order !== undefined && !Number.isInteger(result.order))
    throw new Error('--order needs a whole number');
  return result;
}

function checkLine(check: Check, result: ImportResult, stepId: string): string {
  if (check.type === 'manual') return 'no verify script: done once reached (manual check)';
  const verify = result.verify[stepId] ? 'verify script: exit status 0 passes, as on Killercoda' : 'script';
  return `${describeCheck(check)} (${verify})`;
}

export async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (options.help || !options.dir) {
    console.log(USAGE);
    return options.help ? 0 : 2;
  }
  const dir = path.resolve(options.dir);
  const id = options.out ? path.basename(path.resolve(options.out)) : undefined;
  const result = await importScenario(dir, {
    ...(id ? { id } : {}),
    ...(options.order !== undefined ? { order: options.order } : {}),
  });
  for (const p of result.problems) console.log(formatProblem(p));
  const { lesson } = result;
  if (!lesson) {
    console.log(
      `${result.problems.filter((p) => p.severity === 'error').length} error(s): the scenario cannot run here`,
    );
    return 1;
  }
  console.log(
    `\n${lesson.title.en} (${lesson.id}, order ${lesson.order}${lesson.minutes ? `, ${lesson.minutes} min` : ''})`,
  );
  console.log(`  panes: ${lesson.panes.length}; images: ${lesson.images.join(', ') || 'none'}`);
  for (const asset of lesson.assets ?? [])
    console.log(`  asset ${asset.path} -> ${asset.target}${asset.mode ? ` (chmod ${asset.mode})` : ''}`);
  lesson.steps.forEach((step, i) => {
    console.log(`  ${i + 1}. ${step.title.en} [${step.id}]`);
    for (const check of step.checks) console.log(`     check: ${checkLine(check, result, step.id)}`);
    console.log(`     commands: ${step.solution.length}, hints: ${step.hints.en.length}`);
    if (step.onStart?.background) console.log('     on start: background script');
    if (step.onStart?.foreground) console.log('     on start: foreground script typed into T1');
  });
  for (const notice of lesson.notices ?? []) console.log(`  notice: ${notice}`);

  if (options.out && result.text) {
    const out = path.resolve(options.out);
    const left = await writeNativeLesson(lesson, result.text, dir, out);
    console.log(`\nwrote ${path.relative(process.cwd(), out) || out}`);
    for (const l of left) console.log(`  not carried over: ${l}`);
    const check = await loadLessonFolder(out);
    for (const p of check.problems) console.log(formatProblem(p));
    console.log(
      check.lesson ? 'the written lesson lints clean' : 'the written lesson needs the edits listed above',
    );
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    },
  );
}
