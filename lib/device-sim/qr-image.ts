import jsQR from "jsqr";
import { PNG } from "pngjs";
import { DeviceCryptoError } from "./errors";

type Rgba = { data: Uint8ClampedArray; width: number; height: number };

const scan = (image: Rgba) =>
  jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });

/** Luma, then one global threshold (Otsu), so a blurred or low-contrast camera frame becomes clean black/white. */
function binarised(image: Rgba): Rgba {
  const pixels = image.width * image.height;
  const luma = new Uint8Array(pixels);
  const histogram = new Array<number>(256).fill(0);
  for (let i = 0; i < pixels; i += 1) {
    const [r = 0, g = 0, b = 0] = image.data.subarray(i * 4, i * 4 + 3);
    const y = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    luma[i] = y;
    histogram[y]! += 1;
  }
  const total = histogram.reduce((sum, count, value) => sum + count * value, 0);
  let below = 0;
  let belowSum = 0;
  let best = { threshold: 128, variance: -1 };
  for (let t = 0; t < 256; t += 1) {
    below += histogram[t]!;
    belowSum += t * histogram[t]!;
    const above = pixels - below;
    if (below === 0 || above === 0) continue;
    const variance = below * above * (belowSum / below - (total - belowSum) / above) ** 2;
    if (variance > best.variance) best = { threshold: t, variance };
  }
  const data = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < pixels; i += 1) {
    const v = luma[i]! > best.threshold ? 255 : 0;
    data.set([v, v, v, 255], i * 4);
  }
  return { data, width: image.width, height: image.height };
}

/** Reads the QR text from a PNG (a screenshot or camera frame): the image as is, then binarised. */
export function decodeQrPng(png: Uint8Array): string {
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(Buffer.from(png));
  } catch {
    throw new DeviceCryptoError("the image is not a readable PNG");
  }
  const image = { data: new Uint8ClampedArray(decoded.data), width: decoded.width, height: decoded.height };
  const found = scan(image) ?? scan(binarised(image));
  if (!found) throw new DeviceCryptoError("no QR code found in the image");
  return found.data;
}
