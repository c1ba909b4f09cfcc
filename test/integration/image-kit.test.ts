// What tutorials and Killercoda scenarios expect of a sandbox, on the real engine: the tools
// they call, a daemon that `systemctl restart docker` restarts with /etc/docker/daemon.json
// applied, the offline alpine that explains its missing apk, a pull of a missing image that
// names the images there are, and each stand-in image doing what lessons rely on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
let session: { id: string; token: string };
let sandbox: Docker.Container;

/** Runs a bash script in the sandbox as the learner would; its exit status and output. */
async function run(script: string): Promise<{ exitCode: number | null; output: string }> {
  return execCapture(sandbox, ['bash', '-c', script]);
}

/** Runs a script that must succeed. */
async function sh(script: string): Promise<string> {
  const { exitCode, output } = await run(script);
  assert.equal(exitCode, 0, `script failed:\n${script}\n--- output ---\n${output}`);
  return output;
}

before(async () => {
  pg = await startTestPlayground();
  const created = await readySession(pg.url);
  session = { id: created.session.id, token: created.token };
  sandbox = (await pg.sandboxes.container(session.id))!;
});

after(async () => {
  if (session) await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, session.token);
  await pg?.close();
});

test('the tools tutorials call are in the sandbox', async () => {
  const out = await sh(
    [
      'vim --version | head -n1',
      'docker compose version',
      'htop --version | head -n1',
      'jq --version',
      'git --version',
      'tree --version',
      'less --version | head -n1',
      'nano --version | head -n1',
    ].join(' && '),
  );
  for (const tool of [
    /VIM - Vi IMproved/,
    /Docker Compose version v?2\./,
    /htop/,
    /jq-/,
    /git version/,
    /tree v/,
    /less \d/,
    /nano/,
  ])
    assert.match(out, tool);
});

test('docker compose is Compose v2: a project named proj runs web as proj-web-1', async () => {
  await sh(
    'mkdir -p /root/proj && cd /root/proj && printf "services:\\n  web:\\n    image: nginx\\n" > compose.yaml && ' +
      'docker compose up -d',
  );
  assert.match(await sh('docker ps --format "{{.Names}}"'), /^proj-web-1$/m);
  assert.match(await sh('cd /root/proj && docker compose ps'), /proj-web-1/);
  await sh('cd /root/proj && docker compose down');
});

test('the offline alpine says what it is, and apk add explains why it cannot install', async () => {
  assert.match(await sh('docker run --rm alpine cat /etc/motd'), /stand-in for Alpine Linux/);
  const apk = await run('docker run --rm alpine apk add --no-cache curl');
  assert.notEqual(apk.exitCode, 0);
  assert.match(apk.output, /apk: cannot add curl: .*stand-in for Alpine Linux/s);
  assert.doesNotMatch(apk.output, /not found/);
});

test('a pull of an image the mirror lacks names the images the playground has', async () => {
  const pull = await run('docker pull no-such-image-here:1.0');
  assert.notEqual(pull.exitCode, 0);
  assert.match(pull.output, /no such image|has no such image/i);
  assert.match(pull.output, /nginx: .*1\.25-alpine/);
  assert.match(pull.output, /python: .*3\.10-alpine/);
  assert.doesNotMatch(pull.output, /127\.0\.0\.1:443/);
  const tag = await run('docker pull nginx:0.0-missing');
  assert.match(tag.output, /The images it has/);
});

test("a Killercoda set-up script's podman registry, daemon.json edit and restart work as there", async () => {
  // The tail every scenario of killercoda/scenarios-docker runs (assets/init.sh), verbatim.
  await sh(
    [
      'podman run -d --restart=always --name registry -e REGISTRY_HTTP_ADDR=0.0.0.0:5000 -p 5000:5000 docker.io/library/registry:2',
      "echo '172.30.1.2 local-registry' >> /etc/hosts",
      'cat >> /etc/containers/registries.conf <<EOF\n[[registry]]\nlocation="local-registry:5000"\ninsecure=true\nEOF',
      'cp /etc/docker/daemon.json /etc/docker/daemon.json.tmp',
      'cat /etc/docker/daemon.json.tmp | grep -v registry-mirrors | grep -v \\} > /etc/docker/daemon.json',
      'cp /etc/docker/daemon.json /etc/docker/daemon.json.tmp',
      'echo "$(cat /etc/docker/daemon.json.tmp)," > /etc/docker/daemon.json',
      'cat >> /etc/docker/daemon.json <<EOF\n  "registry-mirrors": ["http://local-registry:5000", "https://mirror.gcr.io", "https://docker-mirror.killer.sh"],\n  "insecure-registries": ["local-registry:5000"]\n}\nEOF',
      'systemctl daemon-reload',
      'systemctl enable docker',
      'systemctl restart docker',
    ].join('\n'),
  );
  // The registry came back with the daemon, on podman's network, and takes a push by that name.
  await sh(
    'for i in $(seq 1 50); do curl -sf http://local-registry:5000/v2/ && exit 0; sleep 0.2; done; exit 1',
  );
  await sh(
    'docker pull -q hello-world && docker tag hello-world local-registry:5000/kit/hello && docker push local-registry:5000/kit/hello',
  );
  assert.match(await sh('curl -s http://local-registry:5000/v2/kit/hello/tags/list'), /latest/);
  // The learner's first container has the bridge's first address, as beside a real podman.
  const ip = await sh(
    "docker run -d --name kit-first nginx >/dev/null && docker inspect -f '{{.NetworkSettings.IPAddress}}' kit-first",
  );
  assert.equal(ip.trim(), '172.17.0.2');
  const ps = await run('podman pod ps');
  assert.equal(ps.exitCode, 125);
  assert.match(ps.output, /runs its containers with Docker/);
  await sh('docker rm -f registry kit-first');
});

