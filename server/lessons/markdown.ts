// The structure of a lesson's language file: front matter, the `## ` sections that hold the
// steps, and the `> [!hint]` blockquotes in them (the text itself is parsed in
// markdown-blocks.ts). Line numbers are 1-based and count from the top of the file, so problems
// can point at the line an author has to change.
import { closeFence, openFence, type Fence } from './markdown-fences.js';

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

const HEADING_2 = /^ {0,3}## +(.*?)(?:\s+#+)?\s*$|^ {0,3}##\s*$/;
const ID_MARKER = /\s*\{#([^}\s]*)\}\s*$/;

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
