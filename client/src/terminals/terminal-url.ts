/** Where the page was loaded from: just the parts the terminal URL needs. */
export interface PageLocation {
  protocol: string;
  host: string;
}

/** The WebSocket URL of a session's terminal on one of its sandbox hosts. */
export function terminalUrl(page: PageLocation, sessionId: string, host: string): string {
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/terminal`;
  return `${scheme}//${page.host}${path}?host=${encodeURIComponent(host)}`;
}

/** The terminal URL naming the pane, so the server can reattach its shell (kept if present). */
export function withPaneId(url: string, paneId: string): string {
  if (/[?&]pane=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}pane=${encodeURIComponent(paneId)}`;
}
