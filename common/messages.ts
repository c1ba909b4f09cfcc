// A message for learners as the server sends it: a stable code and its parameters, which
// the page renders in its own language from a catalogue (./messages-en.ts, ./messages-id.ts).
// A parameter may itself be a message (a reason inside a longer sentence).
import type { enMessages } from './messages-en.js';

type English = typeof enMessages;
export type MessageCode = keyof English;
/** What each message is rendered from, once nested messages are words. */
export type MessageParams = { [K in MessageCode]: Parameters<English[K]>[0] };

/** A message's parameters as the server gives them: any words may be a message of their own. */
type Given<P> = { [K in keyof P]: P[K] extends string ? string | Message : P[K] };

export type Message = { [K in MessageCode]: { code: K; params: Given<MessageParams[K]> } }[MessageCode];

/** Every message in one language: a missing or misshapen entry does not compile. */
export type MessageCatalogue = { readonly [K in MessageCode]: (p: MessageParams[K]) => string };

export function message<K extends MessageCode>(code: K, params: Given<MessageParams[K]>): Message {
  return { code, params } as Message;
}

/** Words that are not translated (a script's own output), as a message. */
export const verbatim = (text: string): Message => message('text', { text });

/** How deep messages may nest: a reason within a sentence, no more. */
const MAX_DEPTH = 3;

/** The message in the catalogue's language. */
export function renderMessage(catalogue: MessageCatalogue, m: Message, depth = 0): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(m.params as Record<string, unknown>)) {
    params[key] =
      typeof value === 'object' && value !== null && depth < MAX_DEPTH
        ? renderMessage(catalogue, value as Message, depth + 1)
        : (value as string | number);
  }
  const words = catalogue[m.code] as (p: Record<string, string | number>) => string;
  return words(params);
}

const MAX_PARAMS = 12;
const MAX_PARAM_CHARS = 2000;

/**
 * A message read from the network, or undefined when it is not one this catalogue knows
 * (an unknown code, a parameter of the wrong kind): the caller falls back to the text beside it.
 */
export function parseMessage(value: unknown, catalogue: MessageCatalogue, depth = 0): Message | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== 'string' || !Object.hasOwn(catalogue, code)) return undefined;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMS) return undefined;
  const parsed: Record<string, string | number | Message> = {};
  for (const [key, param] of entries) {
    if (typeof param === 'string' && param.length <= MAX_PARAM_CHARS) parsed[key] = param;
    else if (typeof param === 'number' && Number.isFinite(param)) parsed[key] = param;
    else {
      const inner = depth < MAX_DEPTH ? parseMessage(param, catalogue, depth + 1) : undefined;
      if (!inner) return undefined;
      parsed[key] = inner;
    }
  }
  return { code, params: parsed } as Message;
}
