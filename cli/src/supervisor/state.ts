import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EcomConfig } from "@ecomstream/runtime";
import { statePaths } from "../state.js";

/** One supervised part's restarts since the platform was brought up. */
export interface RestartRecord {
  count: number;
  /** ISO time of the last restart attempt. */
  lastAt: string;
  /** What the supervisor saw of the last exit: the dead pid and the last line of its log. */
  lastExit: string;
  /** The last restart's failure, when it failed (cleared by a successful one). */
  lastError?: string;
}

export type Restarts = Record<string, RestartRecord>;

/** Files of supervision under `$ECOM_HOME/run`: what `up` asked to keep running, and the restarts. */
export function supervisionPaths(config: EcomConfig) {
  const { run } = statePaths(config);
  return {
    /** Written by `up` (components it started), removed by `down`: no file, nothing is restarted. */
    supervised: join(run, "supervised.json"),
    /** Written by the supervisor alone. */
    restarts: join(run, "restarts.json"),
  };
}

function readJson<T>(file: string, empty: T): T {
  if (!existsSync(file)) return empty;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return empty;
  }
}

/** Replaces the file whole (a reader never sees half of it). */
function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(partial, file);
}

/** The names of the components to keep running, or undefined when supervision is off (down, purge). */
export function readSupervised(config: EcomConfig): string[] | undefined {
  const file = supervisionPaths(config).supervised;
  if (!existsSync(file)) return undefined;
  return readJson<{ components: string[] }>(file, { components: [] }).components;
}

/** Adds components to the supervised set (`up --only x` keeps what an earlier `up` started). */
export function addSupervised(config: EcomConfig, names: readonly string[]): string[] {
  const components = [...new Set([...(readSupervised(config) ?? []), ...names])];
  writeJson(supervisionPaths(config).supervised, { components });
  return components;
}

/** Takes components out of the supervised set (a caller is about to stop them on purpose). */
export function removeSupervised(config: EcomConfig, names: readonly string[]): void {
  const current = readSupervised(config);
  if (current === undefined) return;
  const components = current.filter((name) => !names.includes(name));
  writeJson(supervisionPaths(config).supervised, { components });
}

export function readRestarts(config: EcomConfig): Restarts {
  return readJson<Restarts>(supervisionPaths(config).restarts, {});
}

export function writeRestarts(config: EcomConfig, restarts: Restarts): void {
  writeJson(supervisionPaths(config).restarts, restarts);
}

/** Forgets what to supervise and the restart history (`down`). */
export function clearSupervision(config: EcomConfig): void {
  const paths = supervisionPaths(config);
  rmSync(paths.supervised, { force: true });
  rmSync(paths.restarts, { force: true });
}
