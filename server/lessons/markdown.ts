// The Markdown side of a lesson file: front matter, the `## ` sections that hold the steps, and
// the Katacoda/Killercoda-style markers ({{exec}}, {{exec T2}}, {{exec interrupt}}, {{copy}}) on
// code, turned into blocks the page can render with buttons. Line numbers are 1-based and count
// from the top of the file, so problems can point at the line an author has to change.
import type { Block, Command, InlineCommand } from '../../common/lesson.js';

export interface Located {
  line: number;
  message: string;
}

/** A command found in text, with the line it was written on (for checks on its pane or image). */
export interface LocatedCommand {
  line: number;
  command: Command;
}

export interface FrontMatter {
  /** The YAML between the `---` lines; null when the file has no front matter. */
  yaml: string | null;
  /** Line of the YAML's first line. */
  yamlLine: number;
  body: string;
  /** Line of the body's first line. */
  bodyLine: number;
}

/** Line endings as "\n" only. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Splits `---`-delimited YAML front matter from the Markdown body. */
export function splitFrontMatter(source: string): FrontMatter {
  const text = normalizeNewlines(source).replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { yaml: null, yamlLine: 1, body: text, bodyLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return { yaml: null, yamlLine: 1, body: text, bodyLine: 1 };
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

export interface Section {
  /** The heading's text without its `{#id}` marker. */
  title: string;
  /** From the `{#id}` marker, or else the heading text as a slug. */
  id: string;
  /** Whether the id came from a `{#id}` marker. */
  explicitId: boolean;
  /** Line of the `## ` heading. */
  line: number;
  /** Markdown under the heading, up to the next `## ` heading. */
  markdown: string;
  /** Line of the Markdown's first line. */
  markdownLine: number;
}

export interface Sections {
  /** Markdown before the first `## ` heading. */
  intro: { markdown: string; line: number };
  sections: Section[];
}

/** "Ping by name!" -> "ping-by-name". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING_2 = /^ {0,3}## +(.*?)(?:\s+#+)?\s*$|^ {0,3}##\s*$/;
const ID_MARKER = /\s*\{#([^}\s]*)\}\s*$/;

interface Fence {
  indent: number;
  char: string;
  length: number;
  info: string;
}

function openFence(line: string): Fence | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const fence = m[2] ?? '';
  const info = (m[3] ?? '').trim();
  // A backtick fence's info string may not hold a backtick (CommonMark).
  if (fence.startsWith('`') && info.includes('`')) return null;
  return { indent: (m[1] ?? '').length, char: fence[0] ?? '`', length: fence.length, info };
}

/** A closing fence, optionally followed by a marker: returns the marker text ('' for none). */
function closeFence(line: string, fence: Fence): string | null {
  const m = /^ {0,3}(`{3,}|~{3,})\s*(\{\{.*\}\})?\s*$/.exec(line);
  if (!m) return null;
  const chars = m[1] ?? '';
  if (chars[0] !== fence.char || chars.length < fence.length) return null;
  return m[2] ?? '';
}

/** Splits a Markdown body into the intro and its `## ` sections (headings in code are text). */
export function splitSections(body: string, bodyLine: number): Sections {
  const lines = body.split('\n');
  const introLines: string[] = [];
  const sections: Section[] = [];
  let current: { section: Section; lines: string[] } | null = null;
  let fence: Fence | null = null;
  const finish = () => {
    if (current) sections.push({ ...current.section, markdown: current.lines.join('\n') });
  };
  lines.forEach((line, i) => {
    const lineNo = bodyLine + i;
    if (fence) {
      if (closeFence(line, fence) !== null) fence = null;
    } else {
      fence = openFence(line);
      const h = fence ? null : HEADING_2.exec(line);
      if (h) {
        finish();
        const raw = (h[1] ?? '').trim();
        const marker = ID_MARKER.exec(raw);
        const title = marker ? raw.slice(0, marker.index).trim() : raw;
        current = {
          section: {
            title,
            id: marker ? (marker[1] ?? '') : slugify(title),
            explicitId: marker !== null,
            line: lineNo,
            markdown: '',
            markdownLine: lineNo + 1,
          },
          lines: [],
        };
        return;
      }
    }
    (current ? current.lines : introLines).push(line);
  });
  finish();
  return { intro: { markdown: introLines.join('\n'), line: bodyLine }, sections };
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

/** Scans inline Markdown for code spans; a marker right after one makes it a command. */
function parseInline(
  markdown: string,
  firstLine: number,
  out: ParsedBlocks,
): { markdown: string; commands: InlineCommand[] } {
  const commands: InlineCommand[] = [];
  let result = '';
  let codeIndex = 0;
  let line = firstLine;
  let i = 0;
  const n = markdown.length;
  while (i < n) {
    const c = markdown[i];
    if (c === '\\' && i + 1 < n && markdown[i + 1] !== '\n') {
      result += markdown.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '\n') line++;
    if (c === '`') {
      let run = 1;
      while (markdown[i + run] === '`') run++;
      // Find a closing run of exactly the same length.
      let j = i + run;
      let close = -1;
      while (j < n) {
        if (markdown[j] === '`') {
          let r = 1;
          while (markdown[j + r] === '`') r++;
          if (r === run) {
            close = j;
            break;
          }
          j += r;
        } else j++;
      }
      if (close < 0) {
        result += markdown.slice(i, i + run);
        i += run;
        continue;
      }
      const span = markdown.slice(i, close + run);
      const startLine = line;
      line += (span.match(/\n/g) ?? []).length;
      result += span;
      i = close + run;
      const marker = MARKER_AT.exec(markdown.slice(i))?.[0];
      if (marker) {
        i += marker.length;
        let text = span.slice(run, span.length - run).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(text)) text = text.slice(1, -1);
        const parsed = parseMarker(marker);
        if (!parsed.ok) out.problems.push({ line: startLine, message: parsed.error });
        else if (!text.trim())
          out.problems.push({ line: startLine, message: `${marker} follows empty code` });
        else {
          const command = parsed.command(text);
          commands.push({ codeIndex, command });
          out.commands.push({ line: startLine, command });
        }
      }
      codeIndex++;
      continue;
    }
    if (c === '{' && markdown[i + 1] === '{') {
      const marker = MARKER_AT.exec(markdown.slice(i))?.[0];
      if (marker && parseMarker(marker).ok) {
        out.problems.push({
          line,
          message: `${marker} must follow inline code (\`cmd\`${marker}) or a closing code fence`,
        });
      }
    }
    result += c;
    i++;
  }
  return { markdown: result, commands };
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
  const out: ParsedBlocks = { blocks: [], commands: [], problems: [] };
  const lines = normalizeNewlines(markdown).split('\n');
  let pending: { lines: string[]; line: number } | null = null;
  const flush = () => {
    if (!pending) return;
    // Count the leading blank lines trimBlankLines drops, to keep line numbers right.
    let lead = 0;
    while (lead < pending.lines.length && !pending.lines[lead]?.trim()) lead++;
    const kept = trimBlankLines(pending.lines);
    if (kept.length) {
      const inline = parseInline(kept.join('\n'), pending.line + lead, out);
      out.blocks.push({ kind: 'markdown', markdown: inline.markdown, commands: inline.commands });
    }
    pending = null;
  };
  const addText = (text: string, line: number) => {
    if (!pending) pending = { lines: [], line };
    pending.lines.push(text);
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = openFence(line);
    if (!fence) {
      addText(line, firstLine + i);
      i++;
      continue;
    }
    const openLine = firstLine + i;
    if (/\{\{[^{}]*\}\}/.test(fence.info)) {
      out.problems.push({
        line: openLine,
        message: 'put the marker after the closing fence (```{{exec}}), not after the opening one',
      });
    }
    let j = i + 1;
    let marker: string | null = null;
    while (j < lines.length) {
      marker = closeFence(lines[j] ?? '', fence);
      if (marker !== null) break;
      j++;
    }
    if (marker === null) {
      out.problems.push({ line: openLine, message: 'code block is never closed' });
      for (; i < lines.length; i++) addText(lines[i] ?? '', firstLine + i);
      break;
    }
    const code = lines
      .slice(i + 1, j)
      .map((l) => l.replace(new RegExp(`^ {0,${fence.indent}}`), ''))
      .join('\n');
    if (!marker) {
      for (let k = i; k <= j; k++) addText(lines[k] ?? '', firstLine + k);
    } else {
      flush();
      const parsed = parseMarker(marker);
      if (!parsed.ok) out.problems.push({ line: firstLine + j, message: parsed.error });
      else if (!code.trim())
        out.problems.push({ line: openLine, message: `${marker} follows an empty code block` });
      else {
        const command = parsed.command(code.replace(/\n+$/, ''));
        const lang = fence.info.split(/\s+/)[0];
        out.blocks.push({ kind: 'command', ...(lang ? { lang } : {}), command });
        out.commands.push({ line: openLine, command });
      }
    }
    i = j + 1;
  }
  flush();
  return out;
}

export interface Hint {
  /** The hint's Markdown, without the `>` quoting. */
  markdown: string;
  /** Line of the `> [!hint]` marker; the Markdown's first line is this line too. */
  line: number;
}

const HINT_START = /^ {0,3}> ?\[!hint\][ \t]*(.*)$/i;
const QUOTED = /^ {0,3}> ?(.*)$/;

/**
 * Takes a step's hints out of its Markdown: each blockquote opening with `> [!hint]` is one
 * hint, shown after the ones before it. The rest is the step's text, with blank lines where the
 * hints were so line numbers stay right.
 */
export function extractHints(markdown: string, firstLine: number): { text: string; hints: Hint[] } {
  const lines = markdown.split('\n');
  const text: string[] = [];
  const hints: Hint[] = [];
  let fence: Fence | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (fence) {
      if (closeFence(line, fence) !== null) fence = null;
      text.push(line);
      i++;
      continue;
    }
    const start = HINT_START.exec(line);
    if (!start) {
      fence = openFence(line);
      text.push(line);
      i++;
      continue;
    }
    const body = [start[1] ?? ''];
    text.push('');
    i++;
    while (i < lines.length && QUOTED.test(lines[i] ?? '') && !HINT_START.test(lines[i] ?? '')) {
      body.push(QUOTED.exec(lines[i] ?? '')?.[1] ?? '');
      text.push('');
      i++;
    }
    hints.push({ markdown: body.join('\n'), line: firstLine + i - body.length });
  }
  return { text: text.join('\n'), hints };
}
