import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Kernel clock ticks per second (`getconf CLK_TCK`; 100 on Linux). */
const ticksPerSecond = 100;

/** CPU time (user + system) the process has used so far, in µs; undefined when it cannot be read. */
export function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command name (which may hold spaces) start after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return Number.isFinite(ticks) ? (ticks * 1e6) / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}

/** The pid an embedded component of `home` runs as (its pid file), if any. */
export function componentPid(home: string, name: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(home, "run", `${name}.pid`), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
