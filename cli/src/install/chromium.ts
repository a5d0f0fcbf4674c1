import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import { ui } from "../ui.js";

const execFileAsync = promisify(execFile);

/** The browser the dashboard's tests drive: $ECOM_CHROMIUM, else Debian's Chromium. */
export const chromiumPath = (): string => process.env.ECOM_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Installs Debian's Chromium when it is missing and this user may (root with apt-get); otherwise
 * a one-line fix. The dashboard's browser tests need it.
 */
export async function ensureChromium(): Promise<void> {
  if (existsSync(chromiumPath())) return;
  const fix = "install it (Debian: apt-get install -y chromium) or set ECOM_CHROMIUM to a Chromium binary";
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get"))
    throw new EcomError(errorCodes.dependency, `Chromium is missing at ${chromiumPath()}`, { fix });
  ui.step("installing Chromium for the dashboard's browser tests (apt-get install -y chromium)…");
  const apt = (args: string[]) =>
    execFileAsync("apt-get", args, {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      maxBuffer: 64 * 1024 * 1024,
    });
  const install = ["install", "-y", "--no-install-recommends", "chromium"];
  try {
    await apt(install).catch(async () => {
      await apt(["update"]);
      await apt(install);
    });
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new EcomError(errorCodes.dependency, `could not install Chromium: ${reason}`, { fix });
  }
}
