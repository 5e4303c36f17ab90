/**
 * decodeNpy: what encodeNpy writes comes back; arrays NumPy itself saved (little and big endian,
 * format 2.0) read as NumPy holds them; Fortran order and object dtypes are refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missing, nibabel, referencePython } from '../../../test/support/requirements.js';
import { decodeNpy, NpyFormatError } from './decode-npy.js';
import { encodeNpy } from './encode-npy.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-decode-npy-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('decodeNpy', () => {
  it('reads back what encodeNpy writes, for every dtype', () => {
    for (const data of [
      Uint8Array.of(1, 255),
      Int8Array.of(-1, 5),
      Uint16Array.of(65_535, 3),
      Int16Array.of(-32_768, 7),
      Uint32Array.of(4_000_000_000, 1),
      Int32Array.of(-2_000_000_000, 1),
      Float32Array.of(1.5, -0.25),
      Float64Array.of(Math.PI, -1e300),
    ]) {
      const array = decodeNpy(encodeNpy(data, [1, 2]));
      expect(array.shape).toEqual([1, 2]);
      expect(array.data).toEqual(data);
    }
  });

  it('refuses Fortran order and non-numeric dtypes', () => {
    const fortran = encodeNpy(Uint8Array.of(1, 2), [2]);
    const text = new TextDecoder('latin1')
      .decode(fortran)
      .replace("'fortran_order': False", "'fortran_order': True ");
    expect(() => decodeNpy(Uint8Array.from(text, (c) => c.charCodeAt(0)))).toThrow(/Fortran order/);
    const object = new TextDecoder('latin1').decode(fortran).replace("'|u1'", "'|O8'");
    expect(() => decodeNpy(Uint8Array.from(object, (c) => c.charCodeAt(0)))).toThrow(NpyFormatError);
    expect(() => decodeNpy(Uint8Array.of(1, 2, 3))).toThrow(/NumPy magic/);
  });
});

// The reference Python with nibabel has NumPy (nibabel needs it).
describe.skipIf(missing(nibabel()))('decodeNpy on files NumPy saved', () => {
  it('reads little- and big-endian arrays and format 2.0 as NumPy holds them', () => {
    const script = `
import numpy as np, sys
folder = sys.argv[1]
a = (np.arange(2*3*4, dtype=np.int32) * 1000003 - 7000000).reshape(2, 3, 4)
np.save(folder + '/little.npy', a.astype('<f8') / 3)
np.save(folder + '/big.npy', a.astype('>i4'))
np.lib.format.write_array(open(folder + '/v2.npy', 'wb'), a.astype('<i2'), version=(2, 0))
`;
    const run = spawnSync(referencePython, ['-c', script, folder], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const expected = Int32Array.from({ length: 24 }, (_, n) => n * 1_000_003 - 7_000_000);
    const little = decodeNpy(readFileSync(join(folder, 'little.npy')));
    expect(little.dtype).toBe('float64');
    expect(little.shape).toEqual([2, 3, 4]);
    expect(Array.from(little.data)).toEqual(Array.from(expected, (value) => value / 3));
    const big = decodeNpy(readFileSync(join(folder, 'big.npy')));
    expect(Array.from(big.data)).toEqual(Array.from(expected));
    const v2 = decodeNpy(readFileSync(join(folder, 'v2.npy')));
    expect(Array.from(v2.data)).toEqual(Array.from(Int16Array.from(expected)));
  });
});
