import { SetupShell } from "./setup/setup-shell";

export default function Loading() {
  return <SetupShell />;
}
