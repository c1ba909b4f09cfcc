// <lesson-blocks>: lesson text (a list of Blocks) as readable prose with runnable commands.
// Markdown blocks are rendered by marked and sanitized; their inline commands become clickable
// code. Command blocks are code blocks with a Run (exec) or Copy (copy) button.
// Fires `run-command` (detail: the exec Command) when a command is clicked; copy commands are
// copied here and fire nothing.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Block, Command, Language, LocalizedLesson } from '../../../common/lesson';
import { LanguageController } from '../i18n/language-controller';
import type { LessonStrings } from '../i18n/strings-type';
import { sharedStyles } from '../ui/shared-styles';
import { copyText } from './copy-text';
import { checkIcon, copyIcon, runIcon } from './lesson-icons';
import { renderMarkdownBlock } from './lesson-markdown';
import { proseStyles } from './prose-styles';

/** How long a command shows that it ran or was copied. */
const FEEDBACK_MS = 1600;

type Feedback = 'ran' | 'copied' | 'copy-failed';

declare global {
  interface HTMLElementTagNameMap {
    'lesson-blocks': LessonBlocks;
  }
  interface HTMLElementEventMap {
    'run-command': CustomEvent<Command>;
  }
}

@customElement('lesson-blocks')
export class LessonBlocks extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .cmd {
        margin: 14px 0;
        border: 1px solid var(--border-strong);
        border-radius: 10px;
        background: #0d131d;
        overflow: hidden;
        transition:
          border-color 160ms ease,
          box-shadow 160ms ease;
      }
      .cmd.flash {
        border-color: var(--success);
        box-shadow: 0 0 0 3px rgba(63, 185, 80, 0.18);
      }
      .cmd.failed {
        border-color: var(--warning);
      }
      .cmd-tags {
        display: flex;
        gap: 6px;
        padding: 7px 10px 0;
      }
      .tag {
        font-size: 11.5px;
        font-weight: 600;
        line-height: 1;
        padding: 4px 7px;
        border-radius: 999px;
        color: var(--text-muted);
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
      }
      .tag.warn {
        color: #e3b341;
        border-color: rgba(210, 153, 34, 0.45);
        background: rgba(210, 153, 34, 0.1);
      }
      .cmd-row {
        display: flex;
        align-items: flex-start;
      }
      /* A long command wraps beside its button rather than running under it. */
      .cmd pre {
        flex: 1;
        min-width: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
        padding: 11px 12px;
        border: 0;
        background: transparent;
        cursor: pointer;
      }
      .cmd.copy pre {
        cursor: copy;
      }
      .prose .cmd pre code {
        width: auto;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .cmd-btn {
        flex: none;
        margin: 6px 6px 6px 0;
        min-height: 30px;
        padding: 0 11px;
        font-size: 13px;
        border-radius: 7px;
      }
      .cmd.exec .cmd-btn {
        color: #fff;
        background: var(--accent);
        border-color: var(--accent);
      }
      .cmd.exec .cmd-btn:hover {
        background: var(--accent-hover);
      }
      .cmd.flash .cmd-btn,
      .cmd.flash .cmd-btn:hover {
        background: #238636;
        border-color: #238636;
        color: #fff;
      }
      /* On a phone the code needs the room more than the button needs its word. */
      @container (max-width: 420px) {
        .cmd-btn .word {
          display: none;
        }
        .cmd-btn {
          padding: 0 9px;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .cmd,
        .btn {
          transition: none;
        }
      }
    `,
  ];

  /** The text to show. */
  @property({ attribute: false }) blocks: readonly Block[] = [];
  /** How many terminal panes the lesson has: pane labels (T2) show only when there are several. */
  @property({ type: Number, attribute: 'pane-count' }) paneCount = 1;

  @state() private feedback = new Map<number, Feedback>();
  private timers = new Map<HTMLElement | number, ReturnType<typeof setTimeout>>();

  /** The page's language: the buttons' words follow the learner's choice. */
  private readonly i18n = new LanguageController(this);
  /** The language the Markdown blocks' command titles were last written in. */
  private markdownLanguage: Language | undefined;
  private get s(): LessonStrings {
    return this.i18n.lesson;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  override render() {
    return html`<div class="prose" @click=${this.onClick} @keydown=${this.onKeydown}>
      ${this.blocks.map((block, i) =>
        block.kind === 'markdown'
          ? html`<div class="md" data-block=${i}></div>`
          : this.renderCommand(block.command, i),
      )}
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // New text: what the old text's commands showed does not belong to it.
    if (changed.has('blocks') && this.feedback.size) {
      for (const [where, timer] of this.timers) {
        if (typeof where !== 'number') continue;
        clearTimeout(timer);
        this.timers.delete(where);
      }
      this.feedback = new Map();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const language = this.i18n.language;
    if (!changed.has('blocks') && !changed.has('paneCount') && language === this.markdownLanguage) return;
    this.markdownLanguage = language;
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.md[data-block]')) {
      const block = this.blocks[Number(el.dataset.block)];
      if (block?.kind !== 'markdown') continue;
      renderMarkdownBlock(el, block.markdown, block.commands, (c) => this.describe(c));
    }
  }

  private renderCommand(command: Command, i: number) {
    const s = this.s;
    const fb = this.feedback.get(i);
    const exec = command.action === 'exec';
    const tags = [];
    if (exec && (this.paneCount > 1 || command.pane > 1))
      tags.push(html`<span class="tag" title=${s.runInPane(command.pane)}>T${command.pane}</span>`);
    if (exec && command.interrupt)
      tags.push(html`<span class="tag warn" title=${s.interruptFirst}>${s.interruptBadge}</span>`);
    const word = (text: string) => html`<span class="word">${text}</span>`;
    const label = exec
      ? fb === 'ran'
        ? html`${checkIcon(14)} ${word(s.ran)}`
        : html`${runIcon()} ${word(s.run)}`
      : fb === 'copied'
        ? html`${checkIcon(14)} ${word(s.copied)}`
        : fb === 'copy-failed'
          ? s.copyFailed
          : html`${copyIcon()} ${word(s.copy)}`;
    const flash = fb === 'ran' || fb === 'copied' ? 'flash' : fb === 'copy-failed' ? 'failed' : '';
    return html`<div class="cmd ${command.action} ${flash}" data-block=${i}>
      ${tags.length ? html`<div class="cmd-tags">${tags}</div>` : nothing}
      <div class="cmd-row">
        <pre title=${this.describe(command)} data-command-block=${i}><code>${command.text}</code></pre>
        <button class="btn cmd-btn" data-command-block=${i} aria-label=${this.describe(command)}>
          ${label}
        </button>
      </div>
    </div>`;
  }

  private describe(command: Command): string {
    return command.action === 'exec' ? this.s.clickToRun(command.pane) : this.s.clickToCopy;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const inline = target.closest<HTMLElement>('.inline-cmd');
    if (inline) {
      this.activateInline(inline);
      return;
    }
    const blockEl = target.closest<HTMLElement>('[data-command-block]');
    if (!blockEl) return;
    // Selecting text in a code block to copy it by hand is not a click on the command.
    if (blockEl.tagName === 'PRE' && String(window.getSelection() ?? '').length > 0) return;
    const i = Number(blockEl.dataset.commandBlock);
    const block = this.blocks[i];
    if (block?.kind === 'command') void this.activate(block.command, i);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const inline = (event.target as Element).closest<HTMLElement>('.inline-cmd');
    if (!inline) return;
    event.preventDefault();
    this.activateInline(inline);
  }

  private activateInline(el: HTMLElement): void {
    const blockIndex = Number(el.closest<HTMLElement>('.md')?.dataset.block);
    const block = this.blocks[blockIndex];
    if (block?.kind !== 'markdown') return;
    const command = block.commands[Number(el.dataset.command)]?.command;
    if (command) void this.activate(command, el);
  }

  /** Runs or copies a command, then shows it on the block (a number) or inline element. */
  private async activate(command: Command, where: number | HTMLElement): Promise<void> {
    let fb: Feedback = 'ran';
    if (command.action === 'exec') {
      this.dispatchEvent(new CustomEvent('run-command', { detail: command, bubbles: true, composed: true }));
    } else {
      fb = (await copyText(command.text)) ? 'copied' : 'copy-failed';
    }
    this.showFeedback(where, fb);
  }

  private showFeedback(where: number | HTMLElement, fb: Feedback): void {
    clearTimeout(this.timers.get(where));
    if (typeof where === 'number') {
      this.feedback = new Map(this.feedback).set(where, fb);
    } else {
      where.dataset.feedback = fb;
    }
    this.timers.set(
      where,
      setTimeout(() => {
        this.timers.delete(where);
        if (typeof where !== 'number') {
          delete where.dataset.feedback;
          return;
        }
        const next = new Map(this.feedback);
        next.delete(where);
        this.feedback = next;
      }, FEEDBACK_MS),
    );
  }
}

/** A lesson's blocks in a <lesson-blocks>, its commands aimed at the lesson's panes; none: nothing. */
export function lessonBlocks(blocks: readonly Block[], lesson: LocalizedLesson) {
  return blocks.length
    ? html`<lesson-blocks .blocks=${blocks} pane-count=${lesson.panes.length}></lesson-blocks>`
    : nothing;
}
