// Writes services/api/openapi.json from the route schemas (the test openapi.test.ts checks it is current).
import { writeFileSync } from "node:fs";
import { generateOpenapi, openapiPath } from "../src/openapi-document.js";

writeFileSync(openapiPath, await generateOpenapi());
process.stdout.write(`wrote ${openapiPath}\n`);
