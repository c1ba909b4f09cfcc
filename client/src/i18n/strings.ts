// Every piece of text the page shows, in one place, in each language of `LANGUAGES`
// (common/lesson.ts). Components read them through a LanguageController
// (./language-controller.ts), so they follow the language the learner picks on the page.
import type { Language } from '../../../common/lesson';
import type { PortLinkLabels } from '../ports/port-links';
import { id } from './strings-id';

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
};

// ----- Terminal workspace: tabs, split view, hosts, copy and paste -----

export interface WorkspaceStrings {
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
  noTerminals: string;
  openTerminal: string;
  copyBlocked: string;
  pasteBlocked: string;
  takenOver: string;
}

const workspaceEn: WorkspaceStrings = {
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
  hostFailed: (host) => `${host} could not start.`,
  noTerminals: 'No terminal is open.',
  openTerminal: 'Open a terminal',
  copyBlocked: 'The browser did not allow copying. Use Ctrl+Shift+C (Cmd+C on a Mac).',
  pasteBlocked: 'The browser did not allow pasting here. Use Ctrl+Shift+V (Cmd+V on a Mac).',
  takenOver: 'This terminal was opened in another window. Reconnect to use it here.',
};

const workspaceIdn: WorkspaceStrings = {
  workspaceLabel: 'Terminal',
  tabLabel: (host, pane) => `${host} · ${pane}`,
  newTerminal: 'Terminal baru',
  newTerminalOn: (host) => `Terminal baru di ${host}`,
  closeTerminal: (label) => `Tutup terminal ${label}`,
  terminalLimit: (max) => `Paling banyak ${max} terminal per sesi. Tutup satu untuk membuka yang lain.`,
  splitView: 'Tampilkan dua terminal berdampingan',
  singleView: 'Tampilkan satu terminal',
  fontSmaller: 'Teks lebih kecil (Ctrl -)',
  fontLarger: 'Teks lebih besar (Ctrl =)',
  clearTerminal: 'Bersihkan terminal',
  fullScreen: 'Layar penuh',
  exitFullScreen: 'Keluar dari layar penuh (Esc)',
  hostsLabel: 'Host',
  hostStateNames: { starting: 'memulai', ready: 'siap', failed: 'gagal' },
  addHost: 'Tambah host',
  hostLimit: (max) => `Satu sesi paling banyak punya ${max} host.`,
  removeHost: (host) => `Hapus ${host}`,
  removeHostTitle: (host) => `Hapus ${host}?`,
  removeHostText: 'Terminalnya ditutup, dan container, image, serta berkasnya dihapus.',
  removeHostButton: 'Hapus host',
  lastHost: 'Sebuah sesi selalu punya setidaknya satu host.',
  cancel: 'Batal',
  hostStarting: (host) => `${host} sedang dimulai…`,
  hostFailed: (host) => `${host} gagal dimulai.`,
  noTerminals: 'Tidak ada terminal yang terbuka.',
  openTerminal: 'Buka terminal',
  copyBlocked: 'Browser tidak mengizinkan menyalin. Gunakan Ctrl+Shift+C (Cmd+C di Mac).',
  pasteBlocked: 'Browser tidak mengizinkan menempel di sini. Gunakan Ctrl+Shift+V (Cmd+V di Mac).',
  takenOver: 'Terminal ini dibuka di jendela lain. Sambungkan ulang untuk memakainya di sini.',
};

/** The terminal workspace's words in each language. */
export const workspaceStrings: Readonly<Record<Language, WorkspaceStrings>> = {
  en: workspaceEn,
  id: workspaceIdn,
};

/** The page shell's words in each language. */
export const pageStrings: Readonly<Record<Language, Strings>> = { en, id };

const catalog: Readonly<Record<string, Strings>> = pageStrings;

/** Chooses the strings for the first supported language in `languages`, else English. */
export function pickStrings(languages: readonly string[]): Strings {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0] ?? '';
    const found = catalog[lang.toLowerCase()] ?? catalog[base];
    if (found) return found;
  }
  return en;
}

// ----- Lessons: the lesson panel, the catalogue and the split view -----

export interface LessonStrings {
  lessonLabel: string;
  allLessons: string;
  languageLabel: string;
  progressLabel: (done: number, total: number) => string;
  minutes: (n: number) => string;
  stepCount: (n: number) => string;
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
}

