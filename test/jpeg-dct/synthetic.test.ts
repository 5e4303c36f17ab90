/**
 * Codestreams the corpus lacks — restart intervals, non-interleaved and partially interleaved
 * multi-scan images, 12-bit colour, unusual sampling factors, components 1-2 samples wide —
 * made by the test encoder, decoded by dcmdjpeg (via `reference.py wrap`) and by our decoder:
 * the samples must be identical in all three colour modes.
 *
 * Then the same for damaged restart-interval streams (a lost RSTn, RSTn out of sequence, garbage
 * before a marker, an interval cut short, fill bytes): IJG recovers from these without failing,
 * so dcmdjpeg's samples show its exact recovery (resync actions, zeroed MCUs), which ours must match.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type DecodeJpegOptions, decodeJpegDct } from '../../src/dicom/pixel/jpeg-dct/index.js';
import { missing, pydicom, referencePython, tool } from '../support/requirements.js';
import { type EncodeOptions, encodeJpeg } from './encoder.js';

type Mode = 'never' | 'always' | 'guess';
const MODES: Record<Mode, DecodeJpegOptions> = {
  never: { colorTransform: false },
  always: { colorTransform: true },
  guess: { colorTransform: 'guess' },
};

/** A textured test pattern: gradients, a sine and a hash, per component. */
function pattern(precision: 8 | 12): (x: number, y: number, c: number) => number {
  const max = (1 << precision) - 1;
  return (x, y, c) => {
    const t =
      0.5 + 0.25 * Math.sin(x * 0.31 + c) * Math.cos(y * 0.17 - c) + ((x * 7 + y * 13 + c * 5) % 17) / 80;
    return Math.max(0, Math.min(max, Math.round(t * max + (x - y) * 0.3)));
  };
}

const ycc = (hy: number, vy: number, hc = 1, vc = 1) => [
  { id: 1, h: hy, v: vy, tq: 0 },
  { id: 2, h: hc, v: vc, tq: 1 },
  { id: 3, h: hc, v: vc, tq: 1 },
];
const JFIF = { marker: 0xe0, payload: [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0] };
const adobe = (transform: number) => ({
  marker: 0xee,
  payload: [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, transform],
});
const ADOBE_RGB = adobe(0);
const four = (hy: number, vy: number) =>
  [1, 2, 3, 4].map((id) => ({ id, h: id === 1 ? hy : 1, v: id === 1 ? vy : 1, tq: 0 }));

