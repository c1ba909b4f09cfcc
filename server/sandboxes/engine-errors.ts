// Engine failures while making a sandbox, told as what went wrong and what fixes it.
import { message } from '../../common/messages.js';
import { LearnerRefusal, PlaygroundError } from '../errors.js';

/** Turns a raw engine error into a PlaygroundError that names the fix. */
export function explainEngineError(err: unknown, context: { image?: string } = {}): PlaygroundError {
  if (err instanceof PlaygroundError) return err;
  const e = err as { message?: string; code?: string; statusCode?: number };
  const text = e.message ?? String(err);
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EACCES') {
    return new LearnerRefusal(message('engine-not-reachable', { code: e.code }), 503);
  }
  if (e.statusCode === 404 && /no such image/i.test(text)) {
    return new LearnerRefusal(message('sandbox-image-missing', { image: context.image ?? '' }), 503);
  }
  if (/available, non-overlapping IPv4 address pool/i.test(text)) {
    return new LearnerRefusal(message('engine-no-address-pool', {}), 503);
  }
  if (/no space left on device/i.test(text)) {
    return new LearnerRefusal(message('machine-disk-full', {}), 507);
  }
  if (/cannot allocate memory/i.test(text)) {
    return new LearnerRefusal(message('machine-memory-full', {}), 503);
  }
  return new LearnerRefusal(message('engine-refused', { detail: text.trim() }), 500);
}
