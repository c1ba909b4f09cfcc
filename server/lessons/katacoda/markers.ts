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
      if (Number(host[1]) !== 1)
        report(`{{${words.join(' ')}}} runs on another machine; a scenario gets one host here`, 'error');
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

export function translateMarkdown(markdown: string): TranslatedMarkdown {
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
    return text.replace(MARKER, (whole, inner: string) => {
      const words = inner.split(/\s+/).filter(Boolean);
      if (/^TRAFFIC_/.test(words[0] ?? '')) {
        report(
          `${whole} (a Killercoda traffic address) has no value here; open published ports from the playground instead`,
          'warning',
        );
        return whole;
      }
      if (!['execute', 'exec', 'copy', 'open'].includes(words[0] ?? '')) return whole;
      const { marker, pane } = translateMarker(words, report);
      if (pane) panes = Math.max(panes, pane);
      return marker ?? '';
    });
  });
  return { markdown: out.join('\n'), problems, panes };
}
