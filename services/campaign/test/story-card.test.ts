import { inflateSync } from 'node:zlib';
import { drawableText } from '../src/domain/pixel-font';
import { renderStoryCard, wrap } from '../src/domain/story-card';

describe('the story card', () => {
  it('is a 1080 × 1920 PNG the network can read', () => {
    const png = renderStoryCard('Summer glow');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(1080);
    expect(png.readUInt32BE(20)).toBe(1920);
    const idat = png.indexOf('IDAT');
    const pixels = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(pixels.length).toBe((1080 + 1) * 1920);
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
