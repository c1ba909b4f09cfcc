// API request bodies: small JSON objects or nothing; anything else is a clear 4xx.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { optionalString, readJsonBody } from '../../server/http/json-body.js';
import { PlaygroundError } from '../../server/errors.js';

const body = (...chunks: string[]) =>
  Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;

const rejectsWith = (promise: Promise<unknown>, status: number, message: RegExp) =>
  assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof PlaygroundError);
    assert.equal(err.status, status);
    assert.match(err.message, message);
    return true;
  });

test('an empty body is an empty object; a JSON object is parsed across chunks', async () => {
  assert.deepEqual(await readJsonBody(body()), {});
  assert.deepEqual(await readJsonBody(body('{"lesson', 'Id":"docker-basics"}')), {
    lessonId: 'docker-basics',
  });
});

test('malformed, non-object and oversized bodies are refused with a reason', async () => {
  await rejectsWith(readJsonBody(body('{nope')), 400, /not valid JSON/);
  await rejectsWith(readJsonBody(body('[1,2]')), 400, /JSON object/);
  await rejectsWith(readJsonBody(body('x'.repeat(100)), 64), 413, /larger than 64 bytes/);
});

test('optional string fields', () => {
  assert.equal(optionalString({}, 'stepId'), undefined);
  assert.equal(optionalString({ stepId: 'a' }, 'stepId'), 'a');
  assert.throws(() => optionalString({ stepId: 5 }, 'stepId'), /"stepId" must be a non-empty string/);
  assert.throws(() => optionalString({ stepId: '' }, 'stepId'), /non-empty/);
});
