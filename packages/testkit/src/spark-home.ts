import { after, before } from "node:test";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "./temp-home.js";

/** A suite's temporary home and a Spark session on the runtime's server: opened before its tests, closed after. */
export interface SparkTestContext {
  session: SparkSession;
  home: TempHome;
}

/** Registers the suite's before/after hooks; the context's fields are set once `before` has run. */
export function sparkTestContext(prefix: string, env: Record<string, string> = {}): SparkTestContext {
  const context = {} as SparkTestContext;
  before(async () => {
    context.home = tempHome(prefix, env);
    context.session = await SparkSession.connect(context.home.config.spark.remote);
  });
  after(async () => {
    await context.session?.close();
    context.home?.remove();
  });
  return context;
}
