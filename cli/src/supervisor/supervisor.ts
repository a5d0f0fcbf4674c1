import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { describeError, type EcomConfig, isAlive, type Logger, readPid } from "@ecomstream/runtime";
import type { Component } from "../components/component.js";
import { platform } from "../platform.js";
import { statePaths } from "../state.js";
import { nextAttempt, restartDelayMs } from "./backoff.js";
import { daemonsOf } from "./daemons.js";
import { type Restarts, readRestarts, readSupervised, writeRestarts } from "./state.js";

/** The last non-empty line of a log file (its last 64 KB), or "" when there is none. */
export function lastLogLine(file: string): string {
  try {
    const fd = openSync(file, "r");
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, 65_536);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const lines = buffer
        .toString("utf8")
        .split("\n")
        .map((line) => line.trim());
      if (length < size) lines.shift(); // the window's first line is cut
      // a stack trace's frames say less than the line that opened it
      const meaningful = lines.filter((line) => line !== "" && !/^(at |\.\.\. \d+ more)/.test(line));
      return (meaningful.pop() ?? "").slice(0, 300);
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

interface Crash {
  attempt: number;
  dueAt: number;
}

/**
 * Keeps the parts `./ecom up` started running: a part whose daemon died is started again through
 * its own `start()` (which waits until it serves), after a delay that grows while it keeps crashing.
 * Restarts are recorded in `run/restarts.json`, which `./ecom status` shows.
 */
export class Supervisor {
  private readonly crashes = new Map<string, Crash>();
  private readonly attempts = new Map<string, number>();
  private readonly lastRestartAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** The pid each daemon last ran with: a reader of its pid file (`status`) may remove it once stale. */
  private readonly lastPids = new Map<string, number>();
  private readonly restarts: Restarts;

  constructor(
    private readonly config: EcomConfig,
    private readonly log: Logger,
    private readonly components: () => Component[] = () => platform(config),
  ) {
    this.restarts = readRestarts(config);
  }

  /** Daemons of a component whose pid file is missing or names a dead process, with that pid. */
  private deadDaemons(component: string): Array<{ name: string; pid: number | undefined }> {
    const paths = statePaths(this.config);
    return daemonsOf(this.config, component)
      .map((name) => ({ name, pid: readPid(paths.pid(name)) }))
      .filter(({ name, pid }) => {
        if (pid !== undefined && isAlive(pid)) {
          this.lastPids.set(name, pid);
          return false;
        }
        return true;
      })
      .map(({ name, pid }) => ({ name, pid: pid ?? this.lastPids.get(name) }));
  }

  /** One look at every supervised part; false once supervision is off (`down`, or the home is gone). */
  tick(now = Date.now()): boolean {
    const supervised = readSupervised(this.config);
    if (supervised === undefined || supervised.length === 0) return false;
    for (const component of this.components()) {
      const { name } = component;
      if (!component.embedded || !supervised.includes(name) || this.inFlight.has(name)) continue;
      const dead = this.deadDaemons(name);
      if (dead.length === 0) {
        this.crashes.delete(name);
        continue;
      }
      let crash = this.crashes.get(name);
      if (!crash) {
        const attempt = nextAttempt(this.attempts.get(name) ?? -1, this.lastRestartAt.get(name), now);
        crash = { attempt, dueAt: now + restartDelayMs(attempt) };
        this.crashes.set(name, crash);
        this.attempts.set(name, attempt);
        const paths = statePaths(this.config);
        const lastExit = dead
          .map(({ name: daemon, pid }) => {
            const line = lastLogLine(paths.log(daemon));
            return `${daemon} ${pid === undefined ? "(no pid file)" : `pid ${pid}`} gone${line ? `: ${line}` : ""}`;
          })
          .join("; ");
        this.record(name, { lastExit });
        this.log.warn(
          { part: name, daemons: dead.map((d) => d.name), attempt, delayMs: crash.dueAt - now },
          "a supervised part is not running; restarting it after the delay",
        );
      }
      if (now < crash.dueAt) continue;
      this.crashes.delete(name);
      this.inFlight.set(name, this.restart(component, crash.attempt));
    }
    return true;
  }

  private async restart(component: Component, attempt: number): Promise<void> {
    const { name } = component;
    const previous = this.restarts[name];
    this.record(name, { count: (previous?.count ?? 0) + 1, lastAt: new Date().toISOString() });
    try {
      await component.start();
      this.record(name, { lastError: undefined });
      this.log.info({ part: name, attempt }, "restarted");
    } catch (error) {
      const message = describeError(error).split("\n")[0] ?? "start failed";
      this.record(name, { lastError: message });
      this.log.error({ part: name, attempt, err: message }, "restart failed; trying again after the delay");
    } finally {
      this.lastRestartAt.set(name, Date.now());
      this.inFlight.delete(name);
    }
  }

  private record(name: string, change: Partial<Restarts[string]>): void {
    const current = this.restarts[name] ?? { count: 0, lastAt: "", lastExit: "" };
    const next = { ...current, ...change };
    if (next.lastError === undefined) delete next.lastError;
    this.restarts[name] = next;
    writeRestarts(this.config, this.restarts);
  }

  /** Restarts still running (the tests wait for them). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight.values());
  }
}
