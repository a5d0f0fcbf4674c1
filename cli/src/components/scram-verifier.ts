import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";

/**
 * Postgres' SCRAM-SHA-256 verifier of `password` (RFC 5802/7677, as `pg_authid.rolpassword` holds
 * it), so `ALTER ROLE … PASSWORD` never carries the password itself (nor puts it in a server log).
 * Only for ASCII passwords, which need no SASLprep; undefined otherwise.
 */
export function scramVerifier(password: string, iterations = 4096): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(password)) return undefined;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();
  const storedKey = createHash("sha256").update(hmac(salted, "Client Key")).digest();
  const serverKey = hmac(salted, "Server Key");
  const b64 = (bytes: Buffer) => bytes.toString("base64");
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}
