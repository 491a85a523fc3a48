// One schema for PGlite and PostgreSQL. Each domain keeps its tables in its own file here.
export * from "./audit";
export * from "./devices";
export * from "./pairing";
export * from "./rate-limits";
export * from "./onboarding";
export * from "./staff";
export * from "./support";
