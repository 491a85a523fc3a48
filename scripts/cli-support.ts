import { ConfigError } from "@/lib/config";
import { DatabaseInUseError } from "@/lib/db/pglite-lock";

/** Runs a CLI body: known problems print their message alone and exit 1; anything else prints its stack. */
export async function runCli(body: () => Promise<void | number>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = typeof code === "number" ? code : 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}
