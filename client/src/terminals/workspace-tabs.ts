// What the workspace's tab bar and host strip show, as plain data: each tab's state and
// tone, each host's, and where the new-terminal menu opens. No DOM, so it can be tested.

import type { HostState } from '../../../common/api';
import type { PaneState } from './pane-state';
import type { WorkspaceLayout } from './workspace-layout';

/** Names a host: the page adds or removes it, a menu opens a terminal on it. */
export interface HostEventDetail {
  host: string;
}

/** A status dot's colour (see ui/status-dot-styles.ts). */
export type Tone = 'ok' | 'busy' | 'bad' | 'off';

/** One tab: a pane with what its tab shows. */
export interface TabView {
  id: string;
  host: string;
  number: number;
  /** The pane's connection state; 'waiting' until its terminal reports one. */
  state: PaneState | 'waiting';
  tone: Tone;
  /** The shell's window title, if it set one. */
  title: string | undefined;
  /** The pane has the keyboard. */
  active: boolean;
  /** The pane is on screen. */
  shown: boolean;
}

export function paneTone(state: PaneState | undefined): Tone {
  switch (state) {
    case 'ready':
      return 'ok';
    case 'connecting':
    case 'reconnecting':
    case undefined:
      return 'busy';
    case 'closed':
      return 'bad';
    default:
      return 'off';
  }
}

/** A host's state; a host the session view does not describe counts as ready. */
export const hostStateOf = (states: Record<string, HostState>, host: string): HostState['state'] =>
  states[host]?.state ?? 'ready';

export function hostTone(state: HostState['state']): Tone {
  return state === 'ready' ? 'ok' : state === 'starting' ? 'busy' : 'bad';
}

/** The tabs in order, given which panes are on screen and what each pane reported. */
export function tabViews(
  layout: WorkspaceLayout,
  shown: readonly string[],
  states: Record<string, PaneState>,
  titles: Record<string, string>,
): TabView[] {
  return layout.panes.map((p) => ({
    id: p.id,
    host: p.host,
    number: p.number,
    state: states[p.id] ?? 'waiting',
    tone: paneTone(states[p.id]),
    title: titles[p.id] || undefined,
    active: p.id === layout.active,
    shown: shown.includes(p.id),
  }));
}

/** Roughly how wide a tab is, to open the new-terminal menu near the button after the tabs. */
const TAB_WIDTH_PX = 130;
const MENU_WIDTH_PX = 240;

/** The new-terminal menu's left edge: after the tabs, but inside the workspace. */
export function newMenuLeft(tabCount: number, widthPx: number): number {
  return Math.min(tabCount * TAB_WIDTH_PX, Math.max(0, (widthPx || 400) - MENU_WIDTH_PX));
}
