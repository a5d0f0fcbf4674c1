import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runEcom } from "@ecomstream/testkit";

const homes: string[] = [];
/** A stopped home with an old-format lake, checkpoints and state (nothing on Spark to stop). */
function oldHome(): { home: string; env: Record<string, string | undefined> } {
  const home = mkdtempSync(join(tmpdir(), "ecom-rebuild-"));
  homes.push(home);
  const bronze = join(home, "lake", "bronze", "ecom_events", "v1");
  mkdirSync(join(bronze, "_spark_metadata"), { recursive: true });
  writeFileSync(join(bronze, "_spark_metadata", "0"), "v1\n");
  mkdirSync(join(home, "checkpoints", "ecom_bronze"), { recursive: true });
  mkdirSync(join(home, "state"), { recursive: true });
  writeFileSync(join(home, "state", "gold-writer.json"), "{}\n");
  const env = {
    ECOM_HOME: home,
    ECOM_CACHE: join(home, "cache"),
    ECOM_LAKE_URI: undefined,
    ECOM_CHECKPOINT_URI: undefined,
    ECOM_PROFILE: undefined,
    // no Spark server there: no streaming query to stop
    ECOM_SPARK_REMOTE: "sc://127.0.0.1:9",
  };
  return { home, env };
}

describe("./ecom lake rebuild", { timeout: 120_000 }, () => {
  after(() => {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  it("stops a running lake writer and moves lake, checkpoints and state aside, deleting nothing", async () => {
    const { home, env } = oldHome();
    // a stand-in for a running bronze-writer: its own process group, as daemons run
    const writer = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
    mkdirSync(join(home, "run"), { recursive: true });
    writeFileSync(join(home, "run", "bronze-writer.pid"), `${writer.pid}\n`);
    const exited = new Promise((resolve) => writer.once("exit", resolve));
    try {
      const result = await runEcom(["lake", "rebuild"], env);
      assert.equal(result.code, 0, result.stderr);
      await exited;
      assert.match(result.stdout, /^stopped bronze-writer$/m);
      const [aside, ...others] = readdirSync(home).filter((n) => n.startsWith("lake-before-"));
      assert.ok(aside !== undefined && others.length === 0, readdirSync(home).join(", "));
      for (const what of ["lake", "checkpoints", "state"]) {
        assert.ok(!existsSync(join(home, what)), `${what} was moved`);
        assert.match(
          result.stdout,
          new RegExp(`moved ${what} ${join(home, what)} -> ${join(home, aside, what)}`),
        );
      }
      assert.equal(
        readFileSync(
          join(home, aside, "lake", "bronze", "ecom_events", "v1", "_spark_metadata", "0"),
          "utf8",
        ),
        "v1\n",
      );
      assert.ok(existsSync(join(home, aside, "checkpoints", "ecom_bronze")));
      assert.ok(existsSync(join(home, aside, "state", "gold-writer.json")));
      assert.match(result.stdout, /re-ingests the topic .* from its earliest offset/);
      assert.match(result.stdout, /records the topic no longer holds .* are not in the new lake/);
      // once more: nothing left to move, nothing moved over the first copy
      const again = await runEcom(["lake", "rebuild"], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /nothing to move/);
    } finally {
      if (writer.exitCode === null && writer.signalCode === null) writer.kill("SIGKILL");
    }
  });

  it("on an s3a lake, moves nothing and prints the manual fix", async () => {
    const { home, env } = oldHome();
    const result = await runEcom(["lake", "rebuild"], { ...env, ECOM_PROFILE: "s3" });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /moves local folders only; the lake is s3a:\/\/lake/);
    assert.match(
      result.stderr,
      /fix: stop the writers \(\.\/ecom down\), move the table folders under s3a:\/\/lake/,
    );
    assert.ok(existsSync(join(home, "lake")) && existsSync(join(home, "state")));
  });

  it("names its one subcommand", async () => {
    const { env } = oldHome();
    const result = await runEcom(["lake"], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /lake needs: rebuild/);
  });
});
