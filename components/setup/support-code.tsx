/** The attempt's support code, shown as soon as the attempt exists so the consumer can quote it. */
export function SupportCode({ code }: { code: string }) {
  return (
    <p className="text-sm text-slate-600" data-testid="support-code">
      Support code:{" "}
      <strong className="font-mono text-slate-900" data-testid="support-code-value">
        {code}
      </strong>
    </p>
  );
}
