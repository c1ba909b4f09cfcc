// Playground instances on one engine: each labels, names and lists only its own objects,
// and objects made before instances existed belong to the default instance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_INSTANCE, InstanceScope, LABEL } from '../../server/sandboxes/labels.js';

const production = new InstanceScope();
const testRun = new InstanceScope('test-4242');

test('every object is labelled with its instance', () => {
  const labels = testRun.labelsFor('sandbox', 'abc123def456', { [LABEL.host]: 'node1' });
  assert.equal(labels[LABEL.instance], 'test-4242');
  assert.equal(labels[LABEL.role], 'sandbox');
  assert.equal(production.labelsFor('network', 'abc123def456')[LABEL.instance], DEFAULT_INSTANCE);
});

test('an instance owns only its own objects; unlabelled ones are the default instance’s', () => {
  const legacy = { [LABEL.role]: 'sandbox', [LABEL.session]: 'abc123def456' };
  const ofTest = testRun.labelsFor('sandbox', 'abc123def456');
  const ofDefault = production.labelsFor('sandbox', 'abc123def456');
  assert.equal(production.owns(legacy), true);
  assert.equal(production.owns(ofDefault), true);
  assert.equal(production.owns(ofTest), false);
  assert.equal(testRun.owns(legacy), false);
  assert.equal(testRun.owns(ofDefault), false);
  assert.equal(testRun.owns(ofTest), true);
  assert.equal(new InstanceScope('test-4243').owns(ofTest), false);
  assert.equal(production.owns({ 'some.other.label': 'x' }), false, 'not a playground object');
  assert.equal(production.owns(undefined), false);
});

test('list filters select the instance on the engine where the engine can', () => {
  assert.deepEqual(testRun.filter(), { label: [`${LABEL.instance}=test-4242`] });
  // The engine cannot select "no instance label": the default instance filters after listing.
  assert.deepEqual(production.filter(), { label: [LABEL.role] });
  assert.deepEqual(testRun.sessionFilter('abc', `${LABEL.host}=node1`), {
    label: [`${LABEL.instance}=test-4242`, `${LABEL.session}=abc`, `${LABEL.host}=node1`],
  });
  assert.throws(() => testRun.sessionFilter(''), /session id is required/);
});

test('object names never collide across instances; the default keeps the earlier names', () => {
  assert.equal(production.objectName('abc123def456', 'net'), 'playground-abc123def456-net');
  const names = new Set<string>();
  // Instance names that look like session ids or suffixes must still give distinct names.
  for (const scope of [production, testRun, new InstanceScope('abc123def456'), new InstanceScope('net')]) {
    for (const session of ['abc123def456', 'net', 'test-4242']) {
      for (const suffix of ['net', 'node1', 'node1-data', 'abc123def456-net']) {
        const name = scope.objectName(session, suffix);
        assert.match(name, /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'a valid container and volume name');
        names.add(`${scope.name}|${name}`);
      }
    }
  }
  const byName = new Map<string, string>();
  for (const entry of names) {
    const [instance, name] = entry.split('|') as [string, string];
    const other = byName.get(name);
    assert.ok(other === undefined || other === instance, `${name} is made by ${other} and ${instance}`);
    byName.set(name, instance);
  }
});

test('instance names that could break names or filters are refused', () => {
  for (const bad of ['', 'Prod', 'a.b', 'a=b', '-x', 'x'.repeat(41), 'a b']) {
    assert.throws(() => new InstanceScope(bad), /PLAYGROUND_INSTANCE/, bad);
  }
});
