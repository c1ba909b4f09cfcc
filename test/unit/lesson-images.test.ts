// Which images lessons may use, and how commands are read for the images they pull or run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canonicalImage,
  familiarImage,
  imagesInCommand,
  playgroundImages,
  shellWords,
} from '../../server/lessons/images.js';

test('lessons may use exactly the images the playground builds', () => {
  const images = [...playgroundImages()].map(familiarImage);
  const repositories = [...new Set(images.map((i) => i.replace(/:[^/:]+$/, '')))].sort();
  assert.deepEqual(repositories, [
    'alpine',
    'bash',
    'caylent/example-voting-app',
    'curlimages/curl',
    'golang',
    'hello-world',
    'katacoda/redis-node-docker-example',
    'nginx',
    'node',
    'postgres',
    'python',
    'redis',
    'registry',
    'ubuntu',
  ]);
  for (const image of [
    'postgres:9.4',
    'redis:alpine',
    'caylent/example-voting-app:vote',
    'registry:2',
    'golang:1.21-alpine',
  ])
    assert.ok(images.includes(image), image);
  assert.ok(!images.includes('postgres'), 'postgres only under the tag its lesson names');
});

test('image names are compared the way Docker resolves them', () => {
  assert.equal(canonicalImage('redis'), 'library/redis:latest');
  assert.equal(canonicalImage('docker.io/library/redis:alpine'), 'library/redis:alpine');
  assert.equal(
    canonicalImage('katacoda/redis-node-docker-example'),
    'katacoda/redis-node-docker-example:latest',
  );
  assert.equal(canonicalImage('localhost:5000/app'), 'localhost:5000/app:latest');
  assert.equal(familiarImage('library/redis:latest'), 'redis');
});

test('shell words respect quotes and split at operators', () => {
  assert.deepEqual(shellWords(`docker run alpine sh -c 'echo "a b" > /x' && ls`), [
    'docker',
    'run',
    'alpine',
    'sh',
    '-c',
    'echo "a b" > /x',
    '&',
    '&',
    'ls',
  ]);
});

test('images in docker run, create and pull commands', () => {
  const images = (cmd: string) => imagesInCommand(cmd).map((u) => (u.made ? `made:${u.image}` : u.image));
  assert.deepEqual(images('docker run -d --name=redis --net=backend-network redis'), ['redis']);
  assert.deepEqual(images('docker run -it --link redis-server:redis redis redis-cli -h redis'), ['redis']);
  assert.deepEqual(images('docker run --rm -v notes:/data alpine sh -c "docker run nope"'), ['alpine']);
  assert.deepEqual(images('docker run -dp 5000:80 caylent/example-voting-app:vote'), [
    'caylent/example-voting-app:vote',
  ]);
  assert.deepEqual(images('docker container run -e A=1 --env B=2 postgres:9.4'), ['postgres:9.4']);
  assert.deepEqual(images('docker image pull alpine; docker pull -q redis:alpine'), [
    'alpine',
    'redis:alpine',
  ]);
  assert.deepEqual(images('docker create --name x alpine'), ['alpine']);
  assert.deepEqual(images('for i in 1 2; do docker run --rm alpine true; done'), ['alpine']);
  assert.deepEqual(images('docker build -t my-app . && docker tag my-app my-app:v2'), [
    'made:my-app',
    'made:my-app:v2',
  ]);
  assert.deepEqual(images('docker ps; docker network create x; echo docker run nothing'), []);
  assert.deepEqual(images('docker run $IMAGE'), []);
});
