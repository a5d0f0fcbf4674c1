/** Error codes of the API; each becomes the `code` member of a problem+json body. */
export const apiErrorCodes = {
  validation: "API_ERR_VALIDATION",
  range: "API_ERR_RANGE",
  cursor: "API_ERR_CURSOR",
  unauthorized: "API_ERR_UNAUTHORIZED",
  forbidden: "API_ERR_FORBIDDEN",
  notFound: "API_ERR_NOT_FOUND",
  methodNotAllowed: "API_ERR_METHOD_NOT_ALLOWED",
  conflict: "API_ERR_CONFLICT",
  rateLimited: "API_ERR_RATE_LIMITED",
  unavailable: "API_ERR_UNAVAILABLE",
  internal: "API_ERR_INTERNAL",
} as const;

export type ApiErrorCode = (typeof apiErrorCodes)[keyof typeof apiErrorCodes];

const titles: Record<ApiErrorCode, string> = {
  API_ERR_VALIDATION: "Invalid request",
  API_ERR_RANGE: "Invalid time range",
  API_ERR_CURSOR: "Invalid cursor",
  API_ERR_UNAUTHORIZED: "API key required",
  API_ERR_FORBIDDEN: "API key rejected",
  API_ERR_NOT_FOUND: "Not found",
  API_ERR_METHOD_NOT_ALLOWED: "Method not allowed",
  API_ERR_CONFLICT: "Conflict",
  API_ERR_RATE_LIMITED: "Too many requests",
  API_ERR_UNAVAILABLE: "Dependency unavailable",
  API_ERR_INTERNAL: "Internal error",
};

/** An error the API raises on purpose; the error handler renders it as RFC 9457 problem+json. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly title: string;

  constructor(code: ApiErrorCode, statusCode: number, detail: string, options: { cause?: unknown } = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.statusCode = statusCode;
    this.title = titles[code];
  }
}

export const badRequest = (detail: string, code: ApiErrorCode = apiErrorCodes.validation) =>
  new ApiError(code, 400, detail);
export const notFound = (detail: string) => new ApiError(apiErrorCodes.notFound, 404, detail);
export const unavailable = (detail: string, cause?: unknown) =>
  new ApiError(apiErrorCodes.unavailable, 503, detail, { cause });
