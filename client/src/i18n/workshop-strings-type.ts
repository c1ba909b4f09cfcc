// The shape of the workshops' words: the start page's entries, the trainer's pages (create,
// class view) and the learner's (join, waiting, the workshop bar beside a lesson).
import type { Language } from '../../../common/lesson';
import type { CellState, StuckReason } from '../../../common/workshop-live';

export interface WorkshopStrings {
  // The start page
  runWorkshop: string;
  runWorkshopText: string;
  haveCode: string;
  codePlaceholder: string;
  codeInvalid: string;
  join: string;

  // Creating a workshop
  createTitle: string;
  createLead: string;
  titleLabel: string;
  titlePlaceholder: string;
  lessonsLabel: string;
  lessonsHint: string;
  addLesson: string;
  freePlay: string;
  moveUp: string;
  moveDown: string;
  remove: string;
  seatsLabel: string;
  seatsHint: string;
  /** The operator's workshop key (PLAYGROUND_WORKSHOP_KEY), when creating needs it. */
  keyLabel: string;
  keyHint: string;
  startLabel: string;
  startNow: string;
  startAt: string;
  durationLabel: string;
  languageLabel: string;
  languageNames: Readonly<Record<Language, string>>;
  createButton: string;
  creating: string;
  back: string;

  // The created workshop
  createdTitle: (title: string) => string;
  createdLead: string;
  joinCodeLabel: string;
  joinLinkLabel: string;
  qrLabel: string;
  trainerLinkLabel: string;
  trainerLinkWarning: string;
  copy: string;
  copied: string;
  openClassView: string;
  showProjector: string;
  closeProjector: string;
  projectorLead: string;

  // Joining
  joinTitle: string;
  joinLead: string;
  nameLabel: string;
  namePlaceholder: string;
  joinButton: string;
  joining: string;
  seatsLeft: (left: number, total: number) => string;
  startsAtLabel: (time: string) => string;
  fullTitle: string;
  fullText: (seats: number) => string;
  endedTitle: string;
  endedText: string;
  unknownTitle: string;
  unknownText: (code: string) => string;
  joinFailedTitle: string;
  tryAgain: string;
  toLessons: string;
  rejoining: string;
  waitingTitle: string;
  startsIn: (time: string) => string;
  waitingText: string;
  seatLabel: (seat: number) => string;
  youAre: (name: string) => string;
  preparingSeat: string;

  // Beside the lesson, in a workshop
  timeLeft: (time: string) => string;
  endsSoon: (time: string) => string;
  workshopOver: string;
  askHelp: string;
  helpPlaceholder: string;
  sendHelp: string;
  helpPending: string;
  withdrawHelp: string;
  fromTrainer: string;
  toEveryone: string;
  dismiss: string;
  resumeLink: string;
  resumeLinkHint: string;
  hintPushed: string;
  lessonOf: (n: number, total: number) => string;
  previousLesson: string;
  nextLesson: string;
  lessonDoneNext: (title: string) => string;
  cancel: string;

  // The trainer's class view
  needKeyTitle: string;
  needKeyText: string;
  connecting: string;
  reconnecting: string;
  codeButtonTitle: string;
  seatsTaken: (taken: number, total: number) => string;
  seatsReady: (ready: number) => string;
  extend: (minutes: number) => string;
  endWorkshop: string;
  endConfirmTitle: string;
  endConfirmText: (learners: number) => string;
  endConfirmButton: string;
  endedBadge: string;
  broadcastLabel: string;
  broadcastPlaceholder: string;
  send: string;
  sent: string;
  exportCsv: string;
  exportJson: string;
  /** The trainer's own terminal, for demos learners can follow. */
  demoTerminal: string;
  demoTitle: string;
  demoLead: string;
  demoStarting: string;
  learnerColumn: string;
  onStepColumn: string;
  failedColumn: string;
  hintsColumn: string;
  helpColumn: string;
  cellNames: Readonly<Record<CellState, string>>;
  online: string;
  offline: string;
  stuck: Readonly<Record<NonNullable<StuckReason>, string>>;
  resolve: string;
  finishedRow: string;
  allDone: string;
  noLearners: string;
  actionFailed: (why: string) => string;

  // One learner, in the side panel
  closePanel: string;
  terminalsLabel: string;
  noTerminals: string;
  messageLabel: string;
  messagePlaceholder: string;
  pushHint: (step: string) => string;
  hintSent: string;
  extendLearner: (minutes: number) => string;
}
