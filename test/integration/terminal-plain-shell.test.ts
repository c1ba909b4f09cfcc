// The plain shell (a sandbox whose dtach or Perl cannot be used) runs on its exec's own TTY,
// and such an exec is not ended when its stream closes: the pane's next plain shell ends the
// one a stopped server left behind, and only if the pid file really names that pane's shell.
import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import { newPaneId } from '../../common/protocol.js';
import type { RunningPlayground } from '../../server/app.js';
import { execCapture } from '../../server/engine/exec.js';
import {
  INNER_SCRIPT,
  killSessionScript,
  PLAIN_SHELL_SCRIPT,
  SHELL_DIR,
} from '../../server/terminals/shell-scripts.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';

let pg: RunningPlayground;
let session: { id: string; token: string };
let container: Docker.Container;

before(async () => {
  pg = await startTestPlayground();
  const created = await readySession(pg.url);
  session = { id: created.session.id, token: created.token };
  container = (await pg.sandboxes.container(session.id))!;
});
after(async () => {
  if (session) await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, session.token);
  await pg?.close();
});

/** The plain shell's script on an exec with a TTY, as the server starts it; at its prompt. */
async function plainShell(shellId: string): Promise<{ stream: Duplex; output: () => string }> {
  const exec = await container.exec({
    Cmd: ['/bin/sh', '-c', PLAIN_SHELL_SCRIPT, 'sh', shellId, '80', '24', INNER_SCRIPT, ''],
    AttachStdin: true,
    AttachStdout: true,
    Tty: true,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  let seen = '';
  stream.on('data', (c: Buffer) => (seen += c.toString()));
  await until(() => /[#$] $/m.test(seen), 'the prompt');
  return { stream, output: () => seen };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !check(); await new Promise((r) => setTimeout(r, 100)))
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
}

const processes = async () => (await execCapture(container, ['ps', '-eo', 'pid,sid,args'])).output;
const inSandbox = async (script: string) =>
  assert.equal((await execCapture(container, ['/bin/sh', '-c', script])).exitCode, 0);

test("the pane's next plain shell ends the one a stopped server left running, with its jobs", async () => {
  const pane = newPaneId();
  const first = await plainShell(pane);
  first.stream.write('sleep 6565 & echo started-$((1+1))\r');
  await until(() => first.output().includes('started-2'), 'the job started');
  first.stream.destroy(); // the server goes; an exec with a TTY lives on
  await new Promise((r) => setTimeout(r, 500));
  assert.match(await processes(), /sleep 6565/, 'the shell outlived its stream');
  const second = await plainShell(pane);
  assert.doesNotMatch(await processes(), /sleep 6565/, 'the earlier shell and its job are ended');
  second.stream.destroy();
  await inSandbox(killSessionScript(pane));
  assert.doesNotMatch(await processes(), new RegExp(`${SHELL_DIR}/${pane}`), 'Close ends the new one');
});

test('a pid file naming a session that is not the pane shell leaves that session alone', async () => {
  const pane = newPaneId();
  // The learner wrote it, or the pid was reused since: a session of its own, not this pane's.
  await inSandbox(
    `mkdir -p ${SHELL_DIR}; setsid sleep 6767 >/dev/null 2>&1 & echo $! | tee /tmp/other.pid > ${SHELL_DIR}/${pane}`,
  );
  const shell = await plainShell(pane);
  assert.match(await processes(), /sleep 6767/, 'the other session still runs');
  shell.stream.destroy();
  await inSandbox(`kill $(cat /tmp/other.pid); ${killSessionScript(pane)}`);
  assert.doesNotMatch(await processes(), /sleep 6767/);
});
