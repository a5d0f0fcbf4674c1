/** Small, dependency-free statistics for the detectors. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/** MAD scaled to estimate a normal distribution's standard deviation. */
export const madToSigma = 1.4826;

/** ln C(n, k), summed term by term (n is a minute's volume: small). */
export function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let total = 0;
  for (let i = 1; i <= m; i++) total += Math.log((n - m + i) / i);
  return total;
}

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialTailAtLeast(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let total = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
    total += term;
    if (term < total * 1e-15) break;
  }
  return Math.min(1, total);
}

/** -log10 of a probability, capped so that p = 0 stays finite. */
export const surprise = (p: number): number => Math.min(300, -Math.log10(Math.max(p, 1e-300)));
