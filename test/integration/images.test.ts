// The lesson images on the real engine: each one does its job, the voting app works end to end,
// and the mirror serves them read-only. Containers run on a throwaway --internal network, so
// no packet leaves the machine; everything is removed afterwards.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { CATALOG, ensureImages, mirrorRefs, type ImageBuildReport } from '../../server/images/index.js';
import { freeLoopbackPort } from '../../server/registry/process.js';
import { ensureMirror, mirrorHealth, stopMirror } from '../../server/registry/index.js';

const exec = promisify(execFile);
const run = randomBytes(4).toString('hex');
const network = `images-test-${run}`;
const label = `playground.test=images-${run}`;
const config = loadConfig();
const stateDir = config.stateDir;
const engine = engineEndpoint(config.dockerHost).docker;
// A mirror of the test's own (port and state), so a playground's mirror is never disturbed.
const mirrorStateDir = path.join(stateDir, 'test-mirror');
let mirrorPort = 0;
let report: ImageBuildReport;

const image = (name: string) => {
  const spec = CATALOG.find((s) => s.name === name);
  assert.ok(spec, name);
  return `${spec.localRepo}:latest`;
};

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** Starts a detached container on the test network, reachable by `alias`. */
async function start(
  alias: string,
  img: string,
  opts: { env?: string[]; cmd?: string[] } = {},
): Promise<string> {
  const name = `images-test-${run}-${alias}`;
  const env = (opts.env ?? []).flatMap((e) => ['-e', e]);
  await docker(
    'run',
    '-d',
    '--name',
    name,
    '--label',
    label,
    '--network',
    network,
    '--network-alias',
    alias,
    ...env,
    img,
    ...(opts.cmd ?? []),
  );
  return name;
}

// What `--link redis:redis --link db:db` puts in an app's environment, as lessons run them.
const LINK_ENV = ['REDIS_PORT=tcp://192.0.2.1:6379', 'DB_PORT=tcp://192.0.2.2:5432'];

