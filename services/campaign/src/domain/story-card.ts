import { GLYPH_HEIGHT, GLYPH_WIDTH, drawableText, glyph } from './pixel-font';
import { encode as encodeJpeg } from 'jpeg-js';

/** A story's size on the network: 9:16, 1080 × 1920 pixels. */
const WIDTH = 1080;
const HEIGHT = 1920;
const MARGIN = 90;
const BACKGROUND = 0;
const INK = 1;
const ACCENT = 2;
const PALETTE: [number, number, number][] = [
  [24, 24, 40],
  [255, 255, 255],
  [255, 110, 90],
];
const TITLE_SCALE = 12;
/** Flat colours and large letters: a high quality keeps their edges clean at a small size. */
const JPEG_QUALITY = 90;
const TITLE_LINES = 6;

/**
 * The platform's card for a campaign's story when its brand gave no image: the campaign's title,
 * large, between "NEW CAMPAIGN" and the way to apply, as a JPEG (the only image format the
 * network takes for a story).
 */
export function renderStoryCard(title: string): Buffer {
  const pixels = new Uint8Array(WIDTH * HEIGHT).fill(BACKGROUND);
  const fill = (x: number, y: number, w: number, h: number, colour: number) => {
    for (let row = Math.max(0, y); row < Math.min(HEIGHT, y + h); row += 1) {
      pixels.fill(colour, row * WIDTH + Math.max(0, x), row * WIDTH + Math.min(WIDTH, x + w));
    }
  };
  const write = (text: string, x: number, y: number, scale: number, colour: number) => {
    [...text].forEach((char, index) => {
      const left = x + index * (GLYPH_WIDTH + 1) * scale;
      glyph(char).forEach((row, gy) =>
        row.forEach((lit, gx) => {
          if (lit) fill(left + gx * scale, y + gy * scale, scale, scale, colour);
        }),
      );
    });
  };

  fill(MARGIN, 300, 160, 16, ACCENT);
  write('NEW CAMPAIGN', MARGIN, 380, 8, ACCENT);
  const lines = wrap(drawableText(title) || 'A NEW CAMPAIGN', charsPerLine(TITLE_SCALE));
  const lineHeight = (GLYPH_HEIGHT + 4) * TITLE_SCALE;
  lines.forEach((line, index) => write(line, MARGIN, 620 + index * lineHeight, TITLE_SCALE, INK));
  fill(MARGIN, HEIGHT - 420, WIDTH - 2 * MARGIN, 16, ACCENT);
  write('APPLY ON THE PLATFORM', MARGIN, HEIGHT - 340, 6, INK);
  const rgba = Buffer.alloc(WIDTH * HEIGHT * 4);
  for (let i = 0; i < pixels.length; i += 1) {
    const [r, g, b] = PALETTE[pixels[i]!]!;
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = g;
    rgba[i * 4 + 2] = b;
    rgba[i * 4 + 3] = 255;
  }
  return encodeJpeg({ data: rgba, width: WIDTH, height: HEIGHT }, JPEG_QUALITY).data;
}

function charsPerLine(scale: number): number {
  return Math.floor((WIDTH - 2 * MARGIN + scale) / ((GLYPH_WIDTH + 1) * scale));
}

/** Words onto lines of at most `width` characters; a longer word is cut, the last line ends "…". */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    for (let rest = word; rest.length > 0;) {
      const joined = line ? `${line} ${rest}` : rest;
      if (joined.length <= width) {
        line = joined;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= TITLE_LINES) return lines;
  const kept = lines.slice(0, TITLE_LINES);
  kept[TITLE_LINES - 1] = `${kept[TITLE_LINES - 1]!.slice(0, width - 3)}...`;
  return kept;
}
