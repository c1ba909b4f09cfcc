// The look of <watch-terminal>: a header with its state and buttons over a scaled terminal.
import { css } from 'lit';

export const watchStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: #0d1117;
    color: #e6edf3;
    border-radius: 8px;
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 10px;
    font-size: 13px;
    background: #161b22;
  }
  .heading {
    font-weight: 600;
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .phase {
    opacity: 0.8;
  }
  .phase[data-phase='live'] {
    color: #3fb950;
  }
  .phase[data-phase='reconnecting'],
  .phase[data-phase='stopped'],
  .phase[data-phase='refused'] {
    color: #d29922;
  }
  .asked {
    font-style: italic;
    opacity: 0.8;
  }
  button {
    font: inherit;
    padding: 3px 10px;
    border-radius: 6px;
    border: 1px solid #30363d;
    background: #21262d;
    color: inherit;
    cursor: pointer;
  }
  button.ask {
    background: #1f6feb;
    border-color: #1f6feb;
  }
  .box {
    position: relative;
    flex: 1;
    min-height: 120px;
    overflow: hidden;
  }
  .term {
    position: absolute;
    top: 6px;
    left: 8px;
    transform-origin: top left;
  }
  .hint,
  .notice {
    margin: 0;
    padding: 4px 10px;
    font-size: 12px;
    opacity: 0.8;
  }
  .notice {
    color: #ffa198;
    opacity: 1;
  }
`;
