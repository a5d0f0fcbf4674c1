import type { EcomConfig } from "@ecomstream/runtime";
import type { Component } from "./components/component.js";
import { KafkaComponent } from "./components/kafka.js";
import { PostgresComponent } from "./components/postgres.js";
import { SparkConnectComponent } from "./components/spark.js";
import { statePaths } from "./state.js";

/** The platform's infrastructure components, in start order. */
export function infrastructure(config: EcomConfig): Component[] {
  const ctx = { config, paths: statePaths(config) };
  return [new KafkaComponent(ctx), new PostgresComponent(ctx), new SparkConnectComponent(ctx)];
}
