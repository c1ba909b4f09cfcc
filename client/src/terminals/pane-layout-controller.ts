// The workspace's panes (which there are, on which hosts, which is active) as a lit reactive
// controller: the layout is kept per session in localStorage, loaded when the session
// changes, and grows a pane on each host that becomes ready. Apart from the element so the
// bookkeeping reads in one place and the element keeps to what it shows.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HostState } from '../../../common/api';
import { currentLanguage } from '../i18n/language';
import { firstLayoutIds } from './first-pane';
import {
  emptyLayout,
  initialLayout,
  keepHosts,
  parseLayout,
  serializeLayout,
  type WorkspaceLayout,
} from './workspace-layout';
import { browserPrefStorage, loadLayoutJson, saveLayoutJson } from './workspace-storage';

/** What the layout follows: the element's session and its hosts, read when needed. */
export interface LayoutSource {
  sessionId: string;
  hosts: string[];
  maxTerminals: number;
  initialPanes: { host: string }[] | undefined;
}

export class PaneLayoutController implements ReactiveController {
  private current: WorkspaceLayout = emptyLayout;
  /** The session whose layout is loaded; another session loads its own. */
  private loadedFor = '';
  /** Hosts seen ready: a host that becomes ready later gets a pane of its own. */
  private readyHosts = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => LayoutSource,
    private readonly hostState: (host: string) => HostState['state'],
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get layout(): WorkspaceLayout {
    return this.current;
  }

  /** Shows `next` and keeps it for the session. */
  set(next: WorkspaceLayout): void {
    if (next === this.current) return;
    this.current = next;
    this.host.requestUpdate();
    if (this.loadedFor) saveLayoutJson(browserPrefStorage(), this.loadedFor, serializeLayout(next));
  }

  /**
   * Loads the session's saved layout (or the lesson's first) when the session changes, calling
   * `fresh` first; else keeps only panes on hosts the session still has.
   */
  sync(fresh: () => void): void {
    const { sessionId, hosts, maxTerminals } = this.session();
    if (!sessionId || hosts.length === 0) return;
    if (this.loadedFor !== sessionId) {
      this.loadedFor = sessionId;
      this.readyHosts = new Set(hosts.filter((h) => this.hostState(h) === 'ready'));
      const saved = parseLayout(loadLayoutJson(browserPrefStorage(), sessionId), hosts, maxTerminals);
      fresh();
      if (saved) return this.set(saved);
      const ids = firstLayoutIds(browserPrefStorage(), sessionId, hosts[0], currentLanguage());
      this.set(initialLayout(this.session().initialPanes, hosts, ids, maxTerminals));
      return;
    }
    this.set(keepHosts(this.current, hosts));
  }

  /** Calls `open` for each host that has just become ready and has no pane yet. */
  openOnNewHosts(open: (host: string) => void): void {
    const { sessionId, hosts, maxTerminals } = this.session();
    if (this.loadedFor !== sessionId || !sessionId) return;
    for (const host of hosts) {
      if (this.hostState(host) !== 'ready' || this.readyHosts.has(host)) continue;
      this.readyHosts.add(host);
      const hasPane = this.current.panes.some((p) => p.host === host);
      if (!hasPane && this.current.panes.length < maxTerminals) open(host);
    }
    for (const host of [...this.readyHosts]) if (!hosts.includes(host)) this.readyHosts.delete(host);
  }
}
