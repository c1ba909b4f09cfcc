// A service on the host for the escape battery's network probes: it answers a fixed word to
// whoever reaches it, over TCP on IPv6 and over UDP on IPv4. Over UDP it sends the word to the
// address and port written in the datagram, so a probe that forged its source address still
// learns that it got through, and no answer goes to the forged address.
import dgram from 'node:dgram';
import { execFileSync } from 'node:child_process';
import net from 'node:net';

export const ORACLE_ANSWER = 'playground-escape-oracle';

export interface Oracle {
  port: number;
  /** The only addresses a UDP answer may go to: the project's own containers. */
  answerTo: Set<string>;
  close(): Promise<void>;
}

export async function startOracle(): Promise<Oracle> {
  const answerTo = new Set<string>();
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // An HTTP answer, so that curl takes it.
    socket.end(`HTTP/1.0 200 OK\r\nContent-Length: ${ORACLE_ANSWER.length}\r\n\r\n${ORACLE_ANSWER}`);
  });
  await new Promise<void>((resolve) => tcp.listen({ port: 0, host: '::', ipv6Only: true }, resolve));
  const port = (tcp.address() as net.AddressInfo).port;
  const udp = dgram.createSocket('udp4');
  udp.on('message', (message) => {
    const [address, replyPort] = message.toString('utf8', 0, 100).split(' ');
    if (address && answerTo.has(address) && Number(replyPort) > 0) {
      udp.send(ORACLE_ANSWER, Number(replyPort), address);
    }
  });
  await new Promise<void>((resolve) => udp.bind(port, '0.0.0.0', resolve));
  return {
    port,
    answerTo,
    close: async () => {
      // A prober whose container is gone never closes its end: close it here.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(resolve));
    },
  };
}

/** The host's IPv6 link-local address on a bridge, or '' when it has none. */
export function linkLocalAddress(bridge: string): string {
  const out = execFileSync('ip', ['-6', '-o', 'addr', 'show', 'dev', bridge, 'scope', 'link']).toString();
  return /inet6 ([0-9a-f:]+)\//.exec(out)?.[1] ?? '';
}