const CASES: Record<string, Omit<EncodeOptions, 'sample'>> = {
  'grey 8-bit, odd size, restart interval 3': {
    width: 61,
    height: 45,
    precision: 8,
    components: [{ id: 1, h: 1, v: 1, tq: 0 }],
    restartInterval: 3,
  },
  'grey 12-bit, restart interval 5': {
    width: 100,
    height: 37,
    precision: 12,
    components: [{ id: 1, h: 1, v: 1, tq: 0 }],
    restartInterval: 5,
  },
  'grey 8-bit, sampling 2x2 on its own (non-interleaved MCU = 1 block)': {
    width: 27,
    height: 19,
    precision: 8,
    components: [{ id: 1, h: 2, v: 2, tq: 0 }],
    restartInterval: 4,
  },
  'YCbCr 4:2:0 8-bit, JFIF, restart interval 2': {
    width: 53,
    height: 41,
    precision: 8,
    components: ycc(2, 2),
    restartInterval: 2,
    appSegments: [JFIF],
  },
  'YCbCr 4:2:2 8-bit, three non-interleaved scans, restart interval 7': {
    width: 50,
    height: 33,
    precision: 8,
    components: ycc(2, 1),
    scans: [[0], [1], [2]],
    restartInterval: 7,
  },
  'YCbCr 4:2:0 8-bit, scans [Y] then [Cb, Cr] interleaved': {
    width: 40,
    height: 24,
    precision: 8,
    components: ycc(2, 2),
    scans: [[0], [1, 2]],
  },
  'YCbCr 1x2 (vertical 2:1, replicated by IJG 6b)': {
    width: 30,
    height: 21,
    precision: 8,
    components: ycc(1, 2),
  },
  'YCbCr 3x1 (integral 3:1)': {
    width: 47,
    height: 16,
    precision: 8,
    components: ycc(3, 1),
  },
  'YCbCr 4x2, MCU of 10 blocks': {
    width: 70,
    height: 35,
    precision: 8,
    components: ycc(4, 2),
    restartInterval: 1,
  },
  'chroma sampled finer than luma (Y 1x1, Cb Cr 2x2)': {
    width: 33,
    height: 17,
    precision: 8,
    components: ycc(1, 1, 2, 2),
  },
  'YCbCr 4:2:0 12-bit, restart interval 4': {
    width: 45,
    height: 30,
    precision: 12,
    components: ycc(2, 2),
    restartInterval: 4,
  },
  'YCbCr 4:2:0, 4 pixels wide (chroma 2 wide: replicated)': {
    width: 4,
    height: 9,
    precision: 8,
    components: ycc(2, 2),
  },
  'YCbCr 4:2:2, 5 pixels wide (chroma 3 wide: fancy)': {
    width: 5,
    height: 3,
    precision: 8,
    components: ycc(2, 1),
  },
  'YCbCr 4:2:0, 1x1 pixel': {
    width: 1,
    height: 1,
    precision: 8,
    components: ycc(2, 2),
  },
  'RGB with Adobe transform 0': {
    width: 24,
    height: 20,
    precision: 8,
    components: [
      { id: 82, h: 1, v: 1, tq: 0 },
      { id: 71, h: 1, v: 1, tq: 0 },
      { id: 66, h: 1, v: 1, tq: 0 },
    ],
    appSegments: [ADOBE_RGB],
  },
  'YCCK (Adobe transform 2), 4 components, K at full resolution': {
    width: 30,
    height: 20,
    precision: 8,
    components: four(2, 2),
    appSegments: [adobe(2)],
  },
  'CMYK (Adobe transform 0)': {
    width: 19,
    height: 9,
    precision: 8,
    components: four(1, 1),
    appSegments: [adobe(0)],
  },
  '4 components, no Adobe marker (CMYK by IJG’s guess)': {
    width: 17,
    height: 11,
    precision: 8,
    components: four(1, 2),
  },
  '2 components (colour space unknown to IJG)': {
    width: 20,
    height: 12,
    precision: 8,
    components: ycc(2, 1).slice(0, 2),
  },
};

/** Positions of the RSTn markers (FF D0..D7) of a codestream. */
function restartMarkers(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0xff && (bytes[i + 1] as number) >= 0xd0 && (bytes[i + 1] as number) <= 0xd7)
      out.push(i);
  }
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: number[] = []): Uint8Array {
  return Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at + remove)]);
}

function renumber(bytes: Uint8Array, at: number, shift: number): Uint8Array {
  const out = bytes.slice();
  out[at + 1] = 0xd0 + (((out[at + 1] as number) - 0xd0 + shift) & 7);
  return out;
}

/** Damage applied to a restart-interval codestream; `warns` says whether IJG would warn. */
const DAMAGE: Record<string, { damage: (bytes: Uint8Array, rst: number[]) => Uint8Array; warns: boolean }> = {
  'a lost RST marker': { damage: (b, rst) => splice(b, rst[1] as number, 2), warns: true },
  'RST numbered +1 ahead': { damage: (b, rst) => renumber(b, rst[2] as number, 1), warns: true },
  'RST numbered +2 ahead': { damage: (b, rst) => renumber(b, rst[2] as number, 2), warns: true },
  'RST numbered +4 (far off)': { damage: (b, rst) => renumber(b, rst[2] as number, 4), warns: true },
  'RST numbered -1 (a past one)': { damage: (b, rst) => renumber(b, rst[2] as number, 7), warns: true },
  'garbage bytes before an RST': {
    damage: (b, rst) => splice(b, rst[3] as number, 0, [1, 2, 3, 4, 5, 6, 7]),
    warns: true,
  },
  'an interval cut short': {
    damage: (b, rst) => {
      const start = (rst[4] as number) + 2;
      const keep = Math.floor(((rst[5] as number) - start) / 3);
      return splice(b, start + keep, (rst[5] as number) - start - keep);
    },
    warns: true,
  },
  'fill bytes before markers': {
    damage: (b, rst) =>
      splice(splice(b, b.length - 2, 0, [0xff, 0xff]), rst[0] as number, 0, [0xff, 0xff, 0xff]),
    warns: false,
  },
};

