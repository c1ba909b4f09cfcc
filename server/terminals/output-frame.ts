// Output gathered straight into the WebSocket frame that carries it. A frame is the output
// behind one type byte; the batcher joins a shell's chunks into a buffer with room for that
// byte in front, so sending the output copies nothing more. During a flood that halves what
// the relay allocates per frame (and so the garbage collections it causes).
import { ServerMessageType } from '../../common/protocol.js';

/** Output views and the frames they sit in (entries go with their output). */
const frames = new WeakMap<Uint8Array, Buffer>();

/** Joins `chunks` (`size` bytes in all) into a new frame; returns the output part of it. */
export function gatherOutput(chunks: readonly Uint8Array[], size: number): Buffer {
  const frame = Buffer.allocUnsafe(size + 1);
  frame[0] = ServerMessageType.Output;
  let at = 1;
  for (const chunk of chunks) {
    frame.set(chunk, at);
    at += chunk.length;
  }
  const output = frame.subarray(1);
  frames.set(output, frame);
  return output;
}

/** The frame for `output`: the one it was gathered in, or a new one (a copy, in memory not zero-filled first). */
export function outputFrame(output: Uint8Array): Uint8Array {
  const gathered = frames.get(output);
  if (gathered) return gathered;
  const frame = Buffer.allocUnsafe(output.length + 1);
  frame[0] = ServerMessageType.Output;
  frame.set(output, 1);
  return frame;
}
