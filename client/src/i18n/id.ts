// The page's words in Bahasa Indonesia ("Anda"), keeping the Docker words Indonesian
// developers use as they are: container, image, sandbox, port, host, shell.
import { idMessages } from '../../../common/messages-id';
import type { LanguageStrings, LessonStrings, Strings, WatchStrings, WorkspaceStrings } from './strings-type';
import { workshopId } from './workshop-id';

const page: Strings = {
  serverMessages: idMessages,
  productName: 'Docker Playground',
  productTagline: 'Mesin Docker sungguhan di browser Anda',

  welcomeTitle: 'Docker milik Anda sendiri, langsung di browser',
  welcomeLead:
    'Mulai sandbox pribadi dengan mesin Docker sungguhan dan sebuah shell. Pull image, jalankan container, dan build image Anda sendiri, tanpa perlu menginstal apa pun.',
  welcomePoints: [
    {
      title: 'Mesin sungguhan',
      text: 'CLI docker lengkap yang terhubung ke daemon sungguhan, bukan simulasi.',
    },
    {
      title: 'Khusus untuk Anda',
      text: 'Container Anda berjalan di sandbox tersendiri. Tidak ada orang lain yang bisa melihatnya.',
    },
    {
      title: 'Tanpa perlu bersih-bersih',
      text: 'Bereksperimenlah sepuasnya: sandbox dihapus saat sesi Anda berakhir.',
    },
  ],
  startButton: 'Mulai sandbox',
  startHint: 'Siap dalam sekitar 2 detik',
  previousSessionEnded: 'Sandbox Anda sebelumnya sudah berakhir. Mulai yang baru kapan saja.',
  sessionEndedByYou: 'Sandbox Anda sudah dihapus. Mulai yang baru kapan saja.',

  creatingTitle: 'Menyiapkan sandbox Anda…',
  resumingTitle: 'Menyambungkan kembali ke sandbox Anda…',
  startingHint: 'Biasanya hanya sekitar 2 detik.',
  startingSlow: 'Ini lebih lama dari biasanya. Mohon tunggu sebentar…',

  createErrorTitle: 'Sandbox tidak dapat dimulai',
  resumeErrorTitle: 'Sandbox Anda tidak dapat dihubungi',
  sessionFailedTitle: 'Sandbox Anda gagal dimulai',
  retryButton: 'Coba lagi',
  startOverButton: 'Mulai dari awal',

  endedTitle: 'Sesi Anda telah berakhir',
  startNewButton: 'Mulai sandbox baru',

  newSandbox: 'Sandbox baru',
  endSession: 'Akhiri sesi',
  endConfirmTitle: 'Akhiri sesi ini?',
  endConfirmText: 'Sandbox Anda beserta semua container, image, dan berkasnya akan dihapus.',
  newConfirmTitle: 'Mulai sandbox baru?',
  newConfirmText: 'Sandbox saat ini beserta seluruh isinya akan dihapus.',
  cancel: 'Batal',
  ending: 'Mengakhiri…',
  expiresIn: (remaining) => `Berakhir dalam ${remaining}`,
  durations: {
    seconds: (s) => `${s} detik`,
    minutes: (min) => `${min} menit`,
    hours: (h, min) => `${h} jam ${String(min).padStart(2, '0')} menit`,
  },
  sessionExpiryTitle: (time) => `Sandbox dihapus otomatis pada pukul ${time}`,
  extendButton: (minutes) => `+${minutes} mnt`,
  extendTitle: (minutes) => `Pertahankan sandbox ini ${minutes} menit lebih lama (sekali saja)`,

  statusConnecting: 'Menyambungkan',
  statusConnected: (host) => `Tersambung · ${host}`,
  statusReconnecting: 'Menyambungkan ulang',
  statusOffline: 'Offline',
  statusExited: 'Shell berhenti',
  statusClosed: 'Terputus',

  paneConnecting: 'Menyambungkan ke shell Anda…',
  paneReconnecting: (attempt) =>
    attempt > 1
      ? `Koneksi terputus. Menyambungkan ulang (percobaan ke-${attempt})…`
      : 'Koneksi terputus. Menyambungkan ulang…',
  paneOffline: 'Anda sedang offline. Terminal akan tersambung kembali begitu koneksi Anda pulih.',
  shellExited: (code) => (code === null ? 'Shell telah berhenti.' : `Shell telah berhenti (kode ${code}).`),
  openNewShell: 'Buka shell baru',
  pressEnterForShell: 'Tekan Enter untuk membuka yang baru.',
  reconnectButton: 'Sambungkan ulang',
  paneClosedTitle: 'Terminal terputus',
  terminalLabel: 'Terminal',

  portLinks: {
    ports: 'Port',
    open: (p) => `Buka port ${p.port} dari ${p.host} (${p.container}) di tab baru`,
    opening: 'Membuka…',
  },

  networkError: 'Server playground tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.',
  unexpectedAnswer: (status) =>
    `Server memberikan jawaban yang tidak terduga (HTTP ${status}). Silakan coba lagi.`,
  tooManyRequests: 'Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.',
  serviceUnavailable: 'Playground sedang tidak tersedia. Silakan coba lagi sebentar lagi.',
  startTimedOut: 'Sandbox Anda terlalu lama dimulai. Silakan coba lagi.',
  sessionFailedDefault: 'Sandbox Anda tidak dapat dimulai.',
  sessionGone: 'Sandbox Anda sudah kedaluwarsa atau dihapus, beserta seluruh isinya.',
  connectionFailed: 'Tidak dapat tersambung ke terminal.',
  closeReasons: {
    1009: 'Terminal mengirim pesan yang terlalu besar.',
    4400: 'Terminal mengirim pesan yang tidak dipahami server.',
    4401: 'Kunci sesi Anda tidak diterima.',
    4403: 'Halaman ini tidak diizinkan membuka terminal di server ini.',
    4404: 'Sesi ini sudah tidak ada.',
    4410: 'Sandbox Anda sudah tidak ada.',
    4429: 'Terlalu banyak terminal yang terbuka di sesi ini. Tutup salah satu, lalu coba lagi.',
    4500: 'Backend sandbox mengalami kegagalan.',
  },

  runningTitle: 'Sandbox Anda masih berjalan',
  runningFor: (lesson) => (lesson ? `Pelajaran: ${lesson}` : 'Bermain bebas'),
  resumeButton: 'Lanjutkan',
  replaceRunningTitle: 'Akhiri sandbox yang sedang berjalan?',
  replaceRunningText: (lesson) =>
    `Sandbox baru menggantikan sandbox yang berjalan ${lesson ? `untuk pelajaran “${lesson}”` : 'di mode bermain bebas'}: ` +
    'kontainer, host, dan kemajuannya akan dihapus.',
  replaceRunningButton: 'Akhiri dan mulai',

  endedHint: 'Mulai lagi dengan sandbox baru, atau pilih pelajaran.',
  startAgainButton: 'Mulai lagi',

  terminalLimitHelp:
    'Terminal dari tab yang Anda tutup masih dihitung sampai dilepas, beberapa menit kemudian. Tutup satu untuk membuka yang ini.',
  closeOldestTerminal: 'Tutup terminal lama yang tidak dipakai',
  tryAgainButton: 'Coba lagi',
};