const lessonEn: LessonStrings = {
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

const lessonId: LessonStrings = {
  lessonLabel: 'Pelajaran',
  allLessons: 'Semua pelajaran',
  languageLabel: 'Bahasa',
  progressLabel: (done, total) => `${done} dari ${total} langkah selesai`,
  minutes: (n) => `${n} menit`,
  stepCount: (n) => `${n} langkah`,
  overview: 'Ikhtisar',
  stepOf: (index, total) => `Langkah ${index} dari ${total}`,
  stepStateNames: { pending: 'belum', checking: 'diperiksa', passed: 'selesai', failed: 'belum selesai' },
  startLesson: 'Mulai pelajaran',
  continueLesson: (step) => `Lanjutkan langkah ${step}`,
  previous: 'Sebelumnya',
  next: 'Berikutnya',
  nextStep: 'Langkah berikutnya',
  finishLesson: 'Selesai',

  checkPrompt: 'Jalankan perintah di atas. Pekerjaan Anda diperiksa otomatis, atau periksa sekarang.',
  checkButton: 'Periksa pekerjaan saya',
  checkAgain: 'Periksa lagi',
  checking: 'Memeriksa…',
  passedTitle: 'Langkah selesai',
  passedText: 'Bagus sekali. Lanjutkan kapan pun Anda siap.',
  failedTitle: 'Belum selesai',
  failedDefault: 'Langkah ini belum selesai.',
  showHint: 'Tampilkan petunjuk',
  anotherHint: 'Petunjuk lain',
  hintLabel: (index, total) => `Petunjuk ${index} dari ${total}`,
  showSolution: 'Tampilkan solusi',
  solutionNote: 'Perintah ini menyelesaikan langkah ini. Coba sendiri dulu!',

  run: 'Jalankan',
  ran: 'Terkirim',
  copy: 'Salin',
  copied: 'Tersalin',
  copyFailed: 'Gagal menyalin',
  runInPane: (pane) => `Dijalankan di terminal T${pane}`,
  interruptFirst: 'Menghentikan yang sedang berjalan di sana dulu (Ctrl-C)',
  interruptBadge: 'Ctrl-C dulu',
  clickToRun: (pane) => `Klik untuk menjalankan di terminal T${pane}`,
  clickToCopy: 'Klik untuk menyalin',

  finishTitle: 'Pelajaran selesai!',
  finishText: (steps) =>
    `Anda telah menyelesaikan semua ${steps} langkah. Sandbox Anda tetap terbuka: silakan terus bereksplorasi.`,
  finishBack: 'Pilih pelajaran lain',

  loadingLesson: 'Memuat pelajaran…',
  lessonFailedTitle: 'Pelajaran tidak dapat dimuat',
  lessonFailedText: 'Periksa koneksi Anda, lalu coba lagi.',
  tryAgain: 'Coba lagi',

  catalogueTitle: 'Belajar Docker dengan praktik',
  catalogueLead:
    'Pelajaran singkat di sandbox Docker sungguhan. Setiap pelajaran memulai sandbox baru dan memeriksa pekerjaan Anda.',
  startCard: 'Mulai',
  continueCard: 'Lanjutkan',
  reviewCard: 'Buka lagi',
  completedBadge: 'Selesai',
  progressBadge: (done, total) => `${done}/${total} langkah`,
  freePlayTitle: 'Bermain bebas',
  freePlayText: 'Sandbox kosong dengan mesin Docker sungguhan, tanpa pelajaran. Coba apa saja.',
  freePlayButton: 'Buka sandbox',
  loadingLessons: 'Memuat pelajaran…',
  lessonsFailedTitle: 'Pelajaran tidak dapat dimuat',
  noLessons: 'Belum ada pelajaran.',

  showLesson: 'Pelajaran',
  showTerminal: 'Terminal',
  resizeSplit: 'Ubah ukuran pelajaran dan terminal',

  sandboxNotReady: 'Sandbox Anda masih dinyalakan. Perintah bisa dijalankan sebentar lagi.',
  replaceTitle: 'Mulai sandbox baru untuk pelajaran ini?',
  replaceText: (other) =>
    `Anda masih punya sandbox yang berjalan ${other ? `untuk pelajaran “${other}”` : 'di mode bebas'}. ` +
    'Setiap pelajaran dimulai dari sandbox yang bersih, jadi sandbox itu akan dihapus beserta seluruh isinya.',
  replaceButton: 'Mulai pelajaran',
  keepButton: 'Simpan sandbox saya',
  portsLabel: 'Port terbuka',
};

/** The lesson UI's words in each language the lessons are written in. */
export const lessonStrings: Readonly<Record<Language, LessonStrings>> = { en: lessonEn, id: lessonId };
