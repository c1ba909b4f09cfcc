// Lesson Markdown to safe HTML. Lessons may be imported from third parties, so everything
// marked produces goes through DOMPurify before it reaches the page.

import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import type { Command, InlineCommand } from '../../../common/lesson';
import { matchInlineCommands } from './inline-commands';

const marked = new Marked({ gfm: true, breaks: false });

/** Markdown as sanitized HTML: no scripts, styles, forms or event handlers. */
export function markdownToSafeHtml(markdown: string): string {
  const raw = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(raw, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style', 'id', 'name'],
  });
}

/**
 * Fills `container` with a Markdown block and turns the `<code>` of each inline command into
 * a button-like element carrying `data-command` (the command's position in `commands`).
 */
export function renderMarkdownBlock(
  container: HTMLElement,
  markdown: string,
  commands: readonly InlineCommand[],
  describe: (command: Command) => string,
): void {
  container.innerHTML = markdownToSafeHtml(markdown);
  // Links open beside the playground, so the lesson and its terminals stay where they are.
  for (const a of container.querySelectorAll('a[href]')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
  const codes = [...container.querySelectorAll('code')];
  const found = matchInlineCommands(
    codes.map((c) => ({ text: c.textContent ?? '', inPre: c.closest('pre') !== null })),
    commands,
  );
  found.forEach((codeAt, i) => {
    const code = codes[codeAt];
    const command = commands[i]?.command;
    if (!code || !command) return;
    const wrapper = document.createElement('span');
    wrapper.className = `inline-cmd ${command.action}`;
    wrapper.setAttribute('role', 'button');
    wrapper.tabIndex = 0;
    wrapper.dataset.command = String(i);
    wrapper.title = describe(command);
    code.replaceWith(wrapper);
    wrapper.append(code);
  });
}
