// Every piece of text the page shows, in one place. To add a language, add another
// `Strings` object and teach `pickStrings` to choose it.

/** Words for a remaining time such as "58 min". */
export interface DurationWords {
  seconds: (s: number) => string;
  minutes: (min: number) => string;
  hours: (h: number, min: number) => string;
}

export interface Strings {
  productName: string;
  productTagline: string;

  // Idle
  welcomeTitle: string;
  welcomeLead: string;
  welcomePoints: readonly { title: string; text: string }[];
  startButton: string;
  startHint: string;
  previousSessionEnded: string;
  sessionEndedByYou: string;

  // Starting
  creatingTitle: string;
  resumingTitle: string;
  startingHint: string;
  startingSlow: string;

  // Error
  createErrorTitle: string;
  resumeErrorTitle: string;
  sessionFailedTitle: string;
  retryButton: string;
  startOverButton: string;

  // Ended
  endedTitle: string;
  startNewButton: string;

  // Session actions
  newSandbox: string;
  endSession: string;
  endConfirmTitle: string;
  endConfirmText: string;
  newConfirmTitle: string;
  newConfirmText: string;
  cancel: string;
  ending: string;
  expiresIn: (remaining: string) => string;
  durations: DurationWords;
  sessionExpiryTitle: (time: string) => string;

  // Terminal states (top bar and pane)
  statusConnecting: string;
  statusConnected: (host: string) => string;
  statusReconnecting: string;
  statusOffline: string;
  statusExited: string;
  statusClosed: string;

  paneConnecting: string;
  paneReconnecting: (attempt: number) => string;
  paneOffline: string;
  shellExited: (code: number | null) => string;
  openNewShell: string;
  pressEnterForShell: string;
  reconnectButton: string;
  paneClosedTitle: string;
  terminalLabel: string;

  // Messages for failures the server did not describe
  networkError: string;
  unexpectedAnswer: (status: number) => string;
  tooManyRequests: string;
  serviceUnavailable: string;
  startTimedOut: string;
  sessionFailedDefault: string;
  sessionGone: string;
  connectionFailed: string;
  closeReasons: Readonly<Record<number, string>>;
}

export const en: Strings = {
  productName: 'Docker Playground',
  productTagline: 'A real Docker engine in your browser',

  welcomeTitle: 'Your own Docker, right in the browser',
  welcomeLead:
    'Start a private sandbox with a real Docker engine and a shell. Pull images, run containers and build your own, without installing anything.',
  welcomePoints: [
    { title: 'A real engine', text: 'The full docker CLI against a real daemon, not a simulation.' },
    {
      title: 'Private to you',
      text: 'Your containers live in a sandbox of their own. Nobody else sees them.',
    },
    {
      title: 'Nothing to clean up',
      text: 'Break things freely: the sandbox is removed when your session ends.',
    },
  ],
  startButton: 'Start sandbox',
  startHint: 'Ready in about 2 seconds',
  previousSessionEnded: 'Your previous sandbox has ended. Start a new one whenever you like.',
  sessionEndedByYou: 'Your sandbox was removed. Start a new one whenever you like.',

  creatingTitle: 'Starting your sandbox…',
  resumingTitle: 'Reconnecting to your sandbox…',
  startingHint: 'This usually takes about 2 seconds.',
  startingSlow: 'This is taking longer than usual. Hang on…',

  createErrorTitle: 'Could not start a sandbox',
  resumeErrorTitle: 'Could not reach your sandbox',
  sessionFailedTitle: 'Your sandbox could not start',
  retryButton: 'Retry',
  startOverButton: 'Start over',

  endedTitle: 'Your session has ended',
  startNewButton: 'Start a new sandbox',

  newSandbox: 'New sandbox',
  endSession: 'End session',
  endConfirmTitle: 'End this session?',
  endConfirmText: 'Your sandbox and all its containers, images and files will be deleted.',
  newConfirmTitle: 'Start a fresh sandbox?',
  newConfirmText: 'The current sandbox and everything in it will be deleted.',
  cancel: 'Cancel',
  ending: 'Ending…',
  expiresIn: (remaining) => `Ends in ${remaining}`,
  durations: {
    seconds: (s) => `${s} s`,
    minutes: (min) => `${min} min`,
    hours: (h, min) => `${h} h ${String(min).padStart(2, '0')} min`,
  },
  sessionExpiryTitle: (time) => `The sandbox is removed automatically at ${time}`,

  statusConnecting: 'Connecting',
  statusConnected: (host) => `Connected · ${host}`,
  statusReconnecting: 'Reconnecting',
  statusOffline: 'Offline',
  statusExited: 'Shell exited',
  statusClosed: 'Disconnected',

  paneConnecting: 'Connecting to your shell…',
  paneReconnecting: (attempt) =>
    attempt > 1 ? `Connection lost. Reconnecting (attempt ${attempt})…` : 'Connection lost. Reconnecting…',
  paneOffline: 'You are offline. The terminal reconnects as soon as your connection is back.',
  shellExited: (code) => (code === null ? 'The shell exited.' : `The shell exited (code ${code}).`),
  openNewShell: 'Open a new shell',
  pressEnterForShell: 'Press Enter to open a new one.',
  reconnectButton: 'Reconnect',
  paneClosedTitle: 'The terminal is disconnected',
  terminalLabel: 'Terminal',

  networkError: 'Cannot reach the playground server. Check your connection and try again.',
  unexpectedAnswer: (status) => `The server gave an unexpected answer (HTTP ${status}). Please try again.`,
  tooManyRequests: 'Too many requests. Wait a moment, then try again.',
  serviceUnavailable: 'The playground is not available right now. Please try again in a moment.',
  startTimedOut: 'Your sandbox took too long to start. Please try again.',
  sessionFailedDefault: 'Your sandbox could not be started.',
  sessionGone: 'Your sandbox has expired or was removed, along with everything in it.',
  connectionFailed: 'Could not connect to the terminal.',
  closeReasons: {
    1009: 'The terminal sent a message that was too large.',
    4400: 'The terminal sent a message the server did not understand.',
    4401: 'Your session key was not accepted.',
    4403: 'This page is not allowed to open terminals on this server.',
    4404: 'This session does not exist any more.',
    4410: 'Your sandbox is gone.',
    4429: 'Too many terminals are open for this session. Close one and try again.',
    4500: 'The sandbox backend failed.',
  },
};

const catalog: Readonly<Record<string, Strings>> = { en };

/** Chooses the strings for the first supported language in `languages`, else English. */
export function pickStrings(languages: readonly string[]): Strings {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0] ?? '';
    const found = catalog[lang.toLowerCase()] ?? catalog[base];
    if (found) return found;
  }
  return en;
}

const navigatorLanguages =
  typeof navigator !== 'undefined' && Array.isArray(navigator.languages) ? navigator.languages : [];

/** The strings this page uses. */
export const t: Strings = pickStrings(navigatorLanguages);
