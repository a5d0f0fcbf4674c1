import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError, apiErrorCodes } from "./errors.js";
import type { KeyAttempts } from "./key-attempts.js";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * A preValidation hook (after the rate limiter's onRequest, so every attempt counts there too):
 * 401 without `x-api-key`, 403 with a wrong one (compared in constant time), and 429 with
 * `retry-after` once the client sent too many wrong keys, whatever key it sends then.
 */
export function requireApiKey(key: string, attempts: KeyAttempts) {
  const expected = digest(key);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const blockedMs = attempts.blockedFor(request.ip);
    if (blockedMs > 0) {
      const seconds = Math.ceil(blockedMs / 1000);
      reply.header("retry-after", String(seconds));
      throw new ApiError(
        apiErrorCodes.rateLimited,
        429,
        `too many wrong API keys from this client; retry in ${seconds} s`,
      );
    }
    const given = request.headers["x-api-key"];
    if (typeof given !== "string" || given === "") {
      throw new ApiError(apiErrorCodes.unauthorized, 401, "this operation needs the x-api-key header");
    }
    if (!timingSafeEqual(digest(given), expected)) {
      attempts.fail(request.ip);
      throw new ApiError(apiErrorCodes.forbidden, 403, "the x-api-key header does not match the API key");
    }
  };
}
