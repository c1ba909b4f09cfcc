// The trainer's class socket (WS /api/workshops/:code/live, trainer key): the class first,
// then each change, as JSON text frames (common/workshop-live.ts ClassEvent). Server to
// browser only: any frame from the browser closes it. A browser that stops reading is
// closed rather than buffered for: its page reconnects and starts from a fresh class.
import type { WebSocket } from 'ws';
import type { ClassEvent } from '../../../common/workshop-live.js';
import { CloseCode } from '../../../common/protocol.js';
import { closeWith } from '../../terminals/close.js';
import { startHeartbeat } from '../../terminals/heartbeat.js';
import type { ClassFeed } from './class-feed.js';

/** What a class socket may leave unsent before it is closed: a few whole classes of 100. */
export const MAX_CLASS_BUFFER_BYTES = 4 * 1024 * 1024;
/** RFC 6455's "try again later": the page reconnects. */
const TRY_AGAIN_LATER = 1013;

/** Serves an admitted socket; throws (a PlaygroundError) when the workshop has too many. */
export function serveClass(ws: WebSocket, workshopId: number, feed: ClassFeed): void {
  const send = (event: ClassEvent) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_CLASS_BUFFER_BYTES)
      return closeWith(ws, TRY_AGAIN_LATER, 'The class view fell behind; reload it.');
    ws.send(JSON.stringify(event));
  };
  const unsubscribe = feed.subscribe(workshopId, send);
  const stopHeartbeat = startHeartbeat(ws);
  ws.on('message', () => closeWith(ws, CloseCode.BadMessage, 'This socket only sends; use the HTTP API.'));
  ws.on('close', () => {
    stopHeartbeat();
    unsubscribe();
  });
  ws.on('error', () => ws.terminate());
}
