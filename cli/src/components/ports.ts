import { EcomError, errorCodes, isPortFree } from "@ecomstream/runtime";

/** Fails with a one-line fix when a port an embedded component needs is taken by someone else. */
export async function requireFreePorts(
  component: string,
  ports: readonly number[],
  variable: string,
): Promise<void> {
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new EcomError(errorCodes.portInUse, `port ${port} needed by ${component} is already in use`, {
        fix: `stop what listens there (ss -ltnp 'sport = :${port}') or set ${variable} to another port`,
      });
    }
  }
}
