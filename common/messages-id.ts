// The server's words for learners, in Indonesian: the same keys as ./messages-en.ts.
import type { MessageCatalogue, MessageParams } from './messages.js';
import { sandboxWords } from './messages-sandbox-id.js';
import { workshopWordsId } from './messages-workshops-id.js';

type MountHint = MessageParams['mounts-none'];
const mountHint = (p: MountHint) =>
  `Mount dibuat saat container dibuat: docker run -v ${p.volume || '<volume>'}:${p.destination || '<path>'} ...`;
const inContainer = (p: { container: string }) => (p.container ? ` di container "${p.container}"` : '');
const linkHint = (p: { name: string; target: string; alias: string }) =>
  `Link dibuat saat container dibuat: docker run --link ${p.target}:${p.alias} --name ${p.name} ...`;
const portHint = (p: { port: number }) =>
  `Port dipublikasikan saat container dibuat: docker run -p ${p.port}:<port di container> ...`;

const checkWords = {
  'container-missing': (p) =>
    `Belum ada container bernama "${p.name}". Buat dengan docker run --name ${p.name} ...`,
  'container-paused': (p) =>
    `Container "${p.name}" ada tetapi sedang dijeda. Lanjutkan dengan docker unpause ${p.name}.`,
  'container-restarting': (p) =>
    `Container "${p.name}" terus memulai ulang (kode keluar terakhir ${p.exitCode}). Lihat docker logs ${p.name}.`,
  'container-never-started': (p) =>
    `Container "${p.name}" ada tetapi tidak berjalan (sudah dibuat tetapi belum pernah dijalankan). ` +
    `Lihat docker logs ${p.name}, atau jalankan dengan docker start ${p.name}.`,
  'container-exited': (p) =>
    `Container "${p.name}" ada tetapi tidak berjalan (keluar dengan kode ${p.exitCode}). ` +
    `Lihat docker logs ${p.name}, atau jalankan dengan docker start ${p.name}.`,
  'container-exists': (p) => `Container "${p.name}" ada (${p.status}).`,
  'container-running': (p) => `Container "${p.name}" sedang berjalan.`,
  'image-used': (p) => `Container "${p.name}" menjalankan ${p.image}.`,
  'image-used-as': (p) => `Container "${p.name}" menjalankan ${p.image} (sebagai ${p.used}).`,
  'image-other': (p) =>
    `Container "${p.name}" menjalankan image ${p.used}, bukan ${p.image}. ` +
    `Hapus (docker rm -f ${p.name}) lalu jalankan lagi dari ${p.image}.`,
  'env-missing': (p) =>
    `Container "${p.name}" tidak punya variabel ${p.variable}. Variabel diatur saat container dibuat: ` +
    `docker run -e ${p.variable}=... --name ${p.name} ...`,
  'env-other-value': (p) => `Container "${p.name}" punya ${p.variable}=${p.value}, bukan ${p.wanted}.`,
  'env-not-matching': (p) =>
    `Container "${p.name}" punya ${p.variable}=${p.value}, dan itu bukan yang diminta langkah ini.`,
  'env-set': (p) => `Container "${p.name}" punya ${p.variable}=${p.value}.`,
  'links-none': (p) => `Container "${p.name}" tidak punya link. ${linkHint(p)}`,
  'link-ok': (p) => `Container "${p.name}" menjangkau "${p.target}" dengan nama ${p.alias}.`,
  'link-other-alias': (p) =>
    `Container "${p.name}" ter-link ke "${p.target}" sebagai ${p.aliases}, bukan sebagai "${p.alias}". ${linkHint(p)}`,
  'link-other-target': (p) =>
    `Container "${p.name}" ter-link ke ${p.others} tetapi tidak ke "${p.target}". ${linkHint(p)}`,

  'network-missing': (p) =>
    `Belum ada network bernama "${p.name}". Buat dengan docker network create ${p.name}.`,
  'network-exists': (p) => `Network "${p.name}" ada (driver ${p.driver}).`,
  'network-not-joined': (p) =>
    `"${p.name}" tidak ada di ${p.network}${p.others ? ` (ia ada di ${p.others})` : ''}. ` +
    `Hubungkan dengan docker network connect ${p.alias ? `--alias ${p.alias} ` : ''}${p.network} ${p.name}.`,
  'network-joined': (p) => `"${p.name}" ada di ${p.network}.`,
  'network-joined-alias': (p) => `"${p.name}" ada di ${p.network} dengan alias "${p.alias}".`,
  'network-alias-missing': (p) =>
    `"${p.name}" ada di ${p.network} tetapi tanpa alias "${p.alias}". Hubungkan ulang: ` +
    `docker network disconnect ${p.network} ${p.name}, lalu docker network connect --alias ${p.alias} ${p.network} ${p.name}.`,
  'dns-default-network': (p) =>
    `Nama tidak bisa di-resolve di network bawaan Docker "${p.network}". Buat network sendiri ` +
    `(docker network create ...) dan jalankan container di sana.`,
  'dns-resolves': (p) => `Di ${p.network}, nama ${p.host} mengarah ke "${p.target}" (${p.ip}).`,
  'dns-unresolved': (p) => `Di ${p.network}, nama ${p.host} belum bisa di-resolve.`,
  'dns-unresolved-alias': (p) =>
    `Di ${p.network}, nama ${p.host} belum bisa di-resolve. Beri "${p.target}" nama itu: ` +
    `docker network connect --alias ${p.host} ${p.network} ${p.target} (atau --network-alias ${p.host} pada docker run).`,
  'dns-elsewhere': (p) =>
    `Di ${p.network}, nama ${p.host} mengarah ke ${p.owners}, bukan ke "${p.target}" (${p.ip}).`,
  'dns-not-joined': (p) =>
    `"${p.name}" tidak ada di ${p.network}, jadi tidak ada nama di sana yang mengarah kepadanya. ` +
    `Hubungkan dengan docker network connect ${p.network} ${p.name}.`,

  'port-published-by': (p) => `Port ${p.port} dipublikasikan oleh "${p.name}" (port-nya ${p.inner}).`,
  'port-free': (p) => `Belum ada yang dipublikasikan di port ${p.port}. ${portHint(p)}`,
  'port-once-running': (p) => `${p.problem} Setelah berjalan, ia mempublikasikan port ${p.port}.`,
  'port-published': (p) => `"${p.name}" mempublikasikan port-nya ${p.inner} di port ${p.port}.`,
  'ports-none': (p) => `"${p.name}" tidak mempublikasikan port apa pun. ${portHint(p)}`,
  'ports-other': (p) => `"${p.name}" mempublikasikan ${p.list}, tetapi bukan ${p.port}. ${portHint(p)}`,
} satisfies Partial<MessageCatalogue>;

