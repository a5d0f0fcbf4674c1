import { join } from "node:path";
import { isDeltaTable, lakeStore } from "@ecomstream/lake";
import { goldTableSpecs, type HourKey, hourKey } from "@ecomstream/lake-model";
import { durationMs } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import { restateGold } from "./restate.js";
import {
  emptyState,
  hoursToRestate,
  loadState,
  nextPending,
  type RestatementState,
  saveState,
} from "./restate-state.js";
import { scanSilverChanges } from "./silver-changes.js";

export interface GoldLoopOptions {
  /** The clock (tests move it forward). */
  now?: () => number;
  /** Where the restatement keeps its state (default `$ECOM_HOME/state/gold-writer.json`). */
  stateFile?: string;
}

export interface GoldLoopHealth {
  lastRunAt: string | null;
  lastRestatementAt: string | null;
  /** Hours the last restatement wrote. */
  hoursRestated: string[];
  /** session_start hours of gold sessions the last restatement wrote. */
  sessionHoursRestated: string[];
  totalHoursRestated: number;
  /** Hours that still hold non-final minutes or provisional sessions' last events, with when they are due. */
  pendingHours: Record<string, string>;
  /** The newest commit of silver's Delta log the restatement has looked at. */
  silverVersionSeen: number | null;
}

export interface GoldLoop extends StageLoop {
  health(): { gold: GoldLoopHealth };
}

export const goldStateFile = (home: string) => join(home, "state", "gold-writer.json");

/**
 * Final gold by restatement, every goldTrigger: hours of silver changed by newer commits, and
 * pending hours whose next minute has closed or whose provisional sessions' gap has passed, are
 * recomputed in batch and their gold partitions overwritten (sessions: the session_start hours
 * those silver hours can change). The state (silver cursor, pending hours) is saved only after
 * the write succeeded; a crash in between restates the same hours again, which is idempotent.
 * Without state every hour is restated.
 */
export function createGoldLoop(ctx: StageContext, options: GoldLoopOptions = {}): GoldLoop {
  const clock = options.now ?? Date.now;
  const file = options.stateFile ?? goldStateFile(ctx.config.home);
  const watermarkMs = durationMs(ctx.config.pipeline.goldWatermark);
  const sessionGap = ctx.config.pipeline.sessionGap;
  const store = lakeStore(ctx.config);
  const health: GoldLoopHealth = {
    lastRunAt: null,
    lastRestatementAt: null,
    hoursRestated: [],
    sessionHoursRestated: [],
    totalHoursRestated: 0,
    pendingHours: {},
    silverVersionSeen: null,
  };

  async function run(session: SparkSession): Promise<void> {
    const nowMs = clock();
    const saved = loadState(file);
    const state = saved ?? emptyState();
    const changes = await scanSilverChanges(ctx.lake, store, state.silverVersion);
    // A gold table this gold-writer has not written yet (one added since the state was saved)
    // is filled for every hour, as on a fresh start.
    const missing = [];
    for (const spec of Object.values(goldTableSpecs(ctx.lake)))
      if (!(await isDeltaTable(store, spec.uri))) missing.push(spec.name);
    // Fresh start, or a silver log that cannot tell what changed: every hour of silver (none when
    // silver has no commit yet).
    const hours: HourKey[] | undefined =
      changes.latest === null
        ? []
        : saved && changes.hours !== "all" && missing.length === 0
          ? hoursToRestate(changes.hours, state.pending, nowMs)
          : undefined;
    let pending = state.pending;
    if (!hours || hours.length > 0) {
      const result = await restateGold(session, ctx.lake, store, hours, { nowMs, watermarkMs, sessionGap });
      pending = nextPending(state.pending, hours ?? "all", result.pending);
      health.lastRestatementAt = new Date(nowMs).toISOString();
      health.hoursRestated = (hours ?? result.hours).map(hourKey);
      health.sessionHoursRestated = result.sessionHours.map(hourKey);
      health.totalHoursRestated += health.hoursRestated.length;
    }
    const next: RestatementState = {
      version: 2,
      silverVersion: changes.latest ?? state.silverVersion,
      pending,
    };
    saveState(file, next);
    health.lastRunAt = new Date(nowMs).toISOString();
    health.pendingHours = Object.fromEntries(
      Object.entries(pending).map(([k, at]) => [k, new Date(at).toISOString()]),
    );
    health.silverVersionSeen = next.silverVersion;
  }

  return {
    everyMs: durationMs(ctx.config.pipeline.goldTrigger),
    run,
    health: () => ({ gold: { ...health } }),
  };
}
