import { configAsEnv, type DatabaseRole, type EcomConfig, roleDatabaseUrl } from "@ecomstream/runtime";

/** The database role each service of ours logs in as; the others get no database login. */
const serviceRoles: Readonly<Record<string, DatabaseRole>> = {
  api: "ecom_reader",
  loader: "ecom_writer",
  "lake-ops": "ecom_writer",
  "anomaly-detector": "ecom_writer",
};

const databaseVariables = [
  "ECOM_DATABASE_URL",
  "ECOM_DATABASE_READER_URL",
  "ECOM_DATABASE_WRITER_URL",
] as const;

/**
 * The environment a service runs with: the platform's settings, and of the database logins only
 * its own role's (the API never sees the administrator's URL nor the writer's password).
 */
export function serviceEnv(
  config: EcomConfig,
  service: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...Object.fromEntries(configAsEnv(config)) };
  for (const name of databaseVariables) delete env[name];
  const role = serviceRoles[service];
  if (role === "ecom_reader") env.ECOM_DATABASE_READER_URL = roleDatabaseUrl(config, role);
  if (role === "ecom_writer") env.ECOM_DATABASE_WRITER_URL = roleDatabaseUrl(config, role);
  return env;
}
