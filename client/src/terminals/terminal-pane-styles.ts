import { css, unsafeCSS } from 'lit';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';

/** xterm.js's own styles, which must be inside the pane's shadow root. */
export const xtermStyles = unsafeCSS(xtermCss);

/** The pane's terminal box, its connecting overlay, its banners and notices. */
export const paneStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    min-height: 0;
    background: #0d1117;
    overflow: hidden;
    /* Keeps xterm's layered z-indexes inside the pane. */
    isolation: isolate;
  }
  .term {
    position: absolute;
    inset: 0;
    padding: 10px 4px 6px 12px;
    transition: opacity 160ms ease;
  }
  :host([data-state='reconnecting']) .term,
  :host([data-state='offline']) .term,
  :host([data-state='closed']) .term {
    opacity: 0.45;
  }
  :host([data-state='connecting']) .term {
    opacity: 0.7;
  }
  .xterm {
    height: 100%;
  }
  .xterm .xterm-viewport {
    background-color: transparent;
  }

  .connecting,
  .banner,
  .notice {
    /* Above xterm's own layers. */
    z-index: 10;
  }
  .connecting {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 10px;
    color: var(--text-muted);
    font-size: 14px;
    pointer-events: none;
  }

  .banner {
    position: absolute;
    left: 12px;
    right: 12px;
    bottom: 12px;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 10px 14px;
    padding: 10px 12px 10px 14px;
    border-radius: 10px;
    background: rgba(22, 27, 34, 0.96);
    border: 1px solid var(--border-strong);
    box-shadow: 0 8px 24px rgba(0, 0, 0, 0.45);
    color: var(--text);
    font-size: 14px;
    line-height: 1.4;
  }
  .banner .msg {
    flex: 1 1 220px;
    display: flex;
    align-items: center;
    gap: 10px;
    min-width: 0;
  }
  .banner .msg span {
    overflow-wrap: anywhere;
  }
  .banner .hint {
    color: var(--text-muted);
  }
  .banner.warn {
    border-color: rgba(210, 153, 34, 0.55);
  }
  .banner.warn .icon {
    color: var(--warning);
  }
  .banner.bad {
    border-color: rgba(248, 81, 73, 0.55);
  }
  .banner.bad .icon {
    color: var(--danger);
  }
  .banner .icon {
    display: inline-flex;
    color: var(--text-muted);
    flex: none;
  }
  .notice {
    position: absolute;
    top: 8px;
    right: 14px;
    max-width: min(480px, calc(100% - 28px));
    padding: 8px 12px;
    border-radius: 8px;
    background: rgba(248, 81, 73, 0.14);
    border: 1px solid rgba(248, 81, 73, 0.5);
    color: var(--text);
    font-size: 13px;
  }
  .notice.info {
    background: rgba(56, 139, 253, 0.16);
    border-color: rgba(56, 139, 253, 0.5);
  }
`;
