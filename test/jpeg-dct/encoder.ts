/**
 * A small, deliberately plain JPEG encoder for tests: sequential Huffman DCT (SOF0 / SOF1),
 * 8- or 12-bit, any sampling factors, restart intervals, any split of the components into
 * scans. It exists to produce codestreams the corpus lacks (restart markers, multi-scan
 * non-interleaved images, 12-bit colour, unusual sampling) so the decoder can be compared with
 * dcmdjpeg on them. Compression quality is irrelevant: a float forward DCT (T.81 A.3.3),
 * box-filter downsampling and fixed Huffman tables that cover every symbol.
 */

export interface EncodeComponent {
  id: number;
  h: number;
  v: number;
  /** Quantization table (0 or 1). */
  tq: number;
}

export interface EncodeOptions {
  width: number;
  height: number;
  precision: 8 | 12;
  components: EncodeComponent[];
  /** Full-resolution sample of component `c` at (x, y), 0..2^precision-1. */
  sample: (x: number, y: number, c: number) => number;
  /** Component indices of each scan, e.g. [[0, 1, 2]] (one interleaved scan) or [[0], [1], [2]]. */
  scans?: number[][];
  /** Restart interval in MCUs (0 = none). */
  restartInterval?: number;
  /** Uniform quantizer step per table (default [4, 6]). */
  quantSteps?: [number, number];
  /** Segments to put after SOI, e.g. a JFIF APP0 or Adobe APP14 (marker code and payload). */
  appSegments?: { marker: number; payload: number[] }[];
}

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
];

/**
 * DC: 15 categories get 4-bit codes, one a 5-bit code (no all-ones code, as IJG requires).
 * Category 1 comes first, so the all-zero code is not "no difference": zero bits supplied past
 * the end of a segment then decode to non-zero values, which makes IJG's rule of zeroing those
 * MCUs observable.
 */
const DC_COUNTS = [0, 0, 0, 15, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [1, 0, ...Array.from({ length: 14 }, (_, i) => i + 2)];
/** AC: every run/size with size 1..15, EOB and ZRL, all 8-bit codes (242 codes, none all ones). */
const AC_SYMBOLS: number[] = [];
for (let r = 0; r < 16; r++) for (let s = 1; s < 16; s++) AC_SYMBOLS.push((r << 4) | s);
AC_SYMBOLS.push(0x00, 0xf0);
const AC_COUNTS = [0, 0, 0, 0, 0, 0, 0, AC_SYMBOLS.length, 0, 0, 0, 0, 0, 0, 0, 0];

function codeTable(counts: number[], symbols: number[]): Map<number, { code: number; length: number }> {
  const table = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    for (let i = 0; i < (counts[l - 1] as number); i++)
      table.set(symbols[k++] as number, { code: code++, length: l });
    code <<= 1;
  }
  return table;
}

const DC_CODES = codeTable(DC_COUNTS, DC_SYMBOLS);
const AC_CODES = codeTable(AC_COUNTS, AC_SYMBOLS);

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // B.1.1.5 byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  /** Pad the last byte with 1-bits (F.1.2.3). */
  align(): void {
    while (this.n !== 0) this.write(1, 1);
  }
}

function category(value: number): number {
  let a = Math.abs(value);
  let s = 0;
  while (a > 0) {
    s++;
    a >>= 1;
  }
  return s;
}

function writeValue(w: BitWriter, value: number, size: number): void {
  if (size > 0) w.write(value < 0 ? value + (1 << size) - 1 : value, size);
}

/** COS[x * 8 + u] = C(u)/2 * cos((2x + 1) u pi / 16), the 1-D DCT basis of A.3.3. */
const COS = Float64Array.from({ length: 64 }, (_, i) => {
  const x = i >> 3;
  const u = i & 7;
  return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

/** Separable forward DCT (T.81 A.3.3 FDCT) of level-shifted samples. */
function forwardDct(block: Float64Array): Float64Array {
  const rows = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] as number) * (COS[x * 8 + u] as number);
      rows[y * 8 + u] = sum;
    }
  }
  const out = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += (rows[y * 8 + u] as number) * (COS[y * 8 + v] as number);
      out[v * 8 + u] = sum;
    }
  }
  return out;
}

