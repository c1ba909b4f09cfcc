// The page shell's look: the shared styles, then the top bar, the pages, the cards in the
// middle and the terminal card, each from the module beside the part it styles.
import { css } from 'lit';
import { confirmStyles } from '../ui/confirm-styles';
import { sharedStyles } from '../ui/shared-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import { runningSandboxStyles } from './running-sandbox';
import { stageCardStyles } from './stage-card-styles';
import { terminalCardStyles } from './terminal-card-styles';
import { topBarStyles } from './top-bar-styles';

/** The page as a column: the top bar above one page at a time, and the toasts. */
const shellStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    color: var(--text);
  }

  /* One page at a time: the catalogue, a lesson beside its sandbox, or free play */
  main {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
  }
  main > * {
    min-width: 0;
    min-height: 0;
  }
  lesson-catalogue {
    overflow: auto;
  }
  split-view > * {
    height: 100%;
    box-sizing: border-box;
  }
  split-view > .lesson-start-error {
    height: auto;
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin: 10px 12px 0;
    padding: 10px 12px;
    border-radius: 10px;
    border: 1px solid rgba(248, 81, 73, 0.5);
    background: rgba(248, 81, 73, 0.12);
    font-size: 13.5px;
    overflow-wrap: anywhere;
  }

  /* Passing messages: step scripts that failed, commands that could not run */
  .notices {
    position: fixed;
    right: 16px;
    bottom: 16px;
    z-index: 50;
    display: flex;
    flex-direction: column;
    gap: 8px;
    max-width: min(420px, calc(100vw - 32px));
  }
  .toast {
    padding: 10px 14px;
    border-radius: 10px;
    background: var(--surface-2);
    border: 1px solid var(--border-strong);
    border-left: 4px solid var(--accent-text);
    box-shadow: 0 10px 30px rgba(0, 0, 0, 0.4);
    font-size: 14px;
    line-height: 1.45;
  }
  .toast[data-level='warning'],
  .toast[data-level='error'] {
    border-left-color: var(--warning);
  }
  .stage {
    min-width: 0;
    min-height: 0;
    display: flex;
    flex-direction: column;
    padding: 16px;
    overflow: auto;
  }
  .stage.has-terminal {
    overflow: hidden;
  }
  @media (max-width: 600px) {
    .stage {
      padding: 12px;
    }
    .stage.has-terminal {
      padding: 0;
    }
  }
`;

export const playgroundAppStyles = [
  sharedStyles,
  confirmStyles,
  statusDotStyles,
  shellStyles,
  topBarStyles,
  stageCardStyles,
  runningSandboxStyles,
  terminalCardStyles,
];
