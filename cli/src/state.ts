import { join } from "node:path";
import type { EcomConfig } from "@ecomstream/runtime";

/** Where ecom keeps its state: every path below ECOM_HOME (default .ecom in the checkout). */
export function statePaths(config: EcomConfig) {
  const home = config.home;
  return {
    home,
    cache: config.cache,
    logs: join(home, "logs"),
    run: join(home, "run"),
    log: (name: string) => join(home, "logs", `${name}.log`),
    pid: (name: string) => join(home, "run", `${name}.pid`),
    mavenLib: (component: string) => join(config.cache, component, "lib"),
    kafka: join(home, "kafka"),
    postgres: join(home, "postgres"),
    spark: join(home, "spark"),
  };
}

export type StatePaths = ReturnType<typeof statePaths>;
