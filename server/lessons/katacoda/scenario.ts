// The index.json of a Katacoda or Killercoda scenario, as far as the playground reads it.
// Unknown fields are kept (passthrough) so the importer can say what it leaves out rather than
// refusing a scenario over a field it does not need.
import { z } from 'zod';

export const SCENARIO_FILE = 'index.json';

/** A file name relative to the scenario folder (a Markdown text or a bash script). */
const file = z.string().trim().min(1);

/** What both the intro, the steps and the finish may have. Katacoda's older names: courseData = background, code = foreground. */
const page = {
  title: z.string().optional(),
  text: file.optional(),
  background: file.optional(),
  foreground: file.optional(),
  courseData: file.optional(),
  code: file.optional(),
};

export const ScenarioStepSchema = z.looseObject({
  ...page,
  /** Killercoda shows a step without a title as its number; so does the importer. */
  title: z.string().trim().optional(),
  text: file,
  verify: file.optional(),
  /** Katacoda: Markdown with the answer, shown on request. */
  answer: file.optional(),
});
export type ScenarioStep = z.infer<typeof ScenarioStepSchema>;

export const ScenarioPageSchema = z.looseObject(page);
export type ScenarioPage = z.infer<typeof ScenarioPageSchema>;

export const ScenarioAssetSchema = z.looseObject({
  file: file,
  target: z.string().trim().min(1),
  chmod: z.string().trim().optional(),
});
export type ScenarioAsset = z.infer<typeof ScenarioAssetSchema>;

export const ScenarioSchema = z.looseObject({
  title: z.string().trim().min(1, 'the scenario needs a title'),
  description: z.string().optional(),
  /** Katacoda: e.g. "10 minutes" or "5-10 minutes". */
  time: z.string().optional(),
  details: z.looseObject({
    intro: ScenarioPageSchema.optional(),
    steps: z.array(ScenarioStepSchema).min(1, 'the scenario needs at least one step'),
    finish: ScenarioPageSchema.optional(),
    /** Per host ("host01" on Killercoda, "client" or "host01" on Katacoda). */
    assets: z.record(z.string(), z.array(ScenarioAssetSchema)).optional(),
  }),
  environment: z.looseObject({}).optional(),
  backend: z.looseObject({ imageid: z.string().optional() }).optional(),
  /** Killercoda: { layout: "ide" } and the like. */
  interface: z.looseObject({}).optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
