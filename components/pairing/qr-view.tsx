export interface QrViewProps {
  /** The QR as SVG markup (black modules on white, quiet zone included), or null while it is being drawn. */
  svg: string | null;
  label: string;
}

/**
 * The pairing QR, as large as the screen allows and high-contrast. The SVG comes from the qrcode library, drawn from
 * a payload this page built, so it carries no outside markup.
 */
export function QrView({ svg, label }: QrViewProps) {
  if (!svg) {
    return (
      <div
        className="flex aspect-square w-full max-w-sm items-center justify-center rounded-lg bg-slate-100 text-slate-600"
        data-testid="pairing-qr-pending"
      >
        Drawing the QR code…
      </div>
    );
  }
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="pairing-qr"
      className="w-full max-w-sm bg-white [&>svg]:block [&>svg]:h-auto [&>svg]:w-full"
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
