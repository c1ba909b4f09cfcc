// Katacoda and Killercoda write their buttons as markers after code: {{execute}}, {{exec}},
// {{execute T2}}, {{execute interrupt}}, {{copy}}, {{open}} and others. This turns them into
// the markers the lesson Markdown parser knows ({{exec}}, {{exec T2}}, {{exec interrupt}},
// {{copy}}) and names what cannot work here. Lines are never added or removed, so every
// problem keeps the line of the scenario's file.
import type { Finding, Severity } from '../problems.js';

export interface TranslatedMarkdown {
  markdown: string;
  problems: Finding[];
  /** Highest terminal number an {{exec Tn}} uses (1 when none does). */
  panes: number;
}

const MARKER = /\{\{\s*([^{}\n]*?)\s*\}\}/g;
const PLACEHOLDER = /\[\[\s*(HOST\d*_SUBDOMAIN|KATACODA_HOST|HOST\d*_IP|KATACODA_DOMAIN)\s*\]\]/g;

/** Rewrites one marker's words; null drops the marker (the code stays as plain code). */
function translateMarker(
  words: string[],
  report: (message: string, severity: Severity) => void,
  hostCount: number,
): { marker: string | null; pane?: number } {
  const [action, ...options] = words;
  if (action === 'copy') return { marker: '{{copy}}' };
  if (action === 'open') {
    report(
      '{{open}} opens a file in an editor, which the playground does not have; shown as code',
      'warning',
    );
    return { marker: null };
  }
  if (action !== 'execute' && action !== 'exec') return { marker: `{{${words.join(' ')}}}` };
  const kept: string[] = [];
  let pane = 1;
  for (const option of options) {
    const host = /^HOST(\d+)$/i.exec(option);
    const terminal = /^T(\d+)$/i.exec(option);
    if (host) {
      const n = Number(host[1]);
      if (n > hostCount)
        report(
          `{{${words.join(' ')}}} runs on another machine; this scenario has ${hostCount} here`,
          'error',
        );
      else if (hostCount > 1) {
        // A scenario with several machines gets one pane per machine, in order.
        pane = n;
        kept.push(`T${n}`);
      }
    } else if (terminal) {
      pane = Number(terminal[1]);
      kept.push(`T${pane}`);
    } else if (option === 'interrupt') kept.push('interrupt');
    else if (option === 'no-newline') {
      report(
        '{{execute no-newline}} types without Enter, which the playground cannot do; made a copy button',
        'warning',
      );
      return { marker: '{{copy}}' };
    } else if (option === 'ctrl-seq') {
      report(
        '{{execute ctrl-seq}} sends a control key, which the playground cannot do; shown as code',
        'warning',
      );
      return { marker: null };
    } else {
      report(`unknown option "${option}" in {{${words.join(' ')}}}; ignored`, 'warning');
    }
  }
  return { marker: `{{${['exec', ...kept].join(' ')}}}`, pane };
}

const ACTIONS = ['execute', 'exec', 'copy', 'open'] as const;

/**
 * The marker's action, also when misspelt by one or two letters ({{exeute}}, {{excute}}):
 * authors' typos are common in published scenarios, and a button is what they meant.
 * Null for anything else.
 */
function knownAction(word: string): (typeof ACTIONS)[number] | null {
  const lower = word.toLowerCase();
  if (!/^[a-z]{3,12}$/.test(lower)) return null;
  const exact = ACTIONS.find((a) => a === lower);
  if (exact) return exact;
  const near = ACTIONS.filter((a) => a.length >= 5 && editDistance(a, lower) <= 2);
  return near[0] ?? null;
}

/** Levenshtein distance of two short words (at most 12 letters, so the table stays tiny). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** `hostCount`: the machines the scenario has (its panes 1..n are on them, in order). */
export function translateMarkdown(markdown: string, hostCount = 1): TranslatedMarkdown {
  const problems: Finding[] = [];
  let panes = 1;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out = lines.map((text, i) => {
    const line = i + 1;
    const report = (message: string, severity: Severity) => problems.push({ line, message, severity });
    for (const m of text.matchAll(PLACEHOLDER)) {
      report(
        `${m[0]} (a Katacoda address placeholder) has no value here; open published ports from the playground instead`,
        'warning',
      );
    }
    return text.replace(MARKER, (whole, inner: string, offset: number) => {
      const words = inner.split(/\s+/).filter(Boolean);
      if (/^TRAFFIC_/.test(words[0] ?? '')) {
        report(
          `${whole} (a Killercoda traffic address) has no value here; open published ports from the playground instead`,
          'warning',
        );
        return whole;
      }
      const action = knownAction(words[0] ?? '');
      // A marker follows code (`...`{{exec}}); braces elsewhere are text, such as a Go
      // template in `docker inspect --format '{{.Name}}'`.
      if (!action) {
        if (text[offset - 1] !== '`') return whole;
        report(`unknown marker ${whole}; the code before it is shown as code`, 'warning');
        return '';
      }
      if (action !== words[0])
        report(`${whole}: read as {{${action}}} (a misspelt marker Killercoda would not run)`, 'warning');
      const { marker, pane } = translateMarker([action, ...words.slice(1)], report, hostCount);
      if (pane) panes = Math.max(panes, pane);
      return marker ?? '';
    });
  });
  return { markdown: out.join('\n'), problems, panes };
}
