import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createLogger, loadConfig, runningPid, startDaemon, stopDaemon } from "@ecomstream/runtime";
import type { Component } from "../components/component.js";
import { statePaths } from "../state.js";
import { addSupervised, clearSupervision, readRestarts, removeSupervised } from "./state.js";
import { lastLogLine, Supervisor } from "./supervisor.js";

const home = mkdtempSync(join(tmpdir(), "ecom-supervisor-"));
const config = loadConfig({ ...process.env, ECOM_HOME: home });
const paths = statePaths(config);

/** A part whose process is a real `sleep`, started the way every daemon is. */
function sleeper(name: string): Component {
  return {
    name,
    embedded: true,
    endpoint: "(test)",
    ports: [],
    portVariable: "",
    install: async () => undefined,
    start: async () => {
      if (runningPid(paths.pid(name)) !== undefined) return;
      startDaemon({
        name,
        command: "sleep",
        args: ["300"],
        pidFile: paths.pid(name),
        logFile: paths.log(name),
      });
    },
    stop: () => stopDaemon(paths.pid(name), { graceMs: 1000 }),
    probe: async () => ({ healthy: true, detail: "" }),
  };
}

describe("lastLogLine", () => {
  it("names the line that opened a stack trace, never a frame or a cut line", () => {
    const file = join(home, "trace.log");
    const frames = Array.from({ length: 100 }, (_, i) => `\tat org.example.Frame${i}(Frame.java:${i})`);
    writeFileSync(
      file,
      ["x".repeat(70_000), "ERROR the server failed", ...frames, "\t... 12 more", ""].join("\n"),
    );
    assert.equal(lastLogLine(file), "ERROR the server failed".slice(0, 300));
    writeFileSync(file, `${"y".repeat(70_000)}\tat a.B(C.java:1)\n`);
    assert.equal(lastLogLine(file), "");
    assert.equal(lastLogLine(join(home, "missing.log")), "");
  });
});

describe("supervisor", () => {
  const parts = [sleeper("part-a"), sleeper("part-b")];
  after(async () => {
    for (const part of parts) await part.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("restarts a killed part after its delay, records it, and leaves alone what is not supervised", async () => {
    for (const part of parts) await part.start();
    addSupervised(config, ["part-a", "part-b"]);
    const supervisor = new Supervisor(
      config,
      createLogger("supervisor-test").child({}, { level: "silent" }),
      () => parts,
    );
    const t0 = Date.now();
    assert.equal(supervisor.tick(t0), true);
    assert.deepEqual(readRestarts(config), {}, "nothing to restart while both run");

    const killed = runningPid(paths.pid("part-a")) as number;
    process.kill(killed, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // a reader of the pid file (./ecom status) removes it once stale, before the supervisor looks
    assert.equal(runningPid(paths.pid("part-a")), undefined);
    supervisor.tick(t0 + 100);
    await supervisor.settled();
    assert.equal(runningPid(paths.pid("part-a")), undefined, "not before the first delay (1 s)");
    supervisor.tick(t0 + 1100);
    await supervisor.settled();
    const restarted = runningPid(paths.pid("part-a"));
    assert.ok(restarted !== undefined && restarted !== killed, "restarted as a new process");
    const record = readRestarts(config)["part-a"];
    assert.equal(record?.count, 1);
    assert.match(record?.lastExit ?? "", new RegExp(`^part-a pid ${killed} gone`));

    // stopped on purpose (taken out of the set first): stays down
    removeSupervised(config, ["part-b"]);
    await parts[1]?.stop();
    supervisor.tick(t0 + 60_000);
    await supervisor.settled();
    assert.equal(runningPid(paths.pid("part-b")), undefined);

    clearSupervision(config);
    assert.equal(supervisor.tick(t0 + 120_000), false, "supervision ends once down cleared it");
  });
});
