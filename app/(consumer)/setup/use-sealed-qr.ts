"use client";
import { useEffect, useState } from "react";
import type { PairingTicket } from "@/lib/onboarding/contract";
import type { WifiCredentials } from "@/lib/pairing/crypto";

export interface SealedQr {
  svg: string | null;
  error: string | null;
}

/**
 * Seals the QR secret (and Wi-Fi, if given) to the device's key in the browser and draws the QR. The crypto and
 * the QR library are loaded here, on the pairing step only. Nothing of this leaves the page.
 */
export function useSealedQr(ticket: PairingTicket, wifi: WifiCredentials | null): SealedQr {
  const key = `${ticket.sessionId}:${wifi?.ssid ?? ""}:${wifi?.password ?? ""}`;
  const [drawn, setDrawn] = useState<SealedQr & { key: string }>({ key: "", svg: null, error: null });

  useEffect(() => {
    let current = true;
    (async () => {
      const [{ base64urlDecode, buildQrPayload }, QRCode] = await Promise.all([
        import("@/lib/pairing/crypto"),
        import("qrcode"),
      ]);
      const { text } = buildQrPayload({
        serial: ticket.device.serial,
        kemAlg: ticket.device.kemAlg,
        kemPublicKey: base64urlDecode(ticket.device.kemPublicKey),
        qrSecret: base64urlDecode(ticket.qrSecret),
        ...(wifi ? { wifi } : {}),
      });
      const svg = await QRCode.toString(text, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 4,
        color: { dark: "#000000", light: "#ffffff" },
      });
      if (current) setDrawn({ key, svg, error: null });
    })().catch(() => {
      if (current) {
        setDrawn({
          key,
          svg: null,
          error: "This browser could not draw the pairing QR code. Reload the page, or try another browser.",
        });
      }
    });
    return () => {
      current = false;
    };
  }, [key, ticket, wifi]);

  return drawn.key === key ? drawn : { svg: null, error: null };
}
