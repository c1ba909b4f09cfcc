// The terminal workspace's own styles: the frame (full screen included), the panes in one,
// two side-by-side or two stacked slots, and the placeholders of a pane whose host is not ready.
import { css } from 'lit';

export const workspaceStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: #0d1117;
    color: var(--text);
    position: relative;
  }
  :host([data-fullscreen]) {
    position: fixed;
    inset: 0;
    z-index: 1000;
  }

  .panes {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
    gap: 0;
    background: var(--border-strong);
  }
  .panes.side-by-side {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1px;
  }
  .panes.stacked {
    grid-template-rows: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1px;
  }
  .slot {
    position: relative;
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: #0d1117;
  }
  .slot[hidden] {
    display: none;
  }
  .slot terminal-pane {
    flex: 1;
    min-height: 0;
  }
  phone-keys {
    display: none;
  }
  @media (max-width: 600px), (pointer: coarse) {
    phone-keys {
      display: flex;
    }
  }
  .split .slot.active::before {
    content: '';
    position: absolute;
    inset: 0;
    border: 1px solid rgba(88, 166, 255, 0.45);
    pointer-events: none;
    z-index: 20;
  }
  /* The pane's name over its own strip (never over its text), only where panes share the view. */
  .panes:not(.split) .pane-label {
    display: none;
  }
  .pane-label {
    order: -1;
    flex: none;
    align-self: flex-end;
    margin: 3px 8px 0;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 3px 8px;
    border-radius: 6px;
    background: rgba(22, 27, 34, 0.85);
    border: 1px solid var(--border);
    color: var(--text-muted);
    font-size: 11px;
    font-weight: 600;
    pointer-events: none;
  }
  .placeholder {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 12px;
    padding: 24px;
    color: var(--text-muted);
    font-size: 14px;
    text-align: center;
  }
  .placeholder.bad {
    color: var(--text);
  }
  .placeholder.bad .icon {
    color: var(--danger);
  }
  .placeholder .err {
    max-width: 520px;
    color: var(--text-muted);
    font-size: 13px;
    overflow-wrap: anywhere;
  }
`;
