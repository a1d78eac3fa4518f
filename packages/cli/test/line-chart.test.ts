import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { LINE_COLOURS, lineChartPng, type Rgb } from '../src/line-chart.js';
import { drawText, textWidth } from '../src/pixel-font.js';

const count = (png: PNG, [r, g, b]: Rgb) => {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  return n;
};

describe('lineChartPng', () => {
  it('stacks one panel per entry, draws each line in its colour and shades ranges', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const png = PNG.sync.read(
      lineChartPng(
        [
          { title: 'value', lines: [{ label: 'history', color: LINE_COLOURS.history, x, y: x.map((i) => Math.sin(i / 5)) }] },
          { lines: [{ label: 'forecast', color: LINE_COLOURS.forecast, x: [90, 99], y: [0, 1] }], shade: [[40, 50]] },
        ],
        { width: 400, panelHeight: 150 },
      ),
    );
    expect([png.width, png.height]).toEqual([400, 300]);
    const top = PNG.sync.read(lineChartPng([{ lines: [{ label: 'history', color: LINE_COLOURS.history, x, y: x }] }], { width: 400, panelHeight: 150 }));
    expect(count(top, LINE_COLOURS.history)).toBeGreaterThan(300); // a line across the plot, two pixels thick
    expect(count(png, LINE_COLOURS.forecast)).toBeGreaterThan(20);
    expect(count(png, [250, 214, 214])).toBeGreaterThan(10 * 100); // the shaded range, the height of the plot
  });
  it('leaves a gap where a value is not finite', () => {
    const line = (y: number[]) => PNG.sync.read(lineChartPng([{ lines: [{ label: 'l', color: LINE_COLOURS.truth, x: [0, 1, 2, 3], y }] }], { width: 300, panelHeight: 100 }));
    expect(count(line([0, 1, NaN, 3]), LINE_COLOURS.truth)).toBeLessThan(count(line([0, 1, 2, 3]), LINE_COLOURS.truth));
  });
});

describe('the pixel font', () => {
  it('draws digits and letters, six pixels a character', () => {
    const lit: Array<[number, number]> = [];
    drawText('1a', 0, 0, (x, y) => lit.push([x, y]));
    expect(textWidth('1a')).toBe(12);
    expect(lit.filter(([x]) => x < 6).length).toBe(10); // the pixels of '1' over its seven rows
    expect(lit.every(([x, y]) => x >= 0 && x < 11 && y >= 0 && y < 7)).toBe(true);
  });
});
