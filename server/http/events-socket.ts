// The session events WebSocket: pushes a session's changes (hosts, ports, lesson progress)
// to its page as JSON text frames. The browser never sends anything on it.
import type { WebSocket } from 'ws';
import { CloseCode } from '../../common/protocol.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import { closeWith } from '../terminals/close.js';
import { startHeartbeat } from '../terminals/heartbeat.js';

export function serveSessionEvents(ws: WebSocket, sessionId: string, hub: SessionEventHub): void {
  const unsubscribe = hub.subscribe(sessionId, (event) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    if (event.type === 'session' && event.session.state === 'ended') {
      closeWith(ws, CloseCode.SandboxGone, 'The session has ended.');
    }
  });
  const stopHeartbeat = startHeartbeat(ws);
  ws.on('message', () => closeWith(ws, CloseCode.BadMessage, 'This socket only sends; use the HTTP API.'));
  ws.on('close', () => {
    stopHeartbeat();
    unsubscribe();
  });
  ws.on('error', () => ws.terminate());
}
