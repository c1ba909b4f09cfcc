// The page shell's words in Bahasa Indonesia ("Anda"), keeping the Docker words Indonesian
// developers use as they are: container, image, sandbox, port, host, shell.
import type { Strings } from './strings';

export const id: Strings = {
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
};
