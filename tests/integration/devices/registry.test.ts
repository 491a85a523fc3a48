import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, deviceBatches, devices } from "@/lib/db/schema";
import { readCodesFile, type DeviceKeysLine } from "@/lib/devices/batch-files";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { boxCodeHmac } from "@/lib/devices/code-hmac";
import { ensureDemoBatch } from "@/lib/devices/demo-batch";
import { createDevBatch } from "@/lib/devices/dev-batch";
import { DeviceRegistryError, ImportRefusedError } from "@/lib/devices/errors";
import { generateKeyPair } from "@/lib/devices/key-generation";
import { importFactoryBatch } from "@/lib/devices/import-batch";
import { collectLabels, labelUrl, renderLabelsHtml } from "@/lib/devices/labels";
import { findBatchByName, findDeviceByCode, findDeviceBySerial, listBatches } from "@/lib/devices/queries";
import { ManualClock } from "@/lib/security/clock";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../../support/test-db";

const KEY = "k".repeat(40);
const clock = new ManualClock("2026-11-25T10:00:00Z");
let database: TestDatabase;
let tmp: string;

beforeAll(async () => {
  database = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-devices-"));
});
afterAll(async () => {
  await database?.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe(`dev batches (${testDatabaseKind})`, () => {
  it("registers public keys and code HMACs, writes codes and private keys to two 0600 files, audits", async () => {
    const out = path.join(tmp, "gen");
    const result = await createDevBatch(database.db, KEY, clock, {
      name: "dev-one",
      model: "sensor-x",
      serialPrefix: "DEVONE",
      specs: [
        { alg: "ed25519", separateKem: false },
        { alg: "p256", separateKem: true },
        { alg: "ed25519", separateKem: true },
      ],
      outDir: out,
      actor: "cli:test",
    });
    expect(mode(result.codesFile)).toBe(0o600);
    expect(mode(result.keysFile)).toBe(0o600);
    expect(fs.readFileSync(result.codesFile, "utf8").split("\n")[0]).toBe("serial,code,model");
    const codes = readCodesFile(result.codesFile);
    expect([...codes.keys()]).toEqual(["DEVONE-000001", "DEVONE-000002", "DEVONE-000003"]);
    expect(fs.readFileSync(result.codesFile, "utf8")).toContain(
      formatBoxCode(codes.get("DEVONE-000001") ?? ""),
    );

    const keys = fs
      .readFileSync(result.keysFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as DeviceKeysLine);
    expect(keys.map((k) => [k.alg, k.kem_alg])).toEqual([
      ["ed25519", undefined],
      ["p256", "p256"],
      ["ed25519", "x25519"],
    ]);
    expect(fs.readFileSync(result.codesFile, "utf8")).not.toContain(keys[0]?.signing_private_key ?? "?");

    const rows = await database.db.select().from(devices).where(eq(devices.batchId, result.batch.id));
    expect(rows).toHaveLength(3);
    const second = rows.find((r) => r.serial === "DEVONE-000002");
    expect(second).toMatchObject({
      signAlg: "p256",
      signPublicKey: keys[1]?.signing_public_key,
      kemAlg: "p256",
      kemPublicKey: keys[1]?.kem_public_key,
      codeLast4: codes.get("DEVONE-000002")?.slice(-4),
      status: "active",
      model: "sensor-x",
    });
    expect(second?.createdAt.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    // The database holds no plain code and no private key.
    const dump = JSON.stringify(rows);
    for (const code of codes.values()) expect(dump).not.toContain(code);
    for (const k of keys) expect(dump).not.toContain(k.signing_private_key);

    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.actor, "cli:test"));
    expect(audit.map((a) => a.action).sort()).toEqual(["device_batch.created", "device_batch.generated"]);
    expect(audit[0]?.at.toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });

  it("finds a device by its code in any typed form, by serial, and hides dev devices when dev is not allowed", async () => {
    const codes = readCodesFile(path.join(tmp, "gen", "box-codes.csv"));
    const code = codes.get("DEVONE-000001") ?? "";
    const byCode = await findDeviceByCode(database.db, KEY, code, { allowDev: true });
    expect(byCode).toMatchObject({ serial: "DEVONE-000001", batchKind: "dev", batchName: "dev-one" });
    expect(byCode).not.toHaveProperty("codeHmac");
    expect(await findDeviceByCode(database.db, KEY, code, { allowDev: false })).toBeNull();
    expect(await findDeviceBySerial(database.db, "DEVONE-000001", { allowDev: true })).toMatchObject({
      id: byCode?.id,
    });
    expect(await findDeviceBySerial(database.db, "DEVONE-000001", { allowDev: false })).toBeNull();
    expect(await findDeviceByCode(database.db, KEY, generateBoxCode(), { allowDev: true })).toBeNull();
    expect(await findDeviceByCode(database.db, "another-key".repeat(4), code, { allowDev: true })).toBeNull();
    expect(await findDeviceBySerial(database.db, "NOPE", { allowDev: true })).toBeNull();
  });

  it("refuses a second batch of the same name and leaves existing files alone", async () => {
    const before = fs.readFileSync(path.join(tmp, "gen", "box-codes.csv"), "utf8");
    await expect(
      createDevBatch(database.db, KEY, clock, {
        name: "dev-one",
        model: "m",
        serialPrefix: "X",
        specs: [{ alg: "ed25519", separateKem: false }],
        outDir: path.join(tmp, "gen2"),
        actor: "cli:test",
      }),
    ).rejects.toThrow('A batch named "dev-one" already exists; choose another --batch name.');
    await expect(
      createDevBatch(database.db, KEY, clock, {
        name: "dev-two",
        model: "m",
        serialPrefix: "X",
        specs: [{ alg: "ed25519", separateKem: false }],
        outDir: path.join(tmp, "gen"),
        actor: "cli:test",
      }),
    ).rejects.toThrow(
      `${path.join(tmp, "gen", "box-codes.csv")} already exists; choose another --out directory.`,
    );
    expect(fs.readFileSync(path.join(tmp, "gen", "box-codes.csv"), "utf8")).toBe(before);
    expect(await findBatchByName(database.db, "dev-two")).toBeNull();
  });

  it("writes no files when the database refuses the batch (a serial already taken)", async () => {
    const out = path.join(tmp, "gen-fail");
    await expect(
      createDevBatch(database.db, KEY, clock, {
        name: "dev-clash",
        model: "m",
        serialPrefix: "DEVONE",
        specs: [{ alg: "ed25519", separateKem: false }],
        outDir: out,
        actor: "cli:test",
      }),
    ).rejects.toThrow();
    expect(fs.readdirSync(out)).toEqual([]);
    expect(await findBatchByName(database.db, "dev-clash")).toBeNull();
  });
});

interface FactoryRow {
  serial: string;
  code: string;
  alg: string;
  public_key: string;
  model: string;
  kem_alg?: string;
  kem_public_key?: string;
}

/** The code with its check character replaced by a different one, so it always fails its check. */
const mistypedCheck = (code: string) => code.slice(0, -1) + (code.endsWith("X") ? "Y" : "X");

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
function factoryCsv(rows: FactoryRow[]): string {
  const header = ["serial", "code", "alg", "public_key", "model", "kem_alg", "kem_public_key"];
  const lines = rows.map((row) => header.map((h) => csvCell(row[h as keyof FactoryRow] ?? "")).join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

function factoryRows(count: number, prefix: string): FactoryRow[] {
  return Array.from({ length: count }, (_, i) => {
    const p256 = i % 3 === 1;
    const pair = generateKeyPair(p256 ? "p256" : "ed25519");
    const row: FactoryRow = {
      serial: `${prefix}-${i + 1}`,
      code: i % 2 === 0 ? formatBoxCode(generateBoxCode()) : generateBoxCode().toLowerCase(),
      alg: p256 ? "p256" : "ed25519",
      public_key: i % 4 === 0 ? Buffer.from(pair.publicKey, "base64url").toString("base64") : pair.publicKey,
      model: "factory-m",
    };
    if (i % 3 === 2) {
      const kem = generateKeyPairSync("x25519").publicKey.export({ format: "pem", type: "spki" }).toString();
      Object.assign(row, { kem_alg: "x25519", kem_public_key: kem });
    }
    return row;
  });
}

describe(`factory import (${testDatabaseKind})`, () => {
  const rows = factoryRows(12, "FAC");
  const text = factoryCsv(rows);
  const request = { text, filePath: "/imports/fac.csv", batchName: "fac", actor: "cli:importer" };

  it("imports every row, keys in the stored raw form, audited in the same write", async () => {
    const result = await importFactoryBatch(database.db, KEY, clock, request);
    expect(result).toMatchObject({ accepted: true, added: 12, unchanged: 0, batchName: "fac" });
    expect(result.rows.every((r) => r.status === "ok")).toBe(true);
    const device = await findDeviceBySerial(database.db, "FAC-3", { allowDev: false });
    expect(device).toMatchObject({ batchKind: "factory", signAlg: "ed25519", kemAlg: "x25519" });
    expect(Buffer.from(device?.kemPublicKey ?? "", "base64url")).toHaveLength(32);
    const first = rows[0];
    expect(
      await findDeviceByCode(database.db, KEY, first?.code.replace(/-/g, "") ?? "", { allowDev: false }),
    ).toMatchObject({ serial: "FAC-1" });
    const batch = await findBatchByName(database.db, "fac");
    expect(batch).toMatchObject({ kind: "factory", model: "factory-m", codesFile: "/imports/fac.csv" });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.actor, "cli:importer"));
    expect(audit.map((a) => a.action).sort()).toEqual(["device_batch.created", "device_batch.imported"]);
  });

  it("re-running the same file changes nothing: every row unchanged, no new rows or audit events", async () => {
    const auditBefore = (await database.db.select().from(auditEvents)).length;
    const result = await importFactoryBatch(database.db, KEY, clock, request);
    expect(result).toMatchObject({ accepted: true, added: 0, unchanged: 12 });
    expect(result.rows.every((r) => r.status === "unchanged")).toBe(true);
    expect((await database.db.select().from(auditEvents)).length).toBe(auditBefore);
    const inBatch = await listBatches(database.db);
    expect(inBatch.find((b) => b.name === "fac")?.deviceCount).toBe(12);
  });

  it("reports every problem row by category and writes nothing when any row is bad", async () => {
    const good = factoryRows(2, "NEW");
    const ed = generateKeyPair("ed25519").publicKey;
    const taken = rows[1] as FactoryRow;
    const bad: FactoryRow[] = [
      ...good,
      { serial: "NEW-3", code: "", alg: "ed25519", public_key: ed, model: "m" },
      {
        serial: "NEW-4",
        code: mistypedCheck(generateBoxCode()),
        alg: "ed25519",
        public_key: ed,
        model: "m",
      },
      { serial: "NEW-5", code: generateBoxCode(), alg: "rsa", public_key: ed, model: "m" },
      { serial: "NEW-6", code: generateBoxCode(), alg: "p256", public_key: ed, model: "m" },
      { serial: "NEW-1", code: generateBoxCode(), alg: "ed25519", public_key: ed, model: "m" },
      { serial: "NEW-8", code: good[0]?.code ?? "", alg: "ed25519", public_key: ed, model: "m" },
      { serial: "FAC-1", code: generateBoxCode(), alg: "ed25519", public_key: ed, model: "m" },
      { serial: "NEW-10", code: taken.code, alg: "ed25519", public_key: ed, model: "m" },
      { serial: "NEW 11", code: generateBoxCode(), alg: "ed25519", public_key: ed, model: "m" },
      {
        serial: "NEW-12",
        code: generateBoxCode(),
        alg: "ed25519",
        public_key: ed,
        model: "m",
        kem_alg: "x25519",
      },
    ];
    const result = await importFactoryBatch(database.db, KEY, clock, {
      ...request,
      text: factoryCsv(bad),
      batchName: "fac-2",
    });
    expect(result.accepted).toBe(false);
    expect(result.added).toBe(0);
    expect(result.rows.map((r) => [r.row, r.status, r.message])).toEqual([
      [1, "ok", "ok"],
      [2, "ok", "ok"],
      [3, "missing_field", "missing code"],
      [
        4,
        "bad_code",
        "code: The check character does not match: a character is mistyped or two are swapped.",
      ],
      [5, "bad_field", 'alg must be ed25519 or p256, not "rsa"'],
      [6, "bad_key", "public_key: a P-256 public key is 65 bytes (or 33 compressed); this is 32"],
      [7, "duplicate_serial", "serial also on row 1"],
      [8, "duplicate_code", "same code as row 1"],
      [9, "duplicate_serial", 'serial already registered in batch "fac" with other data'],
      [10, "duplicate_code", "code already registered to another device"],
      [11, "bad_field", "serial must be 1-64 letters, digits or . _ : / - (no spaces)"],
      [12, "missing_field", "kem_alg and kem_public_key go together: give both or neither"],
    ]);
    expect(await findBatchByName(database.db, "fac-2")).toBeNull();
    expect(await findDeviceBySerial(database.db, "NEW-1", { allowDev: true })).toBeNull();
  });

  it("refuses a whole file that holds a private key, and files with the wrong columns", async () => {
    const privatePem = generateKeyPairSync("ed25519")
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const withPrivate = factoryCsv([{ ...(rows[0] as FactoryRow), serial: "P-1", public_key: privatePem }]);
    await expect(
      importFactoryBatch(database.db, KEY, clock, { ...request, text: withPrivate, batchName: "p" }),
    ).rejects.toThrow(
      new ImportRefusedError(
        "/imports/fac.csv contains a private key; the whole file is refused. Import public keys only, and treat the keys in that file as exposed.",
      ),
    );
    await expect(
      importFactoryBatch(database.db, KEY, clock, {
        ...request,
        text: "serial,code,alg,key,model,colour\n",
        batchName: "p",
      }),
    ).rejects.toThrow(
      "/imports/fac.csv has the wrong columns; missing: public_key; unknown: key, colour. Expected serial,code,alg,public_key,model,kem_alg,kem_public_key (the last two optional).",
    );
    await expect(
      importFactoryBatch(database.db, KEY, clock, {
        ...request,
        text: "serial,code,alg,public_key,model\n",
        batchName: "p",
      }),
    ).rejects.toThrow("/imports/fac.csv has a header but no device rows.");
    await expect(
      importFactoryBatch(database.db, KEY, clock, {
        ...request,
        text: 'serial,code,alg,public_key,model\n"a,b\n',
        batchName: "p",
      }),
    ).rejects.toThrow(/^\/imports\/fac.csv is not a readable CSV file: /);
    expect(await findBatchByName(database.db, "p")).toBeNull();
  });

  it("refuses to import into a dev batch's name", async () => {
    await expect(
      importFactoryBatch(database.db, KEY, clock, {
        ...request,
        text: factoryCsv(factoryRows(1, "D")),
        batchName: "dev-one",
      }),
    ).rejects.toThrow(
      new DeviceRegistryError(
        'Batch "dev-one" exists and is a dev batch; import under another --batch name.',
      ),
    );
  });
});

describe(`labels (${testDatabaseKind})`, () => {
  it("pairs each device with its code from the codes file, checked against the stored HMAC", async () => {
    const batch = await findBatchByName(database.db, "dev-one");
    if (!batch?.codesFile) throw new Error("the dev batch has no codes file");
    const codes = readCodesFile(batch.codesFile);
    const labels = await collectLabels(database.db, KEY, batch, codes, batch.codesFile);
    expect(labels.map((l) => l.serial)).toEqual([...codes.keys()]);
    const html = await renderLabelsHtml(batch.name, labels, "https://onboard.example");
    const first = labels[0];
    if (!first) throw new Error("no labels");
    expect(labelUrl("https://onboard.example", first.code)).toBe(`https://onboard.example/s#${first.code}`);
    const qr = await QRCode.toString(labelUrl("https://onboard.example", first.code), {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 1,
    });
    expect(html).toContain(qr);
    expect(html).toContain(formatBoxCode(first.code));
    expect(html).toContain("Serial DEVONE-000001");
  });

  it("refuses a codes file that misses a device or holds a wrong code", async () => {
    const batch = await findBatchByName(database.db, "dev-one");
    if (!batch) throw new Error("no batch");
    const codes = readCodesFile(batch.codesFile ?? "");
    const missing = new Map([...codes].slice(1));
    await expect(collectLabels(database.db, KEY, batch, missing, "c.csv")).rejects.toThrow(
      'c.csv has no code for 1 device(s) of batch "dev-one": DEVONE-000001.',
    );
    const wrong = new Map(codes).set("DEVONE-000002", generateBoxCode());
    await expect(collectLabels(database.db, KEY, batch, wrong, "c.csv")).rejects.toThrow(
      "c.csv holds a code that does not match the registry for 1 device(s): DEVONE-000002.",
    );
  });
});

describe(`demo batch (${testDatabaseKind})`, () => {
  const dataDir = () => path.join(tmp, "data");

  it("does nothing in deployed mode", async () => {
    const lines: string[] = [];
    await ensureDemoBatch(
      database.db,
      { mode: "deployed", dataDir: dataDir(), secrets: { codeHmacKey: KEY } as never },
      (l) => lines.push(l),
      clock,
    );
    expect(lines).toEqual([]);
    expect(await findBatchByName(database.db, "demo")).toBeNull();
  });

  it("creates five demo devices once, then prints the same codes on every start", async () => {
    const config = { mode: "embedded" as const, dataDir: dataDir(), secrets: { codeHmacKey: KEY } as never };
    const first: string[] = [];
    await ensureDemoBatch(database.db, config, (l) => first.push(l), clock);
    const second: string[] = [];
    await ensureDemoBatch(database.db, config, (l) => second.push(l), clock);
    expect(second).toEqual(first);
    expect(first[0]).toBe('Demo devices (dev batch "demo"), box codes to try:');
    expect(first[1]).toMatch(
      /^ {2}[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4} {2}\(serial DEMO-000001\)$/,
    );
    expect(first.at(-1)).toContain(path.join(dataDir(), "demo-devices", "device-keys.jsonl"));
    const [batch] = await database.db.select().from(deviceBatches).where(eq(deviceBatches.name, "demo"));
    const demo = await database.db
      .select()
      .from(devices)
      .where(eq(devices.batchId, batch?.id ?? ""));
    expect(demo.map((d) => [d.signAlg, d.kemAlg])).toEqual([
      ["ed25519", null],
      ["ed25519", null],
      ["p256", null],
      ["ed25519", "x25519"],
      ["p256", "p256"],
    ]);
    expect(mode(path.join(dataDir(), "demo-devices", "device-keys.jsonl"))).toBe(0o600);
    const printed = (first[1] ?? "").trim().slice(0, 19);
    expect(boxCodeHmac(KEY, printed.replace(/-/g, ""))).toBe(demo[0]?.codeHmac);
  });
});
