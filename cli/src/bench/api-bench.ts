import { type ChildProcess, spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { configAsEnv, type EcomConfig, migrateUp, repoRoot, waitFor } from "@ecomstream/runtime";
import { freePort } from "@ecomstream/testkit";
import autocannon from "autocannon";
import pg from "pg";
import { ui } from "../ui.js";

const dayStart = "2026-03-01T00:00:00Z";
const dayEnd = "2026-03-02T00:00:00Z";

/** One day of per-minute KPI rows (1,440), a plausible daily curve, ratios derived as gold does. */
const seedDaySql = `
insert into serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts,
  remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd,
  aov_usd, conversion_rate, payment_failure_rate, is_final, source)
select ws, ws + interval '1 minute', v * 10, v * 4, v * 3, v, v / 4, v / 2, p, f, v * 2, s, p * 47.5,
       case when p > 0 then p * 47.5 / p end, case when s > 0 then p::float8 / s end,
       case when p + f > 0 then f::float8 / (p + f) end, true, 'gold'
from (
  select ws, v, greatest(v / 5, 0) as p, v / 20 as f, v + 3 as s
  from (
    select ws, (120 + 100 * sin(extract(epoch from ws) / 86400 * 2 * pi()))::bigint as v
    from generate_series(timestamptz '${dayStart}', timestamptz '${dayEnd}' - interval '1 minute',
                         interval '1 minute') as ws
  ) curve
) minutes`;

/**
 * The same day broken down as the loader loads kpi_dim_minute: per minute, 8 countries, 3 devices
 * and 5 categories (23,040 rows), each value a share of the minute's curve; category rows carry
 * NULL checkouts, purchases, payment failures and revenue, as gold writes them.
 */
const seedDayBreakdownSql = `
insert into serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events, product_views,
  add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions, is_final, updated_at)
select ws, ws + interval '1 minute', d.dimension, d.value, v * 10 * d.share / 100, v * 3 * d.share / 100,
       v * d.share / 100, case when d.dimension <> 'category' then v / 2 * d.share / 100 end,
       case when d.dimension <> 'category' then v / 5 * d.share / 100 end,
       case when d.dimension <> 'category' then v / 20 * d.share / 100 end,
       case when d.dimension <> 'category' then v / 5 * d.share / 100 * 47.5 end,
       (v + 3) * d.share / 100 + 1, true, now()
from (
  select ws, (120 + 100 * sin(extract(epoch from ws) / 86400 * 2 * pi()))::bigint as v
  from generate_series(timestamptz '${dayStart}', timestamptz '${dayEnd}' - interval '1 minute',
                       interval '1 minute') as ws
) curve
cross join (values ('country', 'DE', 30), ('country', 'FR', 20), ('country', 'US', 15), ('country', 'GB', 10),
  ('country', 'NL', 10), ('country', 'ES', 7), ('country', 'IT', 5), ('country', 'PL', 3),
  ('device', 'mobile', 60), ('device', 'desktop', 35), ('device', 'tablet', 5),
  ('category', 'shoes', 30), ('category', 'apparel', 25), ('category', 'electronics', 20),
  ('category', 'home', 15), ('category', 'beauty', 10)) as d(dimension, value, share)`;

interface Measure {
  name: string;
  path: string;
  result: autocannon.Result;
}

function drive(base: string, path: string, rate: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${base}${path}`,
    connections: 20,
    overallRate: rate,
    duration: seconds,
  });
}

/** The API as its own process over the bench's database, with `cacheMb` of response cache. */
async function startApi(
  config: EcomConfig,
  databaseUrl: URL,
  cacheMb: number,
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  ui.step(`starting the API on ${base} (ECOM_API_CACHE_MB=${cacheMb})…`);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot(), "services", "api", "src", "main.ts")],
    {
      cwd: repoRoot(),
      env: {
        ...process.env,
        ...Object.fromEntries(configAsEnv(config)),
        ECOM_DATABASE_URL: databaseUrl.toString(),
        ECOM_API_PORT: String(port),
        ECOM_API_RATE_LIMIT: "0",
        ECOM_API_CACHE_MB: String(cacheMb),
        ECOM_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitFor(
      "the API",
      async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200,
      {
        timeoutMs: 60_000,
        alive: () => child.exitCode === null,
      },
    );
  } catch (error) {
    await stopApi(child);
    throw error;
  }
  return { child, base };
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/**
 * `/v1/kpis` and `/v1/kpis/breakdown` over one day of minutes, driven by autocannon on loopback at a fixed 200 requests/s,
 * next to `GET /health` (the framework's floor) at the same rate in the same run, with the API's
 * response cache off and on while the newest minute changes every 2 s. The API runs as its own
 * process over a private database on the configured Postgres; both are removed afterwards.
 */
export async function benchApiCommand(config: EcomConfig, options: { rate?: number; seconds?: number } = {}) {
  const rate = options.rate ?? 200;
  const seconds = options.seconds ?? 15;
  const dbName = `ecom_bench_api_${Date.now().toString(36)}`;
  const maintenanceUrl = new URL(config.postgres.url);
  maintenanceUrl.pathname = "/postgres";
  const benchUrl = new URL(config.postgres.url);
  benchUrl.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: maintenanceUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  let api: ChildProcess | undefined;
  let live: NodeJS.Timeout | undefined;
  const writer = new pg.Client({ connectionString: benchUrl.toString() });
  try {
    ui.step(`seeding one day of minutes (1,440 rows, 23,040 breakdown rows) into database ${dbName}…`);
    await migrateUp(benchUrl.toString());
    const seed = new pg.Client({ connectionString: benchUrl.toString() });
    await seed.connect();
    await seed.query(seedDaySql);
    await seed.query(seedDayBreakdownSql);
    await seed.query("analyze serving.kpi_minute");
    await seed.query("analyze serving.kpi_dim_minute");
    await seed.end();
    // as the loader does under traffic: the newest minute and its breakdown change every 2 s (each
    // change empties the API's response cache, so cached arms pay a recomputation every 2 s per query)
    await writer.connect();
    live = setInterval(() => {
      for (const table of ["kpi_minute", "kpi_dim_minute"])
        writer
          .query(
            `update serving.${table} set events = events + 1, updated_at = now()
              where window_start = timestamptz '${dayEnd}' - interval '1 minute'`,
          )
          .catch(() => undefined);
    }, 2000);

    const loadBefore = loadavg()[0] ?? 0;
    const day = `from=${dayStart}&to=${dayEnd}`;
    const plan: Array<[string, string]> = [
      ["/v1/kpis one day, step=1h (24 buckets)", `/v1/kpis?${day}&step=1h`],
      ["/v1/kpis one day, step=5m (288 buckets)", `/v1/kpis?${day}&step=5m`],
      ["/v1/kpis one day, step=1m (1,440 buckets)", `/v1/kpis?${day}&step=1m`],
      [
        "/v1/kpis/breakdown one day by country, step=1h (8 x 24 buckets)",
        `/v1/kpis/breakdown?dimension=country&${day}&step=1h`,
      ],
      [
        "/v1/kpis/breakdown one day by country, step=5m (8 x 288 buckets)",
        `/v1/kpis/breakdown?dimension=country&${day}&step=5m`,
      ],
    ];
    const measures: Measure[] = [];
    for (const [arm, cacheMb] of [
      ["response cache off", 0],
      ["response cache on", config.api.cacheMb || 64],
    ] as const) {
      const started = await startApi(config, benchUrl, cacheMb);
      api = started.child;
      // warm up: JIT, the connection pool and Postgres' buffers
      await drive(started.base, plan[1]?.[1] ?? "/health", rate, 3);
      for (const [name, path] of [["GET /health (baseline)", "/health"], ...plan] as const) {
        ui.step(`${arm}, ${name}: ${rate} requests/s for ${seconds} s…`);
        measures.push({
          name: `${arm}: ${name}`,
          path,
          result: await drive(started.base, path, rate, seconds),
        });
      }
      await stopApi(api);
      api = undefined;
    }

    const armOf = (name: string) => name.slice(0, name.indexOf(":"));
    const rows = measures.map(({ name, result }) => {
      const baseline = measures.find((m) => m.path === "/health" && armOf(m.name) === armOf(name))?.result;
      return [
        name,
        result.latency.p50.toFixed(1),
        result.latency.p99.toFixed(1),
        baseline ? (result.latency.p99 / Math.max(baseline.latency.p99, 0.1)).toFixed(1) : "",
        result.requests.average.toFixed(0),
        String(result.non2xx + result.errors + result.timeouts),
        (result.throughput.average / 1024).toFixed(0),
      ];
    });
    ui.out(
      ui.table(["request", "p50 ms", "p99 ms", "p99 / baseline", "requests/s", "failed", "KiB/s"], rows),
    );
    const kpis = measures.filter((m) => m.path !== "/health");
    const worstOf = (arm: string) =>
      Math.max(...kpis.filter((m) => m.name.startsWith(arm)).map((m) => m.result.latency.p99));
    const worst = worstOf("response cache on");
    const failed = measures.reduce((n, m) => n + m.result.non2xx + m.result.errors + m.result.timeouts, 0);
    ui.out(
      `target: p99 <= 50 ms for /v1/kpis and /v1/kpis/breakdown at ${rate} requests/s; worst p99 ${worst.toFixed(1)} ms as served (cache on), ${worstOf("response cache off").toFixed(1)} ms with the cache off`,
    );
    ui.out("baseline: /health of the same API process at the same rate; the newest minute changes every 2 s");
    ui.out(
      `machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]?.toFixed(1)} after (1 min)`,
    );
    return worst <= 50 && failed === 0 ? 0 : 1;
  } finally {
    if (live) clearInterval(live);
    await writer.end().catch(() => undefined);
    if (api) await stopApi(api);
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
