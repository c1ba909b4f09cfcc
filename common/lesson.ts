// Lessons as the server ships them to the browser: parsed, validated and with every language
// merged in. Authors write them as folders under lessons/ (see lessons/README.md); the server
// turns each folder into a `Lesson`. Only zod here: the browser imports this file too.
import { z } from 'zod';
import { CheckSchema } from './checks.js';

/** Languages every lesson is written in; the first is the fallback. */
export const LANGUAGES = ['en', 'id'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in English (for messages) and in itself (for a language menu). */
export const LANGUAGE_NAMES: Record<Language, { english: string; native: string }> = {
  en: { english: 'English', native: 'English' },
  id: { english: 'Indonesian', native: 'Bahasa Indonesia' },
};

/** Lesson and step ids: lowercase words joined by hyphens, e.g. "ping-by-name". */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by hyphens');

/** A session host's name, e.g. "docker" (also its host name inside the sandbox). */
export const HostNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase host name such as "docker"');

/** One terminal pane beside the lesson. Panes are numbered from 1 in the order listed. */
export const PaneSchema = z.strictObject({ host: HostNameSchema });
export type Pane = z.infer<typeof PaneSchema>;

/**
 * A command the page offers a button for.
 * - exec: type `text` into pane `pane` (1-based) followed by Enter; when `interrupt` is set,
 *   send Ctrl-C first (to stop what runs there). Several lines are typed one after another.
 * - copy: put `text` on the clipboard.
 */
export const CommandSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('exec'),
    text: z.string().min(1),
    pane: z.number().int().min(1),
    interrupt: z.boolean(),
  }),
  z.strictObject({ action: z.literal('copy'), text: z.string().min(1) }),
]);
export type Command = z.infer<typeof CommandSchema>;

/**
 * A command written as inline code inside Markdown (`docker ps`{{exec}}). `codeIndex` counts the
 * backtick runs of its Markdown block from 0, an unmarked fenced block counting as one, so the
 * page can find the `<code>` element to decorate after rendering the Markdown (it also checks
 * the element's text; see client/src/lessons/inline-commands.ts).
 */
export const InlineCommandSchema = z.strictObject({
  codeIndex: z.number().int().min(0),
  command: CommandSchema,
});
export type InlineCommand = z.infer<typeof InlineCommandSchema>;

/**
 * Lesson text is a list of blocks: Markdown (with its markers removed), and fenced code blocks
 * that carry a marker, taken out so the page can render them with a button. Fenced code without
 * a marker stays inside the Markdown.
 */
export const BlockSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('markdown'),
    markdown: z.string(),
    commands: z.array(InlineCommandSchema),
  }),
  z.strictObject({
    kind: z.literal('command'),
    /** The fence's info string (e.g. "sh"), for highlighting. */
    lang: z.string().optional(),
    command: CommandSchema,
  }),
]);
export type Block = z.infer<typeof BlockSchema>;

/** One text per language; every language is present. */
const localized = <T extends z.ZodType>(schema: T) => z.record(LanguageSchema, schema);

/**
 * Scripts run when a step starts (imported Katacoda/Killercoda scenarios): `background` runs
 * in the sandbox unseen, `foreground` is typed into the first pane. Each is a bash script.
 */
export const StepStartSchema = z.strictObject({
  background: z.string().min(1).optional(),
  foreground: z.string().min(1).optional(),
});
export type StepStart = z.infer<typeof StepStartSchema>;

export const StepSchema = z.strictObject({
  id: IdSchema,
  /** What the validator asks the sandbox; the step is done when every check passes. */
  checks: z.array(CheckSchema).min(1),
  /**
   * Shell commands that complete the step, run in order on the first pane's host. Native lessons
   * always have some; an imported scenario's step with nothing to run has none.
   */
  solution: z.array(z.string().min(1)),
  title: localized(z.string().min(1)),
  text: localized(z.array(BlockSchema).min(1)),
  /** Shown one at a time, in order (an imported step may have none). */
  hints: localized(z.array(z.array(BlockSchema).min(1))),
  onStart: StepStartSchema.optional(),
});
export type Step = z.infer<typeof StepSchema>;

