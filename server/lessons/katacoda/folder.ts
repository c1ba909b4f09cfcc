// A scenario folder among the lessons: lessons/<id>/ holding index.json and no lesson.yaml is
// loaded through the importer, so the catalogue and the lint command treat it as a lesson.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_ORDER, type FolderResult, type LoadOptions } from '../folder-result.js';
import { LESSON_FILE } from '../source.js';
import { importScenario } from './import.js';
import { SCENARIO_FILE } from './scenario.js';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** A folder with index.json and without lesson.yaml. */
export async function isScenarioFolder(folder: string): Promise<boolean> {
  return (await exists(path.join(folder, SCENARIO_FILE))) && !(await exists(path.join(folder, LESSON_FILE)));
}

/**
 * Imports a scenario folder as lesson `<folder name>`. Scenarios have no catalogue position, so
 * the caller gives one (after the native lessons).
 */
export async function loadScenarioFolder(
  folder: string,
  order = DEFAULT_ORDER,
  options: LoadOptions = {},
): Promise<FolderResult> {
  const id = path.basename(folder);
  const result = await importScenario(folder, {
    id,
    order,
    ...(options.images ? { images: options.images } : {}),
  });
  return {
    folder,
    ...(result.lesson ? { lesson: result.lesson } : {}),
    problems: result.problems,
    id,
    order,
    orderLine: 1,
  };
}
