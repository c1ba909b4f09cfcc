// Pings find WebSocket connections that died without a close (laptop lid, lost Wi-Fi): a
// socket that has not answered the previous ping by the next one is terminated.
import type { WebSocket } from 'ws';

export const HEARTBEAT_MS = 30_000;

/** Starts pinging `ws`; the returned function stops it (call it when the socket closes). */
export function startHeartbeat(ws: WebSocket, intervalMs = HEARTBEAT_MS): () => void {
  let alive = true;
  const onPong = () => (alive = true);
  ws.on('pong', onPong);
  const timer = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, intervalMs);
  return () => {
    clearInterval(timer);
    ws.off('pong', onPong);
  };
}
