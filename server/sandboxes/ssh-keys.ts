// The key a session's hosts share so that `ssh node2` works from node1 (as scenarios written
// for two-node machines expect): one ed25519 key per session, the same on every host of the
// session and on none of another's. It is derived from the playground's own secret and the
// session id, so a host added later (or after a restart) gets the same key without the key
// being stored anywhere. The learner, root in their sandbox, can read it: it opens only the
// hosts of their own session, which they are root on already.
import { createHmac, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { execCapture } from '../engine/exec.js';
import { tarArchive } from '../lessons/tar.js';

export interface SessionSshKey {
  /** OpenSSH private key file ("-----BEGIN OPENSSH PRIVATE KEY-----"). */
  privateKey: string;
  /** One authorized_keys line. */
  publicKey: string;
}

/** The DER prefix of a PKCS #8 ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const KEY_TYPE = 'ssh-ed25519';

/** The secret sessions' keys are derived from: made once, kept in the state directory (0600). */
export async function loadSshSecret(stateDir: string): Promise<Buffer> {
  const file = path.join(stateDir, 'ssh-secret');
  const known = await readFile(file).catch(() => null);
  if (known?.length === 32) return known;
  const secret = randomBytes(32);
  await mkdir(stateDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

export function sessionSshKey(secret: Buffer, sessionId: string): SessionSshKey {
  const seed = createHmac('sha256', secret).update(`ssh-key:${sessionId}`).digest();
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicRaw = Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');
  const comment = `playground-session-${sessionId}`;
  const publicBlob = Buffer.concat([sshString(KEY_TYPE), sshString(publicRaw)]);
  return {
    privateKey: openSshPrivateKey(seed, publicRaw, publicBlob, comment),
    publicKey: `${KEY_TYPE} ${publicBlob.toString('base64')} ${comment}`,
  };
}

/** The "openssh-key-v1" file for an unencrypted ed25519 key (PROTOCOL.key in OpenSSH). */
function openSshPrivateKey(seed: Buffer, publicRaw: Buffer, publicBlob: Buffer, comment: string): string {
  const check = seed.subarray(0, 4);
  let secret = Buffer.concat([
    check,
    check,
    sshString(KEY_TYPE),
    sshString(publicRaw),
    sshString(Buffer.concat([seed, publicRaw])),
    sshString(comment),
  ]);
  const padding = Buffer.from([1, 2, 3, 4, 5, 6, 7].slice(0, (8 - (secret.length % 8)) % 8));
  secret = Buffer.concat([secret, padding]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** Lets `ssh <host>` of the same session in without a question (host keys are new each start). */
const CLIENT_CONFIG = 'Host *\n  StrictHostKeyChecking accept-new\n  LogLevel ERROR\n';

/**
 * Puts the session's key into root's ~/.ssh in a started sandbox: its identity, the one
 * authorized key, and a client config. The image's sshd (if it has one) lets it in.
 */
export async function installSessionKey(container: Docker.Container, key: SessionSshKey): Promise<void> {
  await execCapture(container, ['sh', '-c', 'mkdir -p /root/.ssh && chmod 700 /root/.ssh']);
  const files = [
    { name: 'id_ed25519', data: Buffer.from(key.privateKey), mode: 0o600 },
    { name: 'id_ed25519.pub', data: Buffer.from(`${key.publicKey}\n`) },
    { name: 'authorized_keys', data: Buffer.from(`${key.publicKey}\n`), mode: 0o600 },
    { name: 'config', data: Buffer.from(CLIENT_CONFIG) },
  ];
  await container.putArchive(tarArchive(files), { path: '/root/.ssh' });
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}
