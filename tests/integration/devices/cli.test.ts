import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { generateKeyPair } from "@/lib/devices/key-generation";
import { runScript } from "../../support/run-script";

const SCRIPT = "scripts/devices.ts";
let tmp: string;
let env: Record<string, string>;
const devices = (args: string[], input?: string) => runScript(SCRIPT, args, env, { input });
const mode = (file: string) => fs.statSync(file).mode & 0o777;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-devices-cli-"));
  env = { ONBOARD_DATA_DIR: path.join(tmp, "data"), PUBLIC_BASE_URL: "https://onboard.example" };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("devices CLI", () => {
  it("prints help for the program and each command, and exits 2 on usage errors", async () => {
    const help = await devices(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["generate", "import", "check", "labels", "list", "show"]) {
      expect(help.stdout).toContain(command);
    }
    const generateHelp = await devices(["generate", "--help"]);
    expect(generateHelp.code).toBe(0);
    expect(generateHelp.stdout).toContain("--separate-kem");

    const badCount = await devices(["generate", "--count", "12x", "--model", "m", "--out", tmp]);
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toBe("--count must be a whole number from 1 to 1000000 (add --help for usage)\n");
    const badAlg = await devices(["generate", "--count", "1", "--model", "m", "--out", tmp, "--alg", "rsa"]);
    expect(badAlg.code).toBe(2);
    expect(badAlg.stderr).toContain(
      "option '--alg <alg>' argument 'rsa' is invalid. Allowed choices are ed25519, p256.",
    );
    const unknown = await devices(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it("generate writes both 0600 files and prints the rate; a second run into the same directory is refused", async () => {
    const out = path.join(tmp, "gen");
    const first = await devices([
      "generate",
      "--count",
      "4",
      "--model",
      "cli-m",
      "--separate-kem",
      "--out",
      out,
      "--batch",
      "cli-dev",
    ]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Generated dev batch "cli-dev": 4 in \d+\.\d\d s \(\d+ devices\/s\)\.$/m);
    expect(mode(path.join(out, "box-codes.csv"))).toBe(0o600);
    expect(mode(path.join(out, "device-keys.jsonl"))).toBe(0o600);
    const keys = fs.readFileSync(path.join(out, "device-keys.jsonl"), "utf8").trim().split("\n");
    expect(keys).toHaveLength(4);
    expect(JSON.parse(keys[0] ?? "{}")).toMatchObject({ alg: "ed25519", kem_alg: "x25519" });

    const again = await devices(["generate", "--count", "1", "--model", "cli-m", "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `${path.join(out, "box-codes.csv")} already exists; choose another --out directory.\n`,
    );
  });

  it("check: normalised form per code, the exact problem otherwise, a suggestion for a swap; exit 0 only if all valid", async () => {
    const csv = fs.readFileSync(path.join(tmp, "gen", "box-codes.csv"), "utf8");
    const code = csv.split("\n")[1]?.split(",")[1] ?? "";
    const plain = code.replace(/-/g, "");
    const valid = await devices(["check", code.toLowerCase()]);
    expect(valid).toMatchObject({ code: 0, stdout: `${code.toLowerCase()}: ok ${code}\n` });

    const fromStdin = await devices(["check"], `${plain}\n\n${code}\n`);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(`${plain}: ok ${code}\n${code}: ok ${code}\n`);

    const mixed = await devices(["check", code, "ABCD-EFGH-JKMN-PQR", "ABCD-EFGH-JKMN-PQRU"]);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toBe(`${code}: ok ${code}\n`);
    expect(mixed.stderr).toBe(
      "ABCD-EFGH-JKMN-PQR: A box code has 16 characters; this has 15.\n" +
        'ABCD-EFGH-JKMN-PQRU: "U" (character 16) is not used in box codes, which use 0-9 and A-Z without I, L, O and U.\n',
    );

    const none = await devices(["check"], "");
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "No codes given: pass them as arguments or one per line on stdin. (add --help for usage)\n",
    );
  });

  it("check suggests a fix for a mismatch only when exactly one swap or look-alike makes it valid", async () => {
    const { checkLine } = await import("../../../scripts/devices/check");
    const { candidateFixes } = await import("@/lib/devices/box-code");
    let unique: { typed: string; original: string } | undefined;
    let ambiguous: string | undefined;
    while (!unique || !ambiguous) {
      const original = generateBoxCode();
      const i = 5;
      if (original[i] === original[i + 1]) continue;
      const typed = original.slice(0, i) + original[i + 1] + original[i] + original.slice(i + 2);
      const count = new Set(candidateFixes(typed).map((f) => f.code)).size;
      if (count === 1) unique ??= { typed, original };
      if (count > 1) ambiguous ??= typed;
    }
    const result = await devices(["check", unique.typed, ambiguous]);
    expect(result.code).toBe(1);
    const mismatch = "The check character does not match: a character is mistyped or two are swapped.";
    expect(result.stderr).toBe(
      `${unique.typed}: ${mismatch} Did you mean ${formatBoxCode(unique.original)} (characters 6 and 7 swapped)?\n` +
        `${ambiguous}: ${mismatch} No single likely fix; ask for a photo of the label.\n`,
    );
    expect(checkLine(unique.typed).line).toBe(result.stderr.split("\n")[0]);
  });

  it("labels writes a 0600 HTML sheet with a QR per device from the batch's codes file", async () => {
    const out = path.join(tmp, "labels.html");
    const result = await devices(["labels", "--batch", "cli-dev", "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`Wrote 4 labels for batch "cli-dev" to ${out} (0600: it holds box codes).\n`);
    expect(mode(out)).toBe(0o600);
    const html = fs.readFileSync(out, "utf8");
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain("Serial DEV-");
    const missing = await devices(["labels", "--batch", "nope", "--out", out]);
    expect(missing).toMatchObject({ code: 1, stderr: 'No batch named "nope".\n' });
  });

  it("import is all or nothing with per-row lines, and re-running the same file changes nothing", async () => {
    const pem = generateKeyPairSync("ed25519").publicKey.export({ format: "pem", type: "spki" }).toString();
    const p256 = generateKeyPair("p256").publicKey;
    const codes = [generateBoxCode(), generateBoxCode()];
    const file = path.join(tmp, "factory-7.csv");
    fs.writeFileSync(
      file,
      "serial,code,alg,public_key,model\n" +
        `F7-1,${formatBoxCode(codes[0] ?? "")},ed25519,"${pem}",fac\n` +
        `F7-2,${codes[1]},p256,${p256},fac\n`,
    );
    const first = await devices(["import", "--file", file]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^row 1 F7-1: ok\nrow 2 F7-2: ok\nBatch "factory-7": 2 added, 0 unchanged; checked 2 in \d+\.\d\d s \(\d+ devices\/s\)\.\n$/m,
    );
    const again = await devices(["import", "--file", file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("row 1 F7-1: unchanged: already imported\n");
    expect(again.stdout).toContain('Batch "factory-7": 0 added, 2 unchanged;');

    const bad = path.join(tmp, "bad.csv");
    fs.writeFileSync(
      bad,
      `serial,code,alg,public_key,model\nB-1,${generateBoxCode()},ed25519,${generateKeyPair("ed25519").publicKey},fac\nB-2,${codes[0]},ed25519,xyz,fac\n`,
    );
    const refused = await devices(["import", "--file", bad, "--problems-only"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      "row 2 B-2: bad key: public_key: an Ed25519 public key is 32 bytes; this is 2\n" +
        "Import refused: 1 of 2 rows have problems; nothing was written. Fix the rows above and run the same command again.\n",
    );
    const show = await devices(["show", "B-1"]);
    expect(show).toMatchObject({ code: 1, stderr: 'No device with serial "B-1".\n' });

    const leaked = path.join(tmp, "leaked.csv");
    const privatePem = generateKeyPairSync("ed25519")
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    fs.writeFileSync(
      leaked,
      `serial,code,alg,public_key,model\nL-1,${generateBoxCode()},ed25519,"${privatePem}",fac\n`,
    );
    const refusedWhole = await devices(["import", "--file", leaked]);
    expect(refusedWhole.code).toBe(1);
    expect(refusedWhole.stderr).toBe(
      `${leaked} contains a private key; the whole file is refused. Import public keys only, and treat the keys in that file as exposed.\n`,
    );
  });

  it("list and show describe batches and devices", async () => {
    const list = await devices(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^batch +kind +model +devices +created +by$/m);
    expect(list.stdout).toMatch(/^cli-dev +dev +cli-m +4 /m);
    expect(list.stdout).toMatch(/^factory-7 +factory +fac +2 /m);
    const show = await devices(["show", "F7-2"]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("batch:          factory-7 (factory)\n");
    expect(show.stdout).toMatch(/^signing key: +p256 B[A-Za-z0-9_-]{86}$/m);
    expect(show.stdout).toContain("encryption key: the signing key's own form\n");
  });
});
