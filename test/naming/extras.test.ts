import { describe, expect, it } from 'vitest';
import { extraText, pythonFloat, withExtras } from '../../src/naming/extras.js';
import type { SeriesInfo } from '../../src/naming/series-info.js';

function series(overrides: Partial<SeriesInfo>): SeriesInfo {
  return { SeriesUID: '1.2.3.01', SeriesDescription: 'series', ...overrides } as SeriesInfo;
}

const core = ['BRAIN', 'NONCON', 'SOFT', '2D', 'AXIAL', 'PRE'];

describe('withExtras', () => {
  it('R20: --extras SliceThickness,KVP on a CT with 5 mm slices and no KVP appends 5.0 only', () => {
    const ct = series({ Modality: 'CT', SliceThickness: 5, KVP: null });
    expect(withExtras(core, ct, ['SliceThickness', 'KVP']).join('-')).toBe(
      'BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0',
    );
  });

  it('appends in the order given, after fields that already carry extras', () => {
    const info = series({ SeriesNumber: 7, EchoTime: 2.3 });
    expect(withExtras([...core, 'LUTX'], info, ['EchoTime', 'SeriesNumber'])).toEqual([
      ...core,
      'LUTX',
      '2.3',
      '7',
    ]);
  });

  it('omits absent, empty and unknown keys (CT keys on an MR record)', () => {
    const mr = series({ BodyPartExamined: '', ScanOptions: [], ReceiveCoilName: null });
    expect(
      withExtras(core, mr, ['BodyPartExamined', 'ScanOptions', 'ReceiveCoilName', 'KVP', 'Nonsense']),
    ).toEqual(core);
  });
});

describe('extraText (Python str())', () => {
  it.each([
    ['SliceThickness', 5, '5.0'],
    ['MagneticFieldStrength', 3, '3.0'],
    ['RepetitionTime', 1999.99975585937, '1999.99975585937'],
    ['EchoTime', 0.1, '0.1'],
    ['SeriesNumber', 5, '5'],
    ['EchoTrainLength', 15, '15'],
    ['NumFiles', 100, '100'],
    ['MultiFrame', false, 'False'],
    ['ConvolutionKernel', 'H30s', 'H30s'],
    ['ReconMatrix', [256, 232], '[256, 232]'],
    ['ReconResolution', [0.9375, 1], '[0.9375, 1.0]'],
    ['ImageType', ['ORIGINAL', 'PRIMARY', 'M'], "('ORIGINAL', 'PRIMARY', 'M')"],
    ['SequenceType', ['GR'], "('GR',)"],
    ['ConvolutionKernel', ['FC13', 'AIDR 3D'], "('FC13', 'AIDR 3D')"],
    ['SoftwareVersions', ["syngo MR E11's"], '("syngo MR E11\'s",)'],
    ['ImageOrientationPatient', [1, 0, 0, 0, 0.99999, -0.0044], '[1.0, 0.0, 0.0, 0.0, 1.0, -0.0044]'],
  ] as const)('%s %j → %s', (key, value, expected) => {
    expect(extraText(series({ [key]: value }), key)).toBe(expected);
  });
});

describe('pythonFloat', () => {
  it.each([
    [5, '5.0'],
    [-2.5, '-2.5'],
    [0, '0.0'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345e22, '1.2345e+22'],
    [123456.789, '123456.789'],
    [0.30000000000000004, '0.30000000000000004'],
    [Number.POSITIVE_INFINITY, 'inf'],
  ])('%d → %s', (value, expected) => {
    expect(pythonFloat(value)).toBe(expected);
  });
});
