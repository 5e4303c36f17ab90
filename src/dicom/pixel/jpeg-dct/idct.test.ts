import { describe, expect, it } from 'vitest';
import { createIdctContext, idctBlock, rangeLimitTable } from './idct.js';

function run(precision: 8 | 12, coefficients: number[], quantStep: number | number[]): number[] {
  const ctx = createIdctContext(precision);
  const block = new Int16Array(64);
  coefficients.forEach((value, i) => {
    block[i] = value;
  });
  const quant = new Int32Array(64).fill(typeof quantStep === 'number' ? quantStep : 1);
  if (Array.isArray(quantStep)) quant.set(quantStep);
  const out = new Uint16Array(64);
  idctBlock(ctx, block, 0, quant, out, 0, 8);
  return Array.from(out);
}

/** Exact 2-D IDCT of T.81 A.3.3, level-shifted, rounded and clamped. */
function reference(precision: 8 | 12, coefficients: number[], q: number): number[] {
  const out: number[] = [];
  const center = 1 << (precision - 1);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          const c = (coefficients[v * 8 + u] ?? 0) * q;
          const cu = u === 0 ? Math.SQRT1_2 : 1;
          const cv = v === 0 ? Math.SQRT1_2 : 1;
          sum +=
            cu *
            cv *
            c *
            Math.cos(((2 * x + 1) * u * Math.PI) / 16) *
            Math.cos(((2 * y + 1) * v * Math.PI) / 16);
        }
      }
      out.push(Math.min(2 * center - 1, Math.max(0, Math.round(sum / 4 + center))));
    }
  }
  return out;
}

describe('islow IDCT (IJG jidctint.c)', () => {
  it('turns a DC-only 8-bit block into a flat block (3 x 8 / 8 = 3, + 128 = 131)', () => {
    // Column pass: 24 << PASS1_BITS(2) = 96; row pass: (96 + 16) >> 5 = 3; level shift +128.
    expect(run(8, [3], 8)).toEqual(Array(64).fill(131));
  });

  it('turns a DC-only 12-bit block into a flat block (+ 2048, PASS1_BITS = 1)', () => {
    // Column pass: 24 << 1 = 48; row pass: (48 + 8) >> 4 = 3; level shift +2048.
    expect(run(12, [3], 8)).toEqual(Array(64).fill(2051));
  });

  it('rounds halves upwards as DESCALE does: +0.5 → 129, -0.5 → 128', () => {
    expect(run(8, [1], 4)).toEqual(Array(64).fill(129));
    expect(run(8, [-1], 4)).toEqual(Array(64).fill(128));
  });

  it('clamps to 0..255 and 0..4095', () => {
    expect(run(8, [200], 8)).toEqual(Array(64).fill(255));
    expect(run(8, [-200], 8)).toEqual(Array(64).fill(0));
    expect(run(12, [1200], 16)).toEqual(Array(64).fill(4095));
    expect(run(12, [-1200], 16)).toEqual(Array(64).fill(0));
    expect(run(12, [1000], 16)).toEqual(Array(64).fill(4048));
  });

  it('dequantizes with the table in natural order', () => {
    // DC step 2 and every other step 100: only the DC coefficient is present, so only q[0] counts.
    expect(run(8, [40], [2, ...Array(63).fill(100)])).toEqual(Array(64).fill(138));
  });

  it('stays within 1 of the exact IDCT on busy blocks', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (const precision of [8, 12] as const) {
      for (let trial = 0; trial < 50; trial++) {
        const scale = precision === 8 ? 40 : 600;
        const coefficients = Array.from({ length: 64 }, (_, i) =>
          i === 0 || random() < 0.3 ? Math.round((random() - 0.5) * scale) : 0,
        );
        const got = run(precision, coefficients, 2);
        const want = reference(precision, coefficients, 2);
        const worst = Math.max(...got.map((value, i) => Math.abs(value - (want[i] as number))));
        expect(worst).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reproduces IJG’s range-limit table, including its wrap-around for wild values', () => {
    const t8 = rangeLimitTable(8);
    expect(t8.length).toBe(1024);
    expect(t8[0]).toBe(128); // 0 + CENTER
    expect(t8[127]).toBe(255);
    expect(t8[128]).toBe(255); // saturates
    expect(t8[-100 & 1023]).toBe(28);
    expect(t8[-128 & 1023]).toBe(0);
    expect(t8[-129 & 1023]).toBe(0); // saturates at 0
    expect(t8[600]).toBe(0); // far out of range: IJG's table gives 0 here ...
    expect(t8[1000]).toBe(104); // ... and wraps here (1000 - 896)
    const t12 = rangeLimitTable(12);
    expect(t12.length).toBe(16384);
    expect(t12[2047]).toBe(4095);
    expect(t12[-2048 & 16383]).toBe(0);
    expect(t12[-1 & 16383]).toBe(2047);
  });
});
