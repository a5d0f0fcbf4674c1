import { ApiError, apiErrorCodes } from "./errors.js";

/** Network errors of a connection that never came up or went away. */
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
]);

/**
 * A Postgres failure that is the dependency's, not the request's: unreachable, restarting, out of
 * connections, or a statement over its timeout. Such errors become 503 with a fix; others are
 * left to the caller (undefined).
 */
export function postgresUnavailable(error: unknown): ApiError | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message.split("\n")[0] : "";
  const sqlState = typeof code === "string" ? code : "";
  const unreachable =
    networkCodes.has(sqlState) ||
    sqlState.startsWith("08") || // connection exception
    sqlState.startsWith("57P") || // admin or crash shutdown, cannot connect now
    sqlState === "53300" || // too many connections
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(text ?? "");
  if (unreachable) {
    return new ApiError(
      apiErrorCodes.unavailable,
      503,
      `Postgres is unavailable (${text || sqlState}); check ECOM_DATABASE_URL and ./ecom status`,
      { cause: error },
    );
  }
  if (sqlState === "57014") {
    return new ApiError(
      apiErrorCodes.unavailable,
      503,
      "the query took longer than the statement timeout; retry later",
      {
        cause: error,
      },
    );
  }
  return undefined;
}