const storageWords = {
  'volume-missing': (p) =>
    `Belum ada volume bernama "${p.name}". Buat dengan docker volume create ${p.name}.`,
  'volume-exists': (p) => `Volume "${p.name}" ada.`,
  'mount-found': (p) => `"${p.name}" punya ${p.source} yang di-mount di ${p.destination}.`,
  'mounts-none': (p) => `"${p.name}" tidak punya mount apa pun. ${mountHint(p)}`,
  'mount-elsewhere': (p) =>
    `"${p.name}" punya ${p.volume || 'sebuah volume'} yang di-mount di ${p.at}, bukan di ${p.destination}. ${mountHint(p)}`,
  'mount-other-source': (p) =>
    `"${p.name}" punya ${p.source} yang di-mount di ${p.at}, bukan ${p.volume}. ${mountHint(p)}`,
  'mount-missing': (p) =>
    `"${p.name}" tidak punya ${p.volume || 'volume'} yang di-mount${p.destination ? ` di ${p.destination}` : ''} ` +
    `(yang ada: ${p.list}). ${mountHint(p)}`,
  'image-present': (p) => `Image ${p.image} ada di sandbox.`,
  'image-missing': (p) =>
    `Image ${p.image} belum ada di sandbox. Ambil dengan docker pull ${p.image} (atau build sendiri).`,
  'file-no-container': (p) =>
    `Belum ada container bernama "${p.container}", jadi ${p.path} tidak mungkin ada di dalamnya.`,
  'file-missing': (p) => `Belum ada file ${p.path}${inContainer(p)}.`,
  'file-not-a-file': (p) => `${p.path}${inContainer(p)} bukan file (sebuah direktori?).`,
  'file-contains': (p) => `${p.path}${inContainer(p)} berisi "${p.text}".`,
  'file-lacks': (p) => `${p.path}${inContainer(p)} belum berisi "${p.text}".`,
} satisfies Partial<MessageCatalogue>;

