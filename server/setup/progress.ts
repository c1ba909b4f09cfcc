// Setup progress on the operator's terminal: one line per step, with elapsed time.
export function progressPrinter(prefix = 'setup'): (line: string) => void {
  const started = Date.now();
  return (line) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    console.log(`[${prefix} ${seconds}s] ${line}`);
  };
}
