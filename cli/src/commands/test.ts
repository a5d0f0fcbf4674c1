import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configAsEnv, type EcomConfig, repoRoot, runningPid } from "@ecomstream/runtime";
import { ensureProtos } from "@ecomstream/spark-connect";
import { ensureChromium } from "../install/chromium.js";
import { ensureDeltaRs, readsWithDeltaRs } from "../install/delta-rs.js";
import { infrastructure } from "../platform.js";
import { statePaths } from "../state.js";
import { removeSupervised } from "../supervisor/state.js";
import { ui } from "../ui.js";
import {
  drivesBrowser,
  findTestFiles,
  isClusterTest,
  needsRuntime,
  runsAloneMarker,
  tapCounts,
  testGroups,
  testLanes,
} from "./test-files.js";
import { bringUp } from "./up.js";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot(), env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(127));
  });
}

/**
 * Type-checks, lints, starts what the tests need (and stops it again if it was not running),
 * runs every test with node's test runner, and ends with `N passed, N failed`.
 */
export async function testCommand(
  config: EcomConfig,
  options: { unit: boolean; all?: boolean; files: string[] },
): Promise<number> {
  const root = repoRoot();
  const env = { ...process.env, ...Object.fromEntries(configAsEnv(config)), ECOM_LOG_LEVEL: "warn" };
  let passed = 0;
  let failed = 0;
  const checks: Array<[string, string, string[]]> = [
    ["typecheck", process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]],
    ["lint", join(root, "node_modules/.bin/biome"), ["check", "--diagnostic-level=error", "."]],
  ];
  if (options.files.length === 0) {
    for (const [name, command, args] of checks) {
      ui.step(`${name}…`);
      const code = await run(command, args, env);
      ui.step(`${name}: ${code === 0 ? "ok" : "FAILED"}`);
      if (code === 0) passed += 1;
      else failed += 1;
    }
  }

  ensureProtos({ libDirs: [statePaths(config).mavenLib("spark")], log: (line) => ui.step(line) });
  const all =
    options.files.length > 0
      ? options.files
      : findTestFiles(root).filter((f) => options.all === true || !isClusterTest(f));
  const files = options.unit ? all.filter((f) => !needsRuntime(f)) : all;
  if (files.some(drivesBrowser)) await ensureChromium();
  if (files.some(readsWithDeltaRs)) await ensureDeltaRs(config.cache);
  const paths = statePaths(config);
  const started: string[] = [];
  const components = infrastructure(config);
  if (files.some(needsRuntime)) {
    const before = new Set(
      components.filter((c) => runningPid(paths.pid(c.name)) !== undefined).map((c) => c.name),
    );
    ui.step("starting the runtime the integration tests need…");
    await bringUp(config, components);
    started.push(...components.filter((c) => c.embedded && !before.has(c.name)).map((c) => c.name));
  }
  try {
    if (files.length > 0) {
      mkdirSync(paths.home, { recursive: true });
      const lanes = testLanes(process.env.ECOM_TEST_LANES);
      const alone = (file: string) => readFileSync(join(root, file), "utf8").includes(runsAloneMarker);
      const results: string[] = [];
      for (const group of testGroups(files, lanes, alone)) {
        // one file per run (runs on one home may overlap), kept as test-results.tap when done
        const tapFile = join(paths.home, `test-results.${process.pid}.${group.name}.tap`);
        ui.step(`running ${group.files.length} ${group.name} test files, ${group.concurrency} at a time…`);
        await run(
          process.execPath,
          [
            "--import",
            "tsx",
            "--test",
            `--test-concurrency=${group.concurrency}`,
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
            "--test-reporter=tap",
            `--test-reporter-destination=${tapFile}`,
            ...group.files,
          ],
          env,
        );
        if (!existsSync(tapFile)) {
          ui.step(`the test runner wrote no results for the ${group.name} tests (see its output above)`);
          failed += 1;
          continue;
        }
        const tap = readFileSync(tapFile, "utf8");
        rmSync(tapFile, { force: true });
        results.push(tap);
        const counts = tapCounts(tap);
        passed += counts.passed;
        failed += counts.failed;
      }
      writeFileSync(join(paths.home, "test-results.tap"), results.join("\n"));
    }
  } finally {
    // a test's `up --only` may have put them under supervision: stopped on purpose, they stay down
    removeSupervised(config, started);
    for (const component of components.reverse())
      if (started.includes(component.name)) await component.stop();
  }
  ui.out(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
