// HTTP handlers of the workshop's live terminals (live-terminals.ts); their rows (path, method,
// who may use them) are in server/http/routes.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrainerPresence } from '../../common/workshop-live.js';
import { PlaygroundError } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import { sendJson } from '../http/refusal.js';
import type { WorkshopTerminals } from './live-terminals.js';

/** Answer of the control and trainer routes: the learner's presence after the change. */
export interface PresenceView {
  presence: TrainerPresence;
}

/** POST /api/workshops/:code/learners/:id/control {want} (trainer key). */
export async function requestControl(
  req: IncomingMessage,
  res: ServerResponse,
  [code, learnerId]: string[],
  key: string | undefined,
  live: WorkshopTerminals,
): Promise<void> {
  const want = flag(await readJsonBody(req), 'want');
  if (want === undefined) throw new PlaygroundError('"want" (true or false) is required.', 400);
  sendJson(res, 200, { presence: live.requestControl(code!, key, learnerId!, want) } satisfies PresenceView);
}

/** POST /api/sessions/:id/trainer {allowControl?, stop?} (session token). */
export async function answerTrainer(
  req: IncomingMessage,
  res: ServerResponse,
  sessionId: string,
  live: WorkshopTerminals,
): Promise<void> {
  const body = await readJsonBody(req);
  const allowControl = flag(body, 'allowControl');
  const stop = flag(body, 'stop');
  if (allowControl === undefined && stop === undefined)
    throw new PlaygroundError('Say "allowControl" (true or false) or "stop": true.', 400);
  const answer = { ...(allowControl === undefined ? {} : { allowControl }), ...(stop ? { stop } : {}) };
  sendJson(res, 200, { presence: live.answer(sessionId, answer) } satisfies PresenceView);
}

/** POST /api/workshops/:code/trainer-session (trainer key): 201 when started now, else 200. */
export function trainerSession(
  res: ServerResponse,
  code: string,
  key: string | undefined,
  live: WorkshopTerminals,
): void {
  const { created, ...session } = live.trainerSession(code, key);
  sendJson(res, created ? 201 : 200, session);
}

function flag(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new PlaygroundError(`"${field}" must be true or false.`, 400);
  return value;
}
