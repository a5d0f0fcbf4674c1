import {
  configAsEnv,
  databaseRoles,
  type EcomConfig,
  givenRoleUrl,
  roleDatabaseUrl,
} from "@ecomstream/runtime";
import { ui } from "../ui.js";

const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

/** The roles' logins with their kept passwords (configAsEnv prints only given ones); none before the first up. */
function keptRoleUrls(config: EcomConfig): Array<[string, string]> {
  return databaseRoles.flatMap((role): Array<[string, string]> => {
    if (givenRoleUrl(config, role) !== undefined) return [];
    const name = role === "ecom_reader" ? "ECOM_DATABASE_READER_URL" : "ECOM_DATABASE_WRITER_URL";
    try {
      return [[name, roleDatabaseUrl(config, role)]];
    } catch {
      return [];
    }
  });
}

/** Prints the effective settings as shell export lines: eval "$(./ecom env)". */
export function envCommand(config: EcomConfig): number {
  for (const [name, value] of [...configAsEnv(config), ...keptRoleUrls(config)])
    ui.out(`export ${name}=${quote(value)}`);
  return 0;
}
