import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken, newSessionId, newToken, tokenMatches } from '../../server/sessions/tokens.js';

test('tokens carry at least 128 bits and are unique', () => {
  const tokens = new Set(Array.from({ length: 1000 }, newToken));
  assert.equal(tokens.size, 1000);
  for (const t of tokens) assert.ok(Buffer.from(t, 'base64url').length >= 16);
});

test('session ids are safe in container and network names', () => {
  for (let i = 0; i < 100; i++) assert.match(newSessionId(), /^[a-f0-9]{12}$/);
});

test('only the right token matches its hash', () => {
  const token = newToken();
  const hash = hashToken(token);
  assert.equal(tokenMatches(token, hash), true);
  assert.equal(tokenMatches(newToken(), hash), false);
  assert.equal(tokenMatches(undefined, hash), false);
  assert.equal(tokenMatches('', hash), false);
  assert.equal(tokenMatches(token, ''), false);
});
