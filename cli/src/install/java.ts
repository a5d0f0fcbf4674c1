import { spawnSync } from "node:child_process";
import { EcomError, errorCodes } from "@ecomstream/runtime";

/** The java binary ecom uses: $JAVA_HOME/bin/java when set, else `java` on PATH. */
export function javaBinary(): string {
  return process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : "java";
}

/** The major version of the Java runtime, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const result = spawnSync(javaBinary(), ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function requireJava(): void {
  const major = javaMajorVersion();
  if (major === undefined) {
    throw new EcomError(errorCodes.dependency, "Java is missing (Kafka and Spark run on the JVM)", {
      fix: "install a JDK >= 17 (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME",
    });
  }
  if (major < 17) {
    throw new EcomError(
      errorCodes.dependency,
      `Java ${major} is too old; Kafka 4 and Spark 4 need Java >= 17`,
      {
        fix: "install a JDK >= 17 (Debian: apt-get install openjdk-17-jdk-headless) or point JAVA_HOME at one",
      },
    );
  }
}
