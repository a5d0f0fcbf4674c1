/** Terminal output of the CLI: steps on stderr, results (tables, env lines) on stdout. */
const started = Date.now();

function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);
}

export const ui = {
  step(message: string): void {
    process.stderr.write(`[${elapsed()}] ${message}\n`);
  },
  wait(what: string, elapsedMs: number): void {
    process.stderr.write(
      `[${elapsed()}]   … still waiting for ${what} (${Math.round(elapsedMs / 1000)} s)\n`,
    );
  },
  out(line = ""): void {
    process.stdout.write(`${line}\n`);
  },
  table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: readonly string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
  },
};
