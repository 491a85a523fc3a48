/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    // PGlite loads its WASM from its own package folder; Turbopack's bundling breaks that.
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "aedes",
    "pino",
    // It loads drizzle-orm with import(variable), which a bundle cannot resolve; drizzle-orm stays external with it
    // so both see one copy.
    "rate-limiter-flexible",
    "drizzle-orm",
  ],
  // Server action arguments (passwords, box codes) must never reach a log.
  logging: { serverFunctions: false },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
