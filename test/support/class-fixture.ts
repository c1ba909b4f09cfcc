// A class of made-up learners in the shape the trainer's socket sends (common/workshop-live.ts),
// for unit tests of the grid's model and for looking at a full grid in the browser.
import type { ClassState, ClassStep, LearnerStatus } from '../../common/workshop-live.js';
import type { WorkshopInfo } from '../../common/workshops.js';

const NAMES = [
  'Sari',
  'Budi',
  'Ayu',
  'Dewi',
  'Rizky',
  'Putri',
  'Agus',
  'Nina',
  'Joko',
  'Maya',
  'Eko',
  'Lina',
];

export function classFixture(learnerCount: number, now = Date.now()): ClassState {
  const steps: ClassStep[] = [
    ...['run-container', 'list-containers', 'stop-container', 'remove-container'].map((stepId, i) => ({
      lessonId: 'docker-basics',
      stepId,
      title: `Basics step ${i + 1}: ${stepId.replace('-', ' ')}`,
    })),
    ...['create-network', 'connect', 'inspect'].map((stepId, i) => ({
      lessonId: 'docker-networks',
      stepId,
      title: `Networks step ${i + 1}: ${stepId.replace('-', ' ')}`,
    })),
  ];
  const workshop: WorkshopInfo = {
    code: 'K7QM2XTB',
    title: 'Docker basics, morning class',
    language: 'en',
    lessons: ['docker-basics', 'docker-networks'],
    startsAt: new Date(now - 40 * 60_000).toISOString(),
    endsAt: new Date(now + 80 * 60_000).toISOString(),
    seats: Math.max(learnerCount, 30),
    seatsLeft: Math.max(learnerCount, 30) - learnerCount,
    ended: false,
  };
  const learners = Array.from({ length: learnerCount }, (_, i) => learner(i, steps, now));
  const finished: Record<string, number> = {};
  for (const s of steps) {
    const key = `${s.lessonId}/${s.stepId}`;
    finished[key] = learners.filter((l) => l.cells[key] === 'done').length;
  }
  return { workshop, steps, learners, finished, readySeats: 3, trainerSessionId: null };
}

function learner(i: number, steps: ClassStep[], now: number): LearnerStatus {
  const reached = (i * 5) % (steps.length + 1);
  const cells: LearnerStatus['cells'] = {};
  steps.forEach((s, n) => {
    cells[`${s.lessonId}/${s.stepId}`] = n < reached ? 'done' : n === reached ? 'current' : 'not-yet';
  });
  const current = steps[reached];
  return {
    id: `learner-${i}`,
    seat: i + 1,
    name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`,
    online: i % 7 !== 3,
    sessionId: `session-${i}`,
    cells,
    currentStep: current ? `${current.lessonId}/${current.stepId}` : null,
    currentSince: current ? new Date(now - (60 + i * 47) * 1000).toISOString() : null,
    failedChecks: i % 4 === 1 ? 5 : i % 3,
    hintsOpened: i % 5,
    stuck: i % 4 === 1 ? 'failing' : i % 9 === 2 ? 'slow' : null,
    help:
      i % 6 === 4
        ? {
            id: `help-${i}`,
            learnerId: `learner-${i}`,
            text: 'My container exits at once',
            at: new Date(now - i * 20_000).toISOString(),
          }
        : null,
    terminals: [{ paneId: `pane${i}aaaaaa`, host: 'node1', title: 'bash' }],
    presence: 'none',
    endsAt: new Date(now + 80 * 60_000).toISOString(),
  };
}
