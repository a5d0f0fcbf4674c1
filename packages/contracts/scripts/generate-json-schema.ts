import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemaFileName, renderJsonSchema } from "../src/json-schema.js";

/** Regenerates packages/contracts/ecom-event-v1.schema.json from the field table. */
const target = fileURLToPath(new URL(`../${jsonSchemaFileName}`, import.meta.url));
writeFileSync(target, renderJsonSchema());
process.stderr.write(`wrote ${target}\n`);
