/** A snapshot of a running generator, for progress lines and callers. */
export interface ProgressSnapshot {
  elapsedSec: number;
  generated: number;
  acknowledged: number;
  /** Acknowledged records per second over the last interval. */
  rate: number;
  invalid: number;
  duplicates: number;
  late: number;
  errors: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export function formatProgress(p: ProgressSnapshot): string {
  return (
    `generator ${p.elapsedSec.toFixed(1)}s  acked ${fmt(p.acknowledged)}  ${fmt(p.rate)} rec/s  ` +
    `invalid ${fmt(p.invalid)}  dup ${fmt(p.duplicates)}  late ${fmt(p.late)}  errors ${p.errors}`
  );
}

/**
 * Progress on stderr: on a TTY one line rewritten in place (every 250 ms), otherwise one line
 * every 5 s. Returns the callback to feed and a `done` that ends the line.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  const everyMs = tty ? 250 : 5000;
  let last = 0;
  let wrote = false;
  return {
    intervalMs: everyMs,
    update(p: ProgressSnapshot, force = false): void {
      const now = Date.now();
      if (!force && now - last < everyMs) return;
      last = now;
      wrote = true;
      stream.write(tty ? `\r${formatProgress(p)}\x1b[K` : `${formatProgress(p)}\n`);
    },
    done(): void {
      if (tty && wrote) stream.write("\n");
    },
  };
}
