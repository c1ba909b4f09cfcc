// The terminal workspace's layout as plain data: which panes exist, on which host, which
// one is active and whether two are shown side by side. No DOM: every change is a pure
// function from one layout to the next, so it can be tested and saved as JSON.

import { PANE_ID_PATTERN } from '../../../common/protocol';

/** One terminal pane: a shell on one host. */
export interface PaneSpec {
  /** Stable random id: the server keeps the shell under it, so a reload gets it back. */
  id: string;
  host: string;
  /** 1-based number shown in its tab and used by lessons ("pane 2"); stays with the pane. */
  number: number;
}

export interface WorkspaceLayout {
  /** Panes in tab order. */
  panes: PaneSpec[];
  /** The pane that has the keyboard (null only when there are no panes). */
  active: string | null;
  /** The learner asked for two panes side by side. */
  split: boolean;
  /** In split mode, the pane shown beside the active one. */
  partner: string | null;
}

export const emptyLayout: WorkspaceLayout = { panes: [], active: null, split: false, partner: null };

/** The pane ids on screen, in the order they are shown (one, or two in split mode). */
export function visiblePanes(layout: WorkspaceLayout): string[] {
  if (!layout.active) return [];
  if (!layout.split || !layout.partner) return [layout.active];
  const order = layout.panes.map((p) => p.id);
  return [layout.active, layout.partner].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export const paneById = (layout: WorkspaceLayout, id: string): PaneSpec | undefined =>
  layout.panes.find((p) => p.id === id);

export const paneByNumber = (layout: WorkspaceLayout, n: number): PaneSpec | undefined =>
  layout.panes.find((p) => p.number === n);

/** The smallest pane number no pane uses. */
export function nextPaneNumber(layout: WorkspaceLayout): number {
  const used = new Set(layout.panes.map((p) => p.number));
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

/** Another pane than `id` to pair with it in split mode: the next in tab order, wrapping. */
function neighbour(panes: PaneSpec[], id: string | null, avoid: string | null = null): string | null {
  const others = panes.filter((p) => p.id !== id && p.id !== avoid);
  if (others.length === 0) return null;
  const at = panes.findIndex((p) => p.id === id);
  const after = panes.slice(at + 1).find((p) => p.id !== avoid);
  return (after ?? others[0]!).id;
}

/** Fills in `partner` so split mode always shows two distinct panes when there are two. */
function normalize(layout: WorkspaceLayout): WorkspaceLayout {
  const ids = new Set(layout.panes.map((p) => p.id));
  const active = layout.active && ids.has(layout.active) ? layout.active : (layout.panes[0]?.id ?? null);
  let partner =
    layout.partner && ids.has(layout.partner) && layout.partner !== active ? layout.partner : null;
  if (layout.split && !partner) partner = neighbour(layout.panes, active);
  if (!layout.split) partner = null;
  return { ...layout, active, partner };
}

export class LayoutError extends Error {
  override name = 'LayoutError';
}

/**
 * Adds a pane on `host` and makes it active. In split mode it takes the place beside the
 * pane that was active, so what the learner was looking at stays on screen.
 * `number` defaults to the smallest free one; a taken number is an error.
 */
export function addPane(
  layout: WorkspaceLayout,
  pane: { id: string; host: string; number?: number },
  maxPanes: number,
): WorkspaceLayout {
  if (layout.panes.length >= maxPanes) throw new LayoutError(`At most ${maxPanes} terminals.`);
  if (paneById(layout, pane.id)) throw new LayoutError(`Pane ${pane.id} exists already.`);
  const number = pane.number ?? nextPaneNumber(layout);
  if (!Number.isInteger(number) || number < 1) throw new LayoutError(`Bad pane number ${number}.`);
  if (paneByNumber(layout, number)) throw new LayoutError(`Pane number ${number} is taken.`);
  const spec: PaneSpec = { id: pane.id, host: pane.host, number };
  const panes = [...layout.panes, spec].sort((a, b) => a.number - b.number);
  return normalize({ ...layout, panes, active: spec.id, partner: layout.active });
}

/** Makes `id` the active pane; in split mode it replaces the active one unless already shown. */
export function activatePane(layout: WorkspaceLayout, id: string): WorkspaceLayout {
  if (!paneById(layout, id) || layout.active === id) return layout;
  if (layout.split && layout.partner === id) return { ...layout, active: id, partner: layout.active };
  return normalize({ ...layout, active: id });
}

/** Removes a pane; its place on screen goes to a neighbour that is not shown yet. */
export function closePane(layout: WorkspaceLayout, id: string): WorkspaceLayout {
  const at = layout.panes.findIndex((p) => p.id === id);
  if (at < 0) return layout;
  const panes = layout.panes.filter((p) => p.id !== id);
  let { active, partner } = layout;
  if (active === id) {
    // Prefer the pane left of the closed tab, as browsers do.
    const candidates = [...layout.panes.slice(0, at).reverse(), ...layout.panes.slice(at + 1)];
    active = candidates.find((p) => p.id !== partner)?.id ?? partner;
    if (active === partner) partner = null;
  } else if (partner === id) {
    partner = null;
  }
  return normalize({ ...layout, panes, active, partner });
}

/** Removes every pane on `host` (the host itself was removed). */
export function removeHostPanes(layout: WorkspaceLayout, host: string): WorkspaceLayout {
  return layout.panes.filter((p) => p.host === host).reduce((l, p) => closePane(l, p.id), layout);
}

export function setSplit(layout: WorkspaceLayout, split: boolean): WorkspaceLayout {
  if (layout.split === split) return layout;
  return normalize({ ...layout, split, partner: null });
}

/** Turns split view on or off; splitting a lone pane opens a second one on the same host. */
export function toggleSplit(
  layout: WorkspaceLayout,
  fallbackHost: string | undefined,
  newId: () => string,
  maxPanes: number,
): WorkspaceLayout {
  if (!layout.split && layout.panes.length < 2) {
    const host = (layout.active ? paneById(layout, layout.active)?.host : undefined) ?? fallbackHost;
    if (host && layout.panes.length < maxPanes)
      return addPane(setSplit(layout, true), { id: newId(), host }, maxPanes);
  }
  return setSplit(layout, !layout.split);
}

/** Keeps only the panes on `hosts`: a host that went away takes its panes with it. */
export function keepHosts(layout: WorkspaceLayout, hosts: readonly string[]): WorkspaceLayout {
  const gone = new Set(layout.panes.map((p) => p.host).filter((h) => !hosts.includes(h)));
  return [...gone].reduce((l, h) => removeHostPanes(l, h), layout);
}

/**
 * Where pane `n` opens when it is asked for and missing: on the lesson's host for it, else on
 * the active pane's host, else on the first host (undefined when none of these exists).
 */
export function hostForPane(
  layout: WorkspaceLayout,
  n: number,
  lessonPanes: readonly { host: string }[] | undefined,
  hosts: readonly string[],
): string | undefined {
  const active = layout.active ? paneById(layout, layout.active) : undefined;
  const wanted = [lessonPanes?.[n - 1]?.host, active?.host, hosts[0]];
  return wanted.find((h): h is string => !!h && hosts.includes(h));
}

/** The pane that should have the keyboard after `id` (e.g. moving with a shortcut). */
export function cyclePane(layout: WorkspaceLayout, step: 1 | -1): WorkspaceLayout {
  const n = layout.panes.length;
  if (n < 2 || !layout.active) return layout;
  const at = layout.panes.findIndex((p) => p.id === layout.active);
  return activatePane(layout, layout.panes[(at + step + n) % n]!.id);
}

// ----- Fitting the screen -----

/** Below this width split view stacks the two panes; below the next, tabs only. */
export const SIDE_BY_SIDE_MIN_PX = 900;
export const SPLIT_MIN_PX = 600;

/** How split view fits the workspace: side by side, stacked, or not at all (tabs only). */
export type SplitMode = 'side-by-side' | 'stacked' | 'none';

export function splitMode(layout: WorkspaceLayout, fullscreen: boolean, widthPx: number): SplitMode {
  if (!layout.split || fullscreen || widthPx < SPLIT_MIN_PX) return 'none';
  return widthPx < SIDE_BY_SIDE_MIN_PX ? 'stacked' : 'side-by-side';
}

/** Split view is offered when the workspace is wide enough (or not measured yet). */
export const canSplitAt = (widthPx: number): boolean => widthPx === 0 || widthPx >= SPLIT_MIN_PX;

/** The pane ids on screen in `mode`: without split view only the active pane is. */
export function shownPanes(layout: WorkspaceLayout, mode: SplitMode): string[] {
  const shown = visiblePanes(layout);
  return mode === 'none' ? shown.filter((id) => id === layout.active) : shown;
}

// ----- Saving and restoring -----

/** The JSON saved per session; a version lets a later layout format ignore an old one. */
interface SavedLayout {
  v: 1;
  panes: PaneSpec[];
  active: string | null;
  split: boolean;
  partner: string | null;
}

export function serializeLayout(layout: WorkspaceLayout): string {
  const saved: SavedLayout = { v: 1, ...layout };
  return JSON.stringify(saved);
}

/** A pane id the server accepts. */
export const isPaneId = (id: unknown): id is string => typeof id === 'string' && PANE_ID_PATTERN.test(id);

/**
 * Reads a saved layout, keeping only well-formed panes on hosts that still exist and at
 * most `maxPanes` of them. Anything unreadable gives null (start afresh), never an error.
 */
export function parseLayout(
  json: string | null,
  hosts: readonly string[],
  maxPanes: number,
): WorkspaceLayout | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const saved = raw as Partial<SavedLayout> | null;
  if (!saved || saved.v !== 1 || !Array.isArray(saved.panes)) return null;
  const panes: PaneSpec[] = [];
  for (const p of saved.panes as unknown[]) {
    const spec = p as Partial<PaneSpec> | null;
    if (!spec || !isPaneId(spec.id) || typeof spec.host !== 'string' || !hosts.includes(spec.host)) continue;
    if (typeof spec.number !== 'number' || !Number.isInteger(spec.number) || spec.number < 1) continue;
    if (panes.some((q) => q.id === spec.id || q.number === spec.number)) continue;
    panes.push({ id: spec.id, host: spec.host, number: spec.number });
    if (panes.length >= maxPanes) break;
  }
  if (panes.length === 0) return null;
  panes.sort((a, b) => a.number - b.number);
  return normalize({
    panes,
    active: typeof saved.active === 'string' ? saved.active : null,
    split: saved.split === true,
    partner: typeof saved.partner === 'string' ? saved.partner : null,
  });
}

/** The first layout of a session: the lesson's panes, else one pane on the first host. */
export function initialLayout(
  wanted: readonly { host: string }[] | undefined,
  hosts: readonly string[],
  newId: (index: number, host: string) => string,
  maxPanes: number,
): WorkspaceLayout {
  const specs = wanted && wanted.length > 0 ? wanted : hosts.length > 0 ? [{ host: hosts[0]! }] : [];
  let layout = emptyLayout;
  // A lesson's pane N keeps number N even when an earlier one cannot open yet.
  specs.slice(0, maxPanes).forEach((spec, i) => {
    if (hosts.includes(spec.host))
      layout = addPane(layout, { id: newId(i, spec.host), host: spec.host, number: i + 1 }, maxPanes);
  });
  const first = layout.panes[0];
  // A lesson that asks for several panes starts with two side by side.
  return first
    ? normalize({ ...layout, active: first.id, split: layout.panes.length > 1, partner: null })
    : layout;
}
