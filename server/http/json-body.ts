// Reads a small JSON request body, with a clear error for anything else.
import type { IncomingMessage } from 'node:http';
import { PlaygroundError } from '../errors.js';

/** API bodies are tiny (a lesson id, a step id); anything bigger is a mistake or an attack. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

/** The parsed body, or `{}` when there is none. */
export async function readJsonBody(
  req: IncomingMessage,
  limit = MAX_JSON_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PlaygroundError(`The request body is larger than ${limit} bytes.`, 413);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PlaygroundError('The request body is not valid JSON.', 400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlaygroundError('The request body must be a JSON object.', 400);
  }
  return value as Record<string, unknown>;
}

/** An optional string field, or a 400 naming it. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value)
    throw new PlaygroundError(`"${field}" must be a non-empty string.`, 400);
  return value;
}
