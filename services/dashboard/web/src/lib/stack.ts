/**
 * Running sums over the series, bottom first: what each band's top edge is drawn at. A time where
 * every series is null stays a gap; elsewhere a null counts as zero.
 */
export function stackValues(series: Array<Array<number | null>>): Array<Array<number | null>> {
  const stacked: Array<Array<number | null>> = [];
  let below: Array<number | null> | undefined;
  for (const values of series) {
    const sums = values.map((v, i) =>
      series.every((s) => s[i] === null || s[i] === undefined) ? null : (v ?? 0) + (below?.[i] ?? 0),
    );
    stacked.push(sums);
    below = sums;
  }
  return stacked;
}
