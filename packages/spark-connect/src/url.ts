import { randomUUID } from "node:crypto";
import { errorCodes, SparkConnectError } from "./errors.js";

export const defaultPort = 15002;

/** A parsed `sc://host:port/;key=value;…` connection string. */
export interface ConnectionString {
  host: string;
  port: number;
  /** `host:port` for gRPC. */
  target: string;
  userId: string;
  sessionId: string | undefined;
  token: string | undefined;
  useSsl: boolean;
  userAgent: string | undefined;
  /** Every `key=value` parameter, including the ones above. */
  params: Record<string, string>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export function newSessionId(): string {
  return randomUUID();
}

/**
 * Parses a Spark Connect connection string, e.g. `sc://localhost:15002/;user_id=bronze;session_id=<uuid>`.
 * Parameters: `user_id` (default `ecomstream`), `session_id` (a UUID), `token`, `use_ssl`, `user_agent`.
 */
export function parseConnectionString(url: string): ConnectionString {
  const bad = (why: string) =>
    new SparkConnectError(errorCodes.usage, `invalid Spark Connect URL "${url}": ${why}`, {
      fix: "use the form sc://host:port/;user_id=NAME (port defaults to 15002)",
    });
  if (!url.startsWith("sc://")) throw bad("it must start with sc://");
  const rest = url.slice("sc://".length);
  const [authorityAndPath = "", ...paramParts] = rest.split(";");
  const slash = authorityAndPath.indexOf("/");
  const authority = slash === -1 ? authorityAndPath : authorityAndPath.slice(0, slash);
  const path = slash === -1 ? "" : authorityAndPath.slice(slash + 1);
  if (path !== "") throw bad(`unexpected path "/${path}" (parameters follow "/;")`);
  if (authority === "") throw bad("no host");

  let host = authority;
  let port = defaultPort;
  const ipv6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority);
  if (ipv6) {
    host = ipv6[1] as string;
    if (ipv6[2] !== undefined) port = Number(ipv6[2]);
  } else if (authority.includes(":")) {
    const colon = authority.lastIndexOf(":");
    host = authority.slice(0, colon);
    const portText = authority.slice(colon + 1);
    if (!/^\d+$/.test(portText)) throw bad(`port "${portText}" is not a number`);
    port = Number(portText);
  }
  if (host === "") throw bad("no host");
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`port ${port} is out of range`);

  const params: Record<string, string> = {};
  for (const part of paramParts) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw bad(`parameter "${part}" is not key=value`);
    params[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  const sessionId = params.session_id;
  if (sessionId !== undefined && !isUuid(sessionId)) throw bad(`session_id "${sessionId}" is not a UUID`);
  const useSsl = (params.use_ssl ?? "false").toLowerCase();
  if (useSsl !== "true" && useSsl !== "false") throw bad(`use_ssl must be true or false`);

  return {
    host,
    port,
    target: host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`,
    userId: params.user_id ?? "ecomstream",
    sessionId,
    token: params.token,
    useSsl: useSsl === "true",
    userAgent: params.user_agent,
    params,
  };
}
