import type { KpiLatest } from "../api/types.js";
import { change, formatChange, formatValue } from "../lib/format.js";
import type { KpiDef } from "../lib/kpi-defs.js";

/** The latest minute's value of one KPI, with the last hour's per-minute level against the hour before. */
export function KpiTile({ def, latest }: { def: KpiDef; latest: KpiLatest }) {
  const value = latest.minute ? def.value(latest.minute) : null;
  const now = latest.lastHour ? def.perMinute(latest.lastHour) : null;
  const before = latest.previousHour ? def.perMinute(latest.previousHour) : null;
  const delta = change(now, before);
  const direction = delta === null || delta === 0 ? "flat" : delta > 0 ? "up" : "down";
  return (
    <article className="tile" data-testid={`kpi-${def.id}`} data-value={value ?? ""}>
      <h3>{def.label}</h3>
      <p className="tile-value">{formatValue(value, def.unit)}</p>
      <p className={`tile-change ${direction}`} data-testid={`kpi-${def.id}-change`}>
        {formatChange(delta)}
      </p>
    </article>
  );
}
