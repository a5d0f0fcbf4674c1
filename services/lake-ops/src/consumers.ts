import type { LayerName, StreamConsumer } from "@ecomstream/lake";
import type { EcomConfig } from "@ecomstream/runtime";
import { checkpointOf } from "@ecomstream/stage";

/**
 * The streaming queries that read each table's sink folder (spec: the pipeline). Silver-writer's
 * two queries read bronze; gold's provisional stream reads Kafka, and nothing streams from silver,
 * quarantine or gold.
 */
export function streamConsumers(config: EcomConfig): Record<LayerName, StreamConsumer[]> {
  const consumer = (name: string) => ({ name, checkpoint: checkpointOf(config.checkpoints.uri, name) });
  return {
    bronze: [consumer("ecom_silver"), consumer("ecom_quarantine")],
    silver: [],
    quarantine: [],
    gold: [],
  };
}
