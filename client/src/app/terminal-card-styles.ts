// Styles of the card around the terminals (./terminal-card.ts): its header with the
// connection, the session's end and the published ports, and the workspace below.
import { css } from 'lit';

/** The terminal card; on a phone it fills the screen edge to edge. */
export const terminalCardStyles = css`
  /* Terminal */
  .term-card {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    border-radius: 12px;
    overflow: hidden;
    border: 1px solid var(--border-strong);
    background: #0d1117;
    box-shadow: 0 10px 30px rgba(0, 0, 0, 0.35);
  }
  .term-head {
    flex: none;
    display: flex;
    align-items: center;
    gap: 8px;
    height: 36px;
    padding: 0 14px;
    background: #161b22;
    border-bottom: 1px solid var(--border);
    font-size: 13px;
    color: var(--text-muted);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    color: var(--text);
    font-weight: 500;
    white-space: nowrap;
  }
  .expiry.soon {
    color: var(--warning);
    font-weight: 600;
  }
  .expiry {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .btn.extend {
    flex: none;
    padding: 2px 9px;
    font-size: 12px;
  }
  terminal-workspace {
    flex: 1;
  }
  port-links {
    flex: none;
  }
  @media (max-width: 600px) {
    .term-head .expiry {
      display: none;
    }
    .term-card {
      border-radius: 0;
      border: 0;
      box-shadow: none;
    }
  }
`;
