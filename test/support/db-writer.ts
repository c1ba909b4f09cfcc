// Run as a child process by the durability test: writes a workshop, its learners and a
// session's progress to the database file given as argv[2], prints what it wrote as one JSON
// line, then kills itself with SIGKILL: no close, no cleanup, as a crashed server would.
import { openDatabase } from '../../server/db/database.js';
import { ProgressStore } from '../../server/progress/progress-store.js';
import { WorkshopService } from '../../server/workshops/service.js';

const db = openDatabase(process.argv[2]!);
const workshops = new WorkshopService(db);
const { workshop, trainerKey } = workshops.create({
  title: 'Killed mid-class',
  lessons: ['docker-networks'],
  seats: 5,
  startsAt: Date.now(),
  durationMs: 3_600_000,
  language: 'id',
});
const joined = ['Ani', 'Budi', 'Citra'].map((name) => workshops.join(workshop.code, { name }));
await new ProgressStore(db).save('abc123', {
  lessonId: 'docker-networks',
  steps: [{ stepId: 'create', state: 'passed' }],
});
const written = { code: workshop.code, trainerKey, resumeTokens: joined.map((j) => j.resumeToken) };
process.stdout.write(`${JSON.stringify(written)}\n`, () => process.kill(process.pid, 'SIGKILL'));
