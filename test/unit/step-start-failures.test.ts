// A step's set-up script that calls a command the sandbox lacks failed, even when its last
// command succeeds and it ends with status 0: the learner and the author are told, with output.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { commandsNotFound, runBackground } from '../../server/lessons/step-start.js';
import type { SandboxShell, ShellResult } from '../../server/validation/shell.js';

/** Runs scripts on this machine, as the sandbox shell would (sh -c). */
const localShell: SandboxShell = {
  run: (script, timeoutMs) =>
    new Promise<ShellResult>((resolve) => {
      execFile('sh', ['-c', script], { timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ exitCode: code, output: stdout + stderr, timedOut: Boolean(err?.killed) });
      });
    }),
};

test('a set-up script that met "command not found" is reported as failed, with its output', async () => {
  // As Killercoda scenarios' set-up scripts do: no `set -e`, an echo at the end.
  const script = '#!/bin/bash\nno-such-tool-here pull nginx\necho "setup finished"\n';
  const outcome = await runBackground(localShell, script, 10_000);
  assert.equal(outcome.result?.exitCode, 0, 'the script itself ended with status 0');
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /has no no-such-tool-here/);
  assert.match(outcome.message, /setup finished/);
});

test('a set-up script whose commands all exist is set up', async () => {
  const outcome = await runBackground(localShell, 'echo ready\n', 10_000);
  assert.equal(outcome.ok, true);
});

test('commands not found are read from bash and dash messages, not from prose', () => {
  const output = [
    'bash: line 3: podman: command not found',
    'sh: 1: tree: not found',
    'bash: systemctl: command not found',
    'the file was not found here',
    'Error: not found',
  ].join('\n');
  assert.deepEqual(commandsNotFound(output).sort(), ['podman', 'systemctl', 'tree']);
});
