import { mkdirSync } from "node:fs";
import {
  type EcomConfig,
  EcomError,
  errorCodes,
  migrateUp,
  requireSafeExposure,
  runningPid,
} from "@ecomstream/runtime";
import type { Component } from "../components/component.js";
import { requireFreePorts } from "../components/ports.js";
import { applyRolePasswords } from "../components/postgres-roles.js";
import { refuseOldLake } from "../lake/old-lake.js";
import { lakeStages } from "../lake/rebuild.js";
import { infrastructure, services } from "../platform.js";
import { statePaths } from "../state.js";
import { pausingSupervision } from "../supervisor/control.js";
import { describeRestarts } from "../supervisor/describe.js";
import { type Restarts, readRestarts } from "../supervisor/state.js";
import { ui } from "../ui.js";

/**
 * Installs what is missing and starts every component that is not already running: the
 * infrastructure side by side, then migrations, then our services in data-flow order.
 */
export async function bringUp(
  config: EcomConfig,
  components: Component[] = infrastructure(config),
  ours: Component[] = [],
): Promise<Component[]> {
  const paths = statePaths(config);
  for (const dir of [paths.home, paths.logs, paths.run, paths.cache]) mkdirSync(dir, { recursive: true });
  // fail fast, before any download: ports of embedded components that are not running must be free
  for (const component of [...components, ...ours]) {
    if (component.embedded && runningPid(paths.pid(component.name)) === undefined) {
      await requireFreePorts(component.name, component.ports, component.portVariable);
    }
  }
  for (const component of components) await component.install();
  // independent components start side by side; each waits for its own readiness
  await Promise.all(components.map((component) => component.start()));
  if (components.some((c) => c.name === "postgres")) {
    const applied = await migrateUp(config.postgres.url);
    if (applied.length > 0) ui.step(`applied migrations: ${applied.join(", ")}`);
    const logins = await applyRolePasswords(config);
    if (logins.length > 0) ui.step(`set the passwords of database roles ${logins.join(", ")}`);
  }
  // Delta writers over a lake of the previous format would hide its rows: refused, with the fix
  if (ours.some((c) => (lakeStages as readonly string[]).includes(c.name))) await refuseOldLake(config);
  for (const service of ours) await service.start();
  return [...components, ...ours];
}

export async function printComponents(components: Component[], restarts: Restarts = {}): Promise<boolean> {
  const rows: string[][] = [];
  let healthy = true;
  for (const component of components) {
    const probe = await component.probe();
    healthy &&= probe.healthy;
    rows.push([
      component.name,
      probe.healthy ? (probe.degraded ? "degraded" : "healthy") : "DOWN",
      component.embedded ? "embedded" : "external",
      component.endpoint,
      probe.detail,
      describeRestarts(restarts[component.name]),
    ]);
  }
  ui.out(ui.table(["component", "state", "mode", "endpoint", "detail", "restarts"], rows));
  return healthy;
}

/**
 * Waits (up to `timeoutMs`) until every component probes healthy: a service that has just started,
 * or whose Kafka consumer is rejoining its group after a broker came back, gets that long to settle.
 */
async function settle(components: Component[], timeoutMs = 60_000): Promise<void> {
  const since = Date.now();
  for (let round = 1; ; round++) {
    const down: string[] = [];
    for (const component of components) if (!(await component.probe()).healthy) down.push(component.name);
    if (down.length === 0 || Date.now() - since >= timeoutMs) return;
    if (round % 5 === 0) ui.wait(down.join(", "), Date.now() - since);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

export async function upCommand(config: EcomConfig, only: string[] = []): Promise<number> {
  const pick = (list: Component[]) => (only.length === 0 ? list : list.filter((c) => only.includes(c.name)));
  const known = [...infrastructure(config), ...services(config)].map((c) => c.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new EcomError(errorCodes.usage, `unknown component ${unknown.join(", ")}`, {
      fix: `choose from ${known.join(", ")}`,
    });
  }
  // an exposed platform (ECOM_BIND_ADDRESS=0.0.0.0) keeps no published default secret
  const starting = [...pick(infrastructure(config)), ...pick(services(config))];
  requireSafeExposure(
    config,
    starting.filter((c) => c.embedded).map((c) => c.name),
  );
  const components = await pausingSupervision(config, async () => {
    const started = await bringUp(config, pick(infrastructure(config)), pick(services(config)));
    await settle(started);
    return started;
  });
  ui.step("ecomstream is up");
  const healthy = await printComponents(components, readRestarts(config));
  ui.out();
  if (components.some((c) => c.name === "api")) {
    const api = `http://localhost:${config.api.port}`;
    ui.out(`API: ${api}   docs: ${api}/docs   OpenAPI: ${api}/openapi.json`);
  }
  if (components.some((c) => c.name === "dashboard"))
    ui.out(`dashboard: http://localhost:${config.dashboard.port}`);
  if (components.some((c) => c.name === "topic-console"))
    ui.out(`topic console: http://localhost:${config.console.port}`);
  ui.out(`logs: ${statePaths(config).logs}   settings: eval "$(./ecom env)"   stop: ./ecom down`);
  return healthy ? 0 : 1;
}
