/** A configuration problem, named by variable, that must stop the start. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Onboard cannot start, the configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}
