// The screen mirrors' parser, off the main thread: every live terminal's headless xterm.js
// lives here, so parsing a flood of output (`yes` parses at 10-20 MiB/s) never delays the
// main thread's sockets. Plain JavaScript so it loads in a worker without a TS loader.
// Messages in: create, write, resize, snapshot, dispose (see screen-mirror.ts).
// Messages out: parsed {id, bytes}, snapshot {id, request, screen}, title {id, title}.
import { parentPort } from 'node:worker_threads';
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';

const { Terminal } = headless;
const { SerializeAddon } = serialize;

/** @type {Map<number, { term: InstanceType<typeof Terminal>, serializer: InstanceType<typeof SerializeAddon> }>} */
const mirrors = new Map();
const post = (message) => parentPort.postMessage(message);

parentPort.on('message', (m) => {
  if (m.type === 'create') {
    const term = new Terminal({
      cols: m.cols,
      rows: m.rows,
      scrollback: m.scrollback,
      allowProposedApi: true,
    });
    const serializer = new SerializeAddon();
    term.loadAddon(serializer);
    term.onTitleChange((title) => post({ type: 'title', id: m.id, title }));
    mirrors.set(m.id, { term, serializer });
    return;
  }
  const mirror = mirrors.get(m.id);
  if (!mirror) {
    // Disposed already: still answer, so nothing on the main thread waits forever.
    if (m.type === 'write') post({ type: 'parsed', id: m.id, bytes: m.data.length });
    if (m.type === 'snapshot') post({ type: 'snapshot', id: m.id, request: m.request, screen: '' });
    return;
  }
  switch (m.type) {
    case 'write':
      mirror.term.write(m.data, () => post({ type: 'parsed', id: m.id, bytes: m.data.length }));
      break;
    case 'resize':
      mirror.term.options.scrollback = m.scrollback;
      mirror.term.resize(m.cols, m.rows);
      break;
    case 'snapshot':
      // A write's callback runs once everything written before it is parsed.
      mirror.term.write('', () =>
        post({
          type: 'snapshot',
          id: m.id,
          request: m.request,
          screen: mirror.serializer.serialize(
            m.historyRows === undefined ? {} : { scrollback: m.historyRows },
          ),
        }),
      );
      break;
    case 'dispose':
      mirror.term.dispose();
      mirrors.delete(m.id);
      break;
  }
});
