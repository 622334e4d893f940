import { decode as decodeJpeg } from 'jpeg-js';
import { drawableText } from '../src/domain/pixel-font';
import { renderStoryCard, wrap } from '../src/domain/story-card';

describe('the story card', () => {
  it('is a 1080 × 1920 JPEG (the network takes no other story image), its title in white', () => {
    const jpeg = renderStoryCard('Summer glow');
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const image = decodeJpeg(jpeg, { useTArray: true });
    expect([image.width, image.height]).toEqual([1080, 1920]);
    const at = (x: number, y: number) => [
      ...image.data.subarray((y * 1080 + x) * 4, (y * 1080 + x) * 4 + 3),
    ];
    // The background's dark blue in a corner; somewhere in the title's first line, near white.
    expect(at(10, 10).every((channel, i) => Math.abs(channel - [24, 24, 40][i]!) < 12)).toBe(true);
    const titleRow = Array.from({ length: 900 }, (_, x) => at(90 + x, 650));
    expect(titleRow.some((pixel) => pixel.every((channel) => channel > 230))).toBe(true);
  });

  it('draws different titles differently', () => {
    expect(renderStoryCard('Summer glow').equals(renderStoryCard('Winter glow'))).toBe(false);
  });

  it('writes titles in the font’s capitals, accents dropped', () => {
    expect(drawableText('  Crème   brûlée “édition”  ')).toBe('CREME BRULEE "EDITION"');
  });

  it('wraps words onto lines, cuts a word longer than a line, and ends a long title with dots', () => {
    expect(wrap('SUMMER GLOW IN YOUR ROUTINE', 12)).toEqual(['SUMMER GLOW', 'IN YOUR', 'ROUTINE']);
    expect(wrap('SUPERCALIFRAGILISTIC', 12)).toEqual(['SUPERCALIFRA', 'GILISTIC']);
    const long = wrap(Array.from({ length: 40 }, () => 'WORD').join(' '), 12);
    expect(long).toHaveLength(6);
    expect(long.at(-1)).toMatch(/\.\.\.$/);
  });
});
