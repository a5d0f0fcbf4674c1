import { restateGold } from "@ecomstream/gold-writer";
import { type LakeStore, lakeStore, withTableLock } from "@ecomstream/lake";
import { type HourKey, lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";

/** What replay and quarantine replay need: a session, the store, the tables, gold's restatement. */
export interface LakeRun {
  session: SparkSession;
  store: LakeStore;
  specs: ReturnType<typeof layerSpecs>;
  restateGold: (hours: HourKey[]) => Promise<unknown>;
}

/**
 * Runs `work` with a Spark session, holding the silver and quarantine locks (the tables both
 * operations rewrite). Delta keeps each commit whole on its own; the locks keep two of these
 * operations on this machine from interleaving their two commits (a replay between a quarantine
 * replay's silver and quarantine commits would put the moved records back into quarantine).
 */
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
      restateGold: (hours) =>
        restateGold(session, lake, store, hours, { sessionGap: config.pipeline.sessionGap }),
    };
    return await withTableLock(config.home, "silver", () =>
      withTableLock(config.home, "quarantine", () => work(run)),
    );
  } finally {
    await session.close();
  }
}
