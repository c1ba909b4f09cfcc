// The page's words in English.
import type { LanguageStrings, LessonStrings, Strings, WorkspaceStrings } from './strings-type';
import { workshopEn } from './workshop-en';

const page: Strings = {
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

  portLinks: {
    ports: 'Ports',
    open: (p) => `Open port ${p.port} of ${p.host} (${p.container}) in a new tab`,
    opening: 'Opening…',
  },

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

  runningTitle: 'Your sandbox is still running',
  runningFor: (lesson) => (lesson ? `Lesson: ${lesson}` : 'Free play'),
  resumeButton: 'Resume',
  replaceRunningTitle: 'End your running sandbox?',
  replaceRunningText: (lesson) =>
    `A new sandbox replaces the one running ${lesson ? `for the lesson “${lesson}”` : 'in free play'}: ` +
    'its containers, its hosts and its progress are deleted.',
  replaceRunningButton: 'End it and start',

  endedHint: 'Start again with a fresh sandbox, or pick a lesson.',
  startAgainButton: 'Start again',

  terminalLimitHelp:
    'Terminals of tabs you closed count until they let go, a few minutes later. Close one to open this one.',
  closeOldestTerminal: 'Close the oldest unused terminal',
  tryAgainButton: 'Try again',
};

const workspace: WorkspaceStrings = {
  workspaceLabel: 'Terminals',
  tabLabel: (host, pane) => `${host} · ${pane}`,
  newTerminal: 'New terminal',
  newTerminalOn: (host) => `New terminal on ${host}`,
  closeTerminal: (label) => `Close terminal ${label}`,
  terminalLimit: (max) => `At most ${max} terminals per session. Close one to open another.`,
  splitView: 'Show two terminals side by side',
  singleView: 'Show one terminal',
  fontSmaller: 'Smaller text (Ctrl -)',
  fontLarger: 'Larger text (Ctrl =)',
  clearTerminal: 'Clear the terminal',
  fullScreen: 'Full screen',
  exitFullScreen: 'Leave full screen (Esc)',
  hostsLabel: 'Hosts',
  hostStateNames: { starting: 'starting', ready: 'ready', failed: 'failed' },
  addHost: 'Add host',
  hostLimit: (max) => `A session can have at most ${max} hosts.`,
  removeHost: (host) => `Remove ${host}`,
  removeHostTitle: (host) => `Remove ${host}?`,
  removeHostText: 'Its terminals close, and its containers, images and files are deleted.',
  removeHostButton: 'Remove host',
  lastHost: 'A session keeps at least one host.',
  cancel: 'Cancel',
  hostStarting: (host) => `${host} is starting…`,
  hostFailed: (host) => `${host} is not running.`,
  restartHost: 'Restart',
  restartHostTitle: (host) => `Give ${host} a fresh sandbox (its containers, images and files are lost)`,
  noTerminals: 'No terminal is open.',
  openTerminal: 'Open a terminal',
  copyBlocked: 'The browser did not allow copying. Use Ctrl+Shift+C (Cmd+C on a Mac).',
  pasteBlocked: 'The browser did not allow pasting here. Use Ctrl+Shift+V (Cmd+V on a Mac).',
  takenOver: 'This terminal was opened in another window. Reconnect to use it here.',
};

const lesson: LessonStrings = {
  lessonLabel: 'Lesson',
  allLessons: 'All lessons',
  languageLabel: 'Language',
  progressLabel: (done, total) => `${done} of ${total} steps done`,
  minutes: (n) => `${n} min`,
  stepCount: (n) => (n === 1 ? '1 step' : `${n} steps`),
  overview: 'Overview',
  stepOf: (index, total) => `Step ${index} of ${total}`,
  stepStateNames: { pending: 'to do', checking: 'checking', passed: 'done', failed: 'not done yet' },
  startLesson: 'Start the lesson',
  continueLesson: (step) => `Continue with step ${step}`,
  previous: 'Previous',
  next: 'Next',
  nextStep: 'Next step',
  finishLesson: 'Finish',

  checkPrompt: 'Run the commands above. Your work is checked as you go, or check it now.',
  checkButton: 'Check my work',
  checkAgain: 'Check again',
  checking: 'Checking…',
  passedTitle: 'Step complete',
  passedText: 'Nicely done. Move on whenever you are ready.',
  failedTitle: 'Not quite yet',
  failedDefault: 'The step is not done yet.',
  showHint: 'Show a hint',
  anotherHint: 'Another hint',
  hintLabel: (index, total) => `Hint ${index} of ${total}`,
  showSolution: 'Show the solution',
  solutionNote: 'These commands complete the step. Try it yourself first!',

  run: 'Run',
  ran: 'Sent',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  runInPane: (pane) => `Runs in terminal T${pane}`,
  interruptFirst: 'Stops what is running there first (Ctrl-C)',
  interruptBadge: 'Ctrl-C first',
  clickToRun: (pane) => `Click to run in terminal T${pane}`,
  clickToCopy: 'Click to copy',

  finishTitle: 'Lesson complete!',
  finishText: (steps) => `You finished all ${steps} steps. Your sandbox stays open: keep exploring.`,
  finishBack: 'Choose another lesson',

  loadingLesson: 'Loading the lesson…',
  lessonFailedTitle: 'The lesson could not be loaded',
  lessonFailedText: 'Check your connection and try again.',
  tryAgain: 'Try again',

  catalogueTitle: 'Learn Docker by doing',
  catalogueLead:
    'Short lessons in a real Docker sandbox. Each one starts a fresh sandbox and checks your work as you go.',
  startCard: 'Start',
  continueCard: 'Continue',
  reviewCard: 'Open again',
  completedBadge: 'Completed',
  progressBadge: (done, total) => `${done}/${total} steps`,
  freePlayTitle: 'Free play',
  freePlayText: 'An empty sandbox with a real Docker engine and no lesson. Try anything.',
  freePlayButton: 'Open a sandbox',
  loadingLessons: 'Loading lessons…',
  lessonsFailedTitle: 'The lessons could not be loaded',
  noLessons: 'No lessons are available yet.',

  showLesson: 'Lesson',
  showTerminal: 'Terminal',
  resizeSplit: 'Resize the lesson and the terminal',

  sandboxNotReady: 'Your sandbox is still starting. The command can run in a moment.',
  replaceTitle: 'Start a fresh sandbox for this lesson?',
  replaceText: (other) =>
    `You have a sandbox running ${other ? `for the lesson “${other}”` : 'in free play'}. ` +
    'Each lesson starts from a clean sandbox, so that one will be removed, with everything in it.',
  replaceButton: 'Start the lesson',
  keepButton: 'Keep my sandbox',
  portsLabel: 'Open ports',
};

export const en: LanguageStrings = { page, workspace, lesson, workshop: workshopEn };
