import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { layerNames } from "@ecomstream/lake-model";
import { lakeLayers } from "./lake.js";

describe("lake schemas", () => {
  it("name the layers packages/lake measures, in its order", () => {
    assert.deepEqual([...lakeLayers], [...layerNames]);
  });
});
