import { restateGold } from "@ecomstream/gold-writer";
import { type HourKey, type LakeStore, lakeStore, layerSpecs, withTableLock } from "@ecomstream/lake";
import { durationMs, type EcomConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { lakeLayout } from "@ecomstream/stage";

/** What replay and quarantine replay need: a session, the store, the tables, gold's restatement, sizes. */
export interface LakeRun {
  session: SparkSession;
  store: LakeStore;
  specs: ReturnType<typeof layerSpecs>;
  restateGold: (hours: HourKey[]) => Promise<unknown>;
  graceMs: number;
  targetFileBytes: number;
}

/** Runs `work` with a Spark session, holding the silver and quarantine locks (the tables both operations rewrite). */
export async function withSilverAndQuarantine<T>(
  config: EcomConfig,
  work: (run: LakeRun) => Promise<T>,
): Promise<T> {
  const lake = lakeLayout(config.lake.uri);
  const store = lakeStore(config);
  const session = await SparkSession.connect(config.spark.remote);
  try {
    const run: LakeRun = {
      session,
      store,
      specs: layerSpecs(lake),
      restateGold: (hours) => restateGold(session, lake, store, hours),
      graceMs: durationMs(config.lakeOps.grace),
      targetFileBytes: config.lakeOps.targetFileMb * 1024 * 1024,
    };
    return await withTableLock(config.home, "silver", () =>
      withTableLock(config.home, "quarantine", () => work(run)),
    );
  } finally {
    await session.close();
  }
}
