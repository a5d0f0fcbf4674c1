/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s … up to maxMs; reset after a healthy period. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 1000,
    private readonly maxMs = 60_000,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
