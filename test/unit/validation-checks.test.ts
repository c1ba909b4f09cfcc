// Every check type against a fake sandbox shell that answers with scripted docker output.
import { messageText } from '../../common/message-catalogues.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECK_TYPES, parseCheck, type CheckInput } from '../../common/checks.js';
import { imageMatches } from '../../server/validation/image-ref.js';
import { runCheck } from '../../server/validation/run-check.js';
import { runChecks } from '../../server/validation/run-checks.js';
import {
  SandboxUnavailableError,
  type SandboxShell,
  type ShellResult,
} from '../../server/validation/shell.js';

type Answer = ShellResult | ((script: string) => ShellResult);

/** Answers each script with the first rule whose pattern it contains; records every script. */
class FakeShell implements SandboxShell {
  readonly scripts: string[] = [];
  constructor(private readonly rules: [RegExp, Answer][]) {}
  async run(script: string): Promise<ShellResult> {
    this.scripts.push(script);
    for (const [pattern, answer] of this.rules) {
      if (pattern.test(script)) return typeof answer === 'function' ? answer(script) : answer;
    }
    return { exitCode: 1, output: `fake shell: no answer for ${script}` };
  }
}

const ok = (output: unknown): ShellResult => ({
  exitCode: 0,
  output: typeof output === 'string' ? output : JSON.stringify(output) + '\n',
});
const missing = (kind: string, name: string): ShellResult => ({
  exitCode: 1,
  output: `Error: No such ${kind}: ${name}\n`,
});
const inspectOf = (kind: string, name: string) =>
  new RegExp(`docker ${kind} inspect --format '\\{\\{json \\.\\}\\}' '${name}'`);

const REDIS_ID = '65c0110aaefbc36c34ddfcb669fdc1d6f184f34e216b8fc62522ce61de78abd2';
const WEB_ID = '346023d15e3b6ed884a5f2fa1a541fc81d6f3a3d532f3d66b97b2b9190591562';

interface ContainerOverrides {
  name?: string;
  id?: string;
  image?: string;
  imageId?: string;
  state?: Partial<{
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    ExitCode: number;
  }>;
  env?: string[];
  links?: string[] | null;
  ports?: Record<string, { HostIp: string; HostPort: string }[] | null>;
  portBindings?: Record<string, { HostIp: string; HostPort: string }[] | null>;
  networks?: Record<string, { IPAddress?: string; Aliases?: string[] | null }>;
  mounts?: { Type: string; Name?: string; Source: string; Destination: string }[];
}

