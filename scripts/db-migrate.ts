import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { runCli } from "./cli-support";

await runCli(async () => {
  const config = getConfig();
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  console.log(`Migrations applied (${config.database.kind}).`);
});