/** Retries `fn` until it returns without throwing, for at most `timeoutMs`. */
async function eventually<T>(what: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      await sleep(500);
    }
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000}s: ${(last as Error)?.message}`);
}

let client = '';
/** GET (or POST) from inside the network, with the alpine stand-in's wget. */
const wget = (url: string, postData?: string) =>
  docker('exec', client, 'wget', '-qO-', '-T', '10', ...(postData ? ['--post-data', postData] : []), url);

before(
  async () => {
    const progress: string[] = [];
    const onProgress = (line: string) => progress.push(line);
    const lessons = CATALOG.filter((s) => s.mirror.length > 0).map((s) => s.name);
    report = await ensureImages({ stateDir, docker: engine, onProgress, only: lessons, verbose: false });
    mirrorPort = await freeLoopbackPort();
    await ensureMirror({ stateDir: mirrorStateDir, port: mirrorPort, docker: engine, onProgress });
    await docker('network', 'create', '--internal', '--label', label, network);
    client = await start('client', image('alpine'), { cmd: ['sleep', '600'] });
  },
  { timeout: 45 * 60_000 },
);

after(async () => {
  const ids = await docker('ps', '-aq', '--filter', `label=${label}`).catch(() => '');
  if (ids) await docker('rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker('network', 'rm', network).catch(() => undefined);
  await stopMirror(mirrorStateDir);
});

test('every lesson image was built or found', () => {
  for (const r of report.images)
    assert.ok(r.status === 'built' || r.status === 'cached', `${r.name}: ${r.status}`);
});

describe('lesson images', () => {
  test('alpine stand-in: a shell with echo, DNS, ping and resolv.conf', async () => {
    assert.equal(
      await docker('run', '--rm', '--network', network, image('alpine'), 'echo', 'hello'),
      'hello',
    );
    assert.match(await docker('exec', client, 'cat', '/etc/resolv.conf'), /nameserver 127\.0\.0\.11/);
    assert.match(await docker('exec', client, 'ping', '-c1', '-W', '5', 'client'), /1 packets received/);
  });

  test('redis answers PING through redis-cli', async () => {
    const redis = await start('redis', image('redis'));
    assert.equal(await eventually('redis PONG', () => docker('exec', redis, 'redis-cli', 'ping')), 'PONG');
    // Reached over the network too, as the apps reach it.
    assert.equal(await docker('exec', redis, 'redis-cli', '-h', 'redis', 'ping'), 'PONG');
  });

  test('postgres accepts psql -U postgres', async () => {
    const db = await start('db', image('postgres'));
    const out = await eventually('postgres ready', () =>
      docker('exec', db, 'psql', '-U', 'postgres', '-tAc', 'select 1'),
    );
    assert.equal(out, '1');
    const user = await docker('exec', db, 'ps', '-o', 'user,args');
    assert.match(user, /postgres\s+postgres/, 'the server runs as user postgres');
  });

  test('the counter app counts page views in redis', async () => {
    await start('counter', image('redis-counter'), { env: LINK_ENV });
    const first = await eventually('counter answers', () => wget('http://counter:3000/'));
    const n = Number(/viewed (\d+) times/.exec(first)?.[1]);
    assert.ok(n >= 1, first);
    assert.match(await wget('http://counter:3000/'), new RegExp(`viewed ${n + 1} times!`));
  });

  test('the voting app: a vote appears in the result tally', async () => {
    await start('vote', image('voting-vote'), { env: LINK_ENV });
    await start('worker', image('voting-worker'), { env: LINK_ENV });
    await start('result', image('voting-result'), { env: LINK_ENV });
    const pageHtml = await eventually('vote page', () => wget('http://vote/'));
    assert.match(pageHtml, /Cats/);
    assert.match(pageHtml, /Dogs/);
    assert.match(await eventually('result page', () => wget('http://result/')), /setInterval/);
    const before = JSON.parse(await wget('http://result/api/tally')) as { a: number; b: number };

    await wget('http://vote/', 'vote=b');
    const tally = await eventually('the vote in the tally', async () => {
      const t = JSON.parse(await wget('http://result/api/tally')) as { a: number; b: number };
      if (t.b !== before.b + 1) throw new Error(`tally is ${JSON.stringify(t)}`);
      return t;
    });
    assert.equal(tally.a, before.a);
  });
});

describe('registry mirror', () => {
  test('answers and lists every lesson tag', async () => {
    assert.equal(await mirrorHealth(mirrorPort), true);
    for (const { ref } of mirrorRefs()) {
      const [repo, tag] = ref.split(/:(?=[^:]+$)/) as [string, string];
      const res = await fetch(`http://127.0.0.1:${mirrorPort}/v2/${repo}/tags/list`);
      assert.equal(res.status, 200, ref);
      const body = (await res.json()) as { tags: string[] };
      assert.ok(body.tags.includes(tag), `${ref} is listed`);
    }
  });

  test('serves pullable images', async () => {
    const ref = `127.0.0.1:${mirrorPort}/library/alpine:latest`;
    await docker('pull', ref);
    try {
      assert.equal(await docker('run', '--rm', '--network', network, ref, 'echo', 'pulled'), 'pulled');
    } finally {
      await docker('rmi', ref).catch(() => undefined);
    }
  });

  test('refuses pushes', async () => {
    const ref = `127.0.0.1:${mirrorPort}/library/planted:latest`;
    await docker('tag', image('alpine'), ref);
    try {
      await assert.rejects(docker('push', ref));
    } finally {
      await docker('rmi', ref).catch(() => undefined);
    }
    const res = await fetch(`http://127.0.0.1:${mirrorPort}/v2/library/alpine/blobs/uploads/`, {
      method: 'POST',
    });
    assert.equal(res.status, 405);
  });
});
