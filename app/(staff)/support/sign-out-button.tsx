"use client";
import { signOut } from "next-auth/react";
import { Button } from "@/components/form/button";

export function SignOutButton() {
  return (
    <Button variant="quiet" onClick={() => void signOut({ callbackUrl: "/support/sign-in" })}>
      Sign out
    </Button>
  );
}
