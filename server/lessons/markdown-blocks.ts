// Lesson Markdown as the blocks the page renders: the Katacoda/Killercoda-style markers
// ({{exec}}, {{exec T2}}, {{exec interrupt}}, {{copy}}) after code become commands with buttons,
// as command blocks after a fence or inside a Markdown block after inline code. Line numbers
// count from the top of the file, so problems point at the line an author has to change.
import type { Block, Command, InlineCommand } from '../../common/lesson.js';
import { normalizeNewlines } from './markdown.js';
import { closeFence, openFence, type Fence } from './markdown-fences.js';
import type { Located } from './problems.js';

/** A command found in text, with the line it was written on (for checks on its pane or image). */
export interface LocatedCommand {
  line: number;
  command: Command;
}

/** The result of parsing one marker such as `{{exec T2}}`. */
export type MarkerResult = { ok: true; command: (text: string) => Command } | { ok: false; error: string };

/**
 * Parses a marker: `{{exec}}` / `{{execute}}` with any of `T<n>` (pane n, default 1) and
 * `interrupt` (Ctrl-C first), or `{{copy}}`.
 */
export function parseMarker(marker: string): MarkerResult {
  const inner = /^\{\{(.*)\}\}$/.exec(marker.trim())?.[1];
  const words = (inner ?? '').trim().split(/\s+/).filter(Boolean);
  const [action, ...options] = words;
  if (action === 'copy') {
    if (options.length) return { ok: false, error: `${marker} takes no options` };
    return { ok: true, command: (text) => ({ action: 'copy', text }) };
  }
  if (action !== 'exec' && action !== 'execute') {
    return {
      ok: false,
      error: `unknown marker ${marker} (use {{exec}}, {{exec T2}}, {{exec interrupt}} or {{copy}})`,
    };
  }
  let pane: number | null = null;
  let interrupt = false;
  for (const option of options) {
    const t = /^T(\d+)$/i.exec(option);
    if (t && pane === null) pane = Number(t[1]);
    else if (option === 'interrupt' && !interrupt) interrupt = true;
    else return { ok: false, error: `unknown or repeated option "${option}" in ${marker}` };
  }
  if (pane === 0) return { ok: false, error: `${marker}: panes are numbered from T1` };
  const p = pane ?? 1;
  return { ok: true, command: (text) => ({ action: 'exec', text, pane: p, interrupt }) };
}

export interface ParsedBlocks {
  blocks: Block[];
  commands: LocatedCommand[];
  problems: Located[];
}

const MARKER_AT = /^\{\{[^{}\n]*\}\}/;

/** Inline Markdown being scanned: the position, its line, and the text copied so far. */
interface InlineScan {
  markdown: string;
  i: number;
  line: number;
  result: string;
}

/** A code span, with the marker right after it if any. */
interface CodeSpan {
  code: string;
  /** Line the span starts on. */
  line: number;
  marker: string | undefined;
}

/** Scans inline Markdown for code spans; a marker right after one makes it a command. */
function parseInline(
  markdown: string,
  firstLine: number,
  out: ParsedBlocks,
): { markdown: string; commands: InlineCommand[] } {
  const commands: InlineCommand[] = [];
  const s: InlineScan = { markdown, i: 0, line: firstLine, result: '' };
  let codeIndex = 0;
  while (s.i < markdown.length) {
    const c = markdown[s.i];
    if (c === '\\' && s.i + 1 < markdown.length && markdown[s.i + 1] !== '\n') {
      s.result += markdown.slice(s.i, s.i + 2);
      s.i += 2;
      continue;
    }
    if (c === '\n') s.line++;
    if (c === '`') {
      const span = scanCodeSpan(s);
      if (!span) continue;
      const command = span.marker ? markedCommand(span.marker, span.code, span.line, out) : null;
      if (command) {
        commands.push({ codeIndex, command });
        out.commands.push({ line: span.line, command });
      }
      codeIndex++;
      continue;
    }
    if (c === '{' && markdown[s.i + 1] === '{') reportStrayMarker(markdown.slice(s.i), s.line, out);
    s.result += c;
    s.i++;
  }
  return { markdown: s.result, commands };
}

/**
 * Copies the code span starting at the scan's backtick, and the marker after it, past the
 * scan; null when no run of as many backticks closes it (the backticks are then text).
 */
function scanCodeSpan(s: InlineScan): CodeSpan | null {
  let run = 1;
  while (s.markdown[s.i + run] === '`') run++;
  const close = closingRun(s.markdown, s.i + run, run);
  if (close < 0) {
    s.result += s.markdown.slice(s.i, s.i + run);
    s.i += run;
    return null;
  }
  const span = s.markdown.slice(s.i, close + run);
  const line = s.line;
  s.line += (span.match(/\n/g) ?? []).length;
  s.result += span;
  s.i = close + run;
  const marker = MARKER_AT.exec(s.markdown.slice(s.i))?.[0];
  if (marker) s.i += marker.length;
  return { code: spanCode(span, run), line, marker };
}

/** Where a run of exactly `run` backticks starts, from `from` on; -1 when there is none. */
function closingRun(markdown: string, from: number, run: number): number {
  let j = from;
  while (j < markdown.length) {
    if (markdown[j] !== '`') {
      j++;
      continue;
    }
    let r = 1;
    while (markdown[j + r] === '`') r++;
    if (r === run) return j;
    j += r;
  }
  return -1;
}

