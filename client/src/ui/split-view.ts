// <split-view>: two panes side by side (slots "start" and "end") with a divider the learner
// drags (pointer), moves with the arrow keys when focused, or resets with a double-click. The
// start pane's share of the width is kept in localStorage under `storage-key`.
//
// Below 760 px there is no room for two readable panes: at 390 px a side-by-side or stacked
// split leaves the terminal ~20 columns or ~12 rows (fewer with the on-screen keyboard), so the
// panes take the whole area one at a time with a Lesson / Terminal switch on top. The hidden
// pane keeps its size (visibility, not display), so a terminal is not refitted to nothing and
// back. An event named by `reveal-end-on` (default `run-command`, from a lesson's Run button)
// coming from inside shows the end pane, so the learner sees the command run.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { browserStorage, type StorageLike } from '../sessions/token-store';
import {
  DIVIDER_PX,
  KEY_STEP,
  KEY_STEP_LARGE,
  NARROW_WIDTH,
  readRatio,
  startWidth,
  writeRatio,
} from './split-sizes';
import { sharedStyles } from './shared-styles';

export type SplitSide = 'start' | 'end';

export interface ViewChangeDetail {
  view: SplitSide;
}

declare global {
  interface HTMLElementTagNameMap {
    'split-view': SplitView;
  }
  interface HTMLElementEventMap {
    'view-change': CustomEvent<ViewChangeDetail>;
  }
}