/** Encode an image; returns the complete codestream (SOI ... EOI). */
export function encodeJpeg(options: EncodeOptions): Uint8Array {
  const { width, height, precision, components } = options;
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  const mcusX = Math.ceil(width / (8 * hMax));
  const mcusY = Math.ceil(height / (8 * vMax));
  const steps = options.quantSteps ?? [4, 6];
  const center = 1 << (precision - 1);
  const max = (1 << precision) - 1;

  // Quantized blocks per component, on the padded MCU grid.
  const blocks = components.map((comp, ci) => {
    const cw = Math.ceil((width * comp.h) / hMax);
    const ch = Math.ceil((height * comp.v) / vMax);
    const bw = mcusX * comp.h;
    const bh = mcusY * comp.v;
    const sx = hMax / comp.h;
    const sy = vMax / comp.v;
    const plane = (x: number, y: number): number => {
      const px = Math.min(x, cw - 1);
      const py = Math.min(y, ch - 1);
      let sum = 0;
      let n = 0;
      for (let dy = 0; dy < sy; dy++) {
        for (let dx = 0; dx < sx; dx++) {
          sum += options.sample(Math.min(px * sx + dx, width - 1), Math.min(py * sy + dy, height - 1), ci);
          n++;
        }
      }
      return Math.min(max, Math.max(0, Math.round(sum / n)));
    };
    const q = steps[comp.tq] as number;
    const out: Int32Array[] = [];
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        const block = new Float64Array(64);
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 8; x++) block[y * 8 + x] = plane(bx * 8 + x, by * 8 + y) - center;
        const f = forwardDct(block);
        out.push(Int32Array.from(f, (value) => Math.round(value / q)));
      }
    }
    return { out, bw, blocksPerLine: Math.ceil(cw / 8), blocksPerColumn: Math.ceil(ch / 8) };
  });

  const bytes: number[] = [0xff, 0xd8];
  const segment = (marker: number, payload: number[]): void => {
    bytes.push(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload);
  };
  for (const app of options.appSegments ?? []) segment(app.marker, app.payload);
  for (let t = 0; t < 2; t++) {
    const step = steps[t] as number;
    segment(
      0xdb,
      step > 255
        ? [
            0x10 | t,
            ...Array(64)
              .fill([step >> 8, step & 0xff])
              .flat(),
          ]
        : [t, ...Array(64).fill(step)],
    );
  }
  segment(precision === 8 ? 0xc0 : 0xc1, [
    precision,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    components.length,
    ...components.flatMap((c) => [c.id, (c.h << 4) | c.v, c.tq]),
  ]);
  segment(0xc4, [0x00, ...DC_COUNTS, ...DC_SYMBOLS, 0x10, ...AC_COUNTS, ...AC_SYMBOLS]);
  const ri = options.restartInterval ?? 0;
  if (ri > 0) segment(0xdd, [ri >> 8, ri & 0xff]);

  for (const scan of options.scans ?? [components.map((_, i) => i)]) {
    segment(0xda, [
      scan.length,
      ...scan.flatMap((ci) => [(components[ci] as EncodeComponent).id, 0x00]),
      0,
      63,
      0,
    ]);
    const w = new BitWriter();
    const predictors = scan.map(() => 0);
    const encodeBlock = (coef: Int32Array, k: number): void => {
      const diff = (coef[0] as number) - (predictors[k] as number);
      predictors[k] = coef[0] as number;
      const s = category(diff);
      const dc = DC_CODES.get(s);
      if (dc === undefined) throw new Error(`DC difference ${diff} out of range`);
      w.write(dc.code, dc.length);
      writeValue(w, diff, s);
      let run = 0;
      for (let i = 1; i < 64; i++) {
        const value = coef[ZIGZAG[i] as number] as number;
        if (value === 0) {
          run++;
          continue;
        }
        while (run > 15) {
          const zrl = AC_CODES.get(0xf0) as { code: number; length: number };
          w.write(zrl.code, zrl.length);
          run -= 16;
        }
        const size = category(value);
        const ac = AC_CODES.get((run << 4) | size);
        if (ac === undefined) throw new Error(`AC value ${value} out of range`);
        w.write(ac.code, ac.length);
        writeValue(w, value, size);
        run = 0;
      }
      if (run > 0) {
        const eob = AC_CODES.get(0) as { code: number; length: number };
        w.write(eob.code, eob.length);
      }
    };
    const single = scan.length === 1;
    const first = blocks[scan[0] as number] as (typeof blocks)[number];
    const total = single ? first.blocksPerLine * first.blocksPerColumn : mcusX * mcusY;
    let restarts = 0;
    for (let m = 0; m < total; m++) {
      if (ri > 0 && m > 0 && m % ri === 0) {
        w.align();
        w.bytes.push(0xff, 0xd0 + (restarts++ & 7));
        predictors.fill(0);
      }
      if (single) {
        const row = Math.floor(m / first.blocksPerLine);
        const col = m % first.blocksPerLine;
        encodeBlock(first.out[row * first.bw + col] as Int32Array, 0);
        continue;
      }
      const row = Math.floor(m / mcusX);
      const col = m % mcusX;
      scan.forEach((ci, k) => {
        const comp = components[ci] as EncodeComponent;
        const b = blocks[ci] as (typeof blocks)[number];
        for (let y = 0; y < comp.v; y++) {
          for (let x = 0; x < comp.h; x++) {
            encodeBlock(b.out[(row * comp.v + y) * b.bw + col * comp.h + x] as Int32Array, k);
          }
        }
      });
    }
    w.align();
    for (const b of w.bytes) bytes.push(b);
  }
  bytes.push(0xff, 0xd9);
  return Uint8Array.from(bytes);
}
