// Validation figures for `npm run bench`:
//   check latency            a step's checks answered by the sandbox's daemon, p50/p95,
//                            beside one raw `docker exec ... docker network inspect`
//   command done to green    from a learner's command finishing to the step's progress event
//                            on the events socket (the daemon's events drive it, no button)
import type { RunningPlayground } from '../server/app.js';
import { execCapture } from '../server/engine/exec.js';
import { DockerSandboxShell, runChecks } from '../server/validation/index.js';
import { TestEvents } from '../test/support/events-client.js';
import { api, readySession } from '../test/support/playground.js';
import { percentile, type Record } from './figures.js';

const CHECK_ROUNDS = 40;
const LESSON = 'docker-networks';

type Step = NonNullable<ReturnType<RunningPlayground['catalogue']['get']>>['steps'][number];

/** Check latency: the second step's checks (a container running, on a network) once done. */
async function benchCheckLatency(pg: RunningPlayground, steps: [Step, Step], record: Record): Promise<void> {
  const [createNetwork, runOnNetwork] = steps;
  const { session, token } = await readySession(pg.url);
  const sandbox = (await pg.sandboxes.container(session.id))!;
  for (const command of [...createNetwork.solution, ...runOnNetwork.solution]) {
    const { exitCode, output } = await execCapture(sandbox, ['sh', '-c', command]);
    if (exitCode !== 0) throw new Error(`${command}: ${output}`);
  }
  const shell = new DockerSandboxShell(sandbox);
  const checks: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < CHECK_ROUNDS; i++) {
    let t = performance.now();
    const result = await runChecks(shell, runOnNetwork.checks);
    checks.push(performance.now() - t);
    if (!result.passed) throw new Error(`the step's checks fail: ${JSON.stringify(result)}`);
    t = performance.now();
    await execCapture(sandbox, ['docker', 'network', 'inspect', 'backend-network']);
    raw.push(performance.now() - t);
  }
  for (const p of [50, 95]) {
    record({
      name: `step check latency p${p} (2 checks)`,
      value: percentile(checks, p),
      unit: 'ms',
      baseline: { name: 'one raw docker exec inspect', value: percentile(raw, p) },
    });
  }
  await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
}

/** Command done to green: a fresh lesson session per round, both first steps each. */
async function commandToGreenTimes(pg: RunningPlayground, steps: Step[], rounds: number): Promise<number[]> {
  const toGreen: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { session, token } = await readySession(pg.url, 90_000, { lessonId: LESSON });
    const events = await TestEvents.open(pg.url, session.id, token);
    const sandbox = (await pg.sandboxes.container(session.id))!;
    await events.waitFor((e) => e.type === 'progress' && e.progress.steps[0]!.reason !== undefined);
    for (const step of steps) {
      for (const command of step.solution) await execCapture(sandbox, ['sh', '-c', command]);
      const done = performance.now();
      await events.waitFor(
        (e) =>
          e.type === 'progress' && e.progress.steps.some((s) => s.stepId === step.id && s.state === 'passed'),
        10_000,
      );
      toGreen.push(performance.now() - done);
    }
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
  return toGreen;
}

export async function benchValidation(pg: RunningPlayground, rounds: number, record: Record): Promise<void> {
  const lesson = pg.catalogue.get(LESSON);
  const [createNetwork, runOnNetwork] = lesson?.steps ?? [];
  if (!createNetwork || !runOnNetwork) throw new Error(`the bench needs the ${LESSON} lesson`);
  await benchCheckLatency(pg, [createNetwork, runOnNetwork], record);
  const toGreen = await commandToGreenTimes(pg, [createNetwork, runOnNetwork], rounds);
  const name = `command done to step green`;
  record({ name: `${name}, p50 of ${toGreen.length}`, value: percentile(toGreen, 50), unit: 'ms' });
  record({ name: `${name}, max of ${toGreen.length}`, value: Math.max(...toGreen), unit: 'ms' });
}
