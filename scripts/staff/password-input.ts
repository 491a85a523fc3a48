import readline from "node:readline";
import { Writable } from "node:stream";

/**
 * A password for the staff CLI, never from argv (it would sit in shell history and `ps`): from stdin when it is
 * piped (the first line), otherwise asked twice at a prompt that does not echo.
 */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? "";
  }
  const first = await prompt("New password: ");
  const second = await prompt("Repeat it: ");
  if (first !== second) throw new PasswordInputError("The two passwords do not match.");
  return first;
}

export class PasswordInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PasswordInputError";
  }
}

function prompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}