/** A span's code as CommonMark reads it: newlines as spaces, one space off each end if both have one. */
function spanCode(span: string, run: number): string {
  const text = span.slice(run, span.length - run).replace(/\n/g, ' ');
  return /^ .*[^ ].* $/.test(text) ? text.slice(1, -1) : text;
}

/** The command `marker` makes of inline code, or null with the problem reported. */
function markedCommand(marker: string, code: string, line: number, out: ParsedBlocks): Command | null {
  const parsed = parseMarker(marker);
  if (!parsed.ok) out.problems.push({ line, message: parsed.error });
  else if (!code.trim()) out.problems.push({ line, message: `${marker} follows empty code` });
  else return parsed.command(code);
  return null;
}

/** A marker after no code does nothing: reported, so the author moves it. */
function reportStrayMarker(rest: string, line: number, out: ParsedBlocks): void {
  const marker = MARKER_AT.exec(rest)?.[0];
  if (marker && parseMarker(marker).ok) {
    out.problems.push({
      line,
      message: `${marker} must follow inline code (\`cmd\`${marker}) or a closing code fence`,
    });
  }
}

/** Drops blank lines at both ends. */
function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]?.trim()) start++;
  while (end > start && !lines[end - 1]?.trim()) end--;
  return lines.slice(start, end);
}

/**
 * Turns Markdown into blocks: fenced code followed by a marker (```` ```{{exec}} ````) becomes a
 * command block; inline code followed by one (`` `docker ps`{{exec}} ``) stays in its Markdown
 * block and is listed in that block's `commands`.
 */
export function parseBlocks(markdown: string, firstLine: number): ParsedBlocks {
  return new BlockParser(normalizeNewlines(markdown).split('\n'), firstLine).parse();
}

/** Reads lines into blocks: text gathers until a command block or the end closes it. */
class BlockParser {
  readonly out: ParsedBlocks = { blocks: [], commands: [], problems: [] };
  /** Text lines not yet made into a Markdown block, and the line of the first. */
  private pending: { lines: string[]; line: number } | null = null;

  constructor(
    private readonly lines: readonly string[],
    private readonly firstLine: number,
  ) {}

  parse(): ParsedBlocks {
    let i = 0;
    while (i < this.lines.length) {
      const fence = openFence(this.lines[i] ?? '');
      i = fence ? this.fenced(i, fence) : this.addText(i, i);
    }
    this.flush();
    return this.out;
  }

  /** Lines `from` to `to` as text; returns the index after them. */
  private addText(from: number, to: number): number {
    for (let k = from; k <= to; k++) {
      if (!this.pending) this.pending = { lines: [], line: this.firstLine + k };
      this.pending.lines.push(this.lines[k] ?? '');
    }
    return to + 1;
  }

  /** The pending text as a Markdown block (unless it is blank). */
  private flush(): void {
    if (!this.pending) return;
    const { lines, line } = this.pending;
    // Count the leading blank lines trimBlankLines drops, to keep line numbers right.
    let lead = 0;
    while (lead < lines.length && !lines[lead]?.trim()) lead++;
    const kept = trimBlankLines(lines);
    if (kept.length) {
      const inline = parseInline(kept.join('\n'), line + lead, this.out);
      this.out.blocks.push({ kind: 'markdown', markdown: inline.markdown, commands: inline.commands });
    }
    this.pending = null;
  }

  /**
   * The fenced code opening at `start`: with a marker after its closing fence a command block,
   * else text. Returns the index after it.
   */
  private fenced(start: number, fence: Fence): number {
    const openLine = this.firstLine + start;
    if (/\{\{[^{}]*\}\}/.test(fence.info)) {
      this.out.problems.push({
        line: openLine,
        message: 'put the marker after the closing fence (```{{exec}}), not after the opening one',
      });
    }
    const close = this.closing(start + 1, fence);
    if (!close) {
      this.out.problems.push({ line: openLine, message: 'code block is never closed' });
      return this.addText(start, this.lines.length - 1);
    }
    if (!close.marker) return this.addText(start, close.index);
    this.flush();
    const code = this.lines
      .slice(start + 1, close.index)
      .map((l) => l.replace(new RegExp(`^ {0,${fence.indent}}`), ''))
      .join('\n');
    this.commandBlock(close.marker, code, fence, openLine, this.firstLine + close.index);
    return close.index + 1;
  }

  /** The fence that closes `fence`, from line index `from` on, with its marker ('' for none). */
  private closing(from: number, fence: Fence): { index: number; marker: string } | null {
    for (let j = from; j < this.lines.length; j++) {
      const marker = closeFence(this.lines[j] ?? '', fence);
      if (marker !== null) return { index: j, marker };
    }
    return null;
  }

  private commandBlock(
    marker: string,
    code: string,
    fence: Fence,
    openLine: number,
    closeLine: number,
  ): void {
    const parsed = parseMarker(marker);
    if (!parsed.ok) this.out.problems.push({ line: closeLine, message: parsed.error });
    else if (!code.trim())
      this.out.problems.push({ line: openLine, message: `${marker} follows an empty code block` });
    else {
      const command = parsed.command(code.replace(/\n+$/, ''));
      const lang = fence.info.split(/\s+/)[0];
      this.out.blocks.push({ kind: 'command', ...(lang ? { lang } : {}), command });
      this.out.commands.push({ line: openLine, command });
    }
  }
}
