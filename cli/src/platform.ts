import type { EcomConfig } from "@ecomstream/runtime";
import type { Component } from "./components/component.js";
import { KafkaComponent } from "./components/kafka.js";
import { MinioComponent } from "./components/minio.js";
import { NodeServiceComponent } from "./components/node-service.js";
import { PostgresComponent } from "./components/postgres.js";
import { SparkConnectComponent } from "./components/spark.js";
import { DashboardComponent, TopicConsoleComponent } from "./components/web-apps.js";
import { statePaths } from "./state.js";

/** The platform's infrastructure components, in start order. */
export function infrastructure(config: EcomConfig): Component[] {
  const ctx = { config, paths: statePaths(config) };
  // the s3 store comes before Spark, whose checkpoints and lake live in it
  const s3 = config.s3.enabled ? [new MinioComponent(ctx)] : [];
  return [new KafkaComponent(ctx), new PostgresComponent(ctx), ...s3, new SparkConnectComponent(ctx)];
}

/** Our services, in data-flow order; they start once the infrastructure serves. */
export function services(config: EcomConfig): Component[] {
  const ctx = { config, paths: statePaths(config) };
  const { ports } = config.pipeline;
  const generator =
    config.generator.rate > 0
      ? [
          // a seed of its own per start: a generator restarted by the supervisor (or the next `up`)
          // sends new event_ids, never the ones silver already holds
          new NodeServiceComponent(ctx, "generator", undefined, "", [
            "--rate",
            String(config.generator.rate),
            "--seed",
            "random",
            "--no-progress",
          ]),
        ]
      : [];
  return [
    ...generator,
    new NodeServiceComponent(ctx, "bronze-writer", ports.bronze, "ECOM_BRONZE_PORT"),
    new NodeServiceComponent(ctx, "silver-writer", ports.silver, "ECOM_SILVER_PORT"),
    new NodeServiceComponent(ctx, "gold-writer", ports.gold, "ECOM_GOLD_PORT"),
    new NodeServiceComponent(ctx, "loader", ports.loader, "ECOM_LOADER_PORT"),
    new NodeServiceComponent(ctx, "lake-ops", config.lakeOps.port, "ECOM_LAKE_OPS_PORT"),
    new NodeServiceComponent(ctx, "anomaly-detector", config.detector.port, "ECOM_DETECTOR_PORT"),
    new NodeServiceComponent(ctx, "api", config.api.port, "ECOM_API_PORT"),
    new DashboardComponent(ctx),
    new TopicConsoleComponent(ctx),
  ];
}

/** Everything `./ecom up` runs, in start order. */
export function platform(config: EcomConfig): Component[] {
  return [...infrastructure(config), ...services(config)];
}
