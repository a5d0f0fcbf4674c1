import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@ecomstream/runtime";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, the browser the dashboard's tests drive. */
export const chromiumPath = process.env.ECOM_CHROMIUM ?? "/usr/bin/chromium";

/** Screenshots and measurements of the browser tests (git-ignored). */
export const artifactsDir = () => {
  const dir = join(repoRoot(), ".ecom", "artifacts", "dashboard");
  mkdirSync(dir, { recursive: true });
  return dir;
};

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}: install it with apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** Everything the page reported as an error (console errors, uncaught exceptions, failed requests). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  page.on("requestfailed", (request) => {
    // a live stream closed by navigation is not a failure
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    errors.push(`request: ${request.url()} ${request.failure()?.errorText ?? ""}`);
  });
  return errors;
}
