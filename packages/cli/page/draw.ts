/**
 * Drawing one sample on a canvas, by what its shape says it is: an image
 * ([h, w, 1 or 3], or a flat vector of a square size), a series
 * ([steps, features]: one line per feature), or a vector of features (a
 * bar per feature). Values are the model's (scaled) values; images are
 * shown over [0, 1].
 */

/** How a sample of `shape` is drawn. */
export type SampleKind = { kind: 'image'; height: number; width: number; channels: number } | { kind: 'series'; steps: number; features: number } | { kind: 'vector'; size: number };

/**
 * The kind of drawing for samples of `shape`.
 *
 * @example
 * sampleKind([28, 28, 1]); // { kind: 'image', height: 28, width: 28, channels: 1 }
 */
export function sampleKind(shape: number[]): SampleKind {
  if (shape.length === 3 && (shape[2] === 1 || shape[2] === 3)) return { kind: 'image', height: shape[0], width: shape[1], channels: shape[2] };
  if (shape.length === 2) return { kind: 'series', steps: shape[0], features: shape[1] };
  const size = shape.reduce((a, b) => a * b, 1);
  const side = Math.round(Math.sqrt(size));
  if (shape.length === 1 && side * side === size && side >= 8) return { kind: 'image', height: side, width: side, channels: 1 };
  return { kind: 'vector', size };
}

const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e']; // Tableau 10

/**
 * The colour of class `i` (ten distinct hues, repeating).
 *
 * @example
 * ctx.fillStyle = classColor(3);
 */
export function classColor(i: number): string {
  return COLORS[((i % COLORS.length) + COLORS.length) % COLORS.length];
}

/**
 * A canvas of `w` x `h` CSS pixels drawn at twice that resolution (sharp on
 * high-density screens), with its context scaled to CSS pixels.
 *
 * @example
 * const { canvas, ctx } = sharpCanvas(420, 150);
 */
export function sharpCanvas(w: number, h: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = w * 2;
  canvas.height = h * 2;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(2, 2);
  return { canvas, ctx };
}

/**
 * A canvas showing `values` (one sample) as `kind` says, `scale` screen pixels per image pixel.
 *
 * @example
 * document.body.append(drawSample(values, sampleKind([28, 28, 1]), 3));
 */
export function drawSample(values: ArrayLike<number>, kind: SampleKind, scale = 3, overlay?: ArrayLike<number>): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  if (kind.kind === 'image') {
    canvas.width = kind.width;
    canvas.height = kind.height;
    canvas.style.width = `${kind.width * scale}px`;
    canvas.style.height = `${kind.height * scale}px`;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(kind.width, kind.height);
    for (let p = 0; p < kind.width * kind.height; p++) {
      for (let c = 0; c < 3; c++) {
        const v = values[p * kind.channels + (kind.channels === 3 ? c : 0)];
        image.data[p * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, v)));
      }
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    return canvas;
  }
  const [w, h] = kind.kind === 'series' ? [60 * scale, 26 * scale] : [28 * scale, 28 * scale];
  const { canvas: plot, ctx } = sharpCanvas(w, h);
  plot.style.background = '#fff';
  const all = overlay ? [...Array.from(values), ...Array.from(overlay)] : Array.from(values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const y = (v: number) => h - 4 - ((v - lo) / (hi - lo || 1)) * (h - 8);
  if (kind.kind === 'vector') {
    const bar = w / kind.size;
    ctx.fillStyle = '#a5b4fc';
    for (let i = 0; i < kind.size; i++) ctx.fillRect(i * bar, y(values[i]), Math.max(1, bar - 1), h - 4 - y(values[i]));
    if (overlay) {
      ctx.fillStyle = '#e8590c';
      for (let i = 0; i < kind.size; i++) ctx.fillRect(i * bar, y(overlay[i]) - 1, Math.max(1, bar - 1), 2);
    }
    return plot;
  }
  const line = (series: ArrayLike<number>, f: number, color: string, dashed: boolean) => {
    ctx.beginPath();
    ctx.setLineDash(dashed ? [3, 2] : []);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.2;
    for (let t = 0; t < kind.steps; t++) {
      const px = (t / Math.max(1, kind.steps - 1)) * w;
      const v = series[t * kind.features + f];
      if (t === 0) ctx.moveTo(px, y(v));
      else ctx.lineTo(px, y(v));
    }
    ctx.stroke();
  };
  for (let f = 0; f < kind.features; f++) {
    line(values, f, classColor(f), false);
    if (overlay) line(overlay, f, '#e8590c', true);
  }
  return plot;
}
