// Styles of the bars above the terminal panes: the tab bar, the host strip, the icon buttons
// both use and their popovers (the new-terminal menu, the remove-host confirmation). Each
// bar lays its parts out as if they were the workspace's own (display: contents).
import { css } from 'lit';

/** A square button holding one icon; aria-pressed shows a toggle that is on. */
export const iconButtonStyles = css`
  .icon-btn {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 32px;
    height: 32px;
    align-self: center;
    border-radius: 7px;
    border: 0;
    background: transparent;
    color: var(--text-muted);
    cursor: pointer;
  }
  .icon-btn:hover:not([disabled]) {
    background: var(--surface-3);
    color: var(--text);
  }
  .icon-btn[aria-pressed='true'] {
    color: var(--accent-text);
    background: rgba(56, 139, 253, 0.14);
  }
  .icon-btn[disabled] {
    opacity: 0.4;
    cursor: default;
  }
  .icon-btn:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
`;

/** A card over the panes, placed by the workspace's corner. */
export const popoverStyles = css`
  .popover {
    position: absolute;
    z-index: 50;
    min-width: 220px;
    max-width: min(340px, calc(100% - 16px));
    padding: 6px;
    border-radius: 10px;
    background: var(--surface-2);
    border: 1px solid var(--border-strong);
    box-shadow: 0 16px 40px rgba(0, 0, 0, 0.5);
  }
  .menu button {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 8px 10px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: var(--text);
    font: inherit;
    font-size: 13px;
    text-align: left;
    cursor: pointer;
  }
  .menu button:hover:not([disabled]) {
    background: var(--surface-3);
  }
  .menu button[disabled] {
    color: var(--text-muted);
    cursor: default;
  }
  .menu .state {
    margin-left: auto;
    color: var(--text-muted);
    font-size: 12px;
  }
  .confirm {
    padding: 14px 16px;
  }
`;

export const tabBarStyles = css`
  :host {
    display: contents;
  }

  .bar {
    flex: none;
    display: flex;
    align-items: stretch;
    gap: 6px;
    height: 40px;
    padding: 0 6px 0 0;
    background: #161b22;
    border-bottom: 1px solid var(--border);
  }
  .tabs {
    display: flex;
    align-items: stretch;
    /* Room for at least the active tab beside the bar's buttons. */
    min-width: min(40%, 132px);
    overflow-x: auto;
    scrollbar-width: none;
  }
  .tabs::-webkit-scrollbar {
    display: none;
  }
  .tab {
    flex: none;
    display: flex;
    align-items: center;
    gap: 8px;
    max-width: 240px;
    padding: 0 6px 0 14px;
    border: 0;
    border-right: 1px solid var(--border);
    background: transparent;
    color: var(--text-muted);
    font: inherit;
    font-size: 13px;
    cursor: pointer;
    position: relative;
    white-space: nowrap;
  }
  .tab:hover {
    color: var(--text);
    background: rgba(255, 255, 255, 0.03);
  }
  .tab.shown {
    color: var(--text);
  }
  .tab.active {
    color: var(--text);
    background: #0d1117;
  }
  .tab.active::after {
    content: '';
    position: absolute;
    left: 0;
    right: 0;
    top: 0;
    height: 2px;
    background: var(--accent-text);
  }
  .tab:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: -2px;
  }
  .tab .name {
    font-weight: 600;
  }
  .tab .title {
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--text-muted);
    font-size: 12px;
    min-width: 0;
  }
  .tab .x {
    display: inline-grid;
    place-items: center;
    width: 22px;
    height: 22px;
    border-radius: 6px;
    color: var(--text-muted);
    opacity: 0.6;
  }
  .tab .x:hover {
    opacity: 1;
    background: var(--surface-3);
    color: var(--text);
  }
  .new {
    margin-left: 4px;
    width: auto;
    padding: 0 8px;
    gap: 2px;
    grid-auto-flow: column;
  }
  .spacer {
    flex: 1;
  }
  .tools {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .sep {
    width: 1px;
    height: 18px;
    margin: 0 4px;
    background: var(--border-strong);
  }

  @media (max-width: 600px) {
    .hide-narrow {
      display: none;
    }
    .tab {
      padding-left: 12px;
    }
    .tab .title {
      display: none;
    }
  }
`;

export const hostStripStyles = css`
  :host {
    display: contents;
  }

  .hosts {
    flex: none;
    display: flex;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 4px 10px;
    background: #11161d;
    border-bottom: 1px solid var(--border);
    overflow-x: auto;
    scrollbar-width: none;
    font-size: 12px;
  }
  .hosts .label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--text-muted);
    text-transform: uppercase;
    letter-spacing: 0.06em;
    font-size: 11px;
    font-weight: 600;
    margin-right: 4px;
  }
  .chip {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: 7px;
    height: 26px;
    padding: 0 4px 0 10px;
    border-radius: 999px;
    background: var(--surface-2);
    border: 1px solid var(--border-strong);
    color: var(--text);
    font-weight: 600;
  }
  .chip .state {
    color: var(--text-muted);
    font-weight: 400;
  }
  .chip[data-state='failed'] {
    border-color: rgba(248, 81, 73, 0.55);
  }
  .chip .restart {
    height: 20px;
    padding: 0 8px;
    border-radius: 999px;
    border: 1px solid rgba(248, 81, 73, 0.55);
    background: transparent;
    color: var(--text);
    font: inherit;
    font-size: 12px;
    cursor: pointer;
  }
  .chip .restart:hover {
    background: var(--surface-3, rgba(255, 255, 255, 0.06));
  }
  .chip .x {
    width: 20px;
    height: 20px;
    border-radius: 50%;
  }
  .chip .x:only-child,
  .chip.solo {
    padding-right: 10px;
  }
  .add-host {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 26px;
    padding: 0 10px;
    border-radius: 999px;
    border: 1px dashed var(--border-strong);
    background: transparent;
    color: var(--text-muted);
    font: inherit;
    font-size: 12px;
    font-weight: 600;
    cursor: pointer;
  }
  .add-host:hover:not([disabled]) {
    color: var(--text);
    border-color: var(--text-muted);
  }
  .add-host[disabled] {
    opacity: 0.45;
    cursor: not-allowed;
  }
`;
