import { join } from "node:path";
import { ensureBundle } from "@ecomstream/dashboard";
import { repoRoot } from "@ecomstream/runtime";
import { ui } from "../ui.js";
import type { ComponentContext } from "./component.js";
import { NodeServiceComponent } from "./node-service.js";

/** Builds the dashboard's browser bundle when it is missing or older than its sources. */
async function buildWhenStale(): Promise<void> {
  const started = Date.now();
  const why = await ensureBundle();
  if (why) ui.step(`built the dashboard bundle (${why}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The dashboard (ECOM_DASHBOARD_PORT): the browser app over the API. */
export class DashboardComponent extends NodeServiceComponent {
  constructor(ctx: ComponentContext) {
    super(ctx, "dashboard", ctx.config.dashboard.port, "ECOM_DASHBOARD_PORT");
  }

  override async install(): Promise<void> {
    await buildWhenStale();
  }

  override async start(): Promise<void> {
    await buildWhenStale();
    await super.start();
  }
}

/** The Kafka topic console (ECOM_CONSOLE_PORT), served from the dashboard's package. */
export class TopicConsoleComponent extends NodeServiceComponent {
  constructor(ctx: ComponentContext) {
    super(ctx, "topic-console", ctx.config.console.port, "ECOM_CONSOLE_PORT");
  }

  override async start(): Promise<void> {
    await buildWhenStale();
    await super.start();
  }

  protected override entry(): string {
    return join(repoRoot(), "services", "dashboard", "src", "console-main.ts");
  }
}
