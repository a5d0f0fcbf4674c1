export { benchGenerator, type GeneratorBench } from "./bench.js";
export { type IncidentSpec, type IncidentType, incidentTypes, parseIncident } from "./incidents.js";
export { type Manifest, ManifestBuilder, type StopReason, valueDigest } from "./manifest.js";
export {
  defaultInvalidRatio,
  defaultOptions,
  type GeneratorOptions,
  GeneratorOptionsError,
  usage,
} from "./options.js";
export { parseGeneratorArgs } from "./parse-args.js";
export { createKafkaSink, KafkaSinkError, type KafkaSinkOptions, type RecordSink } from "./producer.js";
export { formatProgress, type ProgressSnapshot, stderrProgress } from "./progress.js";
export { eventTimeRate, type GeneratedRecord, RecordGenerator, type RecordKind } from "./records.js";
export { type GeneratorDeps, type GeneratorResult, resolveStart, runGenerator } from "./run.js";
