import type { RestartRecord } from "./state.js";

/** A status cell: how often the supervisor restarted a part, when last, and a failing restart's error. */
export function describeRestarts(record: RestartRecord | undefined): string {
  if (!record || record.count === 0) return "";
  const at = record.lastAt.slice(11, 19);
  const failing = record.lastError ? `, failing: ${record.lastError}` : "";
  return `${record.count} (last ${at} UTC${failing})`;
}
