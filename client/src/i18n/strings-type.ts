// The shape of the page's words. Every language (./en.ts, ./id.ts) fills in all of it, so a
// word missing in one language does not compile.
import type { PublishedPort } from '../../../common/events';
import type { Language } from '../../../common/lesson';
import type { MessageCatalogue } from '../../../common/messages';
import type { WorkshopStrings } from './workshop-strings-type';

/** Words for a remaining time such as "58 min". */
export interface DurationWords {
  seconds: (s: number) => string;
  minutes: (min: number) => string;
  hours: (h: number, min: number) => string;
}

/** The words of <port-links>: the published ports in a terminal's header. */
export interface PortLinkLabels {
  /** Text before the buttons. */
  ports: string;
  /** Tooltip of a button. */
  open: (port: PublishedPort) => string;
  /** Shown while the ticket is being asked for. */
  opening: string;
}

/** The page shell's words: top bar, start and ending cards, errors, terminal states. */
export interface Strings {
  /** The server's messages (refusals, a sandbox's failure) in this language. */
  serverMessages: MessageCatalogue;
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
  /** The header's button that makes the session live `minutes` longer, once. */
  extendButton: (minutes: number) => string;
  extendTitle: (minutes: number) => string;

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

  // Published ports in the terminal's header
  portLinks: PortLinkLabels;

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

  // A sandbox kept running while the learner is on another page
  runningTitle: string;
  /** What the running sandbox is for: a lesson's title, or free play (undefined). */
  runningFor: (lesson: string | undefined) => string;
  resumeButton: string;
  replaceRunningTitle: string;
  replaceRunningText: (lesson: string | undefined) => string;
  replaceRunningButton: string;

  // Ended, what to do next
  endedHint: string;
  startAgainButton: string;

  // A pane refused for the session's terminal limit
  terminalLimitHelp: string;
  closeOldestTerminal: string;
  tryAgainButton: string;
}

/** The terminal workspace's words: tabs, split view, hosts, copy and paste. */
export interface WorkspaceStrings {
  /** The spoken name of a key of the phone's key row. */
  phoneKeyNames: Readonly<Record<'ctrl' | 'esc' | 'tab' | 'up' | 'down' | 'left' | 'right', string>>;
  /** The server's messages (a host's failure) in this language. */
  serverMessages: MessageCatalogue;
  workspaceLabel: string;
  tabLabel: (host: string, pane: number) => string;
  newTerminal: string;
  newTerminalOn: (host: string) => string;
  closeTerminal: (label: string) => string;
  terminalLimit: (max: number) => string;
  splitView: string;
  singleView: string;
  fontSmaller: string;
  fontLarger: string;
  clearTerminal: string;
  fullScreen: string;
  exitFullScreen: string;
  hostsLabel: string;
  hostStateNames: Readonly<Record<'starting' | 'ready' | 'failed', string>>;
  addHost: string;
  hostLimit: (max: number) => string;
  removeHost: (host: string) => string;
  removeHostTitle: (host: string) => string;
  removeHostText: string;
  removeHostButton: string;
  lastHost: string;
  cancel: string;
  hostStarting: (host: string) => string;
  hostFailed: (host: string) => string;
  /** The button that gives a failed host a fresh sandbox. */
  restartHost: string;
  restartHostTitle: (host: string) => string;
  noTerminals: string;
  openTerminal: string;
  copyBlocked: string;
  pasteBlocked: string;
  takenOver: string;
}

/** The words of the lesson panel, the catalogue and the split view. */
export interface LessonStrings {
  lessonLabel: string;
  allLessons: string;
  languageLabel: string;
  progressLabel: (done: number, total: number) => string;
  minutes: (n: number) => string;
  stepCount: (n: number) => string;
  /** On a lesson's card when its files on disk have errors and an older version is served. */
  lessonFileErrors: string;
  overview: string;
  stepOf: (index: number, total: number) => string;
  stepStateNames: Readonly<Record<'pending' | 'checking' | 'passed' | 'failed', string>>;
  startLesson: string;
  continueLesson: (step: number) => string;
  previous: string;
  next: string;
  nextStep: string;
  finishLesson: string;

  checkPrompt: string;
  checkButton: string;
  checkAgain: string;
  checking: string;
  passedTitle: string;
  passedText: string;
  failedTitle: string;
  failedDefault: string;
  showHint: string;
  anotherHint: string;
  hintLabel: (index: number, total: number) => string;
  showSolution: string;
  solutionNote: string;

  run: string;
  ran: string;
  copy: string;
  copied: string;
  copyFailed: string;
  runInPane: (pane: number) => string;
  interruptFirst: string;
  interruptBadge: string;
  clickToRun: (pane: number) => string;
  clickToCopy: string;

  finishTitle: string;
  finishText: (steps: number) => string;
  finishBack: string;

  loadingLesson: string;
  lessonFailedTitle: string;
  lessonFailedText: string;
  tryAgain: string;

  catalogueTitle: string;
  catalogueLead: string;
  startCard: string;
  continueCard: string;
  reviewCard: string;
  completedBadge: string;
  progressBadge: (done: number, total: number) => string;
  freePlayTitle: string;
  freePlayText: string;
  freePlayButton: string;
  loadingLessons: string;
  lessonsFailedTitle: string;
  noLessons: string;

  showLesson: string;
  showTerminal: string;
  resizeSplit: string;

  // The page around a lesson
  sandboxNotReady: string;
  replaceTitle: string;
  replaceText: (other: string | undefined) => string;
  replaceButton: string;
  keepButton: string;
  portsLabel: string;

  /** The server's messages (a check's reason) in this language. */
  serverMessages: MessageCatalogue;
  /** On a card whose text is written in one language only, e.g. an imported scenario. */
  onlyIn: (languageNames: string) => string;
  /** Each language's name, in this language. */
  languageNames: Readonly<Record<Language, string>>;
}

/** Watching terminals in a workshop: the trainer's view of a learner's, the learner's banner, following the trainer. */
export interface WatchStrings {
  connecting: string;
  live: string;
  readOnly: string;
  mayType: string;
  reconnecting: string;
  stopped: string;
  ended: string;
  refused: string;
  askToType: string;
  asked: string;
  giveBack: string;
  actionFailed: string;
  /** The learner's banner. */
  trainerWatching: string;
  trainerAsks: string;
  trainerTyping: string;
  allow: string;
  decline: string;
  takeBack: string;
  stop: string;
  /** Following the trainer's demo. */
  followTrainer: string;
  hideTrainer: string;
  trainerTerminal: (n: number) => string;
  followReadOnly: string;
}

/** All of one language's words. */
export interface LanguageStrings {
  page: Strings;
  workspace: WorkspaceStrings;
  lesson: LessonStrings;
  watch: WatchStrings;
  workshop: WorkshopStrings;
}
