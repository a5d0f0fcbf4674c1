// `npm run build -w @ecomstream/dashboard`: builds the browser app into dist/ and prints its size.
import { buildBundle, bundleSize } from "./build.js";

const started = performance.now();
await buildBundle();
const size = bundleSize();
process.stdout.write(
  `built services/dashboard/dist in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB (${(size.gzipBytes / 1024).toFixed(0)} KiB gzip)\n`,
);
