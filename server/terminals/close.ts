// Closing a WebSocket with a reason the page can show. RFC 6455 caps a close reason
// at 123 bytes, and `ws` throws on longer ones, so long messages are cut safely.
import type { WebSocket } from 'ws';

const MAX_REASON_BYTES = 123;

export function fitCloseReason(reason: string): string {
  const bytes = Buffer.from(reason);
  if (bytes.length <= MAX_REASON_BYTES) return reason;
  return (
    bytes
      .subarray(0, MAX_REASON_BYTES - 3)
      .toString('utf8')
      .replace(/\uFFFD+$/, '') + '...'
  );
}

export function closeWith(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, fitCloseReason(reason));
}