const commandWords = {
  'http-no-answer': (p) => `Tidak ada jawaban dari ${p.url}: ${p.why}.`,
  'http-unknown-host': () => 'nama host itu tidak dikenal di sandbox',
  'http-refused': () => 'belum ada yang mendengarkan di sana',
  'http-timeout': (p) => `ia tidak menjawab dalam ${p.seconds} detik`,
  'http-closed': () => 'ia menutup koneksi tanpa jawaban (aplikasinya mungkin masih memulai)',
  'http-reset': () => 'ia memutus koneksi (aplikasinya mungkin masih memulai)',
  'http-answered': (p) => `${p.url} menjawab dengan "${p.text}".`,
  'http-other-answer': (p) =>
    `${p.url} menjawab${p.status ? ` (HTTP ${p.status})` : ''}, tetapi tidak dengan "${p.text}".` +
    (p.body ? ` Jawabannya: "${p.body}"` : ' Jawabannya kosong.'),
  'script-overdue': (p) =>
    `Pemeriksaan tidak selesai dalam ${p.seconds} detik.${p.output ? ` Keluarannya: ${p.output}` : ''}`,
  'script-done': () => 'Selesai.',
  'script-failed': (p) => `Pemeriksaan gagal (status keluar ${p.status}).`,
  'manual-step': () => 'Tidak ada yang perlu diperiksa di sini: lanjutkan saat Anda siap.',
  'check-malformed': (p) => `Pemeriksaan ini salah bentuk, jadi tidak bisa lulus: ${p.error}`,
  'checking-stopped': () => 'Pemeriksaan sudah dihentikan.',
  'check-overdue': () => 'Sandbox terlalu lama menjawab pemeriksaan ini. Coba lagi.',
  'check-could-not-run': (p) => `Pemeriksaan tidak bisa dijalankan: ${p.error}`,
  'daemon-overdue': () => 'Docker daemon di sandbox tidak menjawab tepat waktu. Coba lagi sebentar lagi.',
  'daemon-down': () => 'Docker daemon di sandbox tidak menjawab. Jika Anda menghentikannya, mulai sesi baru.',
  'tool-missing': (p) => `Sandbox tidak punya alat yang dibutuhkan pemeriksaan ini: ${p.detail}`,
  'docker-failed': (p) => `Docker tidak bisa menjawab pemeriksaan: ${p.detail}`,
  'docker-unreadable': (p) => `Docker memberi jawaban yang tidak bisa dibaca pemeriksaan: ${p.detail}`,
  'answer-oversized': (p) =>
    `Sandbox menjawab dengan lebih dari ${p.limit}, lebih dari yang dibaca pemeriksaan, jadi tidak bisa lulus.`,
  'sandbox-stopped': () => 'Sandbox Anda sudah berhenti. Mulai sesi baru untuk melanjutkan.',
  'sandbox-vanished': () => 'Sandbox Anda sudah tidak ada. Mulai sesi baru untuk melanjutkan.',
  'engine-unreachable': () => 'Playground tidak bisa menjangkau Docker engine-nya saat ini. Coba lagi.',
  'check-not-started': (p) => `Sandbox tidak bisa memulai pemeriksaan: ${p.detail}`,
  'check-not-run': (p) => `Sandbox tidak bisa menjalankan pemeriksaan: ${p.detail}`,
  text: (p) => p.text,
} satisfies Partial<MessageCatalogue>;

const refusalWords = {
  'playground-full-sessions': (p) =>
    `Playground penuh: ${p.used} dari ${p.max} sesi sedang dipakai. ` +
    'Coba lagi beberapa menit lagi (operator bisa menaikkan PLAYGROUND_MAX_SESSIONS).',
  'playground-full-sandboxes': (p) =>
    `Playground penuh: ${p.used} dari ${p.max} sandbox sedang dipakai. ` +
    'Coba lagi beberapa menit lagi (operator bisa menaikkan PLAYGROUND_MAX_SANDBOXES).',
  'sessions-per-client': (p) =>
    `Anda sudah menjalankan ${p.max} sandbox. Akhiri salah satu sebelum memulai yang lain.`,
  'lesson-needs-hosts': (p) =>
    `Pelajaran ini butuh ${p.hosts} host, tetapi sebuah sesi paling banyak boleh punya ${p.max} ` +
    '(operator bisa menaikkan PLAYGROUND_MAX_HOSTS).',
  'hosts-at-most': (p) =>
    `Sebuah sesi paling banyak boleh punya ${p.max} host. Hapus satu sebelum menambah yang lain.`,
  'out-of-memory': () => 'Mesin kehabisan memori untuk sandbox baru; coba lagi saat ada sesi yang berakhir.',
  'out-of-pids': () => 'Mesin kehabisan proses untuk sandbox baru; coba lagi saat ada sesi yang berakhir.',
  'out-of-disk': () => 'Mesin kehabisan disk untuk sandbox baru; coba lagi saat ada sesi yang berakhir.',
  'session-unknown': () => 'Sesi itu tidak ada: mungkin sudah kedaluwarsa atau diakhiri.',
  'session-over': () => 'Sesi ini sudah berakhir.',
  'sandbox-gone': () => 'Sandbox sudah tidak ada. Mulai yang baru.',
  'extend-once': () => 'Sesi ini sudah pernah diperpanjang.',
  'extend-off': () => 'Sesi tidak bisa diperpanjang di playground ini.',
  'workshop-unknown': (p) => `Tidak ada workshop berjalan dengan kode ${p.code}.`,
  'workshop-over': (p) => `Workshop "${p.title}" sudah selesai; tidak ada kursi lagi.`,
  'workshop-full': (p) => `Workshop penuh: semua ${p.seats} kursi sudah terisi. Minta kursi kepada pelatih.`,
  'workshop-codes-wait': (p) =>
    `Terlalu banyak kode workshop yang tidak dikenal dari alamat ini; coba lagi dalam ${p.seconds} detik.`,
  'workshops-created-wait': (p) =>
    `Terlalu banyak workshop dibuat dari alamat ini; coba lagi dalam ${p.seconds} detik.`,
} satisfies Partial<MessageCatalogue>;

export const idMessages: MessageCatalogue = {
  ...checkWords,
  ...storageWords,
  ...commandWords,
  ...refusalWords,
  ...sandboxWords,
  ...workshopWordsId,
};
