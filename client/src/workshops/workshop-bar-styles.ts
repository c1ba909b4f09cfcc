// The look of <workshop-bar>: a slim strip above the lesson, warning-coloured in the last
// minutes, with the trainer's messages as cards under it.
import { css } from 'lit';
import { sharedStyles } from '../ui/shared-styles';
import { workshopPageStyles } from './workshop-styles';

export const workshopBarStyles = [
  sharedStyles,
  workshopPageStyles,
  css`
    :host {
      display: block;
      height: auto;
      overflow: visible;
      position: relative;
      z-index: 5;
    }
    .bar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 6px 14px;
      padding: 6px 14px;
      background: #131c2c;
      border-bottom: 1px solid var(--border);
      font-size: 13.5px;
    }
    .bar .btn {
      min-height: 30px;
      padding: 0 12px;
      font-size: 13px;
    }
    .title {
      font-weight: 700;
      max-width: 30ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who {
      color: var(--text-muted);
    }
    .time {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .bar.warn {
      background: rgba(210, 153, 34, 0.18);
      border-bottom-color: rgba(210, 153, 34, 0.6);
    }
    .bar.warn .time,
    .bar.over .time {
      color: #e3b341;
    }
    .spacer {
      flex: 1;
    }
    .pending {
      color: #ffb4ae;
      font-weight: 600;
    }
    .ask,
    .resume {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 8px 14px;
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    .ask input {
      flex: 1 1 260px;
      min-height: 34px;
    }
    .resume copy-field {
      flex: 1 1 360px;
    }
    .resume p {
      margin: 0;
      color: var(--text-muted);
      font-size: 13px;
    }
    .messages {
      position: absolute;
      top: calc(100% + 8px);
      right: 14px;
      display: flex;
      flex-direction: column;
      gap: 8px;
      width: min(420px, calc(100vw - 28px));
    }
    .message {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 2px 8px;
      padding: 10px 10px 10px 14px;
      border-radius: 10px;
      background: #1b2740;
      border: 1px solid rgba(88, 166, 255, 0.45);
      border-left: 4px solid var(--accent-text);
      box-shadow: 0 10px 30px rgba(0, 0, 0, 0.45);
    }
    .message .from {
      font-size: 12px;
      color: var(--accent-text);
      font-weight: 600;
    }
    .message .text {
      grid-column: 1;
      font-size: 14.5px;
      line-height: 1.45;
      overflow-wrap: anywhere;
    }
    .message .btn {
      grid-row: 1 / span 2;
      grid-column: 2;
      align-self: start;
      min-height: 28px;
      font-size: 12.5px;
    }
  `,
];
