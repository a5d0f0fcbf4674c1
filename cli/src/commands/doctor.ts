import { spawnSync } from "node:child_process";
import { mkdirSync, statfsSync } from "node:fs";
import { type EcomConfig, isPortFree, runningPid } from "@ecomstream/runtime";
import { parseGoVersion } from "../install/go.js";
import { javaMajorVersion } from "../install/java.js";
import { platform } from "../platform.js";
import { statePaths } from "../state.js";
import { ui } from "../ui.js";

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { name: "node", ok, detail: `v${process.versions.node}`, fix: "install Node.js >= 20.19" };
}

function javaCheck(): Check {
  const major = javaMajorVersion();
  return {
    name: "java",
    ok: major !== undefined && major >= 17,
    detail: major === undefined ? "not found" : `Java ${major}`,
    fix: "install a JDK >= 17 (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME",
  };
}

function mavenCheck(): Check {
  const result = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  const version = /Apache Maven (\S+)/.exec(result.stdout ?? "")?.[1];
  return {
    name: "maven",
    ok: result.status === 0,
    detail: version ? `Maven ${version}` : "not found",
    fix: "install Maven (Debian: apt-get install maven)",
  };
}

/** Go builds MinIO from source for the s3 profile's embedded S3 store. */
function goCheck(): Check {
  const result = spawnSync("go", ["version"], { encoding: "utf8" });
  const version = result.status === 0 ? parseGoVersion(result.stdout) : undefined;
  return {
    name: "go (s3 profile)",
    ok: version !== undefined && (version[0] > 1 || version[1] >= 24),
    detail: version ? `Go ${version.join(".")}` : "not found",
    fix: "install Go >= 1.24 (https://go.dev/doc/install); the embedded MinIO is built with it",
  };
}

function diskCheck(config: EcomConfig): Check {
  mkdirSync(config.home, { recursive: true });
  const stats = statfsSync(config.home);
  const freeGiB = (stats.bavail * stats.bsize) / 2 ** 30;
  return {
    name: "disk",
    ok: freeGiB >= 3,
    detail: `${freeGiB.toFixed(1)} GiB free under ${config.home}`,
    fix: "free at least 3 GiB (jars ~400 MB, lake and Kafka data grow) or set ECOM_HOME to a larger disk",
  };
}

async function portChecks(config: EcomConfig): Promise<Check[]> {
  const paths = statePaths(config);
  const checks: Check[] = [];
  for (const component of platform(config)) {
    if (!component.embedded) continue;
    const ours = runningPid(paths.pid(component.name)) !== undefined;
    for (const port of component.ports) {
      const free = ours || (await isPortFree(port));
      checks.push({
        name: `port ${port}`,
        ok: free,
        detail: ours
          ? `${component.name} (ours, running)`
          : free
            ? `free for ${component.name}`
            : "in use by another process",
        fix: `stop what listens there (ss -ltnp 'sport = :${port}') or move ${component.name} with its ECOM_*_PORT variable`,
      });
    }
  }
  return checks;
}

/** Checks the machine for what ecom needs and prints a one-line fix for each problem. */
export async function doctorCommand(config: EcomConfig): Promise<number> {
  const checks = [
    nodeCheck(),
    javaCheck(),
    mavenCheck(),
    ...(config.s3.enabled && config.s3.embedded ? [goCheck()] : []),
    diskCheck(config),
    ...(await portChecks(config)),
  ];
  const rows = checks.map((c) => [c.name, c.ok ? "ok" : "PROBLEM", c.detail, c.ok ? "" : (c.fix ?? "")]);
  ui.out(ui.table(["check", "result", "detail", "fix"], rows));
  return checks.every((c) => c.ok) ? 0 : 1;
}
