// The process's memory after full garbage collections, for the memory figures of the bench
// and the tests that show the server (running in the same process) gives memory back.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection now (the flag can be set at run time; `gc` then exists in a new context). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Memory after a full collection, a pause in which the screen mirrors' thread answers what
 * was posted to it before (and freed batches are let go), and another collection.
 */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = collector();
  gc();
  await new Promise((r) => setTimeout(r, 500));
  gc();
  return process.memoryUsage();
}
