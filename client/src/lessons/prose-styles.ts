import { css } from 'lit';

/** Lesson text: headings, paragraphs, lists, tables, links, code and inline commands. */
export const proseStyles = css`
  .prose {
    font-size: 15px;
    line-height: 1.65;
    color: var(--text);
    overflow-wrap: break-word;
  }
  .prose .md > :first-child {
    margin-top: 0;
  }
  .prose .md > :last-child {
    margin-bottom: 0;
  }
  .prose .md + .md,
  .prose .cmd + .md {
    margin-top: 14px;
  }
  .prose p,
  .prose ul,
  .prose ol,
  .prose table,
  .prose blockquote {
    margin: 0 0 12px;
  }
  .prose h1,
  .prose h2,
  .prose h3,
  .prose h4 {
    margin: 22px 0 8px;
    line-height: 1.3;
    letter-spacing: -0.005em;
  }
  .prose h1 {
    font-size: 20px;
  }
  .prose h2 {
    font-size: 18px;
  }
  .prose h3 {
    font-size: 16px;
  }
  .prose h4 {
    font-size: 15px;
    color: var(--text-muted);
  }
  .prose ul,
  .prose ol {
    padding-left: 1.4em;
  }
  .prose li + li {
    margin-top: 4px;
  }
  .prose strong {
    font-weight: 650;
    color: #f3f6fa;
  }
  .prose em {
    color: #d6dee8;
  }
  .prose a {
    color: var(--accent-text);
    text-decoration: underline;
    text-decoration-color: rgba(88, 166, 255, 0.4);
    text-underline-offset: 2px;
  }
  .prose a:hover {
    text-decoration-color: currentColor;
  }
  .prose hr {
    border: 0;
    border-top: 1px solid var(--border);
    margin: 20px 0;
  }
  .prose blockquote {
    padding: 2px 0 2px 14px;
    border-left: 3px solid var(--border-strong);
    color: var(--text-muted);
  }
  .prose img {
    max-width: 100%;
    height: auto;
    border-radius: 8px;
  }
  .prose table {
    display: block;
    max-width: 100%;
    overflow-x: auto;
    border-collapse: collapse;
    font-size: 14px;
  }
  .prose th,
  .prose td {
    padding: 7px 12px;
    border: 1px solid var(--border-strong);
    text-align: left;
    vertical-align: top;
  }
  .prose th {
    background: var(--surface-2);
    font-weight: 600;
  }
  .prose code {
    font-family: var(--mono);
    font-size: 0.87em;
    padding: 0.14em 0.38em;
    border-radius: 5px;
    background: rgba(110, 118, 129, 0.2);
    color: #e6edf3;
  }
  .prose pre {
    margin: 0 0 12px;
    padding: 11px 12px;
    border-radius: 10px;
    background: #0d131d;
    border: 1px solid var(--border-strong);
    overflow-x: auto;
    line-height: 1.5;
  }
  .prose pre code {
    display: block;
    width: max-content;
    min-width: 100%;
    padding: 0;
    background: none;
    font-size: 13.5px;
    white-space: pre;
  }

  /* Inline commands: code that runs (or copies) when clicked. */
  .prose .inline-cmd {
    cursor: pointer;
    border-radius: 6px;
    outline-offset: 1px;
  }
  .prose .inline-cmd code {
    color: #cfe3ff;
    background: rgba(29, 99, 237, 0.2);
    box-shadow: inset 0 0 0 1px rgba(88, 166, 255, 0.35);
    transition: background-color 120ms ease;
  }
  .prose .inline-cmd code::after {
    content: '';
    display: inline-block;
    width: 0;
    height: 0;
    margin-left: 0.45em;
    vertical-align: 0.05em;
    border-style: solid;
    border-width: 0.33em 0 0.33em 0.5em;
    border-color: transparent transparent transparent currentColor;
    opacity: 0.8;
  }
  .prose .inline-cmd.copy code::after {
    content: '⧉';
    width: auto;
    height: auto;
    border: 0;
    font-size: 0.95em;
    vertical-align: 0;
  }
  .prose .inline-cmd:hover code {
    background: rgba(29, 99, 237, 0.34);
  }
  .prose .inline-cmd:focus-visible {
    outline: 2px solid var(--focus);
  }
  .prose .inline-cmd[data-feedback='ran'] code,
  .prose .inline-cmd[data-feedback='copied'] code {
    background: rgba(46, 160, 67, 0.3);
    box-shadow: inset 0 0 0 1px rgba(63, 185, 80, 0.6);
  }
  .prose .inline-cmd[data-feedback='ran'] code::after,
  .prose .inline-cmd[data-feedback='copied'] code::after {
    content: '✓';
    width: auto;
    height: auto;
    border: 0;
    vertical-align: 0;
  }
`;
