import type { EcomConfig } from "@ecomstream/runtime";
import { kafkaNodes } from "../components/kafka.js";

/**
 * The daemons (pid files under `run/`) of one embedded component: Kafka's nodes, the Spark server
 * with its standalone master and workers (cluster profile), or the component's own process.
 */
export function daemonsOf(config: EcomConfig, component: string): string[] {
  if (component === "kafka") return kafkaNodes(config).map((node) => node.name);
  if (component === "spark-connect") {
    const { workers } = config.spark;
    if (workers === 0) return ["spark-connect"];
    const names = Array.from({ length: workers }, (_, i) => `spark-worker-${i + 1}`);
    return ["spark-master", ...names, "spark-connect"];
  }
  return [component];
}
