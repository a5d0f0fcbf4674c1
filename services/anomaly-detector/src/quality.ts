import type { DetectorSettings } from "./detectors.js";
import type { QualitySeries } from "./series.js";
import { minuteMs } from "./types.js";

/**
 * The quarantine spike around a minute, if any: the largest quarantined share among the ingest
 * minutes within ± slack that reach both the share and the count thresholds.
 */
export function quarantineSpike(
  quality: QualitySeries,
  minute: number,
  settings: Pick<DetectorSettings, "quarantineShare" | "quarantineMin" | "quarantineSlackMinutes">,
): { share: number; quarantined: number } | undefined {
  let worst: { share: number; quarantined: number } | undefined;
  const slack = settings.quarantineSlackMinutes;
  for (let m = minute - slack * minuteMs; m <= minute + slack * minuteMs; m += minuteMs) {
    const q = quality.get(m);
    if (!q || q.records <= 0) continue;
    const share = q.quarantined / q.records;
    if (q.quarantined < settings.quarantineMin || share < settings.quarantineShare) continue;
    if (!worst || share > worst.share) worst = { share, quarantined: q.quarantined };
  }
  return worst;
}
