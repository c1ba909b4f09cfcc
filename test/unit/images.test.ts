import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CATALOG, dependencyEnvName, mirrorRefs, type ImageSpec } from '../../server/images/catalog.js';
import { PLAYGROUND_ROOT } from '../../server/images/build.js';
import { recipeHash } from '../../server/images/recipe-hash.js';
import { registryConfig } from '../../server/registry/config.js';

// Every image name a lesson tells learners to pull.
const LESSON_REFS = [
  'library/redis:latest',
  'library/redis:alpine',
  'library/alpine:latest',
  'library/postgres:9.4',
  'caylent/example-voting-app:vote',
  'caylent/example-voting-app:result',
  'caylent/example-voting-app:worker',
  'katacoda/redis-node-docker-example:latest',
];

test('the mirror serves every image a lesson pulls, each from one image', () => {
  const refs = mirrorRefs().map((r) => r.ref);
  for (const ref of LESSON_REFS) assert.ok(refs.includes(ref), `${ref} is in the catalog`);
  assert.equal(new Set(refs).size, refs.length, 'no mirror name is provided twice');
});

test('catalog entries are consistent', () => {
  const names = CATALOG.map((s) => s.name);
  assert.equal(new Set(names).size, names.length, 'names are unique');
  const repos = CATALOG.map((s) => s.localRepo);
  assert.equal(new Set(repos).size, repos.length, 'local repositories are unique');
  CATALOG.forEach((spec, i) => {
    for (const dep of spec.dependsOn) {
      assert.ok(
        names.slice(0, i).includes(dep),
        `${spec.name}: dependency ${dep} comes earlier in the catalog`,
      );
    }
    if (!spec.optional) {
      assert.ok(
        existsSync(path.join(PLAYGROUND_ROOT, 'images', spec.name, 'build.sh')),
        `${spec.name} has a recipe`,
      );
    }
    for (const input of spec.inputs)
      assert.ok(existsSync(path.join(PLAYGROUND_ROOT, input)), `${input} exists`);
  });
  const sandbox = CATALOG.find((s) => s.localRepo === 'playground/sandbox');
  assert.ok(sandbox, 'the sandbox image is in the catalog');
  assert.deepEqual(sandbox.mirror, [], 'the sandbox image is never pushed to the mirror');
});

test('dependencies reach recipes as IMAGE_<NAME>', () => {
  assert.equal(dependencyEnvName('node-base'), 'IMAGE_NODE_BASE');
});

test('the recipe hash changes with any recipe file, shared input, fact or dependency', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'recipe-hash-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'images/app/files'), { recursive: true });
  await mkdir(path.join(root, 'images/lib'), { recursive: true });
  await writeFile(path.join(root, 'images/app/build.sh'), 'echo build\n');
  await writeFile(path.join(root, 'images/app/files/a.txt'), 'a\n');
  await writeFile(path.join(root, 'images/lib/common.sh'), 'common\n');
  let fact = 'v1';
  const spec: ImageSpec = {
    name: 'app',
    localRepo: 'test/app',
    mirror: [],
    inputs: ['images/lib'],
    dependsOn: ['base'],
    facts: () => [fact],
  };
  let deps = new Map([['base', 'hash-of-base']]);
  const hash = () => recipeHash(spec, root, deps);

  const first = await hash();
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(await hash(), first, 'stable when nothing changes');

  const seen = new Set([first]);
  const changed = async (what: string) => {
    const h = await hash();
    assert.ok(!seen.has(h), `${what} changes the hash`);
    seen.add(h);
  };
  await writeFile(path.join(root, 'images/app/files/a.txt'), 'b\n');
  await changed('a recipe file');
  await writeFile(path.join(root, 'images/app/files/new.txt'), '');
  await changed('a new recipe file');
  await writeFile(path.join(root, 'images/lib/common.sh'), 'common 2\n');
  await changed('a shared input');
  fact = 'v2';
  await changed('a fact');
  deps = new Map([['base', 'another-hash']]);
  await changed('a dependency');

  deps = new Map();
  await assert.rejects(hash(), /depends on "base"/);
});

test('the mirror is read-only, and a pull-through cache when an upstream is set', () => {
  const local = registryConfig({ storageDir: '/s', addr: '0.0.0.0:5000', readOnly: true });
  assert.match(local, /readonly:\n\s+enabled: true/);
  assert.match(local, /rootdirectory: "\/s"/);
  assert.doesNotMatch(local, /proxy:/);
  const proxy = registryConfig({
    storageDir: '/p',
    addr: '0.0.0.0:5000',
    readOnly: true,
    upstream: 'https://registry-1.docker.io',
  });
  assert.match(proxy, /proxy:\n\s+remoteurl: "https:\/\/registry-1.docker.io"/);
});
