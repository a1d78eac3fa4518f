/**
 * Resizing float images [h, w, c] with a separable triangle (linear) filter
 * whose support widens when shrinking, so downscaling averages the pixels it
 * covers instead of skipping them (the same scheme as PIL's BILINEAR).
 */

/** Per output pixel: the first input index and the weights of consecutive inputs. */
function weights(inSize: number, outSize: number): { first: Int32Array; w: Float32Array[] } {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  const first = new Int32Array(outSize);
  const w: Float32Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support));
    const hi = Math.min(inSize, Math.ceil(center + support));
    const ws = new Float32Array(Math.max(hi - lo, 1));
    let total = 0;
    for (let i = lo; i < hi; i++) {
      const t = Math.max(0, 1 - Math.abs((i + 0.5 - center) / support));
      ws[i - lo] = t;
      total += t;
    }
    if (total > 0) for (let k = 0; k < ws.length; k++) ws[k] /= total;
    else ws[0] = 1;
    first[o] = lo;
    w.push(ws);
  }
  return { first, w };
}

/**
 * Resizes an image stored as [h, w, c] floats to [outH, outW, c].
 *
 * @example
 * const small = resizeImage(pixels, 56, 56, 1, 28, 28);
 */
export function resizeImage(src: Float32Array, h: number, w: number, c: number, outH: number, outW: number): Float32Array {
  if (h === outH && w === outW) return src;
  const cols = weights(w, outW);
  const tmp = new Float32Array(h * outW * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < outW; x++) {
      const ws = cols.w[x];
      const x0 = cols.first[x];
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let k = 0; k < ws.length; k++) s += ws[k] * src[(y * w + x0 + k) * c + ch];
        tmp[(y * outW + x) * c + ch] = s;
      }
    }
  }
  const rows = weights(h, outH);
  const out = new Float32Array(outH * outW * c);
  for (let y = 0; y < outH; y++) {
    const ws = rows.w[y];
    const y0 = rows.first[y];
    for (let x = 0; x < outW * c; x++) {
      let s = 0;
      for (let k = 0; k < ws.length; k++) s += ws[k] * tmp[(y0 + k) * outW * c + x];
      out[y * outW * c + x] = s;
    }
  }
  return out;
}
