// The server's words for learners about sandboxes and sessions, in Indonesian: the same keys
// as ./messages-sandbox-en.ts. Part of ./messages-id.ts.
import type { MessageCatalogue } from './messages.js';

export const sandboxWords = {
  'sandbox-lost-removed': (p) => `Sandbox ${p.host} telah dihapus. Mulai ulang untuk mendapat yang baru.`,
  'sandbox-lost-stopped': (p) =>
    `Sandbox ${p.host} berhenti${p.exit ? ` (kode keluar ${p.exit})` : ''}. Mulai ulang untuk mendapat yang baru.`,
  'sandbox-lost-gone': (p) => `Sandbox ${p.host} sudah tidak ada. Mulai ulang untuk mendapat yang baru.`,
  'engine-away': () =>
    'Docker engine sedang tidak menjawab (mungkin sedang dimulai ulang), jadi tidak ada sandbox yang bisa dimulai. ' +
    'Coba lagi dalam semenit.',
  'engine-not-reachable': (p) =>
    `Docker engine tidak bisa dijangkau (${p.code}). Jalankan engine, atau jalankan \`npm start\` sebagai root agar playground menjalankan engine-nya sendiri.`,
  'sandbox-image-missing': (p) =>
    `Image sandbox ${p.image} tidak ada di engine. Jalankan \`npm run setup\` untuk membuatnya.`,
  'engine-no-address-pool': () =>
    'Docker engine tidak punya pool alamat jaringan yang bebas untuk sesi lain. ' +
    'Beri dockerd pool yang lebih besar (default-address-pools di daemon.json, mis. base 10.96.0.0/12 size 24) ' +
    'atau akhiri sesi yang tidak dipakai.',
  'machine-disk-full': () =>
    'Disk mesin penuh, jadi tidak ada sandbox yang bisa dimulai. Kosongkan disk (docker system prune) lalu coba lagi.',
  'machine-memory-full': () =>
    'Mesin kehabisan memori, jadi tidak ada sandbox yang bisa dimulai. Coba lagi nanti.',
  'engine-refused': (p) => `Docker engine menolak: ${p.detail}`,
  'sandbox-stopped-starting': (p) =>
    `Sandbox berhenti saat dimulai (kode keluar ${p.exit}). Lihat \`docker logs ${p.container}\`.`,
  'sandbox-daemon-silent': (p) => `Docker daemon di sandbox tidak menjawab dalam ${p.seconds} detik.`,
  'sandbox-not-started': () => 'Sebuah sandbox gagal dimulai.',
  'playground-stopping': () => 'Playground sedang berhenti; coba lagi sebentar lagi.',
  'warm-taken': () => 'Sesi siap pakai ini sudah tidak tersedia.',
  'session-failed': () => 'Sesi ini gagal dimulai.',
  'session-starting': () => 'Sesi ini masih dimulai; coba lagi sebentar lagi.',
  'host-unknown': (p) => `Sesi ini tidak punya host "${p.host}".`,
  'host-keep-one': () => 'Sebuah sesi selalu punya setidaknya satu host. Akhiri sesinya saja.',
  'host-starting': (p) => `Host ${p.host} sudah sedang dimulai.`,
  'host-removed': (p) => `Host ${p.host} sudah dihapus.`,
  'host-not-ready': (p) => `Host ${p.host} belum siap.`,
  'token-wrong': () => 'Token sesi salah.',
  'lesson-starting': () => 'Pelajaran masih dimulai; coba lagi sebentar lagi.',
  'lesson-none': () => 'Sesi ini tidak dimulai untuk sebuah pelajaran.',
  'steps-all-done': () => 'Semua langkah sudah selesai.',
  'step-unknown': (p) => `Pelajaran ini tidak punya langkah "${p.step}".`,
} satisfies Partial<MessageCatalogue>;
