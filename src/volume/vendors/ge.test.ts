import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type GeMr, gePhaseEncodingPolarity, geProtocolSliceTimingMs, geTotalReadoutTimeMs } from './ge.js';
import { geGradientToBvec } from './ge-diffusion.js';
import { parseGeProtocolBlock } from './ge-protocol.js';

function block(text: string): Uint8Array {
  const stream = gzipSync(Buffer.from(text, 'latin1'));
  const out = new Uint8Array(stream.length + 4);
  new DataView(out.buffer).setUint32(0, stream.length, true);
  out.set(stream, 4);
  return out;
}

const gunzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(bytes));

const ge = (values: Partial<GeMr>): GeMr => values as GeMr;

describe('GE Protocol Data Block', () => {
  it('decompresses the length-prefixed gzip stream into KEY → value', () => {
    const { protocol, issues } = parseGeProtocolBlock(
      block('SLICEORDER "1"\nCOIL "32Ch Head"\nNOSLC "15"\n'),
      gunzip,
    );
    expect(issues).toEqual([]);
    expect([...protocol!]).toEqual([
      ['SLICEORDER', '1'],
      ['COIL', '32Ch Head'],
      ['NOSLC', '15'],
    ]);
  });

  it('reports damaged, foreign and XML blocks as Issues', () => {
    const corrupt = block('SLICEORDER "1"\n');
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    for (const bytes of [new Uint8Array([1, 2, 3, 4, 5, 6]), corrupt, block('<?xml version="1.0"?><a/>')]) {
      const { protocol, issues } = parseGeProtocolBlock(bytes, gunzip, '(0025,101B)');
      expect(protocol).toBeUndefined();
      expect(issues[0]).toMatchObject({ code: 'ge-protocol-malformed', where: { tag: '(0025,101B)' } });
    }
  });
});

describe('GE derivations', () => {
  it('spreads single-band slices over TR, interleaved odd-first', () => {
    expect(geProtocolSliceTimingMs(ge({ sliceOrder: 'interleaved', slicesPerVolume: 5 }), 1000)).toEqual([
      0, 600, 200, 800, 400,
    ]);
    expect(geProtocolSliceTimingMs(ge({ sliceOrder: 'sequential', slicesPerVolume: 4 }), 1000)).toEqual([
      0, 250, 500, 750,
    ]);
    expect(
      geProtocolSliceTimingMs(
        ge({ sliceOrder: 'interleaved', slicesPerVolume: 4, multibandFactor: 2 }),
        1000,
      ),
    ).toBeUndefined();
  });

  it('computes the total readout time of GE/README’s example', () => {
    const value = geTotalReadoutTimeMs(
      ge({ effectiveEchoSpacingUs: 636, parallelReductionFactorInPlane: 1.5 }),
      128,
      true,
    );
    expect(value).toBeCloseTo(55.332, 6);
  });

  it('reads the phase encoding polarity from User Define Data', () => {
    const bytes = new Uint8Array(1024);
    const view = new DataView(bytes.buffer);
    view.setUint16(24, 0, true); // header offset
    view.setFloat32(0, 20, true); // structure version before 25.002
    view.setInt16(0x3a, 0x800, true); // EPI
    view.setInt16(0x30, 0x0004, true); // polarity flipped
    expect(gePhaseEncodingPolarity(bytes)).toBe('Flipped');
    view.setInt16(0x394, 2, true); // bottom-up ky toggles it
    expect(gePhaseEncodingPolarity(bytes)).toBe('Unflipped');
    view.setInt16(0x3a, 0, true);
    expect(gePhaseEncodingPolarity(bytes)).toBeUndefined();
    expect(gePhaseEncodingPolarity(bytes.subarray(0, 100))).toBeUndefined();
  });

  it('turns GE gradients into bvecs, rescaling b for short gradients', () => {
    const options = { columnPhaseEncoding: true, sliceDirection: 3 };
    expect(geGradientToBvec(1000, [0.6, 0.8, 0], options)).toEqual({ bValue: 1000, bvec: [-0.6, 0.8, 0] });
    const short = geGradientToBvec(1000, [0.5, 0, 0], options);
    expect(short.bValue).toBe(250);
    expect(short.bvec[0]).toBeCloseTo(-1, 12);
    expect(geGradientToBvec(0, [0.5, 0.5, 0.5], options).bvec).toEqual([0, 0, 0]);
  });
});
