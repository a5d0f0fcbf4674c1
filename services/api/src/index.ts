export { type BuildOptions, buildApp } from "./app.js";
export { createPool, redactUrl } from "./db.js";
export { apiErrorCodes } from "./errors.js";
export { renderOpenapi } from "./openapi.js";