/** Chmod modes an asset may ask for: octal ("755") or symbolic ("+x", "u+rw,go-w"). */
export const FILE_MODE = /^(?:[0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)$/;

/** A file of the lesson folder copied into the sandbox when a session starts. */
export const AssetSchema = z.strictObject({
  /** Relative to the lesson folder, inside it. */
  path: z
    .string()
    .min(1)
    .refine(
      (p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
      'path must stay inside the lesson folder',
    ),
  /** Absolute directory in the sandbox the file goes into (created when missing). */
  target: z.string().regex(/^\/[^\0\n]*$/, 'target must be an absolute directory'),
  /** Applied with chmod after copying, e.g. "+x" or "0755". */
  mode: z.string().regex(FILE_MODE, 'mode must be an octal or symbolic chmod mode').optional(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const LessonSchema = z.strictObject({
  id: IdSchema,
  /** Position in the catalogue (lowest first). */
  order: z.number().int().min(0),
  /** Rough time to complete, in minutes. */
  minutes: z.number().int().min(1).optional(),
  /** The session's hosts (one sandbox each). */
  hosts: z.array(HostNameSchema).min(1),
  panes: z.array(PaneSchema).min(1),
  /** Images the lesson pulls or runs, as learners type them (e.g. "redis:alpine"). */
  images: z.array(z.string().min(1)),
  title: localized(z.string().min(1)),
  summary: localized(z.string().min(1)),
  /** Text before the first step (may be empty). */
  intro: localized(z.array(BlockSchema)),
  steps: z.array(StepSchema).min(1),
  /** Languages the text is really written in, when not all (an imported scenario's text is copied into every language). */
  languages: z.array(LanguageSchema).min(1).optional(),
  /** Said at the top of the lesson: what of an imported scenario does not work here. */
  notices: z.array(z.string().min(1)).optional(),
  /** Files copied into the sandbox at session start. */
  assets: z.array(AssetSchema).optional(),
  /** Text shown once every step is done. */
  finish: localized(z.array(BlockSchema)).optional(),
});
export type Lesson = z.infer<typeof LessonSchema>;

/** A catalogue entry: enough to list lessons without their text. */
export const LessonSummarySchema = z.strictObject({
  id: IdSchema,
  order: z.number().int().min(0),
  minutes: z.number().int().min(1).optional(),
  title: localized(z.string().min(1)),
  summary: localized(z.string().min(1)),
  stepCount: z.number().int().min(1),
  languages: z.array(LanguageSchema).min(1),
  /** Errors of the lesson's files on disk: the catalogue serves its last good version meanwhile. */
  problems: z.array(z.string()).optional(),
});
export type LessonSummary = z.infer<typeof LessonSummarySchema>;

/** A lesson's step in one language. */
export interface LocalizedStep {
  id: string;
  title: string;
  text: Block[];
  hints: Block[][];
  checks: Step['checks'];
  solution: string[];
}

/** A lesson in one language, as a page shows it. */
export interface LocalizedLesson {
  id: string;
  language: Language;
  order: number;
  minutes?: number;
  hosts: string[];
  panes: Pane[];
  images: string[];
  title: string;
  summary: string;
  intro: Block[];
  steps: LocalizedStep[];
  /** See Lesson: languages the text is really written in. */
  languages?: Language[];
  notices?: string[];
  finish?: Block[];
  /** See LessonSummary: the errors of the files on disk, while this older version is served. */
  problems?: string[];
}

/** The first of `preferred` (e.g. navigator.languages) that lessons are written in. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const found = LANGUAGES.find((l) => l === base);
    if (found) return found;
  }
  return DEFAULT_LANGUAGE;
}

/** The lesson in one language. */
export function localizeLesson(lesson: Lesson, language: Language): LocalizedLesson {
  return {
    id: lesson.id,
    language,
    order: lesson.order,
    ...(lesson.minutes === undefined ? {} : { minutes: lesson.minutes }),
    hosts: lesson.hosts,
    panes: lesson.panes,
    images: lesson.images,
    title: lesson.title[language],
    summary: lesson.summary[language],
    intro: lesson.intro[language],
    steps: lesson.steps.map((step) => ({
      id: step.id,
      title: step.title[language],
      text: step.text[language],
      hints: step.hints[language],
      checks: step.checks,
      solution: step.solution,
    })),
    ...(lesson.languages ? { languages: lesson.languages } : {}),
    ...(lesson.notices ? { notices: lesson.notices } : {}),
    ...(lesson.finish ? { finish: lesson.finish[language] } : {}),
  };
}

/** Every command of some blocks, in reading order (fenced and inline). */
export function commandsOf(blocks: readonly Block[]): Command[] {
  return blocks.flatMap((b) => (b.kind === 'command' ? [b.command] : b.commands.map((c) => c.command)));
}