@customElement('split-view')
export class SplitView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
        height: 100%;
        min-height: 0;
        overflow: hidden;
      }
      .wide {
        display: flex;
        height: 100%;
      }
      .pane {
        display: flex;
        flex-direction: column;
        min-width: 0;
        min-height: 0;
        height: 100%;
        overflow: hidden;
      }
      ::slotted(*) {
        flex: 1 1 auto;
        min-height: 0;
      }
      /* A notice above a side's content (a start error on the lesson's side) keeps its height. */
      ::slotted([data-notice]) {
        flex: none;
      }
      .wide .end {
        flex: 1;
      }
      .divider {
        flex: none;
        position: relative;
        width: ${DIVIDER_PX}px;
        cursor: col-resize;
        touch-action: none;
        background: var(--bg);
        outline: none;
      }
      .divider::before {
        content: '';
        position: absolute;
        inset: 0 4px;
        background: var(--border);
        transition: background-color 120ms ease;
      }
      .divider::after {
        content: '';
        position: absolute;
        top: 50%;
        left: 2px;
        width: 5px;
        height: 36px;
        margin-top: -18px;
        border-radius: 3px;
        background: var(--border-strong);
        transition: background-color 120ms ease;
      }
      .divider:hover::before,
      .divider:hover::after,
      .dragging .divider::before,
      .dragging .divider::after {
        background: var(--accent-text);
      }
      .divider:focus-visible::before,
      .divider:focus-visible::after {
        background: var(--focus);
      }
      .dragging {
        cursor: col-resize;
        user-select: none;
      }
      .dragging .pane {
        pointer-events: none;
      }

      .narrow {
        display: flex;
        flex-direction: column;
        height: 100%;
      }
      .tabs {
        flex: none;
        display: flex;
        gap: 4px;
        padding: 6px 10px;
        background: var(--surface);
        border-bottom: 1px solid var(--border);
      }
      .tabs button {
        flex: 1;
        min-height: 36px;
        border: 1px solid transparent;
        border-radius: 8px;
        background: transparent;
        color: var(--text-muted);
        font: inherit;
        font-size: 14px;
        font-weight: 600;
        cursor: pointer;
      }
      .tabs button[aria-selected='true'] {
        color: var(--text);
        background: var(--surface-3);
        border-color: var(--border-strong);
      }
      .tabs button:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: 1px;
      }
      .stack {
        position: relative;
        flex: 1;
        min-height: 0;
      }
      .stack .pane {
        position: absolute;
        inset: 0;
      }
      .stack .pane[hidden-pane] {
        visibility: hidden;
        pointer-events: none;
      }
    `,
  ];

  /** Where the size is remembered (localStorage, prefixed); empty: not remembered. */
  @property({ attribute: 'storage-key' }) storageKey = '';
  /** The start pane's share of the width before the learner moves the divider. */
  @property({ type: Number, attribute: 'default-ratio' }) defaultRatio = 0.42;
  @property({ type: Number, attribute: 'min-start' }) minStart = 320;
  @property({ type: Number, attribute: 'min-end' }) minEnd = 340;
  @property({ attribute: 'start-label' }) startLabel = 'Lesson';
  @property({ attribute: 'end-label' }) endLabel = 'Terminal';
  @property({ attribute: 'divider-label' }) dividerLabel = 'Resize';
  /** On narrow screens, the pane shown. */
  @property({ attribute: 'narrow-view', reflect: true }) narrowView: SplitSide = 'start';
  /** An event from inside that shows the end pane on narrow screens; empty: none. */
  @property({ attribute: 'reveal-end-on' }) revealEndOn = 'run-command';
  /** True below NARROW_WIDTH (reflected as an attribute for styling and tests). */
  @property({ type: Boolean, reflect: true }) narrow = false;

  @state() private ratio: number | null = null;
  @state() private width = 0;
  @state() private dragging = false;

  private storage: StorageLike | null = browserStorage();
  private observer?: ResizeObserver;
  private listening = '';
  private readonly reveal = () => {
    if (this.narrow) this.show('end');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      this.width = entry.contentRect.width;
      this.narrow = this.width > 0 && this.width < NARROW_WIDTH;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    if (this.listening) this.removeEventListener(this.listening, this.reveal);
    this.listening = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storageKey')) this.ratio = readRatio(this.storage, this.storageKey);
    if (changed.has('revealEndOn') && this.revealEndOn !== this.listening) {
      if (this.listening) this.removeEventListener(this.listening, this.reveal);
      if (this.revealEndOn) this.addEventListener(this.revealEndOn, this.reveal);
      this.listening = this.revealEndOn;
    }
  }

  /** Shows one pane on narrow screens (on wide ones both are always shown). */
  show(view: SplitSide): void {
    if (view === this.narrowView) return;
    this.narrowView = view;
    this.dispatchEvent(
      new CustomEvent<ViewChangeDetail>('view-change', { detail: { view }, bubbles: true, composed: true }),
    );
  }

  /** The start pane's share in effect now. */
  get currentRatio(): number {
    return this.ratio ?? this.defaultRatio;
  }

  override render() {
    if (this.narrow) {
      const tab = (side: SplitSide, label: string) =>
        html`<button
          role="tab"
          data-view=${side}
          aria-selected=${this.narrowView === side ? 'true' : 'false'}
          @click=${() => this.show(side)}
        >
          ${label}
        </button>`;
      return html`<div class="narrow">
        <div class="tabs" role="tablist">${tab('start', this.startLabel)} ${tab('end', this.endLabel)}</div>
        <div class="stack">
          <div class="pane start" role="tabpanel" ?hidden-pane=${this.narrowView !== 'start'}>
            <slot name="start"></slot>
          </div>
          <div class="pane end" role="tabpanel" ?hidden-pane=${this.narrowView !== 'end'}>
            <slot name="end"></slot>
          </div>
        </div>
      </div>`;
    }
    const px = this.width ? startWidth(this.currentRatio, this.width, this.minStart, this.minEnd) : null;
    const basis = px === null ? `${this.currentRatio * 100}%` : `${px}px`;
    return html`<div class="wide ${this.dragging ? 'dragging' : ''}">
      <div class="pane start" style="flex: 0 0 ${basis}"><slot name="start"></slot></div>
      <div
        class="divider"
        role="separator"
        tabindex="0"
        aria-orientation="vertical"
        aria-label=${this.dividerLabel}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${Math.round(this.currentRatio * 100)}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @keydown=${this.onKeydown}
        @dblclick=${this.reset}
      ></div>
      <div class="pane end"><slot name="end"></slot></div>
    </div>`;
  }

  private ratioAt(clientX: number): number {
    const rect = this.getBoundingClientRect();
    const room = rect.width - DIVIDER_PX;
    if (room <= 0) return this.currentRatio;
    const px = startWidth(
      (clientX - rect.left - DIVIDER_PX / 2) / room,
      rect.width,
      this.minStart,
      this.minEnd,
    );
    return px / room;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.dragging = true;
    event.preventDefault();
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.dragging) return;
    this.ratio = this.ratioAt(event.clientX);
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    (event.currentTarget as HTMLElement).releasePointerCapture(event.pointerId);
    writeRatio(this.storage, this.storageKey, this.ratio);
  }

  private onKeydown(event: KeyboardEvent): void {
    const room = this.width - DIVIDER_PX;
    const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    let wanted: number;
    if (event.key === 'ArrowLeft') wanted = this.currentRatio - step;
    else if (event.key === 'ArrowRight') wanted = this.currentRatio + step;
    else if (event.key === 'Home') wanted = 0;
    else if (event.key === 'End') wanted = 1;
    else return;
    event.preventDefault();
    this.ratio = room > 0 ? startWidth(wanted, this.width, this.minStart, this.minEnd) / room : wanted;
    writeRatio(this.storage, this.storageKey, this.ratio);
  }

  private reset(): void {
    this.ratio = null;
    writeRatio(this.storage, this.storageKey, null);
  }
}