test('systemctl restart docker applies /etc/docker/daemon.json and keeps the mirror', async () => {
  await sh('mkdir -p /etc/docker && echo \'{"labels": ["kit-test=applied"]}\' > /etc/docker/daemon.json');
  await sh('systemctl restart docker');
  assert.match(await sh("docker info --format '{{json .Labels}}'"), /kit-test=applied/);
  assert.match(await sh('systemctl status docker'), /active \(running\)/);
  await sh('docker pull -q hello-world');
  await sh('systemctl stop docker');
  const stopped = await run('docker info');
  assert.notEqual(stopped.exitCode, 0, 'the daemon is stopped');
  assert.equal((await run('systemctl is-active docker')).exitCode, 3);
  await sh('sleep 3; systemctl start docker && service docker status');
  // A daemon.json the daemon refuses: the restart fails and says why.
  await sh('echo "{ not json" > /etc/docker/daemon.json');
  const broken = await run('systemctl restart docker');
  assert.notEqual(broken.exitCode, 0);
  assert.match(broken.output, /docker\.service failed/);
  await sh('rm /etc/docker/daemon.json && systemctl start docker && docker version >/dev/null');
});

test('nginx serves a file put in /usr/share/nginx/html on port 80', async () => {
  await sh('mkdir -p /root/site && echo "hello from the kit" > /root/site/index.html');
  await sh(
    'docker run -d --name kit-web -p 8080:80 -v /root/site:/usr/share/nginx/html:ro nginx:1.25-alpine',
  );
  const out = await sh('for i in $(seq 1 50); do curl -sf localhost:8080 && exit 0; sleep 0.2; done; exit 1');
  assert.match(out, /hello from the kit/);
  assert.match(await sh('docker exec kit-web ls /etc/nginx/conf.d'), /default\.conf/);
});

test('python runs and pip is there, offline', async () => {
  assert.match(await sh("docker run --rm python:3.10-alpine python -c 'print(6 * 7)'"), /^42$/m);
  assert.match(await sh('docker run --rm python:3 pip --version'), /^pip \d+/m);
  assert.match(
    await sh('docker run --rm python:3.11-slim pip install flask redis'),
    /already satisfied: flask/,
  );
  const missing = await run('docker run --rm python pip install no-such-package-kit');
  assert.notEqual(missing.exitCode, 0);
  assert.match(missing.output, /works offline/);
});

test('registry:2 accepts a push and serves the pull', async () => {
  await sh('docker run -d --name kit-registry -p 5000:5000 registry:2');
  await sh('for i in $(seq 1 50); do curl -sf localhost:5000/v2/ && exit 0; sleep 0.2; done; exit 1');
  await sh('docker tag hello-world localhost:5000/kit/hello && docker push localhost:5000/kit/hello');
  await sh('docker rmi localhost:5000/kit/hello && docker pull localhost:5000/kit/hello');
  assert.match(await sh('docker run --rm localhost:5000/kit/hello'), /Hello from Docker!/);
});

test('hello-world prints its greeting', async () => {
  assert.match(await sh('docker run --rm hello-world'), /Hello from Docker!\nThis message shows/);
});

test('curlimages/curl fetches from a container on the same network', async () => {
  await sh('docker network create kit-net && docker run -d --name kit-page --net kit-net nginx');
  const out = await sh(
    'for i in $(seq 1 50); do docker run --rm --net kit-net curlimages/curl -sf http://kit-page/ && exit 0; sleep 0.2; done; exit 1',
  );
  assert.match(out, /Welcome to nginx!/);
});

test('ubuntu, bash and node run what lessons type', async () => {
  assert.match(await sh("docker run --rm ubuntu:22.04 bash -c 'echo $((40 + 2))'"), /^42$/m);
  assert.match(
    await run('docker run --rm ubuntu apt-get update').then((r) => r.output),
    /stand-in for Ubuntu/,
  );
  assert.match(await sh("docker run --rm bash -c 'echo ${BASH_VERSION%%.*}'"), /^5$/m);
  assert.match(await sh("docker run --rm node:18-alpine -e 'console.log(6 * 7)'"), /^42$/m);
  assert.match(await sh('docker run --rm node npm --version'), /^\d+\.\d+/m);
});

test('golang builds a module in a multi-stage Dockerfile, offline, and says why a download fails', async () => {
  await sh(
    [
      'mkdir -p /root/goapp && cd /root/goapp',
      'printf "module example.com/hello\\n\\ngo 1.21\\n" > go.mod',
      'printf "package main\\n\\nimport \\"fmt\\"\\n\\nfunc main() { fmt.Println(\\"hello from go\\") }\\n" > main.go',
      'printf "%s\\n" "FROM golang:1.21-alpine AS build" "WORKDIR /src" "COPY go.mod ./" "RUN go mod download" ' +
        '"COPY *.go ./" "RUN go build -o /out/hello ." "FROM alpine" "COPY --from=build /out/hello /hello" ' +
        '\'CMD ["/hello"]\' > Dockerfile',
      'docker build -q -t kit-go .',
    ].join(' && '),
  );
  assert.match(await sh('docker run --rm kit-go'), /^hello from go$/m);
  assert.match(await sh('docker run --rm golang go version'), /go version go1\.\d+/);
  const download = await run(
    "docker run --rm -w /m golang sh -c 'go mod init m && go get github.com/google/uuid'",
  );
  assert.notEqual(download.exitCode, 0);
  assert.match(download.output, /GOPROXY=off/);
});
