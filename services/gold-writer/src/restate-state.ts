import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type HourKey, hourKey, parseHourKey, uniqueHours } from "@ecomstream/lake-model";

/**
 * The restatement's state between runs (`$ECOM_HOME/state/gold-writer.json`). `silverVersion` is
 * the newest commit of silver's Delta log the restatement has looked at: the hours of later
 * commits are the ones to restate. Version 1 (a cursor of file modification times, from silver's
 * former file sink log) reads as a fresh start.
 */
export interface RestatementState {
  version: 2;
  silverVersion: number | null;
  /** Hours holding non-final minutes -> when the next of them closes (epoch ms). */
  pending: Record<string, number>;
}

export function emptyState(): RestatementState {
  return { version: 2, silverVersion: null, pending: {} };
}

/** The saved state, or undefined on a fresh start (no file, or one this version cannot read). */
export function loadState(file: string): RestatementState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const raw = JSON.parse(text) as Partial<RestatementState>;
    if (raw.version !== 2 || typeof raw.pending !== "object" || raw.pending === null) return undefined;
    const silverVersion = raw.silverVersion;
    if (silverVersion !== null && !(typeof silverVersion === "number" && Number.isInteger(silverVersion)))
      return undefined;
    const pending = Object.fromEntries(
      Object.entries(raw.pending).filter(([k, v]) => parseHourKey(k) && typeof v === "number"),
    );
    return { version: 2, silverVersion, pending };
  } catch {
    return undefined;
  }
}

/** Writes the state atomically (temp file + rename). */
export function saveState(file: string, state: RestatementState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Pending hours whose next minute has closed by `nowMs`. */
export function duePendingHours(pending: Record<string, number>, nowMs: number): HourKey[] {
  return uniqueHours(
    Object.entries(pending)
      .filter(([, dueAt]) => dueAt <= nowMs)
      .flatMap(([key]) => {
        const h = parseHourKey(key);
        return h ? [h] : [];
      }),
  );
}

/** The hours to restate now: those with newly committed silver files plus the due pending ones. */
export function hoursToRestate(
  dirty: readonly HourKey[],
  pending: Record<string, number>,
  nowMs: number,
): HourKey[] {
  return uniqueHours([...dirty, ...duePendingHours(pending, nowMs)]);
}

/**
 * Pending after a restatement: restated hours take their new due time (or leave when every
 * minute and session is final); the others keep theirs, or the earlier of theirs and a new one
 * (a session restated from another hour may end in an hour not restated, whose minutes keep their
 * own close time). `restatedAll` drops every earlier entry.
 */
export function nextPending(
  before: Record<string, number>,
  restated: readonly HourKey[] | "all",
  after: Record<string, number>,
): Record<string, number> {
  const kept = new Map(
    restated === "all"
      ? []
      : Object.entries(before).filter(([key]) => !restated.some((h) => hourKey(h) === key)),
  );
  for (const [key, due] of Object.entries(after)) kept.set(key, Math.min(kept.get(key) ?? due, due));
  return Object.fromEntries([...kept].sort(([a], [b]) => a.localeCompare(b)));
}
