import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isAlive, runningPid, startDaemon, stopDaemon } from "./process.js";

describe("daemon processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "ecom-process-"));

  it("starts a detached process group, logs its output, and stops it with its children", async () => {
    const pidFile = join(dir, "run", "worker.pid");
    const logFile = join(dir, "logs", "worker.log");
    const pid = startDaemon({
      name: "worker",
      command: "sh",
      args: ["-c", "echo hello-from-worker; sleep 60 & sleep 60"],
      pidFile,
      logFile,
    });
    assert.equal(runningPid(pidFile), pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(readFileSync(logFile, "utf8"), /hello-from-worker/);
    assert.equal(await stopDaemon(pidFile, { graceMs: 2000 }), true);
    assert.equal(isAlive(pid), false);
    assert.equal(runningPid(pidFile), undefined);
  });

  it("treats a stale pid file as not running and removes it", () => {
    const pidFile = join(dir, "stale.pid");
    writeFileSync(pidFile, "999999\n");
    assert.equal(runningPid(pidFile), undefined);
    assert.throws(() => readFileSync(pidFile));
  });

  it("reports nothing to stop when no pid file exists", async () => {
    assert.equal(await stopDaemon(join(dir, "none.pid")), false);
  });
});
