import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { type BundleSize, bundleStaleness, distDir, webDir, writeStamp } from "./bundle.js";

/** Builds the browser app into dist/ (Vite, production mode). */
export async function buildBundle(): Promise<void> {
  await build({
    root: webDir(),
    mode: "production",
    logLevel: "warn",
    configFile: false,
    build: {
      outDir: distDir(),
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      chunkSizeWarningLimit: 400,
      rolldownOptions: {
        // React Query marks its modules "use client" (for server-component bundlers); meaningless here
        onLog(level, log, handler) {
          if (log.code !== "MODULE_LEVEL_DIRECTIVE") handler(level, log);
        },
      },
    },
  });
  writeStamp();
}

/** Builds when the bundle is missing or older than its sources; returns why it built, if it did. */
export async function ensureBundle(): Promise<string | undefined> {
  const why = bundleStaleness();
  if (why) await buildBundle();
  return why;
}

/** Size of the built bundle, raw and gzipped. */
export function bundleSize(): BundleSize {
  let files = 0;
  let bytes = 0;
  let gzipBytes = 0;
  let largestJs = { file: "", bytes: 0, gzipBytes: 0 };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.startsWith(".")) {
        const content = readFileSync(path);
        const gz = gzipSync(content, { level: 9 }).length;
        files += 1;
        bytes += statSync(path).size;
        gzipBytes += gz;
        if (entry.name.endsWith(".js") && content.length > largestJs.bytes) {
          largestJs = { file: entry.name, bytes: content.length, gzipBytes: gz };
        }
      }
    }
  };
  walk(distDir());
  return { files, bytes, gzipBytes, largestJs };
}
