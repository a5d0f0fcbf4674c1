import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { errorCodes, SparkConnectError } from "./errors.js";
import { defaultProtoDir } from "./proto-fetch.js";

/** Options shared by every load: field names as in the .proto, int64 as strings, enums as names. */
const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

export interface LoadedProtos {
  /** Spark version the protos were extracted from (the `VERSION` file). */
  sparkVersion: string;
  /** gRPC client constructor for `spark.connect.SparkConnectService`. */
  Service: grpc.ServiceClientConstructor;
}

const cache = new Map<string, LoadedProtos>();

/** Loads the Spark Connect service definition from the extracted protos (cached per folder). */
export function loadProtos(protoDir = process.env.ECOM_SPARK_PROTO_DIR ?? defaultProtoDir): LoadedProtos {
  const cached = cache.get(protoDir);
  if (cached) return cached;
  const base = join(protoDir, "spark", "connect", "base.proto");
  if (!existsSync(base))
    throw new SparkConnectError(
      errorCodes.protos,
      `Spark Connect protocol definitions are missing (${base})`,
      {
        fix: "run `./ecom up`, or `node --import tsx packages/spark-connect/scripts/fetch-protos.ts`",
      },
    );
  const versionFile = join(protoDir, "VERSION");
  const sparkVersion = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : "unknown";
  const definition = protoLoader.loadSync(base, { ...loaderOptions, includeDirs: [protoDir] });
  const root = grpc.loadPackageDefinition(definition) as unknown as {
    spark: { connect: { SparkConnectService: grpc.ServiceClientConstructor } };
  };
  const loaded = { sparkVersion, Service: root.spark.connect.SparkConnectService };
  cache.set(protoDir, loaded);
  return loaded;
}
