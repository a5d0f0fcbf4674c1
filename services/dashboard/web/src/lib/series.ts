/** One bucket's value and finality, keyed by its start (unix seconds). */
export interface Point {
  t: number;
  value: number | null;
  final: boolean;
}

/**
 * Final and provisional values as two aligned series over `times` (gaps stay null). The
 * provisional series also holds the final point just before each provisional run, so the dashed
 * line continues the solid one.
 */
export function splitByFinality(
  times: number[],
  points: Point[],
): { final: Array<number | null>; provisional: Array<number | null> } {
  const byTime = new Map(points.map((p) => [p.t, p]));
  const final: Array<number | null> = [];
  const provisional: Array<number | null> = [];
  let previous: Point | undefined;
  for (const t of times) {
    const point = byTime.get(t);
    if (point && !point.final && previous?.final && provisional.length > 0) {
      provisional[provisional.length - 1] = previous.value;
    }
    final.push(point?.final ? point.value : null);
    provisional.push(point && !point.final ? point.value : null);
    previous = point;
  }
  return { final, provisional };
}