const DAMAGE_BASES: Record<string, Omit<EncodeOptions, 'sample'>> = {
  'grey 8-bit 64x64, restart interval 4': {
    width: 64,
    height: 64,
    precision: 8,
    components: [{ id: 1, h: 1, v: 1, tq: 0 }],
    restartInterval: 4,
  },
  'grey 12-bit 72x40, restart interval 3': {
    width: 72,
    height: 40,
    precision: 12,
    components: [{ id: 1, h: 1, v: 1, tq: 0 }],
    restartInterval: 3,
  },
  'YCbCr 4:2:0 8-bit 96x64, restart interval 2': {
    width: 96,
    height: 64,
    precision: 8,
    components: ycc(2, 2),
    restartInterval: 2,
    appSegments: [JFIF],
  },
};

interface Reference {
  file: string;
  refs: Record<Mode, string[] | null>;
}

const skip = missing(pydicom(), tool('dcmdjpeg'));
const workDir = skip ? '' : mkdtempSync(join(tmpdir(), 'radkit-jpeg-dct-synthetic-'));
const names = Object.keys(CASES);
const codestreams = new Map<string, Uint8Array>();
const damaged: { name: string; precision: 8 | 12; bytes: Uint8Array; warns: boolean }[] = [];
let references: Reference[] = [];

if (!skip) {
  const files = names.map((name, i) => {
    const options = CASES[name] as Omit<EncodeOptions, 'sample'>;
    const bytes = encodeJpeg({ ...options, sample: pattern(options.precision) });
    codestreams.set(name, bytes);
    const file = join(workDir, `case-${i}.jpg`);
    writeFileSync(file, bytes);
    return file;
  });
  for (const [base, options] of Object.entries(DAMAGE_BASES)) {
    const bytes = encodeJpeg({ ...options, sample: pattern(options.precision) });
    const rst = restartMarkers(bytes);
    for (const [how, { damage, warns }] of Object.entries(DAMAGE)) {
      const file = join(workDir, `damaged-${damaged.length}.jpg`);
      const out = damage(bytes, rst);
      writeFileSync(file, out);
      files.push(file);
      damaged.push({ name: `${base}: ${how}`, precision: options.precision, bytes: out, warns });
    }
  }
  const script = join(dirname(fileURLToPath(import.meta.url)), 'reference.py');
  const result = spawnSync(referencePython, [script, 'wrap', workDir, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`reference.py wrap failed (${result.status}): ${result.stderr}`);
  references = JSON.parse(result.stdout) as Reference[];
}

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe.skipIf(skip)('JPEG DCT decoder vs dcmdjpeg on synthetic codestreams', () => {
  names.forEach((name, i) => {
    for (const mode of Object.keys(MODES) as Mode[]) {
      it(`${name} (colour ${mode})`, () => {
        const options = CASES[name] as Omit<EncodeOptions, 'sample'>;
        const refs = references[i]?.refs[mode];
        expect(refs, 'dcmdjpeg decoded the codestream').toBeTruthy();
        const decoded = decodeJpegDct(codestreams.get(name) as Uint8Array, MODES[mode]);
        expect(decoded.warnings).toEqual([]);
        expect([decoded.width, decoded.height, decoded.components]).toEqual([
          options.width,
          options.height,
          options.components.length,
        ]);
        const bytes = readFileSync((refs as string[])[0] as string);
        const expected =
          options.precision === 8
            ? new Uint8Array(bytes)
            : new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
        expect(decoded.samples.length).toBe(expected.length);
        let diff = 0;
        for (let k = 0; k < expected.length; k++) {
          diff = Math.max(diff, Math.abs((decoded.samples[k] as number) - (expected[k] as number)));
        }
        expect(diff, 'max |decoded - dcmdjpeg|').toBe(0);
      });
    }
  });
});

describe.skipIf(skip)('JPEG DCT decoder vs dcmdjpeg on damaged restart intervals', () => {
  damaged.forEach((entry, j) => {
    it(entry.name, () => {
      const refs = references[names.length + j]?.refs.never;
      expect(refs, 'dcmdjpeg decoded the codestream').toBeTruthy();
      const decoded = decodeJpegDct(entry.bytes);
      expect(decoded.warnings.length > 0, decoded.warnings.join('; ')).toBe(entry.warns);
      const bytes = readFileSync((refs as string[])[0] as string);
      const expected =
        entry.precision === 8
          ? new Uint8Array(bytes)
          : new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
      expect(decoded.samples.length).toBe(expected.length);
      let diff = 0;
      for (let k = 0; k < expected.length; k++) {
        diff = Math.max(diff, Math.abs((decoded.samples[k] as number) - (expected[k] as number)));
      }
      expect(diff, 'max |decoded - dcmdjpeg|').toBe(0);
    });
  });
});
