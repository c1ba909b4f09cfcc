// A Docker exec without a TTY multiplexes its output: each frame is an 8-byte header (stream
// type, three zero bytes, payload length as a big-endian uint32) and then the payload. This
// reads frames as they stream by, holding back at most a partial header, so any payload
// size costs no buffering and the work is linear in the bytes.

const HEADER_BYTES = 8;

/**
 * Returns a function that takes the stream's chunks and calls `onPayload` with the payload
 * bytes each chunk held: one call per chunk, its frames' payloads joined (the relay in the
 * sandbox writes what dtach gives it, often 4 KiB a frame, and each call downstream costs a
 * scan, a batch and a count; one copy of a chunk costs less than fifteen of those).
 */
export function demultiplexer(onPayload: (bytes: Buffer) => void): (chunk: Buffer) => void {
  const header = Buffer.alloc(HEADER_BYTES);
  let headerFill = 0;
  let payloadLeft = 0;
  return (chunk) => {
    const payloads: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (payloadLeft > 0) {
        const take = Math.min(payloadLeft, chunk.length - at);
        payloads.push(chunk.subarray(at, at + take));
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
    if (payloads.length === 1) onPayload(payloads[0]!);
    else if (payloads.length > 1) onPayload(Buffer.concat(payloads));
  };
}
