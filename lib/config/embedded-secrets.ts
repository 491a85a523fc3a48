import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Embedded mode keeps its generated secrets in one 0600 file under the data dir, so a restart reuses them
 * (box-code HMACs and encrypted data stay readable) and nothing secret is ever committed.
 */
const secretsFileSchema = z.object({
  CODE_HMAC_KEY: z.string().min(32),
  IP_HASH_KEY: z.string().min(32),
  AUTH_SECRET: z.string().min(32),
  DATA_ENCRYPTION_KEY: z.string().min(32),
  MEDIUM_ONE_API_KEY: z.string().min(1),
  MEDIUM_ONE_DEVICE_API_KEY: z.string().min(1),
  MEDIUM_ONE_LOGIN_ID: z.string().min(1),
  MEDIUM_ONE_PASSWORD: z.string().min(1),
  MEDIUM_ONE_PROJECT_MQTT_ID: z.string().min(1),
});

export type EmbeddedSecrets = z.infer<typeof secretsFileSchema>;

const b64 = (bytes: number) => randomBytes(bytes).toString("base64url");
const MQTT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

function mqttId(): string {
  return Array.from(randomBytes(11), (b) => MQTT_ID_ALPHABET[b % 64]).join("");
}

function generate(): EmbeddedSecrets {
  return {
    CODE_HMAC_KEY: b64(32),
    IP_HASH_KEY: b64(32),
    AUTH_SECRET: b64(32),
    DATA_ENCRYPTION_KEY: b64(32),
    MEDIUM_ONE_API_KEY: `srv_${b64(18)}`,
    MEDIUM_ONE_DEVICE_API_KEY: `dev_${b64(18)}`,
    MEDIUM_ONE_LOGIN_ID: "onboard-business",
    // Meets Medium One's observed complexity (upper, lower, digit) with room to spare.
    MEDIUM_ONE_PASSWORD: `Ob1-${b64(18)}`,
    MEDIUM_ONE_PROJECT_MQTT_ID: mqttId(),
  };
}

export function secretsFilePath(dataDir: string): string {
  return path.join(dataDir, "secrets.json");
}

/** Reads the embedded secrets, creating them (0600, exclusively, so two starting processes agree) on first run. */
export function loadOrCreateEmbeddedSecrets(
  dataDir: string,
  notice: (line: string) => void = (line) => console.log(line),
): EmbeddedSecrets {
  const file = secretsFilePath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written aside then hard-linked into place: link() fails if the file exists, so two processes starting
  // together agree on one set, and a reader never sees a half-written file.
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(generate(), null, 2) + "\n", { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      notice(`Generated embedded-mode secrets in ${file} (mode 0600, git-ignored); keep that file private.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const parsed = secretsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${file} is damaged (${parsed.error.issues[0]?.path.join(".")}); delete it to generate new secrets.`,
    );
  }
  return parsed.data;
}
