/** Where the e2e server keeps its data, and its ports: one place, shared by playwright.config.ts and the tests. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = `data/e2e-${E2E_PORT}`;
export const E2E_DEVICES_DIR = `${E2E_DATA_DIR}/e2e-devices`;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_EMULATOR_URL = `http://127.0.0.1:${E2E_PORT + 10}`;
