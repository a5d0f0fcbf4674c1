import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SparkError } from "@ecomstream/spark-connect";
import { isFileVanished, retryWhileFilesVanish } from "./spark-util.js";

const sparkError = (errorClass: string) =>
  new SparkError(`[${errorClass}] a read failed`, {
    errorClass,
    sqlState: undefined,
    messageParameters: {},
    grpcCode: 13,
    exceptionClasses: [],
    errorId: undefined,
  });

describe("retryWhileFilesVanish", () => {
  it("reads again while files vanish, then returns the read", async () => {
    let calls = 0;
    const result = await retryWhileFilesVanish(async () => {
      calls++;
      if (calls < 3) throw sparkError("FAILED_READ_FILE.FILE_NOT_EXIST");
      return "rows";
    });
    assert.equal(result, "rows");
    assert.equal(calls, 3);
  });

  it("throws any other error at once, and a vanished file after the last attempt", async () => {
    let calls = 0;
    await assert.rejects(
      retryWhileFilesVanish(async () => {
        calls++;
        throw sparkError("PATH_NOT_FOUND");
      }),
      /PATH_NOT_FOUND/,
    );
    assert.equal(calls, 1);
    calls = 0;
    await assert.rejects(
      retryWhileFilesVanish(async () => {
        calls++;
        throw sparkError("FAILED_READ_FILE.FILE_NOT_EXIST");
      }, 2),
      /FILE_NOT_EXIST/,
    );
    assert.equal(calls, 2);
    assert.equal(isFileVanished(new Error("FILE_NOT_EXIST")), false);
  });
});