/** The fields of `docker container inspect` the checks read, shaped as Docker 20.10 answers. */
function container(o: ContainerOverrides = {}) {
  const running = o.state?.Running ?? true;
  return {
    Id: o.id ?? REDIS_ID,
    Name: `/${o.name ?? 'redis'}`,
    Image: o.imageId ?? 'sha256:10c30cc514846e80c667802a26e62f116b36dbb3517070aa851482c793619c81',
    State: {
      Status: running ? 'running' : 'exited',
      Running: running,
      Paused: false,
      Restarting: false,
      ExitCode: 0,
      Pid: running ? 316 : 0,
      ...o.state,
    },
    Config: { Image: o.image ?? 'redis', Env: o.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'] },
    HostConfig: { Links: o.links ?? null, PortBindings: o.portBindings ?? {} },
    NetworkSettings: {
      Ports: o.ports ?? {},
      Networks: Object.fromEntries(
        Object.entries(o.networks ?? { bridge: {} }).map(([net, e]) => [
          net,
          { NetworkID: `${net}-id`, IPAddress: e.IPAddress ?? '172.17.0.2', Aliases: e.Aliases ?? null },
        ]),
      ),
    },
    Mounts: o.mounts ?? [],
  };
}

/** Runs one check against the rules and returns its result. */
/** A check's answer without its message, once its message is shown to say what its English reason says. */
async function check(input: CheckInput, rules: [RegExp, Answer][]) {
  const { message, ...result } = await runCheck(new FakeShell(rules), input);
  assert.ok(message, 'every reason is also a message the page can translate');
  assert.equal(messageText(message), result.reason);
  return result;
}

test('a reason comes as a message the page says in Indonesian', async () => {
  const r = await runCheck(new FakeShell([[/inspect/, missing('container', 'web')]]), {
    type: 'container_running',
    container: 'web',
  });
  assert.deepEqual(r.message, { code: 'container-missing', params: { name: 'web' } });
  assert.equal(
    messageText(r.message!, 'id'),
    'Belum ada container bernama "web". Buat dengan docker run --name web ...',
  );
});

describe('the check schema', () => {
  test('accepts every type with defaults filled in', () => {
    const http = parseCheck({ type: 'http_get', port: 3000, contains: 'viewed' });
    assert.deepEqual(http, {
      ok: true,
      check: { type: 'http_get', port: 3000, contains: 'viewed', path: '/', host: 'localhost' },
    });
    const script = parseCheck({ type: 'script', run: 'true' });
    assert.ok(script.ok && script.check.type === 'script' && script.check.timeoutSeconds === 10);
    assert.equal(CHECK_TYPES.length, 16);
  });

  test('refuses typos, bad names, long scripts and value with matches', () => {
    const bad: unknown[] = [
      { type: 'network_exist', network: 'x' },
      { type: 'network_exists', netwrok: 'x' },
      { type: 'container_exists', container: 'a b' },
      { type: 'container_exists', container: '-rm' },
      { type: 'script', run: 'true', timeoutSeconds: 61 },
      { type: 'container_env', container: 'web', name: 'A', value: '1', matches: '1' },
      { type: 'container_env', container: 'web', name: 'A', matches: '(' },
      { type: 'http_get', port: 70000, contains: 'x' },
      { type: 'file_contains', path: 'relative.txt', text: 'x' },
      { description: 'no type' },
      null,
    ];
    for (const value of bad) assert.equal(parseCheck(value).ok, false, JSON.stringify(value));
  });
});

describe('image references', () => {
  test('a name as typed matches its fully qualified forms, a tag must match', () => {
    assert.ok(imageMatches('redis', 'redis:latest'));
    assert.ok(imageMatches('redis', 'docker.io/library/redis:latest'));
    assert.ok(imageMatches('redis:latest', 'redis'));
    assert.ok(imageMatches('redis', 'redis:7'));
    assert.ok(
      imageMatches('katacoda/redis-node-docker-example', 'docker.io/katacoda/redis-node-docker-example'),
    );
    assert.ok(imageMatches('localhost:5000/app:1', 'localhost:5000/app:1'));
    assert.ok(!imageMatches('redis:latest', 'redis:7'));
    assert.ok(!imageMatches('postgres:9.4', 'postgres'));
    assert.ok(!imageMatches('redis', 'myrepo/redis'));
    assert.ok(!imageMatches('localhost:5000/redis', 'redis'));
  });
});

describe('network_exists', () => {
  const c = { type: 'network_exists', network: 'backend-network' } as const;
  test('passes when the network is there', async () => {
    const r = await check(c, [
      [inspectOf('network', 'backend-network'), ok({ Name: 'backend-network', Id: 'abc', Driver: 'bridge' })],
    ]);
    assert.deepEqual(r, { ok: true, reason: 'Network "backend-network" exists (bridge driver).' });
  });
  test('fails with the command to run when it is not', async () => {
    const r = await check(c, [[/network inspect/, missing('network', 'backend-network')]]);
    assert.deepEqual(r, {
      ok: false,
      reason: 'No network named "backend-network" yet. Create it with docker network create backend-network.',
    });
  });
  test('a network found only by an ID prefix is not a match', async () => {
    const r = await check({ type: 'network_exists', network: 'abc' }, [
      [/network inspect/, ok({ Name: 'other', Id: 'abcdef0123456789', Driver: 'bridge' })],
    ]);
    assert.equal(r.ok, false);
  });
});

describe('container_exists and container_running', () => {
  test('exists passes for a stopped container too', async () => {
    const r = await check({ type: 'container_exists', container: 'redis' }, [
      [inspectOf('container', 'redis'), ok(container({ state: { Running: false } }))],
    ]);
    assert.equal(r.ok, true);
    assert.match(r.reason, /exists \(exited\)/);
  });
  test('exists fails for a missing container, naming docker run', async () => {
    const r = await check({ type: 'container_exists', container: 'redis' }, [
      [/container inspect/, missing('container', 'redis')],
    ]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /^No container named "redis" yet\. Create it with docker run --name redis/);
  });
  test('running passes for a running container', async () => {
    const r = await check({ type: 'container_running', container: 'redis' }, [
      [inspectOf('container', 'redis'), ok(container())],
    ]);
    assert.deepEqual(r, { ok: true, reason: 'Container "redis" is running.' });
  });
  test('running fails for a stopped one with its exit code', async () => {
    const r = await check({ type: 'container_running', container: 'redis' }, [
      [/container inspect/, ok(container({ state: { Running: false, Status: 'exited', ExitCode: 1 } }))],
    ]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /^Container "redis" exists but is not running \(it exited with code 1\)/);
  });
  test('running fails for a missing one', async () => {
    const r = await check({ type: 'container_running', container: 'redis' }, [
      [/container inspect/, missing('container', 'redis')],
    ]);
    assert.match(r.reason, /^No container named "redis"/);
  });
});

describe('container_uses_image', () => {
  const c = { type: 'container_uses_image', container: 'redis', image: 'redis' } as const;
  test('passes when the image was typed in another form', async () => {
    const r = await check(c, [
      [/container inspect/, ok(container({ image: 'docker.io/library/redis:latest' }))],
    ]);
    assert.equal(r.ok, true);
  });
  test('passes when started from another name of the same image', async () => {
    const sameId = 'sha256:10c30cc514846e80c667802a26e62f116b36dbb3517070aa851482c793619c81';
    const r = await check(c, [
      [/container inspect/, ok(container({ image: 'my-cache', imageId: sameId }))],
      [inspectOf('image', 'redis'), ok({ Id: sameId })],
    ]);
    assert.equal(r.ok, true);
  });
  test('fails for another image', async () => {
    const r = await check(c, [
      [/container inspect/, ok(container({ image: 'alpine', imageId: 'sha256:a1dd' }))],
      [/image inspect/, ok({ Id: 'sha256:10c3' })],
    ]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /runs the image alpine, not redis/);
  });
});

describe('container_on_network', () => {
  const onBackend = container({
    networks: { 'backend-network': { Aliases: ['65c0110aaefb'] }, 'frontend-network': { Aliases: ['db'] } },
  });
  test('passes when connected, with or without an alias', async () => {
    const rules: [RegExp, Answer][] = [[/container inspect/, ok(onBackend)]];
    assert.equal(
      (await check({ type: 'container_on_network', container: 'redis', network: 'backend-network' }, rules))
        .ok,
      true,
    );
    const aliased = await check(
      { type: 'container_on_network', container: 'redis', network: 'frontend-network', alias: 'db' },
      rules,
    );
    assert.deepEqual(aliased, { ok: true, reason: '"redis" is on frontend-network with the alias "db".' });
  });
  test('fails without the alias', async () => {
    const r = await check(
      { type: 'container_on_network', container: 'redis', network: 'backend-network', alias: 'db' },
      [[/container inspect/, ok(onBackend)]],
    );
    assert.equal(r.ok, false);
    assert.match(r.reason, /^"redis" is on backend-network but without the alias "db"\./);
  });
  test('fails when not connected, saying where it is', async () => {
    const r = await check({ type: 'container_on_network', container: 'redis', network: 'backend-network' }, [
      [/container inspect/, ok(container())],
      [/network inspect/, ok({ Name: 'backend-network', Id: 'n1', Driver: 'bridge' })],
    ]);
    assert.equal(r.ok, false);
    assert.match(
      r.reason,
      /^"redis" is not on backend-network \(it is on bridge\)\. Connect it with docker network connect backend-network redis\./,
    );
  });
  test('fails when the network does not exist', async () => {
    const r = await check({ type: 'container_on_network', container: 'redis', network: 'backend-network' }, [
      [/container inspect/, ok(container())],
      [/network inspect/, missing('network', 'backend-network')],
    ]);
    assert.match(r.reason, /^No network named "backend-network" yet/);
  });
});

describe('name_resolves', () => {
  const c = { type: 'name_resolves', network: 'frontend', name: 'db', container: 'redis' } as const;
  const net = (members: Record<string, { Name: string; IPv4Address: string }>) =>
    ok({ Name: 'frontend', Id: 'n1', Driver: 'bridge', Containers: members });
  const twoMembers = {
    [REDIS_ID]: { Name: 'redis', IPv4Address: '172.19.0.2/16' },
    [WEB_ID]: { Name: 'web', IPv4Address: '172.19.0.3/16' },
  };
  test('passes when the name leads to the container, asking from a neighbour', async () => {
    const shell = new FakeShell([
      [/network inspect/, net(twoMembers)],
      [/nsenter/, ok('172.19.0.2\n')],
    ]);
    const { message: _message, ...r } = await runCheck(shell, c);
    assert.deepEqual(r, { ok: true, reason: 'On frontend, the name db leads to "redis" (172.19.0.2).' });
    const dig = shell.scripts.find((s) => s.includes('nsenter'))!;
    assert.match(dig, new RegExp(WEB_ID), 'the question is asked from the other container');
    assert.match(dig, /dig \+short .*@127\.0\.0\.11 'db' A/);
  });
  test('fails when the name does not resolve, with the alias command', async () => {
    const r = await check(c, [
      [/network inspect/, net(twoMembers)],
      [/nsenter/, ok('')],
    ]);
    assert.equal(r.ok, false);
    assert.match(
      r.reason,
      /the name db does not resolve yet\. Give "redis" that name: docker network connect --alias db frontend redis/,
    );
  });
  test('fails when the name leads elsewhere, naming who', async () => {
    const r = await check(c, [
      [/network inspect/, net(twoMembers)],
      [/nsenter/, ok('172.19.0.3\n')],
    ]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /leads to 172\.19\.0\.3 \("web"\), not to "redis" \(172\.19\.0\.2\)/);
  });
  test('fails when the container is not on the network', async () => {
    const r = await check(c, [
      [/network inspect/, net({ [WEB_ID]: { Name: 'web', IPv4Address: '172.19.0.3/16' } })],
      [/container inspect/, ok(container())],
    ]);
    assert.match(r.reason, /^"redis" is not on frontend, so no name there leads to it\./);
  });
  test('explains that names do not resolve on the default bridge', async () => {
    const r = await check({ ...c, network: 'bridge' }, [
      [/network inspect/, ok({ Name: 'bridge', Id: 'b', Driver: 'bridge', Containers: twoMembers })],
    ]);
    assert.match(r.reason, /Names do not resolve on Docker's default "bridge" network/);
  });
});

describe('port_published', () => {
  const counter = container({
    name: 'counter',
    ports: { '3000/tcp': [{ HostIp: '0.0.0.0', HostPort: '3000' }] },
  });
  test('passes for the named container publishing the port', async () => {
    const r = await check({ type: 'port_published', container: 'counter', port: 3000 }, [
      [inspectOf('container', 'counter'), ok(counter)],
    ]);
    assert.deepEqual(r, { ok: true, reason: '"counter" publishes its port 3000/tcp on port 3000.' });
  });
  test('without a container, any running container will do', async () => {
    const rules: [RegExp, Answer][] = [
      [/container ls -q/, ok(JSON.stringify(container()) + '\n' + JSON.stringify(counter) + '\n')],
    ];
    const r = await check({ type: 'port_published', port: 3000 }, rules);
    assert.equal(r.ok, true);
    assert.match(r.reason, /published by "counter"/);
    const none = await check({ type: 'port_published', port: 8080 }, rules);
    assert.match(none.reason, /^Nothing is published on port 8080 yet\./);
  });
  test('fails when another port is published, naming it', async () => {
    const r = await check({ type: 'port_published', container: 'counter', port: 8080 }, [
      [/container inspect/, ok(counter)],
    ]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /^"counter" publishes 3000 \(its 3000\/tcp\), but not 8080\./);
  });
  test('fails for a stopped container that would publish it', async () => {
    const stopped = container({
      name: 'counter',
      state: { Running: false, ExitCode: 137 },
      portBindings: { '3000/tcp': [{ HostIp: '', HostPort: '3000' }] },
    });
    const r = await check({ type: 'port_published', container: 'counter', port: 3000 }, [
      [/container inspect/, ok(stopped)],
    ]);
    assert.match(r.reason, /not running .* Once it runs, it publishes port 3000\./);
  });
});

describe('volumes and mounts', () => {
  test('volume_exists passes and fails', async () => {
    const yes = await check({ type: 'volume_exists', volume: 'notes' }, [
      [
        inspectOf('volume', 'notes'),
        ok({ Name: 'notes', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/notes/_data' }),
      ],
    ]);
    assert.equal(yes.ok, true);
    const no = await check({ type: 'volume_exists', volume: 'notes' }, [
      [/volume inspect/, missing('volume', 'notes')],
    ]);
    assert.deepEqual(no, {
      ok: false,
      reason: 'No volume named "notes" yet. Create it with docker volume create notes.',
    });
  });
  const withMounts = container({
    mounts: [
      { Type: 'bind', Source: '/root', Destination: '/host' },
      { Type: 'volume', Name: 'notes', Source: '/var/lib/docker/volumes/notes/_data', Destination: '/data' },
    ],
  });
  const rules: [RegExp, Answer][] = [[/container inspect/, ok(withMounts)]];
  test('volume_mounted passes for a named volume, a destination, a bind path', async () => {
    for (const c of [
      { volume: 'notes', destination: '/data' },
      { volume: 'notes' },
      { destination: '/data/' },
      { volume: '/root', destination: '/host' },
    ]) {
      const r = await check({ type: 'volume_mounted', container: 'redis', ...c }, rules);
      assert.equal(r.ok, true, JSON.stringify(c) + ' ' + r.reason);
    }
  });
  test('volume_mounted fails at the wrong place, or with nothing mounted', async () => {
    const wrongPlace = await check(
      { type: 'volume_mounted', container: 'redis', volume: 'notes', destination: '/notes' },
      rules,
    );
    assert.match(wrongPlace.reason, /^"redis" has notes mounted at \/data, not at \/notes\./);
    const wrongVolume = await check(
      { type: 'volume_mounted', container: 'redis', volume: 'other', destination: '/data' },
      rules,
    );
    assert.match(wrongVolume.reason, /^"redis" has notes mounted at \/data, not other\./);
    const nothing = await check({ type: 'volume_mounted', container: 'redis', volume: 'notes' }, [
      [/container inspect/, ok(container())],
    ]);
    assert.match(nothing.reason, /^"redis" has nothing mounted\. .*docker run -v notes:<path>/);
  });
});

describe('image_present', () => {
  const images = ok(
    [
      {
        Repository: 'redis',
        Tag: 'latest',
        ID: 'sha256:10c30cc514846e80c667802a26e62f116b36dbb3517070aa851482c793619c81',
      },
      {
        Repository: 'postgres',
        Tag: '9.4',
        ID: 'sha256:4f9370f9b5dd1111111111111111111111111111111111111111111111111111',
      },
      {
        Repository: '<none>',
        Tag: '<none>',
        ID: 'sha256:deadbeefcafe2222222222222222222222222222222222222222222222222222',
      },
    ]
      .map((i) => JSON.stringify(i))
      .join('\n'),
  );
  const rules: [RegExp, Answer][] = [[/docker image ls/, images]];
  test('passes by name, qualified name, tag and ID', async () => {
    for (const image of [
      'redis',
      'docker.io/library/redis:latest',
      'postgres',
      'postgres:9.4',
      'deadbeefcafe',
    ]) {
      const r = await check({ type: 'image_present', image }, rules);
      assert.equal(r.ok, true, image);
    }
  });
  test('fails for a missing image or tag', async () => {
    const r = await check({ type: 'image_present', image: 'postgres:16' }, rules);
    assert.deepEqual(r, {
      ok: false,
      reason:
        'The image postgres:16 is not in the sandbox yet. Get it with docker pull postgres:16 (or build it).',
    });
  });
});

describe('container_env', () => {
  const web = container({ name: 'web', env: ['REDIS_HOST=redis', 'PATH=/bin'] });
  const rules: [RegExp, Answer][] = [[/container inspect/, ok(web)]];
  test('passes when set, equal, or matching', async () => {
    for (const extra of [{}, { value: 'redis' }, { matches: '^red' }]) {
      const r = await check({ type: 'container_env', container: 'web', name: 'REDIS_HOST', ...extra }, rules);
      assert.equal(r.ok, true, JSON.stringify(extra));
    }
  });
  test('fails when unset or different', async () => {
    const unset = await check({ type: 'container_env', container: 'web', name: 'PORT' }, rules);
    assert.match(unset.reason, /^Container "web" has no variable PORT\./);
    const other = await check(
      { type: 'container_env', container: 'web', name: 'REDIS_HOST', value: 'db' },
      rules,
    );
    assert.equal(other.reason, 'Container "web" has REDIS_HOST="redis", not "db".');
    const nomatch = await check(
      { type: 'container_env', container: 'web', name: 'REDIS_HOST', matches: '^db$' },
      rules,
    );
    assert.equal(nomatch.ok, false);
  });
});

describe('container_link', () => {
  const linked = container({ name: 'counter', links: ['/redis-server:/counter/redis'] });
  test('passes for the link and alias', async () => {
    const r = await check(
      { type: 'container_link', container: 'counter', target: 'redis-server', alias: 'redis' },
      [[/container inspect/, ok(linked)]],
    );
    assert.deepEqual(r, {
      ok: true,
      reason: 'Container "counter" reaches "redis-server" by the name redis.',
    });
  });
  test('fails for another alias, another target, or no links', async () => {
    const rules: [RegExp, Answer][] = [[/container inspect/, ok(linked)]];
    const alias = await check(
      { type: 'container_link', container: 'counter', target: 'redis-server', alias: 'db' },
      rules,
    );
    assert.match(alias.reason, /is linked to "redis-server" as "redis", not as "db"\./);
    const target = await check(
      { type: 'container_link', container: 'counter', target: 'cache', alias: 'redis' },
      rules,
    );
    assert.match(target.reason, /is linked to "redis-server" but not to "cache"\./);
    const none = await check(
      { type: 'container_link', container: 'counter', target: 'cache', alias: 'redis' },
      [[/container inspect/, ok(container({ name: 'counter' }))]],
    );
    assert.match(
      none.reason,
      /has no links\. Links are made when a container is created: docker run --link cache:redis/,
    );
  });
});

describe('http_get', () => {
  const c = { type: 'http_get', port: 3000, contains: 'viewed' } as const;
  const answer = (curlExit: number, status: string, err: string, body: string) =>
    ok(`${curlExit} ${status}\n${err}\n@@body\n${body}`);
  test('passes when the body contains the text; asks localhost by default', async () => {
    const shell = new FakeShell([[/curl/, answer(0, '200', '', 'This page was viewed 1 times')]]);
    const { message: _message, ...r } = await runCheck(shell, c);
    assert.deepEqual(r, { ok: true, reason: 'http://localhost:3000/ answered with "viewed".' });
    assert.match(shell.scripts[0]!, /curl .*'http:\/\/localhost:3000\/'/);
  });
  test('fails when nothing listens, or the body lacks the text', async () => {
    const refused = await check(c, [
      [
        /curl/,
        answer(7, '000', 'curl: (7) Failed to connect to localhost port 3000: Connection refused', ''),
      ],
    ]);
    assert.equal(refused.reason, 'No answer from http://localhost:3000/: nothing is listening there yet.');
    const other = await check({ ...c, host: 'docker', path: '/stats' }, [
      [/curl/, answer(0, '502', '', 'Bad gateway')],
    ]);
    assert.equal(
      other.reason,
      'http://docker:3000/stats answered (HTTP 502), but not with "viewed". It answered: "Bad gateway"',
    );
  });
});

describe('file_contains', () => {
  test('in the sandbox: passes, lacks the text, missing', async () => {
    const c = { type: 'file_contains', path: '/root/notes.txt', text: 'hello' } as const;
    assert.equal((await check(c, [[/head -c/, ok('well hello there\n')]])).ok, true);
    const lacks = await check(c, [[/head -c/, ok('bye\n')]]);
    assert.equal(lacks.reason, '/root/notes.txt does not contain "hello" yet.');
    const gone = await check(c, [[/head -c/, { exitCode: 2, output: '@@missing\n' }]]);
    assert.equal(gone.reason, 'There is no file /root/notes.txt yet.');
  });
  test('in a container: read with docker cp, missing container or file', async () => {
    const c = { type: 'file_contains', path: '/data/n', text: 'kept', container: 'notes-app' } as const;
    const shell = new FakeShell([[/docker cp/, ok('kept\n')]]);
    assert.equal((await runCheck(shell, c)).ok, true);
    assert.match(shell.scripts[0]!, /docker cp -L 'notes-app:\/data\/n' -/);
    const noContainer = await check(c, [
      [/docker cp/, { exitCode: 4, output: 'Error: No such container: notes-app\n' }],
    ]);
    assert.match(noContainer.reason, /^No container named "notes-app" yet/);
    const noFile = await check(c, [[/docker cp/, { exitCode: 2, output: '@@missing\n' }]]);
    assert.equal(noFile.reason, 'There is no file /data/n in the container "notes-app" yet.');
  });
});

describe('script', () => {
  test('exit 0 passes; a failure shows the end of the output', async () => {
    assert.deepEqual(await check({ type: 'script', run: 'true' }, [[/^true$/, ok('')]]), {
      ok: true,
      reason: 'Done.',
    });
    const long = 'x'.repeat(2000) + '\nThe app is not answering.   \n';
    const r = await check({ type: 'script', run: 'check-it' }, [[/check-it/, { exitCode: 1, output: long }]]);
    assert.equal(r.ok, false);
    assert.ok(r.reason.endsWith('The app is not answering.'));
    assert.ok(r.reason.length <= 504);
    const quiet = await check({ type: 'script', run: 'false' }, [[/false/, { exitCode: 3, output: '' }]]);
    assert.equal(quiet.reason, 'The check failed (exit status 3).');
  });
  test('the time limit is passed on, and a timeout is a reason', async () => {
    let limit = 0;
    const shell: SandboxShell = {
      async run(_script, timeoutMs) {
        limit = timeoutMs;
        return { exitCode: 124, output: 'waiting...\n', timedOut: true };
      },
    };
    const { message: _message, ...r } = await runCheck(shell, {
      type: 'script',
      run: 'sleep 100',
      timeoutSeconds: 2,
    });
    assert.equal(limit, 2000);
    assert.deepEqual(r, { ok: false, reason: 'The check did not finish within 2 s. Its output: waiting...' });
  });
});

describe('never a crash', () => {
  test('a malformed check is a failed result with the reason', async () => {
    const r = await runCheck(new FakeShell([]), { type: 'network_exists' } as unknown as CheckInput);
    assert.equal(r.ok, false);
    assert.match(r.reason, /^This check is malformed, so it cannot pass: network: /);
  });
  test('a sandbox that died is a failed result', async () => {
    const dead: SandboxShell = {
      run: () => Promise.reject(new SandboxUnavailableError({ code: 'sandbox-stopped', params: {} })),
    };
    const { message, ...r } = await runCheck(dead, { type: 'container_running', container: 'redis' });
    assert.deepEqual(r, { ok: false, reason: 'Your sandbox has stopped. Start a new session to continue.' });
    assert.deepEqual(message, { code: 'sandbox-stopped', params: {} });
  });
  test('a daemon that does not answer is a failed result', async () => {
    const r = await check({ type: 'volume_exists', volume: 'notes' }, [
      [
        /./,
        {
          exitCode: 1,
          output:
            'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
        },
      ],
    ]);
    assert.match(r.reason, /^The sandbox's Docker daemon is not answering/);
  });
  test('unreadable output is a failed result', async () => {
    const r = await check({ type: 'container_running', container: 'redis' }, [[/./, ok('garbage')]]);
    assert.equal(r.ok, false);
  });
});

describe('runChecks', () => {
  test('answers in order, shares identical queries, and runs scripts after the readers', async () => {
    const order: string[] = [];
    const shell = new FakeShell([
      [
        /container inspect/,
        (s) => {
          order.push('inspect');
          return s.includes("'redis'") ? ok(container()) : missing('container', 'web');
        },
      ],
      [
        /echo step/,
        () => {
          order.push('script');
          return ok('step done\n');
        },
      ],
    ]);
    const step = await runChecks(shell, [
      { type: 'script', run: 'echo step' },
      { type: 'container_exists', container: 'redis' },
      { type: 'container_running', container: 'redis' },
      { type: 'container_env', container: 'redis', name: 'PATH' },
      { type: 'container_running', container: 'web' },
    ]);
    assert.equal(step.passed, false);
    assert.deepEqual(
      step.results.map((r) => r.ok),
      [true, true, true, true, false],
    );
    assert.equal(step.results[0]!.reason, 'step done');
    assert.deepEqual(order, ['inspect', 'inspect', 'script'], 'one inspect per container, the script last');
  });
  test('passed when every check passes', async () => {
    const step = await runChecks(new FakeShell([[/container inspect/, ok(container())]]), [
      { type: 'container_running', container: 'redis' },
    ]);
    assert.equal(step.passed, true);
  });
});
