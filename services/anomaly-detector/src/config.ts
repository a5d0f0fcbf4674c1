import {
  ConfigError,
  type EcomConfig,
  optional,
  parsers,
  platformSettings,
  readSettings,
  roleDatabaseUrl,
  variable,
} from "@ecomstream/runtime";

/** The detector's own variables, registered as a settings table beside the platform's. */
export const detectorSettings = [
  variable("pollMs", "ECOM_DETECTOR_POLL_MS", {
    doc: "how often the anomaly detector reads `serving.kpi_minute` for newly judgeable minutes (ms)",
    default: "5000",
    parser: parsers.int(100, 3_600_000),
  }),
  optional("webhook.url", "ECOM_DETECTOR_WEBHOOK_URL", {
    doc: "the anomaly detector POSTs each opened and resolved alert here (JSON, signed)",
    shown: "none",
    parser: parsers.matching(/^https?:\/\/\S+$/, "must be an http(s) URL"),
  }),
  optional("webhook.secret", "ECOM_DETECTOR_WEBHOOK_SECRET", {
    doc: "HMAC-SHA256 key of the webhook's `x-ecom-signature`; required with `ECOM_DETECTOR_WEBHOOK_URL`",
    shown: "none",
    parser: parsers.text,
  }),
  variable("webhook.attempts", "ECOM_DETECTOR_WEBHOOK_ATTEMPTS", {
    doc: "tries per webhook delivery, with exponential backoff",
    default: "5",
    parser: parsers.int(1, 20),
  }),
] as const;

/** The detector's settings: the platform's, plus its own variables (validated together). */
export interface DetectorConfig {
  /** The ecom_writer login: reads KPIs and quality, writes alerts and its cursor. */
  databaseUrl: string;
  port: number;
  /** Address /health and /metrics bind (ECOM_BIND_ADDRESS). */
  host: string;
  /** How often serving.kpi_minute is read for newly judgeable minutes. */
  pollMs: number;
  /** POST new and resolved alerts here (JSON, HMAC-SHA256 signed with `secret`); undefined: none. */
  webhook: { url: string; secret: string; attempts: number } | undefined;
}

type Env = Record<string, string | undefined>;

/** The platform's settings (unless given) and the detector's own; one ConfigError names every bad variable. */
export function loadDetectorConfig(env: Env = process.env, platform?: EcomConfig): DetectorConfig {
  const own = readSettings(detectorSettings, env);
  const base = platform === undefined ? readSettings(platformSettings, env) : undefined;
  const problems = [...(base?.problems ?? []), ...own.problems];
  const { url, secret, attempts } = own.settings.webhook;
  // a webhook asked for (even at a bad URL) needs its secret
  if ((env.ECOM_DETECTOR_WEBHOOK_URL ?? "").trim() !== "" && secret === undefined)
    problems.push("ECOM_DETECTOR_WEBHOOK_SECRET must be set when ECOM_DETECTOR_WEBHOOK_URL is");
  if (problems.length > 0) throw new ConfigError(problems);
  const config = platform ?? (base?.settings as EcomConfig);
  return {
    databaseUrl: roleDatabaseUrl(config, "ecom_writer"),
    port: config.detector.port,
    host: config.bindAddress,
    pollMs: own.settings.pollMs,
    webhook: url === undefined ? undefined : { url, secret: secret ?? "", attempts },
  };
}
