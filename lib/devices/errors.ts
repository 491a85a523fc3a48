/** A registry problem whose message is safe to show an operator as is (no secrets, no driver text). */
export class DeviceRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeviceRegistryError";
  }
}

/** The whole import file is refused before any row is looked at (a private key, a bad header, unreadable CSV). */
export class ImportRefusedError extends DeviceRegistryError {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefusedError";
  }
}

/** Deployed mode never creates or serves `dev` batches (design §5). */
export class DevBatchRefusedError extends DeviceRegistryError {
  constructor() {
    super("Dev batches are refused in deployed mode (DATABASE_URL is set); import a factory batch instead.");
    this.name = "DevBatchRefusedError";
  }
}
