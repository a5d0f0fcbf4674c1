import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One listening TCP socket as `ss -ltnp` shows it. */
export interface TcpListener {
  address: string;
  port: number;
  pids: number[];
  process: string;
}

/**
 * The processes of a home: every pid file under its `run/` and all their descendants (a JVM's
 * launcher, Postgres' backends). Run as root to see processes of other users (the embedded
 * Postgres runs as `postgres` then).
 */
export function homeProcesses(home: string): Set<number> {
  const run = join(home, "run");
  const roots = existsSync(run)
    ? readdirSync(run)
        .filter((name) => name.endsWith(".pid"))
        .map((name) => Number(readFileSync(join(run, name), "utf8").trim()))
        .filter((pid) => Number.isInteger(pid) && pid > 0)
    : [];
  const children = new Map<number, number[]>();
  const table = spawnSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" }).stdout;
  for (const line of table.trim().split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found = new Set<number>();
  const queue = [...roots];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (found.has(pid)) continue;
    found.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Every listening TCP socket of this machine, with the processes that hold it (`ss -ltnpH`). */
export function tcpListeners(): TcpListener[] {
  const result = spawnSync("ss", ["-ltnpH"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`ss -ltnpH failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      // State Recv-Q Send-Q Local:Port Peer:Port users:(("name",pid=1,fd=3),…)
      const fields = line.trim().split(/\s+/);
      const local = fields[3] ?? "";
      const colon = local.lastIndexOf(":");
      const users = fields.slice(5).join(" ");
      return {
        address: local
          .slice(0, colon)
          .replace(/^\[|\]$/g, "")
          .replace(/%.*$/, ""),
        port: Number(local.slice(colon + 1)),
        pids: [...users.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])),
        process: users.match(/\(\("([^"]+)"/)?.[1] ?? "?",
      };
    });
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6; `*`, 0.0.0.0 and :: are every interface. */
export function isLoopbackListener(address: string): boolean {
  return /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address) || address === "::1";
}
