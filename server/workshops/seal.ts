// A seat's session token, kept so a learner can come back to the same sandbox from another
// device, yet never stored in clear: it is sealed (AES-256-GCM) with a key derived from the
// learner's resume token, of which the database holds only a hash. The file alone opens no
// session; the resume token opens its own seat's and no other (the learner id is bound in).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'playground seat session token v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(resumeToken: string, learnerId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', resumeToken, learnerId, INFO, 32));
}

/** The token sealed for this learner's resume token: base64url of IV, tag and ciphertext. */
export function sealToken(token: string, resumeToken: string, learnerId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(resumeToken, learnerId), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The token, or null when the resume token (or the learner) is not the one it was sealed for. */
export function unsealToken(sealed: string, resumeToken: string, learnerId: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key(resumeToken, learnerId),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}
