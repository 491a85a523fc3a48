"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/form/button";
import { SIGN_IN_PATH } from "@/lib/auth/paths";

/**
 * Signs out without following next-auth's redirect, which is built from NEXTAUTH_URL and would leave a console
 * opened at another address (a LAN IP) for localhost; the relative path keeps the address the browser used.
 */
export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      variant="quiet"
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace(SIGN_IN_PATH);
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
