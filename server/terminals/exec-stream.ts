// A Docker exec without a TTY multiplexes its output: each frame is an 8-byte header (stream
// type, three zero bytes, payload length as a big-endian uint32) and then the payload. This
// reads frames as they stream by, holding back at most a partial header, so any payload
// size costs no buffering and the work is linear in the bytes.

const HEADER_BYTES = 8;

/** Returns a function that takes the stream's chunks and calls `onPayload` with each payload's bytes. */
export function demultiplexer(onPayload: (bytes: Buffer) => void): (chunk: Buffer) => void {
  const header = Buffer.alloc(HEADER_BYTES);
  let headerFill = 0;
  let payloadLeft = 0;
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (payloadLeft > 0) {
        const take = Math.min(payloadLeft, chunk.length - at);
        onPayload(chunk.subarray(at, at + take));
        payloadLeft -= take;
        at += take;
        continue;
      }
      const take = Math.min(HEADER_BYTES - headerFill, chunk.length - at);
      chunk.copy(header, headerFill, at, at + take);
      headerFill += take;
      at += take;
      if (headerFill === HEADER_BYTES) {
        payloadLeft = header.readUInt32BE(4);
        headerFill = 0;
      }
    }
  };
}
