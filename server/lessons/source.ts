// What authors write: `lesson.yaml` (language-neutral, once per lesson) and the front matter of
// each `<language>.md` (that language's words). The Markdown bodies are parsed in markdown.ts.
import { z } from 'zod';
import { CheckSchema } from '../../common/checks.js';
import {
  AssetSchema,
  HostNameSchema,
  IdSchema,
  LanguageSchema,
  PaneSchema,
  StepStartSchema,
} from '../../common/lesson.js';

export const LESSON_FILE = 'lesson.yaml';

export const StepSourceSchema = z.strictObject({
  id: IdSchema,
  checks: z.array(CheckSchema).min(1, 'a step needs at least one check'),
  solution: z
    .array(z.string().trim().min(1, 'a solution command must not be empty'))
    .min(1, 'a step needs a solution: the commands that complete it'),
  /** Bash scripts run when the step starts (see lessons/README.md, Katacoda scenarios). */
  onStart: StepStartSchema.optional(),
});
export type StepSource = z.infer<typeof StepSourceSchema>;

export const LessonSourceSchema = z.strictObject({
  id: IdSchema,
  order: z.number().int().min(0),
  minutes: z.number().int().min(1).optional(),
  hosts: z.array(HostNameSchema).min(1),
  panes: z.array(PaneSchema).min(1),
  images: z.array(z.string().trim().min(1)).default([]),
  steps: z.array(StepSourceSchema).min(1, 'a lesson needs at least one step'),
  /** Write only these languages' files; the first one's text stands in for the others. */
  languages: z.array(LanguageSchema).min(1).optional(),
  notices: z.array(z.string().trim().min(1)).optional(),
  assets: z.array(AssetSchema).optional(),
});
export type LessonSource = z.infer<typeof LessonSourceSchema>;

/** A language file's front matter; the steps and their hints are in the Markdown body. */
export const TranslationSourceSchema = z.strictObject({
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
});
export type TranslationSource = z.infer<typeof TranslationSourceSchema>;
