import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Imports run one way (design §2): lib never reaches into routes, components never touch the database.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "**/app/*"], message: "lib/ never imports app/." }] },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["@/lib/db", "@/lib/db/*"], message: "components/ never touch the database." }],
        },
      ],
    },
  },
  {
    // The device simulator is an independent implementation written from docs/pairing-protocol.md alone, which
    // proves the document sufficient; it must not borrow the server's code. (This replaces the lib/ rule above for
    // these files, so it repeats it.)
    files: ["lib/device-sim/**", "scripts/device.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "**/app/*"], message: "lib/ never imports app/." },
            {
              group: ["pairing", "devices", "db", "medium-one", "config"].flatMap((folder) => [
                `@/lib/${folder}`,
                `@/lib/${folder}/*`,
                `**/lib/${folder}`,
                `**/lib/${folder}/**`,
                `../${folder}`,
                `../${folder}/**`,
              ]),
              message:
                "The device simulator is written from docs/pairing-protocol.md alone: no lib/pairing, lib/devices, lib/db, lib/medium-one or lib/config.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
