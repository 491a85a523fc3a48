import { CommanderError, type Command } from "commander";
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

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a commander program under runCli with the scripts' exit codes: 0 on success (and --help), 2 for a usage
 * error (commander's, or one of `usage`, printed with a pointer to --help), 1 with the message alone for one of
 * `failure`; anything else as runCli.
 */
export async function runProgram(
  program: Command,
  errors: { usage?: readonly ErrorClass[]; failure?: readonly ErrorClass[] },
): Promise<void> {
  const isOneOf = (error: unknown, classes: readonly ErrorClass[] = []): error is Error =>
    classes.some((errorClass) => error instanceof errorClass);
  await runCli(async () => {
    try {
      await program.parseAsync(process.argv);
      return 0;
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
      if (isOneOf(error, errors.usage)) {
        console.error(`${error.message} (add --help for usage)`);
        return 2;
      }
      if (isOneOf(error, errors.failure)) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  });
}
