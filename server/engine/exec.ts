// Runs a command in a container (a sandbox, or the daemon inside it through `docker`) and
// collects what it printed: checks, port listings, asset copies and shell kills all need it.
import type Docker from 'dockerode';

/** Runs a command in a container and collects its output (no TTY, demultiplexed). */
export async function execCapture(
  container: Docker.Container,
  cmd: string[],
): Promise<{ exitCode: number | null; output: string }> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    container.modem.demuxStream(
      stream,
      { write: (c: Buffer) => chunks.push(c) },
      { write: (c: Buffer) => chunks.push(c) },
    );
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  // A hijacked socket is half-open after the daemon's end; destroy it or it lingers.
  stream.destroy();
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode, output: Buffer.concat(chunks).toString('utf8') };
}
