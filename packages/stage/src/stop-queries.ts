import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "@ecomstream/spark-connect";

/**
 * Stops the streaming queries the stages of one ecomstream home run on a Spark Connect server that
 * outlives them (an external or shared server): each stage's session id is kept in `run/<stage>.session`.
 * Releases those sessions too. Returns the names of the queries it stopped.
 */
export async function stopStageQueries(remote: string, home: string): Promise<string[]> {
  const runDir = join(home, "run");
  let files: string[];
  try {
    files = readdirSync(runDir).filter((name) => name.endsWith(".session"));
  } catch {
    return [];
  }
  const stopped: string[] = [];
  for (const file of files) {
    const sessionId = readFileSync(join(runDir, file), "utf8").trim();
    const session = await SparkSession.connect(remote, { sessionId });
    try {
      for (const query of await session.streams.active()) {
        await query.stop();
        stopped.push(query.name ?? query.id);
      }
    } finally {
      await session.close();
      // a released session id cannot be used again: the stage starts a new session next time
      rmSync(join(runDir, file), { force: true });
    }
  }
  return stopped;
}
