import { ConfigError, type EcomConfig, loadConfig, roleDatabaseUrl } from "@ecomstream/runtime";

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

/** ECOM_DETECTOR_POLL_MS, ECOM_DETECTOR_WEBHOOK_URL, ECOM_DETECTOR_WEBHOOK_SECRET, ECOM_DETECTOR_WEBHOOK_ATTEMPTS. */
export function loadDetectorConfig(
  env: Env = process.env,
  platform: EcomConfig = loadConfig(env),
): DetectorConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const pollMs = int("ECOM_DETECTOR_POLL_MS", 5000, 100, 3_600_000);
  const attempts = int("ECOM_DETECTOR_WEBHOOK_ATTEMPTS", 5, 1, 20);
  const url = env.ECOM_DETECTOR_WEBHOOK_URL?.trim();
  const secret = env.ECOM_DETECTOR_WEBHOOK_SECRET?.trim();
  let webhook: DetectorConfig["webhook"];
  if (url) {
    if (!/^https?:\/\/\S+$/.test(url))
      problems.push(`ECOM_DETECTOR_WEBHOOK_URL=${url} must be an http(s) URL`);
    if (!secret) problems.push("ECOM_DETECTOR_WEBHOOK_SECRET must be set when ECOM_DETECTOR_WEBHOOK_URL is");
    webhook = { url, secret: secret ?? "", attempts };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const databaseUrl = roleDatabaseUrl(platform, "ecom_writer");
  return { databaseUrl, port: platform.detector.port, host: platform.bindAddress, pollMs, webhook };
}
