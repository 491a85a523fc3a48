/**
 * The optional Wi-Fi fields of the pairing page. They are sealed into the QR in the browser and never sent to the
 * server, so this schema is only ever used by the form; its limits are the protocol's (bytes, not characters).
 */
import { z } from "zod";
import { LIMITS } from "@/lib/pairing/protocol";

const byteLength = (value: string) => new TextEncoder().encode(value).length;

export const wifiFormSchema = z.object({
  ssid: z
    .string()
    .refine((v) => byteLength(v) >= 1, "Enter the network name.")
    .refine((v) => byteLength(v) <= LIMITS.wifiSsidMaxBytes, "A network name is at most 32 bytes."),
  password: z
    .string()
    .refine(
      (v) => byteLength(v) <= LIMITS.wifiPasswordMaxBytes,
      `A Wi-Fi password is at most ${LIMITS.wifiPasswordMaxBytes} bytes.`,
    ),
});
export type WifiFormInput = z.infer<typeof wifiFormSchema>;
