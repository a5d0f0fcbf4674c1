import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { unreachableFolder } from "./postgres.js";

describe("the folders the embedded Postgres's OS user must enter", () => {
  const top = mkdtempSync(join(tmpdir(), "ecom-reach-"));
  after(() => rmSync(top, { recursive: true, force: true }));
  // a user that owns nothing here and is in none of its groups
  const stranger = { uid: 54_321, gid: 54_321 };

  it("names the first folder closed to the user, and none once it may enter", () => {
    const data = join(top, "home", "postgres");
    mkdirSync(data, { recursive: true });
    chmodSync(top, 0o700); // as mktemp -d makes it
    assert.equal(unreachableFolder(data, stranger), top);
    chmodSync(top, 0o711);
    assert.equal(unreachableFolder(data, stranger), undefined);
    assert.equal(unreachableFolder(join(data, "not-yet"), stranger), undefined, "a folder still to create");
  });
});
