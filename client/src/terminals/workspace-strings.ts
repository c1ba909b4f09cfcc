import { workspaceStringsFor, type WorkspaceStrings } from '../i18n/strings';

/** The terminal workspace's words, in the browser's language. */
export const tw: WorkspaceStrings = workspaceStringsFor(
  typeof navigator !== 'undefined' && Array.isArray(navigator.languages) ? navigator.languages : [],
);
