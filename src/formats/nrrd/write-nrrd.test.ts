/**
 * The NRRD header radkit writes (fields, kinds, labels, spacings of extra axes, key/values), the
 * detached data file beside a .nhdr, and the names it refuses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testVolume } from '../../../test/formats/volumes.js';
import { affineFromRows } from '../../geometry/index.js';
import { NrrdFormatError } from './errors.js';
import { nrrdHeaderText, writeNrrdFile } from './write-nrrd.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-write-nrrd-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const affine = affineFromRows([0.5, 0, 0, -10.25, 0, 0.75, 0, 20, 0, 0, 3, 1e-7]);

describe('nrrdHeaderText', () => {
  it('writes LPS space, one direction per image axis, none for colour and extra axes', () => {
    const volume = testVolume({
      dtype: 'uint8',
      samples: 3,
      affine,
      extra: [{ name: 'time', values: [0, 2, 4] }],
      rescale: { slope: 2, intercept: -3 },
    });
    const { text, issues } = nrrdHeaderText(volume, { encoding: 'gzip' });
    expect(text.split('\n')).toEqual([
      'NRRD0004',
      'type: uint8',
      'dimension: 5',
      'space: left-posterior-superior',
      'sizes: 3 5 4 3 3',
      'space directions: none (0.5,0,0) (0,0.75,0) (0,0,3) none',
      'kinds: RGB-color domain domain domain list',
      'labels: "" "" "" "" "time"',
      'spacings: NaN NaN NaN NaN 2',
      'axis mins: NaN NaN NaN NaN 0',
      'endian: little',
      'encoding: gzip',
      'space units: "mm" "mm" "mm"',
      'space origin: (-10.25,20,1e-7)',
      'RescaleSlope:=2',
      'RescaleIntercept:=-3',
      '',
      '',
    ]);
    expect(issues).toEqual([]);
  });

  it('lists uneven axis values as a key/value pair, and names the data file of a detached header', () => {
    const volume = testVolume({ dtype: 'int16', affine, extra: [{ name: 'b', values: [0, 1000, 3000] }] });
    const { text, issues } = nrrdHeaderText(volume, { encoding: 'raw', dataFile: 'x.raw' });
    expect(text).toContain('\ndata file: x.raw\naxis 3 values:=0 1000 3000\n');
    expect(text).not.toContain('spacings');
    expect(text.endsWith('\n\n')).toBe(false);
    expect(issues.map((issue) => issue.code)).toEqual(['nrrd-axis-values']);
  });
});

describe('writeNrrdFile', () => {
  it('puts the data of a .nhdr in <name>.raw.gz beside it, named relative to the header', async () => {
    const written = await writeNrrdFile(join(folder, 'h.nhdr'), testVolume({ dtype: 'float32' }));
    expect(written.paths).toEqual([join(folder, 'h.nhdr'), join(folder, 'h.raw.gz')]);
    expect(readFileSync(join(folder, 'h.nhdr'), 'utf8')).toContain('\ndata file: h.raw.gz\n');
    expect([...readFileSync(join(folder, 'h.raw.gz')).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('refuses a name that is neither .nrrd nor .nhdr, writing nothing', async () => {
    await expect(writeNrrdFile(join(folder, 'h.raw'), testVolume({ dtype: 'uint8' }))).rejects.toThrow(
      NrrdFormatError,
    );
    expect(existsSync(join(folder, 'h.raw'))).toBe(false);
  });
});
