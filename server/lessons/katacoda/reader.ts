// A scenario folder being read: its Markdown and scripts, each checked for what a sandbox
// cannot do, with every problem kept at its file and line, and the images its commands use.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Block } from '../../../common/lesson.js';
import type { ImageUseAt } from '../image-checks.js';
import { imagesInCommand, imagesInDockerfileLines } from '../images.js';
import { parseBlocks } from '../markdown-blocks.js';
import { error, sortProblems, warning, type Finding, type Problem } from '../problems.js';
import type { LineOf } from './index-file.js';
import { translateMarkdown } from './markers.js';
import type { ScenarioPage } from './scenario.js';
import { checkScript } from './unsupported.js';

type At = readonly PropertyKey[];

/** A Markdown file of the scenario, with its markers translated. */
export interface ScenarioMarkdown {
  file: string;
  markdown: string;
  blocks: Block[];
}

/** A background or foreground script, named relative to the scenario folder. */
export interface ScenarioScript {
  file: string;
  script: string;
}

export interface PageScripts {
  background: ScenarioScript | null;
  foreground: ScenarioScript | null;
}

/**
 * Reads the files index.json names, relative to the scenario folder, and collects what they
 * hold that matters beyond their text: problems, image uses, the terminals the commands need.
 */
export class ScenarioReader {
  /** Images the commands and scripts use, in the order they were read. */
  readonly imageUses: ImageUseAt[] = [];
  /** Every file read so far (texts and scripts), to find where a step uses a missing asset. */
  readonly parts: { file: string; text: string }[] = [];
  /** Highest terminal number a command names (1 when none does). */
  paneCount = 1;
  /** The session hosts the scenario's machines become, in order (see import.ts). */
  hosts: readonly string[] = ['node1'];
  /** Problems with no line of their own, shown at line 1 but listed before those at line 1. */
  private readonly aboutWholeFile = new Set<Problem>();

  constructor(
    readonly folder: string,
    /** index.json, where the files are named. */
    readonly indexFile: string,
    /** The line in index.json of the value at a path. */
    readonly lineOf: LineOf,
    readonly problems: Problem[],
  ) {}

  /** An error; without a line, it is about the file as a whole. */
  fail(file: string, message: string, line?: number): void {
    this.add(error(file, line ?? 1, message), line === undefined);
  }

  warn(file: string, line: number, message: string): void {
    this.add(warning(file, line, message), false);
  }

  /** A warning about the file as a whole. */
  warnAboutFile(file: string, message: string): void {
    this.add(warning(file, 1, message), true);
  }

  /** Findings in `file`, whose lines count from line `lineOffset + 1`. */
  report(file: string, findings: readonly Finding[], lineOffset = 0): void {
    for (const f of findings) {
      const line = f.line === undefined ? 1 : f.line + lineOffset;
      this.add({ file, line, message: f.message, severity: f.severity }, f.line === undefined);
    }
  }

  /** By file, then line; in each file, the problems about the file as a whole come first. */
  sortedProblems(): Problem[] {
    const wholeFile = this.problems.filter((p) => this.aboutWholeFile.has(p));
    const atLines = this.problems.filter((p) => !this.aboutWholeFile.has(p));
    return sortProblems([...wholeFile, ...atLines]);
  }

  noteImages(text: string, file: string, line: number): void {
    for (const use of imagesInCommand(text)) this.imageUses.push({ ...use, file, line });
  }

  /** The images of Dockerfile FROM lines anywhere in a file (a heredoc, a code block). */
  noteDockerfileImages(text: string, file: string): void {
    for (const { image, line } of imagesInDockerfileLines(text))
      this.imageUses.push({ image, made: false, file, line });
  }

  /** A file of the scenario, or null (with an error at `at` in index.json) when it cannot be read. */
  async readPart(name: string, at: At): Promise<{ file: string; text: string } | null> {
    const file = path.resolve(this.folder, name);
    if (!isInside(this.folder, file)) {
      this.fail(this.indexFile, `"${name}" is outside the scenario folder`, this.lineOf(at));
      return null;
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) {
      this.fail(this.indexFile, `"${name}" does not exist in the scenario folder`, this.lineOf(at));
      return null;
    }
    const part = { file, text: text.replace(/\r\n?/g, '\n') };
    this.parts.push(part);
    return part;
  }

  /** A Markdown file as blocks, with markers translated and problems reported at their lines. */
  async readMarkdown(name: string, at: At): Promise<ScenarioMarkdown | null> {
    const part = await this.readPart(name, at);
    if (!part) return null;
    const translated = translateMarkdown(part.text, this.hosts.length);
    this.noteDockerfileImages(part.text, part.file);
    this.report(part.file, translated.problems);
    this.paneCount = Math.max(this.paneCount, translated.panes);
    const blocks = parseBlocks(translated.markdown, 1);
    for (const p of blocks.problems) this.fail(part.file, p.message, p.line);
    for (const { line, command } of blocks.commands) {
      if (command.action !== 'exec') continue;
      this.report(part.file, checkScript(command.text, 'warning', this.hosts), line - 1);
      this.noteImages(command.text, part.file, line);
    }
    return { file: part.file, markdown: translated.markdown, blocks: blocks.blocks };
  }

  /** A page's background and foreground scripts (with Katacoda's older names). */
  async readScripts(page: ScenarioPage, at: At): Promise<PageScripts> {
    return {
      background: await this.readScript(page, at, 'background', 'courseData'),
      foreground: await this.readScript(page, at, 'foreground', 'code'),
    };
  }

  private add(problem: Problem, aboutWholeFile: boolean): void {
    if (aboutWholeFile) this.aboutWholeFile.add(problem);
    this.problems.push(problem);
  }

  private async readScript(
    page: ScenarioPage,
    at: At,
    preferred: 'background' | 'foreground',
    older: 'courseData' | 'code',
  ): Promise<ScenarioScript | null> {
    const name = page[preferred] ?? page[older];
    if (page[preferred] && page[older]) {
      this.warn(
        this.indexFile,
        this.lineOf([...at, older]),
        `both "${preferred}" and "${older}" (its older name) are given; "${older}" is ignored`,
      );
    }
    if (!name) return null;
    const part = await this.readPart(name, [...at, page[preferred] ? preferred : older]);
    if (!part) return null;
    const script = this.dropLaunchSh(part.text, part.file);
    this.report(part.file, checkScript(script, 'error', this.hosts));
    this.noteImages(script, part.file, 1);
    this.noteDockerfileImages(script, part.file);
    return { file: path.relative(this.folder, part.file), script };
  }

  /** Katacoda's foreground scripts often start with `launch.sh` (a wait for its cluster): dropped, said. */
  private dropLaunchSh(script: string, file: string): string {
    return script
      .split('\n')
      .filter((line, i) => {
        if (line.trim() !== 'launch.sh') return true;
        this.warn(
          file,
          i + 1,
          "launch.sh (Katacoda's wait for its environment) is left out: the sandbox is ready when the lesson starts",
        );
        return false;
      })
      .join('\n');
  }
}

/** Whether `child` is inside `parent` (and not `parent` itself). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
