/** Where the page was loaded from: just the parts the terminal URL needs. */
export interface PageLocation {
  protocol: string;
  host: string;
}

/**
 * The WebSocket URL of a session's terminal on one of its sandbox hosts; with `language`,
 * a new shell greets the learner in it.
 */
export function terminalUrl(page: PageLocation, sessionId: string, host: string, language?: string): string {
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/terminal`;
  const lang = language ? `&lang=${encodeURIComponent(language)}` : '';
  return `${scheme}//${page.host}${path}?host=${encodeURIComponent(host)}${lang}`;
}

/** The terminal URL naming the pane, so the server can reattach its shell (kept if present). */
export function withPaneId(url: string, paneId: string): string {
  if (/[?&]pane=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}pane=${encodeURIComponent(paneId)}`;
}
