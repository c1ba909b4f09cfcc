// Writes an imported scenario in the playground's own format (lesson.yaml and en.md, see
// lessons/README.md), as a starting point an author then edits: translations, hints, checks.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Lesson } from '../../../common/lesson.js';
import { LESSON_FILE } from '../source.js';
import type { ImportedText } from './import.js';

/** `## ` headings inside a step would start a new step: one level down, outside code. */
export function demoteHeadings(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length))) {
        fence = fence === null ? f : null;
        return line;
      }
      return fence === null && /^ {0,3}##(?=\s|$)/.test(line) ? line.replace('##', '###') : line;
    })
    .join('\n');
}

const quote = (markdown: string) =>
  markdown
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

function hintFor(step: Lesson['steps'][number], answer: string | undefined): string {
  if (answer?.trim()) return `> [!hint]\n${quote(answer.trim())}`;
  if (!step.solution.length) return '> [!hint]\n> Nothing to run here: read the step, then continue.';
  const commands = step.solution.map((c) => `\`\`\`\n${c}\n\`\`\`{{exec}}`).join('\n\n');
  return `> [!hint]\n${quote(`Run these commands, in order:\n\n${commands}`)}`;
}

/**
 * Writes `lesson` into `outDir` (lesson.yaml, en.md, assets/), reading asset files from
 * `scenarioDir`. Returns what the native format does not carry.
 */
export async function writeNativeLesson(
  lesson: Lesson,
  text: ImportedText,
  scenarioDir: string,
  outDir: string,
): Promise<string[]> {
  const left: string[] = [];
  await mkdir(outDir, { recursive: true });
  for (const asset of lesson.assets ?? []) {
    await mkdir(path.dirname(path.join(outDir, asset.path)), { recursive: true });
    await copyFile(path.join(scenarioDir, asset.path), path.join(outDir, asset.path));
  }
  const source = {
    id: lesson.id,
    order: lesson.order,
    ...(lesson.minutes ? { minutes: lesson.minutes } : {}),
    hosts: lesson.hosts,
    panes: lesson.panes,
    images: lesson.images,
    languages: lesson.languages ?? ['en'],
    ...(lesson.notices ? { notices: lesson.notices } : {}),
    ...(lesson.assets ? { assets: lesson.assets } : {}),
    steps: lesson.steps.map((s) => ({
      id: s.id,
      checks: s.checks,
      solution: s.solution,
      ...(s.onStart ? { onStart: s.onStart } : {}),
    })),
  };
  const header = '# Imported from a Katacoda/Killercoda scenario; edit freely (see lessons/README.md).\n';
  await writeFile(path.join(outDir, LESSON_FILE), header + stringify(source, { lineWidth: 0 }));

  const front = stringify({ title: lesson.title.en, summary: lesson.summary.en }, { lineWidth: 0 });
  const parts = [`---\n${front}---\n`, demoteHeadings(text.intro).trim()];
  lesson.steps.forEach((step, i) => {
    const written = text.steps[i];
    parts.push(
      `## ${step.title.en} {#${step.id}}`,
      demoteHeadings(written?.markdown ?? '').trim(),
      hintFor(step, written?.answer),
    );
  });
  await writeFile(path.join(outDir, 'en.md'), parts.filter(Boolean).join('\n\n') + '\n');
  if (text.finish?.trim()) left.push('the finish text (the native format has no place for it yet)');
  return left;
}
