import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  commitVersions,
  type FirstCopyCursor,
  lakeStore,
  StreamProgressError,
  settleFirstCopies,
  streamProgress,
} from "@ecomstream/lake";
import { checkpointOf, layerSpecs } from "@ecomstream/lake-model";
import { durationMs } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import { silverQueryName } from "./silver-queries.js";

export interface FirstCopyHealth {
  lastRunAt: string | null;
  /** Bronze commits up to this version have had their first copies settled in silver. */
  bronzeVersionChecked: number | null;
  /** Valid copies silver's stream dropped as duplicates, seen by the passes since start. */
  droppedSeen: number;
  /** Silver rows replaced by an earlier copy of their event since start. */
  replaced: number;
  /** Why the last pass checked nothing (the stream not started, or midway through a bronze commit). */
  waiting: string | null;
}

export interface FirstCopyLoop extends StageLoop {
  health(): { firstCopy: FirstCopyHealth };
}

export const firstCopyStateFile = (home: string) => join(home, "state", "silver-first-copy.json");

function loadCursor(file: string): FirstCopyCursor | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<FirstCopyCursor> & { version?: number };
    if (raw.version !== 1 || !Number.isInteger(raw.bronzeVersion) || !Number.isInteger(raw.silverVersion))
      return undefined;
    return { bronzeVersion: raw.bronzeVersion!, silverVersion: raw.silverVersion! };
  } catch {
    return undefined;
  }
}

function saveCursor(file: string, cursor: FirstCopyCursor): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, ...cursor }, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * Silver keeps the first copy of each event (`settleFirstCopies`), every few silver triggers, over
 * the bronze commits silver's stream has processed since the last pass. The cursor is saved in
 * `$ECOM_HOME/state/silver-first-copy.json` after a pass succeeded (a crash in between checks the
 * same commits again, which replaces nothing twice). Without a cursor: from bronze's first commit
 * when its whole log is still there, otherwise from where the stream is (older copies are left as
 * they are; `./ecom replay` settles an old range).
 */
export function createFirstCopyLoop(ctx: StageContext, options: { stateFile?: string } = {}): FirstCopyLoop {
  const file = options.stateFile ?? firstCopyStateFile(ctx.config.home);
  const store = lakeStore(ctx.config);
  const tables = layerSpecs(ctx.lake);
  const consumer = {
    name: silverQueryName,
    checkpoint: checkpointOf(ctx.config.checkpoints.uri, silverQueryName),
  };
  const health: FirstCopyHealth = {
    lastRunAt: null,
    bronzeVersionChecked: null,
    droppedSeen: 0,
    replaced: 0,
    waiting: null,
  };

  async function startingCursor(): Promise<FirstCopyCursor | undefined> {
    const [bronzeFirst] = await commitVersions(store, tables.bronze.uri);
    const [silverFirst] = await commitVersions(store, tables.silver.uri);
    if (bronzeFirst === 0 && silverFirst === 0) return { bronzeVersion: -1, silverVersion: -1 };
    try {
      const progress = await streamProgress(store, consumer, tables.bronze.uri, tables.silver.uri);
      return { bronzeVersion: progress.sourceVersion, silverVersion: progress.sinkVersion };
    } catch (error) {
      if (error instanceof StreamProgressError) return undefined;
      throw error;
    }
  }

  async function run(session: SparkSession): Promise<void> {
    health.lastRunAt = new Date().toISOString();
    const cursor = loadCursor(file) ?? (await startingCursor());
    if (!cursor) {
      health.waiting = "silver's stream has not committed a batch yet";
      return;
    }
    const pass = await settleFirstCopies(session, store, tables, cursor, {
      consumer,
      dedupWindowMs: durationMs(ctx.config.pipeline.dedupWindow),
    });
    saveCursor(file, pass.cursor);
    health.bronzeVersionChecked = pass.cursor.bronzeVersion;
    health.droppedSeen += pass.dropped;
    health.replaced += pass.replaced;
    health.waiting = pass.waiting ?? null;
    if (pass.replaced > 0) {
      ctx.logger.info(
        { replaced: pass.replaced, bronzeVersion: pass.cursor.bronzeVersion },
        "silver now keeps the first copy of events whose earlier copy its stream had dropped",
      );
    }
  }

  return {
    everyMs: Math.max(5_000, 3 * durationMs(ctx.config.pipeline.silverTrigger)),
    run,
    health: () => ({ firstCopy: { ...health } }),
  };
}
