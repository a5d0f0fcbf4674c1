import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The data files a Spark file sink has committed, from its `_spark_metadata` log (file:// lakes):
 * the newest `N.compact` file holds every entry up to batch N, later batch files add to it.
 * Readers that list the folder directly could also see files of failed batches; this does not.
 * Files the table's manifest supersedes are left out, the files it names are added.
 */
export function committedFiles(tableUri: string): string[] {
  const dir = join(fileURLToPath(tableUri), "_spark_metadata");
  const batches = readdirSync(dir)
    .filter((name) => /^\d+(\.compact)?$/.test(name))
    .map((name) => ({ name, batch: Number.parseInt(name, 10), compact: name.endsWith(".compact") }));
  const lastCompact = Math.max(-1, ...batches.filter((b) => b.compact).map((b) => b.batch));
  const files = new Set<string>();
  for (const { name } of batches.filter((b) => b.batch >= lastCompact).sort((a, b) => a.batch - b.batch)) {
    for (const line of readFileSync(join(dir, name), "utf8").split("\n").slice(1)) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { path: string; action: string };
      const path = fileURLToPath(entry.path);
      if (entry.action === "delete") files.delete(path);
      else files.add(path);
    }
  }
  // Lake operations (compaction, replay) replace sink files by files of their own: see packages/lake.
  let manifest: { partitions: Record<string, { files: string[]; superseded: string[] }> } | undefined;
  try {
    manifest = JSON.parse(readFileSync(join(fileURLToPath(tableUri), "_ops", "manifest.json"), "utf8"));
  } catch {
    manifest = undefined;
  }
  for (const partition of Object.values(manifest?.partitions ?? {})) {
    for (const uri of partition.superseded) files.delete(fileURLToPath(uri));
    for (const uri of partition.files) files.add(fileURLToPath(uri));
  }
  return [...files];
}

/**
 * The most files one sink batch still logged on its own (`_spark_metadata/<N>`, not yet folded into
 * a `.compact` file) wrote into one partition folder, and how many such batches there were.
 */
export function mostFilesPerBatchPartition(tableUri: string): { batches: number; most: number } {
  const dir = join(fileURLToPath(tableUri), "_spark_metadata");
  const batches = readdirSync(dir).filter((name) => /^\d+$/.test(name));
  let most = 0;
  for (const name of batches) {
    const perFolder = new Map<string, number>();
    for (const line of readFileSync(join(dir, name), "utf8").split("\n").slice(1)) {
      if (!line.trim()) continue;
      const folder = (JSON.parse(line) as { path: string }).path.replace(/\/[^/]*$/, "");
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    most = Math.max(most, ...perFolder.values());
  }
  return { batches: batches.length, most };
}