const workspace: WorkspaceStrings = {
  phoneKeyNames: {
    ctrl: 'Control, untuk tombol berikutnya',
    esc: 'Escape',
    tab: 'Tab',
    up: 'Panah atas',
    down: 'Panah bawah',
    left: 'Panah kiri',
    right: 'Panah kanan',
  },
  serverMessages: idMessages,
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
  hostFailed: (host) => `${host} tidak berjalan.`,
  restartHost: 'Mulai ulang',
  restartHostTitle: (host) => `Beri ${host} sandbox baru (container, image, dan berkasnya hilang)`,
  noTerminals: 'Tidak ada terminal yang terbuka.',
  openTerminal: 'Buka terminal',
  copyBlocked: 'Browser tidak mengizinkan menyalin. Gunakan Ctrl+Shift+C (Cmd+C di Mac).',
  pasteBlocked: 'Browser tidak mengizinkan menempel di sini. Gunakan Ctrl+Shift+V (Cmd+V di Mac).',
  takenOver: 'Terminal ini dibuka di jendela lain. Sambungkan ulang untuk memakainya di sini.',
};

const lesson: LessonStrings = {
  lessonLabel: 'Pelajaran',
  allLessons: 'Semua pelajaran',
  languageLabel: 'Bahasa',
  progressLabel: (done, total) => `${done} dari ${total} langkah selesai`,
  minutes: (n) => `${n} menit`,
  stepCount: (n) => `${n} langkah`,
  lessonFileErrors: 'Berkas pelajaran ini berisi galat; versi baik terakhirnya yang ditampilkan:',
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
  serverMessages: idMessages,
  onlyIn: (languageNames) => `Hanya dalam bahasa ${languageNames}`,
  languageNames: { en: 'Inggris', id: 'Indonesia' },
};

const watch: WatchStrings = {
  connecting: 'Menghubungkan…',
  live: 'Langsung',
  readOnly: 'Hanya lihat',
  mayType: 'Anda boleh mengetik',
  reconnecting: 'Koneksi terputus. Menghubungkan ulang…',
  stopped: 'Peserta menghentikan tampilan Anda.',
  ended: 'Terminal ini sudah ditutup.',
  refused: 'Terminal ini tidak dapat dibuka.',
  askToType: 'Minta izin mengetik',
  asked: 'Menunggu izin dari peserta…',
  giveBack: 'Kembalikan',
  actionFailed: 'Tidak berhasil. Coba lagi.',
  trainerWatching: 'Trainer sedang melihat terminal Anda.',
  trainerAsks: 'Trainer meminta izin mengetik di terminal Anda.',
  trainerTyping: 'Trainer sedang mengetik di terminal Anda.',
  allow: 'Izinkan',
  decline: 'Tolak',
  takeBack: 'Ambil kembali',
  stop: 'Hentikan',
  followTrainer: 'Ikuti trainer',
  hideTrainer: 'Sembunyikan terminal trainer',
  trainerTerminal: (n) => `Terminal trainer ${n}`,
  followReadOnly: 'Anda dapat mengikuti terminal ini, tetapi tidak dapat mengetik di dalamnya.',
};

export const id: LanguageStrings = { page, workspace, lesson, watch, workshop: workshopId };
