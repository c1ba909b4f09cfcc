// A stand-in for the browser's WebSocket on the page's side of a terminal, with the server's
// side driven by hand: open it, send it frames, close it.
import { decodeClientMessage } from '../../common/protocol.js';
import type { SocketLike } from '../../client/src/terminals/terminal-connection.js';

export class FakeSocket implements SocketLike {
  binaryType: BinaryType = 'blob';
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: Uint8Array[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: ArrayBufferView | ArrayBuffer): void {
    const view =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.sent.push(view.slice());
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = 3;
  }
  // Server side of the fake:
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(bytes: Uint8Array | string): void {
    const data = typeof bytes === 'string' ? bytes : bytes.slice().buffer;
    this.onmessage?.({ data } as MessageEvent);
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code !== 1006 } as CloseEvent);
  }
  messages() {
    return this.sent.map((f) => decodeClientMessage(f));
  }
}
