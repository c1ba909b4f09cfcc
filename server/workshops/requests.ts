// What a trainer may ask for when creating a workshop, checked before anything is stored.
import { z } from 'zod';
import { LanguageSchema } from '../../common/lesson.js';
import { WORKSHOP_TITLE_MAX } from '../../common/workshops.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import type { NewWorkshop } from './service.js';
import { cleanText } from './text.js';

/**
 * Bounds of one workshop. Seats: a class is 30 to 100 learners; 200 leaves room without
 * letting one request reserve a machine's worth (seats are what later starts sandboxes).
 * Lessons: a day's programme. Duration: a session of at least 5 minutes, at most a day (a
 * multi-day course is a workshop per day). Start: up to 90 days ahead.
 */
export const WORKSHOP_LIMITS = {
  maxSeats: 200,
  maxLessons: 20,
  minMinutes: 5,
  maxMinutes: 24 * 60,
  maxDaysAhead: 90,
} as const;

const CreateSchema = z.object({
  title: z.string(),
  lessons: z.array(z.string()).max(WORKSHOP_LIMITS.maxLessons).default([]),
  seats: z.number().int().min(1).max(WORKSHOP_LIMITS.maxSeats),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  durationMinutes: z.number().int().min(WORKSHOP_LIMITS.minMinutes).max(WORKSHOP_LIMITS.maxMinutes),
  language: LanguageSchema.default('en'),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** The request as a NewWorkshop, or a 400 (or 404 for an unknown lesson) saying what is wrong. */
export function parseNewWorkshop(
  body: Record<string, unknown>,
  lessonExists: (id: string) => boolean,
  now: number,
): NewWorkshop {
  const parsed = CreateSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlaygroundError(`"${issue.path.join('.') || 'body'}": ${issue.message}`, 400);
  }
  const request = parsed.data;
  const unknown = request.lessons.find((id) => !lessonExists(id));
  if (unknown !== undefined) throw new PlaygroundError(message('lesson-unknown', { id: unknown }), 404);
  const startsAt = request.startsAt ? Date.parse(request.startsAt) : now;
  const durationMs = request.durationMinutes * 60_000;
  if (startsAt + durationMs <= now) throw new PlaygroundError(message('workshop-over-before-start', {}), 400);
  if (startsAt > now + WORKSHOP_LIMITS.maxDaysAhead * DAY_MS)
    throw new PlaygroundError(message('workshop-too-far', { days: WORKSHOP_LIMITS.maxDaysAhead }), 400);
  return {
    title: cleanText(request.title, 'title', WORKSHOP_TITLE_MAX),
    lessons: request.lessons,
    seats: request.seats,
    startsAt,
    durationMs,
    language: request.language,
  };
}

/** Most minutes one extension adds (a trainer extends again for more, within EXTENSION_LIMITS). */
export const EXTEND_MAX_MINUTES = 240;

const ExtendSchema = z.strictObject({
  minutes: z.number().int().min(1).max(EXTEND_MAX_MINUTES),
  learnerId: z
    .string()
    .regex(/^[a-f0-9]{24}$/)
    .optional(),
});

/** Body of POST /api/workshops/:code/extend, or a 400 saying what is wrong. */
export function parseExtend(body: Record<string, unknown>): { minutes: number; learnerId?: string } {
  const parsed = ExtendSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlaygroundError(`"${issue.path.join('.') || 'body'}": ${issue.message}`, 400);
  }
  return parsed.data.learnerId === undefined
    ? { minutes: parsed.data.minutes }
    : { minutes: parsed.data.minutes, learnerId: parsed.data.learnerId };
}
