// A workshop's results: one row per learner and step (done or not, when, how long, failed
// checks, hints), as JSON or as CSV with headers in the workshop's language. Built from the
// database alone, so they are there after the workshop ended and its sandboxes are gone.
import type { Language } from '../../../common/lesson.js';
import { cellKey, type ResultRow } from '../../../common/workshop-live.js';
import type { PlannedStep, SeatRecord, StepRecord } from './class-state.js';

type Column = keyof ResultRow;

const COLUMNS: readonly Column[] = [
  'learner',
  'seat',
  'lessonId',
  'stepId',
  'done',
  'completedAt',
  'secondsTaken',
  'failedChecks',
  'hintsUsed',
];

/** The CSV's header row, and how "done" reads, in each language. */
const HEADERS: Record<Language, Record<Column, string> & { yes: string; no: string }> = {
  en: {
    learner: 'Learner',
    seat: 'Seat',
    lessonId: 'Lesson',
    stepId: 'Step',
    done: 'Done',
    completedAt: 'Completed at',
    secondsTaken: 'Seconds taken',
    failedChecks: 'Failed checks',
    hintsUsed: 'Hints used',
    yes: 'yes',
    no: 'no',
  },
  id: {
    learner: 'Peserta',
    seat: 'Kursi',
    lessonId: 'Pelajaran',
    stepId: 'Langkah',
    done: 'Selesai',
    completedAt: 'Waktu selesai',
    secondsTaken: 'Lama (detik)',
    failedChecks: 'Pemeriksaan gagal',
    hintsUsed: 'Petunjuk dipakai',
    yes: 'ya',
    no: 'tidak',
  },
};

/** Every seat times every step, in seat then step order. */
export function resultRows(
  steps: readonly PlannedStep[],
  seats: readonly SeatRecord[],
  records: readonly StepRecord[],
): ResultRow[] {
  const byCell = new Map(records.map((r) => [`${r.learnerId} ${cellKey(r.lessonId, r.stepId)}`, r]));
  return [...seats]
    .sort((a, b) => a.seat - b.seat)
    .flatMap((seat) =>
      steps.map((step) => {
        const r = byCell.get(`${seat.id} ${cellKey(step.lessonId, step.stepId)}`);
        const done = r?.doneAt != null;
        const taken =
          done && r.startedAt !== null && r.doneAt! >= r.startedAt
            ? Math.round((r.doneAt! - r.startedAt) / 1000)
            : null;
        return {
          learner: seat.name,
          seat: seat.seat,
          lessonId: step.lessonId,
          stepId: step.stepId,
          done,
          completedAt: done ? new Date(r.doneAt!).toISOString() : '',
          secondsTaken: taken,
          failedChecks: r?.failedChecks ?? 0,
          hintsUsed: r?.hintsUsed ?? 0,
        };
      }),
    );
}

/** The rows as CSV (RFC 4180, CRLF), headers in `language`. */
export function resultsCsv(rows: readonly ResultRow[], language: Language): string {
  const words = HEADERS[language];
  const lines = [COLUMNS.map((c) => csvCell(words[c]))];
  for (const row of rows)
    lines.push(
      COLUMNS.map((c) => {
        const value = row[c];
        return csvCell(typeof value === 'boolean' ? (value ? words.yes : words.no) : String(value ?? ''));
      }),
    );
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/**
 * One cell: a value a spreadsheet would run as a formula (it starts with = + - @, or a tab or
 * carriage return that some strip first) gets a leading apostrophe, which shows it as text;
 * a cell with a comma, quote or line break is quoted, quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
