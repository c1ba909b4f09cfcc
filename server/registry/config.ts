// Configuration files for Debian's Distribution registry (docker-registry serve <file>).

export interface RegistryConfigOptions {
  storageDir: string;
  /** host:port to listen on. */
  addr: string;
  /** Refuse pushes and deletes (storage.maintenance.readonly). */
  readOnly: boolean;
  /** Act as a pull-through cache of this registry (proxy.remoteurl). */
  upstream?: string;
  upstreamUsername?: string;
  upstreamPassword?: string;
}

// JSON strings are valid YAML scalars, so values need no YAML escaping of their own.
const q = (s: string) => JSON.stringify(s);

export function registryConfig(o: RegistryConfigOptions): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  formatter: text',
    // Every request (each pull, each health check) would be a line at info level.
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${q(o.storageDir)}`,
    '  delete:',
    '    enabled: false',
    '  maintenance:',
    // Two instances share the storage while images are pushed; neither may purge the other's uploads.
    '    uploadpurging:',
    '      enabled: false',
    '    readonly:',
    `      enabled: ${o.readOnly}`,
    'http:',
    `  addr: ${q(o.addr)}`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
  ];
  if (o.upstream) {
    lines.push('proxy:', `  remoteurl: ${q(o.upstream)}`);
    if (o.upstreamUsername) lines.push(`  username: ${q(o.upstreamUsername)}`);
    if (o.upstreamPassword) lines.push(`  password: ${q(o.upstreamPassword)}`);
  }
  return `${lines.join('\n')}\n`;
}
