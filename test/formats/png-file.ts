/**
 * A small PNG reader for the tests (ISO/IEC 15948): the IHDR fields and the samples of a
 * non-interlaced grey or RGB image of 8 or 16 bits, unfiltered by hand with node:zlib. It shares
 * nothing with sharp/libspng, which write the files, so what it reads is what the file says.
 */
import { inflateSync } from 'node:zlib';

export interface PngFile {
  readonly width: number;
  readonly height: number;
  /** 8 or 16. */
  readonly bitDepth: number;
  /** 0 grey, 2 RGB (ISO/IEC 15948 Table 11.1). */
  readonly colourType: number;
  /** Row by row, samples of a pixel together, as unsigned integers. */
  readonly samples: number[];
}

/** Paeth predictor (ISO/IEC 15948 §9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePngFile(bytes: Uint8Array): PngFile {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, n) => bytes[n] === byte)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: Omit<PngFile, 'samples'> | undefined;
  let interlace = 0;
  const data: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const fields = new DataView(body.buffer, body.byteOffset, body.byteLength);
      header = {
        width: fields.getUint32(0),
        height: fields.getUint32(4),
        bitDepth: body[8]!,
        colourType: body[9]!,
      };
      interlace = body[12]!;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (header === undefined) throw new Error('no IHDR chunk');
  if (interlace !== 0) throw new Error('interlaced PNG');
  const channels = header.colourType === 0 ? 1 : header.colourType === 2 ? 3 : 0;
  if (channels === 0 || (header.bitDepth !== 8 && header.bitDepth !== 16)) {
    throw new Error(`colour type ${header.colourType} at ${header.bitDepth} bits is not read here`);
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixelBytes = (channels * header.bitDepth) / 8;
  const stride = header.width * pixelBytes;
  const rows = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= pixelBytes ? out[x - pixelBytes]! : 0;
      const b = above[x]!;
      const c = x >= pixelBytes ? above[x - pixelBytes]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predicted === undefined) throw new Error(`unknown filter type ${filter}`);
      out[x] = (line[x]! + predicted) & 0xff;
    }
  }
  // 16-bit samples are big-endian (ISO/IEC 15948 §7.1).
  const samples =
    header.bitDepth === 16
      ? Array.from({ length: rows.length / 2 }, (_, n) => (rows[2 * n]! << 8) | rows[2 * n + 1]!)
      : Array.from(rows);
  return { ...header, samples };
}
