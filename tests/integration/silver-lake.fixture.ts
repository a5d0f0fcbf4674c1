import { type LakeStore, readTable, type StreamConsumer } from "@ecomstream/lake";
import { checkpointOf, type LayerSpec } from "@ecomstream/lake-model";
import {
  quarantineQuery,
  quarantineQueryName,
  silverQuery,
  silverQueryName,
} from "@ecomstream/silver-writer";
import type { SparkSession } from "@ecomstream/spark-connect";
import { idSummary, type TempHome, type WriterQuery } from "@ecomstream/testkit";

/** silver-writer's two streaming queries on a temporary home, for testkit's `runQueries`. */
export const silverWriterQueries = (home: TempHome): WriterQuery[] => [
  silverQuery(home.config, home.lake),
  quarantineQuery(home.config, home.lake),
];

/** silver-writer's queries as the bronze consumers lake operations check. */
export function silverWriterConsumers(home: TempHome): {
  silver: StreamConsumer;
  quarantine: StreamConsumer;
} {
  const of = (name: string) => ({ name, checkpoint: checkpointOf(home.config.checkpoints.uri, name) });
  return { silver: of(silverQueryName), quarantine: of(quarantineQueryName) };
}

/** What a table holds, read as every batch reader reads it. */
export async function tableSummary(session: SparkSession, store: LakeStore, spec: LayerSpec, id: string) {
  return idSummary((await readTable(session, store, spec)).frame, id);
}
