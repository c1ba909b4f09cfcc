// The embedded database (server/db/): a lesson progress save, beside the JSON file per
// session (temp file + rename) the progress was kept in before; and a class joining a
// workshop, one transaction per join. On a database file of its own in a temp folder.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LessonProgress } from '../common/events.js';
import { openDatabase } from '../server/db/database.js';
import { ProgressStore } from '../server/progress/progress-store.js';
import { WorkshopService } from '../server/workshops/service.js';
import { median, percentile, type Record } from './figures.js';

const SAVES = 500;
const LEARNERS = 100;

const progress = (n: number): LessonProgress => ({
  lessonId: 'docker-networks',
  steps: Array.from({ length: 6 }, (_, i) => ({
    stepId: `step-${i}`,
    state: i < n % 6 ? 'passed' : 'pending',
  })),
});

async function timed(times: number, run: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run(i);
    took.push(performance.now() - t0);
  }
  return took;
}

export async function benchDatabase(record: Record): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-db-'));
  const db = openDatabase(path.join(dir, 'playground.db'));
  try {
    const store = new ProgressStore(db);
    const saves = await timed(SAVES, (i) => store.save('abc123', progress(i)));
    const file = path.join(dir, 'abc123.json');
    const files = await timed(SAVES, async (i) => {
      await writeFile(`${file}.tmp`, JSON.stringify(progress(i)));
      await rename(`${file}.tmp`, file);
    });
    record({
      name: 'progress save, database (p50)',
      value: median(saves),
      unit: 'ms',
      baseline: { name: 'JSON file + rename', value: median(files) },
    });
    const workshops = new WorkshopService(db);
    const { workshop } = workshops.create({
      title: 'Bench class',
      lessons: [],
      seats: LEARNERS,
      startsAt: Date.now(),
      durationMs: 3_600_000,
      language: 'en',
    });
    const joins = await timed(LEARNERS, (i) => workshops.join(workshop.code, { name: `Learner ${i}` }));
    record({ name: `workshop join, ${LEARNERS} learners (p50)`, value: median(joins), unit: 'ms' });
    record({ name: `workshop join, ${LEARNERS} learners (p95)`, value: percentile(joins, 95), unit: 'ms' });
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
