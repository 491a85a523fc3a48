/**
 * Runs once when the server starts: validates the configuration (a bad one stops the start, naming the variable)
 * and opens and migrates the database, so the first request does not pay for it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
