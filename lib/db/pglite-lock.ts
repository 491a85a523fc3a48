import fs from "node:fs";

/**
 * PGlite allows one process per data directory; a second one would corrupt it. Each opener takes a lock file
 * holding its pid and refuses, saying what to do, when a live process holds it.
 */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database ${dir} is in use by another Onboard process (pid ${pid}). ` +
        `PGlite allows one process at a time: stop the app (Ctrl+C where \`npm start\` runs) and run this command again, ` +
        `or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
    );
    this.name = "DatabaseInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFilePath(dir: string): string {
  return `${dir}.lock`;
}

/** Takes the lock for this process; returns a release function. Stale locks (dead pid) are taken over. */
export function acquirePgliteLock(dir: string): () => void {
  const file = lockFilePath(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (pid === process.pid) return () => {};
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DatabaseInUseError(dir, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}; remove it if no Onboard process is running.`);
}
