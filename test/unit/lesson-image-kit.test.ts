// The images lessons may name: Dockerfile FROM lines are read (in a heredoc of a step's
// command, in a code block, in a script), and the stand-ins' tags are the ones scenarios use.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importScenario } from '../../server/lessons/katacoda/import.js';
import { canonicalImage, imagesInDockerfileLines, playgroundImages } from '../../server/lessons/images.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/katacoda/container-basics');
const temps: string[] = [];
after(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

test('FROM lines name images; stage names, scratch, variables and prose do not', () => {
  const text = [
    'Write this Dockerfile:',
    '```',
    'FROM --platform=linux/amd64 golang:1.21-alpine AS build',
    'RUN go build -o /app .',
    'FROM build AS test',
    'FROM scratch',
    'FROM $BASE',
    // killercoda/scenarios-docker, dockerfile-best-practices: a stage whose image is a variable.
    'FROM golang:${GO_VERSION}-alpine AS base',
    'FROM base AS build-client',
    '  FROM python:3.10-alpine',
    'FROM nginx:1.25-alpine',
    '```',
    'From here on, FROM lines are read.',
  ].join('\n');
  assert.deepEqual(imagesInDockerfileLines(text), [
    { image: 'golang:1.21-alpine', line: 3 },
    { image: 'python:3.10-alpine', line: 10 },
    { image: 'nginx:1.25-alpine', line: 11 },
  ]);
});

test('the images popular scenarios name are all served, under every tag they use', () => {
  const served = playgroundImages();
  const used = [
    'nginx',
    'nginx:alpine',
    'nginx:latest',
    'nginx:1.25-alpine',
    'python:3.10-alpine',
    'python:3.11-alpine',
    'python:3',
    'python:3.11-slim',
    'registry:2',
    'hello-world',
    'curlimages/curl',
    'ubuntu',
    'ubuntu:22.04',
    'bash',
    'node',
    'node:18-alpine',
    'alpine',
    'redis:alpine',
    'golang',
    'golang:1.21',
    'golang:1.21-alpine',
    'golang:alpine',
  ];
  assert.deepEqual(
    used.filter((image) => !served.has(canonicalImage(image))),
    [],
  );
});

test('the importer reports an image only a Dockerfile heredoc in a step names', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'katacoda-from-'));
  temps.push(dir);
  const folder = path.join(dir, 'from-lines');
  await cp(FIXTURE, folder, { recursive: true });
  await writeFile(
    path.join(folder, 'step2.md'),
    [
      'Write a Dockerfile and build it:',
      '',
      '```',
      'cat > Dockerfile <<EOF',
      'FROM rust:1.75-alpine AS build',
      'FROM build',
      'EOF',
      'docker build -t app .',
      '```{{execute}}',
      '',
    ].join('\n'),
  );
  const r = await importScenario(folder);
  const text = r.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('\n');
  assert.match(text, /step2\.md:5: image "rust:1\.75-alpine" is not one the playground builds/);
  assert.doesNotMatch(text, /image "build"/);
});

test("systemctl and service for the sandbox's Docker daemon are accepted; other units are not", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'katacoda-systemctl-'));
  temps.push(dir);
  const folder = path.join(dir, 'systemctl');
  await cp(FIXTURE, folder, { recursive: true });
  await writeFile(
    path.join(folder, 'step1-background.sh'),
    '#!/bin/bash\necho \'{"insecure-registries":["reg:5000"]}\' > /etc/docker/daemon.json\n' +
      'sudo systemctl daemon-reload\nsystemctl restart docker\nservice docker status\n' +
      'systemctl start nginx\n',
  );
  const r = await importScenario(folder);
  const found = r.problems
    .filter((p) => path.basename(p.file) === 'step1-background.sh')
    .map((p) => `${p.line}: ${p.message}`);
  assert.deepEqual(found, [
    '6: uses systemd (systemctl/journalctl) for a unit other than docker; a sandbox runs no systemd',
  ]);
});
