/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM from its own package folder; Turbopack's bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "aedes", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
