"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { TextField } from "@/components/form/text-field";
import type { WifiCredentials } from "@/lib/pairing/crypto";
import { z } from "zod";
import { wifiFormSchema } from "@/lib/onboarding/wifi-form";

export interface WifiFieldsProps {
  wifi: WifiCredentials | null;
  onChange: (wifi: WifiCredentials | null) => void;
}

/**
 * Optional Wi-Fi for the device, sealed into the QR by this page. The inputs have no `name` and the form never
 * submits anywhere, so the values cannot leave the browser even by accident.
 */
export function WifiFields({ wifi, onChange }: WifiFieldsProps) {
  const [ssid, setSsid] = useState(wifi?.ssid ?? "");
  const [password, setPassword] = useState(wifi?.password ?? "");
  const [errors, setErrors] = useState<{ ssid?: string; password?: string }>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = wifiFormSchema.safeParse({ ssid, password });
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors;
      setErrors({ ssid: flat.ssid?.[0], password: flat.password?.[0] });
      return;
    }
    setErrors({});
    onChange(parsed.data);
  }

  return (
    <div className="flex flex-col gap-2">
      <p role="status" className="text-sm font-medium text-green-800" data-testid="wifi-status">
        {wifi ? `The QR code includes the Wi-Fi network “${wifi.ssid}”.` : ""}
      </p>
      <details className="rounded-lg border-2 border-slate-300 p-4">
        <summary className="cursor-pointer text-lg font-semibold">
          Add Wi-Fi details to the QR code (optional)
        </summary>
        <form noValidate onSubmit={onSubmit} className="mt-4 flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            If your device needs Wi-Fi to reach the internet, it can read the network from the QR code. These
            details are sealed into the QR code on this screen and are never sent to our server.
          </p>
          <TextField
            label="Wi-Fi network name (SSID)"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={ssid}
            onChange={(event) => setSsid(event.target.value)}
            error={errors.ssid}
          />
          <TextField
            label="Wi-Fi password"
            description="Leave empty for an open network."
            type="password"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
          />
          <div className="flex flex-col gap-3 sm:flex-row">
            <Button type="submit" variant="secondary">
              {wifi ? "Update the QR code" : "Add to the QR code"}
            </Button>
            {wifi ? (
              <Button
                variant="quiet"
                onClick={() => {
                  setSsid("");
                  setPassword("");
                  onChange(null);
                }}
              >
                Remove Wi-Fi from the QR code
              </Button>
            ) : null}
          </div>
        </form>
      </details>
    </div>
  );
}
