import { PNG } from "pngjs";

/**
 * What a device camera sees of a QR on a screen: fewer pixels per module (area-averaged downscale) and a soft focus
 * (3×3 box blur), both done with pngjs so the simulator decodes a realistically degraded frame.
 */
export function cameraFrame(png: Buffer, scale = 0.6, blurPasses = 1): Buffer {
  const source = PNG.sync.read(png);
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  let gray = new Float64Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [x0, x1] = [
        Math.floor(x / scale),
        Math.max(Math.floor(x / scale) + 1, Math.floor((x + 1) / scale)),
      ];
      const [y0, y1] = [
        Math.floor(y / scale),
        Math.max(Math.floor(y / scale) + 1, Math.floor((y + 1) / scale)),
      ];
      let sum = 0;
      let count = 0;
      for (let sy = y0; sy < Math.min(y1, source.height); sy += 1) {
        for (let sx = x0; sx < Math.min(x1, source.width); sx += 1) {
          sum += source.data[(sy * source.width + sx) * 4]!;
          count += 1;
        }
      }
      gray[y * width + x] = sum / Math.max(count, 1);
    }
  }
  for (let pass = 0; pass < blurPasses; pass += 1) {
    const blurred = new Float64Array(gray.length);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        let sum = 0;
        let count = 0;
        for (let dy = -1; dy <= 1; dy += 1) {
          for (let dx = -1; dx <= 1; dx += 1) {
            const [nx, ny] = [x + dx, y + dy];
            if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
            sum += gray[ny * width + nx]!;
            count += 1;
          }
        }
        blurred[y * width + x] = sum / count;
      }
    }
    gray = blurred;
  }
  const out = new PNG({ width, height });
  gray.forEach((value, i) => out.data.set([value, value, value, 255], i * 4));
  return PNG.sync.write(out);
}
