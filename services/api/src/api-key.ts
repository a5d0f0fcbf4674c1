import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError, apiErrorCodes } from "./errors.js";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** A preHandler: 401 without `x-api-key`, 403 with a wrong one (compared in constant time). */
export function requireApiKey(key: string) {
  const expected = digest(key);
  return async (request: FastifyRequest): Promise<void> => {
    const given = request.headers["x-api-key"];
    if (typeof given !== "string" || given === "") {
      throw new ApiError(apiErrorCodes.unauthorized, 401, "this operation needs the x-api-key header");
    }
    if (!timingSafeEqual(digest(given), expected)) {
      throw new ApiError(apiErrorCodes.forbidden, 403, "the x-api-key header does not match the API key");
    }
  };
}
