import { apiErrorCodes, badRequest } from "./errors.js";

/** Keyset position of the alert list: window_start in epoch microseconds (exact) and id. */
export interface AlertCursor {
  micros: string;
  id: number;
}

export function encodeCursor(cursor: AlertCursor): string {
  return Buffer.from(`v1:${cursor.micros}:${cursor.id}`, "utf8").toString("base64url");
}

/** Decodes an opaque cursor; anything that is not one of ours is a 400. */
export function decodeCursor(value: string): AlertCursor {
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^v1:(-?\d{1,17}):(\d{1,16})$/.exec(text);
  const id = match ? Number(match[2]) : Number.NaN;
  if (!match?.[1] || !Number.isSafeInteger(id) || id < 1) {
    throw badRequest(
      "cursor is not a cursor this API returned (pass nextCursor as is)",
      apiErrorCodes.cursor,
    );
  }
  return { micros: match[1], id };
}
