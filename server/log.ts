// One-line, timestamped log output; the operator reads it in the terminal running the server.
type Level = 'info' | 'warn' | 'error';

function write(level: Level, scope: string, message: string): void {
  const line = `${new Date().toISOString()} ${level.padEnd(5)} [${scope}] ${message}`;
  if (level === 'info') console.log(line);
  else console.error(line);
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function logger(scope: string): Logger {
  return {
    info: (m) => write('info', scope, m),
    warn: (m) => write('warn', scope, m),
    error: (m) => write('error', scope, m),
  };
}
