/** Error codes shared by every ecomstream package. Each code names one failure a user can act on. */
export const errorCodes = {
  config: "ECOM_ERR_CONFIG",
  dependency: "ECOM_ERR_DEPENDENCY",
  portInUse: "ECOM_ERR_PORT_IN_USE",
  unreachable: "ECOM_ERR_UNREACHABLE",
  startup: "ECOM_ERR_STARTUP",
  timeout: "ECOM_ERR_TIMEOUT",
  usage: "ECOM_ERR_USAGE",
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/**
 * Base class of every error ecomstream raises on purpose. `fix` is the one line a user reads to
 * resolve it; the CLI prints `message` and `fix` without a stack trace.
 */
export class EcomError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EcomError";
    this.code = code;
    this.fix = options.fix;
  }
}

export class ConfigError extends EcomError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(errorCodes.config, `invalid configuration: ${problems.join("; ")}`, {
      fix: "correct the variables named above (see `./ecom env` for the effective settings)",
    });
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** One line for a terminal: message plus the fix, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof EcomError) return error.fix ? `${error.message}\n  fix: ${error.fix}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
