import { crc32, deflateSync } from 'node:zlib';

/**
 * An indexed-colour PNG (8 bits a pixel, up to 256 colours) from a pixel array: the story card's
 * encoder, on node's own zlib, with no native image library to install.
 */
export function encodeIndexedPng(image: {
  width: number;
  height: number;
  /** One palette index a pixel, row by row. */
  pixels: Uint8Array;
  /** RGB colours, by index. */
  palette: [number, number, number][];
}): Buffer {
  const { width, height, pixels, palette } = image;
  // Each row starts with its filter type (0: none).
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width + 1)] = 0;
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8-bit depth, indexed colour, deflate, adaptive, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
