/** A generated password, shown once after the action that made it; it is not kept anywhere in clear. */
export function GeneratedPassword({ password }: { password: string | null }) {
  if (!password) return null;
  return (
    <p>
      Their password, shown only now:{" "}
      <code className="rounded bg-white px-1 font-mono text-lg">{password}</code>
    </p>
  );
}
