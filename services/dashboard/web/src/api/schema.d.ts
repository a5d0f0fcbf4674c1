// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.
import type * as alerts from "./schema/alerts.js";
import type * as breakdowns from "./schema/breakdowns.js";
import type * as kpis from "./schema/kpis.js";
import type * as lake from "./schema/lake.js";
import type * as pipeline from "./schema/pipeline.js";
import type * as quality from "./schema/quality.js";
import type * as service from "./schema/service.js";
import type * as sessions from "./schema/sessions.js";

/** Every path of the API, joined from the files of its tags. */
export type paths = alerts.paths &
  breakdowns.paths &
  kpis.paths &
  lake.paths &
  pipeline.paths &
  quality.paths &
  service.paths &
  sessions.paths;
/** Every operation of the API by operationId, joined from the files of its tags. */
export type operations = alerts.operations &
  breakdowns.operations &
  kpis.operations &
  lake.operations &
  pipeline.operations &
  quality.operations &
  service.operations &
  sessions.operations;
