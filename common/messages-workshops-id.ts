// The workshops' words in Indonesian: the same keys as ./messages-workshops-en.ts.
import type { MessageCatalogue } from './messages.js';

export const workshopWordsId = {
  'workshop-key-needed': () =>
    'Di sini hanya pelatih playground ini yang membuat workshop: berikan kunci workshop-nya ' +
    '(Authorization: Bearer), yang dipegang operatornya.',
  'workshop-key-wrong': () => 'Ini bukan kunci workshop playground ini.',
  'workshop-too-long': (p) =>
    `Di sini sebuah workshop paling lama ${p.hours} jam (kunci workshop dari operator menghapus batas ini).`,
  'workshops-per-client': (p) =>
    `Alamat ini sudah punya ${p.max} workshop yang direncanakan atau berjalan; akhiri satu sebelum membuat yang lain.`,
  'workshop-seats-fit': (p) =>
    `${p.seats} kursi tidak muat: pada waktu itu hanya ${p.fit} kursi lagi yang muat di samping workshop lain, ` +
    'karena sisa playground disimpan untuk main bebas. Minta lebih sedikit kursi, pilih waktu lain, ' +
    'atau hubungi operator (PLAYGROUND_WORKSHOP_SHARE_PERCENT).',
  'workshop-over-before-start': () => '"startsAt": workshop ini sudah akan selesai.',
  'workshop-too-far': (p) => `"startsAt": paling lambat ${p.days} hari dari sekarang.`,
  'lesson-unknown': (p) => `Tidak ada pelajaran "${p.id}".`,
  'join-code-none-free': () => 'Tidak ditemukan kode gabung yang bebas; coba lagi.',
  'text-not-string': (p) => `"${p.field}" harus berupa teks.`,
  'text-empty': (p) => `"${p.field}" tidak boleh kosong.`,
  'text-too-long': (p) => `"${p.field}" paling banyak ${p.max} karakter.`,
  'text-control': (p) => `"${p.field}" tidak boleh berisi karakter kontrol atau arah teks.`,
  'workshop-ended': () => 'Workshop ini sudah berakhir.',
  'workshop-gone': () => 'Workshop ini sudah tidak ada.',
  'workshop-no-sandboxes': () => 'Playground ini tidak menjalankan sandbox workshop.',
  'trainer-key-needed': () => 'Ini butuh kunci pelatih workshop (Authorization: Bearer).',
  'trainer-key-wrong': () => 'Kunci pelatih ini tidak membuka workshop ini.',
  'seat-gone': () => 'Kursi ini sudah tidak ada.',
  'learner-unknown': () => 'Workshop ini tidak punya peserta seperti itu.',
  'learner-no-sandbox': () => 'Peserta ini belum punya sandbox.',
  'learner-no-session': (p) => `${p.name} belum punya sesi sandbox.`,
  'extend-learner-max': (p) => `Seorang peserta paling banyak boleh diberi tambahan ${p.hours} jam.`,
  'extend-workshop-max': (p) => `Sebuah workshop paling lama ${p.hours} jam, termasuk perpanjangan.`,
  'session-token-needed': () => 'Ini butuh token sesi Anda.',
  'no-workshop-seat': () => 'Sesi ini tidak memegang kursi workshop.',
  'seat-not-here': () => 'Sesi ini tidak memegang kursi di workshop ini.',
  'step-unknown': (p) => `Pelajaran sesi ini tidak punya langkah "${p.step}".`,
  'hint-step-unknown': (p) => `Tidak ada langkah "${p.step}" dengan petunjuk di workshop ini.`,
  'help-unknown': () => 'Workshop ini tidak punya permintaan bantuan seperti itu.',
  'no-demo-terminal': () => 'Pelatih tidak sedang membuka terminal demo.',
  'watch-before-typing': () => 'Buka salah satu terminal peserta sebelum meminta untuk mengetik.',
  'trainer-not-asked': () => 'Pelatih belum meminta untuk mengetik.',
  'class-views-max': (p) => `Workshop ini sudah membuka ${p.max} tampilan kelas; tutup salah satu.`,
  'help-wait': (p) => `Terlalu banyak permintaan bantuan; coba lagi dalam ${p.seconds} detik.`,
  'hints-wait': (p) => `Terlalu banyak petunjuk dibuka; coba lagi dalam ${p.seconds} detik.`,
  'lesson-moves-wait': (p) => `Terlalu sering berganti pelajaran; coba lagi dalam ${p.seconds} detik.`,
  'messages-wait': (p) => `Terlalu banyak pesan; coba lagi dalam ${p.seconds} detik.`,
  'pushed-hints-wait': (p) => `Terlalu banyak petunjuk dikirim; coba lagi dalam ${p.seconds} detik.`,
} satisfies Partial<MessageCatalogue>;
