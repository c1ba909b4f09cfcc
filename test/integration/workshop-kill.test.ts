// A workshop in full swing on the real engine, its server killed outright (SIGKILL) and
// started again: two learners are seated, one has finished a step in a real shell, the other
// has asked for help; after the new start the workshop, both seats and their sessions, the
// same sandboxes, the finished step and the open help request are back, and the trainer's
// class socket shows the same grid as before the kill.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { SessionView } from '../../common/api.js';
import type { LessonProgress } from '../../common/events.js';
import { cellKey, type ClassState, type HelpRequest } from '../../common/workshop-live.js';
import type { CreatedWorkshop, JoinedWorkshop, WorkshopInfo } from '../../common/workshops.js';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { freeLoopbackPort } from '../../server/registry/process.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { killChildServer, startChildServer, type ChildServer } from '../support/child-server.js';
import { TestClass } from '../support/class-client.js';
import { runInstance } from '../support/instances.js';
import { api } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const LESSON = 'docker-networks';
const STEP = 'create-network';
const INSTANCE = runInstance('test', 'workshop-kill');
const docker = engineEndpoint(loadConfig().dockerHost).docker;
const mine = { label: [`${LABEL.instance}=${INSTANCE}`] };
const dir = await mkdtemp(path.join(tmpdir(), 'workshop-kill-'));
after(() => rm(dir, { recursive: true, force: true }));

const start = (port: number) =>
  startChildServer(port, {
    PLAYGROUND_INSTANCE: INSTANCE,
    PLAYGROUND_DB_PATH: path.join(dir, 'playground.db'),
    PLAYGROUND_WARM_SANDBOXES: '0',
    PLAYGROUND_MAX_SESSIONS: '6',
    PLAYGROUND_MAX_SANDBOXES: '6',
  });

/** The grid as the trainer reads it, minus what a page's presence changes (online). */
async function grid(url: string, code: string, key: string) {
  const trainer = await TestClass.open(url, code, key);
  try {
    const event = await trainer.waitFor((e) => e.type === 'class');
    const state = (event as { state: ClassState }).state;
    return {
      workshop: state.workshop,
      steps: state.steps,
      finished: state.finished,
      learners: state.learners
        .map((l) => ({
          id: l.id,
          seat: l.seat,
          name: l.name,
          sessionId: l.sessionId,
          cells: l.cells,
          currentStep: l.currentStep,
          failedChecks: l.failedChecks,
          help: l.help && { id: l.help.id, text: l.help.text },
          endsAt: l.endsAt,
        }))
        .sort((a, b) => a.seat - b.seat),
    };
  } finally {
    trainer.close();
  }
}

/** The running sandbox of each of these sessions (a ready seat nobody took is not theirs). */
async function sandboxes(sessions: readonly string[]): Promise<Record<string, string>> {
  const list = await docker.listContainers({ filters: mine });
  const theirs = list.filter((c) => sessions.includes(c.Labels[LABEL.session]!));
  return Object.fromEntries(theirs.map((c) => [c.Labels[LABEL.session]!, c.Id]));
}

test('SIGKILL mid-workshop: workshop, seats, sandboxes, progress, help and the grid are back', async () => {
  const port = await freeLoopbackPort();
  let server: ChildServer = await start(port);
  try {
    const created = await api<CreatedWorkshop>(server.url, 'POST', '/api/workshops', undefined, {
      title: 'Killed mid-class',
      lessons: [LESSON],
      seats: 3,
      durationMinutes: 60,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { joinCode: code, trainerKey: key } = created.body;
    const joined: JoinedWorkshop[] = [];
    for (const name of ['Ani', 'Budi']) {
      const answer = await api<JoinedWorkshop>(server.url, 'POST', `/api/workshops/${code}/join`, undefined, {
        name,
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      joined.push(answer.body);
    }
    const ani = joined[0]!.session!;
    const budi = joined[1]!.session!;

    // Ani finishes the step in a real shell; the trainer's socket sees it done.
    const trainer = await TestClass.open(server.url, code, key);
    const term = await TestTerminal.open(server.url, ani.session.id, ani.token);
    try {
      term.start();
      await term.waitFor(/[#$] $/m, 90_000);
      term.type('docker network create backend-network\r');
      await trainer.row(joined[0]!.learnerId, (l) => l.cells[cellKey(LESSON, STEP)] === 'done', 60_000);
    } finally {
      term.close();
    }
    // Budi asks for help; the trainer's socket sees it.
    const asked = await api<HelpRequest>(
      server.url,
      'POST',
      `/api/sessions/${budi.session.id}/help`,
      budi.token,
      {
        text: 'my network is missing',
      },
    );
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    await trainer.row(joined[1]!.learnerId, (l) => l.help?.id === asked.body.id);
    trainer.close();

    const before = await grid(server.url, code, key);
    const seats = [ani.session.id, budi.session.id];
    const sandboxesBefore = await sandboxes(seats);
    assert.equal(Object.keys(sandboxesBefore).length, 2);
    await killChildServer(server.child);
    server = await start(port);

    const info = await api<WorkshopInfo>(server.url, 'GET', `/api/workshops/${code}`);
    assert.equal(info.status, 200, 'the workshop is back');
    for (const j of joined) {
      const back = await api<JoinedWorkshop>(server.url, 'POST', `/api/workshops/${code}/join`, undefined, {
        resumeToken: j.resumeToken,
      });
      assert.equal(
        back.body.session?.session.id,
        j.session!.session.id,
        `${j.name}'s seat has the same session`,
      );
      const view = await api<SessionView>(
        server.url,
        'GET',
        `/api/sessions/${j.session!.session.id}`,
        j.session!.token,
      );
      assert.equal(view.body.state, 'ready', `${j.name}'s session is ready`);
    }
    assert.deepEqual(await sandboxes(seats), sandboxesBefore, 'the same sandboxes, none replaced');
    const progress = await api<LessonProgress>(
      server.url,
      'GET',
      `/api/sessions/${ani.session.id}/progress`,
      ani.token,
    );
    assert.equal(progress.status, 200, JSON.stringify(progress.body));
    assert.equal(
      progress.body.steps.find((s) => s.stepId === STEP)?.state,
      'passed',
      "Ani's step is still passed",
    );

    const again = await grid(server.url, code, key);
    assert.equal(again.learners[1]!.help?.text, 'my network is missing', "Budi's help request is still open");
    assert.deepEqual(again, before, 'the trainer sees the same grid');

    assert.equal((await api(server.url, 'POST', `/api/workshops/${code}/end`, key)).status, 200);
    assert.deepEqual(await docker.listContainers({ all: true, filters: mine }), [], 'no container left');
  } finally {
    await killChildServer(server.child);
  }
});
