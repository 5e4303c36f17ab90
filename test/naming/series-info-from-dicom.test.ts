/**
 * `seriesInfoOf` on real headers against what radifox-convert recorded for the same files
 * (shared/reference/radifox-example: the sidecar of dcm_qa_xa30i series 9001 and the
 * UnconvertedInfo of the session's skipped series), and `framesAsClassicHeaders` on an enhanced
 * Philips instance and on a synthetic one that exercises every functional-group mapping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, getString, getStrings, resolveTag } from '../../src/dicom/index.js';
import {
  framesAsClassicHeaders,
  predictName,
  type SeriesInfo,
  seriesInfoOf,
} from '../../src/naming/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, corpusRoot, missing } from '../support/requirements.js';

const exampleFolder = resolve(corpusRoot, '..', 'reference', 'radifox-example');
const xa30i = corpus('dcm_qa/dcm_qa_xa30i/In');

/** Keys radkit computes elsewhere (hashes) or that come from naming, not from the header. */
const notFromHeader = new Set([
  'SourceHash',
  'NiftiHash',
  'ConvertImage',
  'NiftiCreated',
  'LookupName',
  'PredictedName',
  'ManualName',
  'NiftiName',
]);

function headerKeys(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !notFromHeader.has(key)));
}

const byName = (a: string, b: string) => {
  const [x, y] = [a.split('/').pop()!, b.split('/').pop()!];
  return x < y ? -1 : x > y ? 1 : 0;
};

interface CorpusHeader {
  readonly file: string;
  readonly header: Dataset;
}

function headersOf(folder: string): CorpusHeader[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => ({ file, header: readDicomFile(file, { headerOnly: true }).dataset }));
}

describe.skipIf(missing(xa30i))('seriesInfoOf on dcm_qa_xa30i', () => {
  const headers = xa30i.ok ? headersOf(xa30i.path) : [];

  it('the folder holds the 13 series folders RADIFOX made: 6 series, the scouts split by orientation', () => {
    const uids = headers.map(({ header }) => getString(header, 'SeriesInstanceUID'));
    expect(new Set(uids).size).toBe(6);
    const folders = headers.map(({ header }, n) => {
      const info = seriesInfoOf([header], { sourcePath: 'dcm/x', numFiles: 1, multiFrame: false });
      return `${uids[n]} ${JSON.stringify(info.ImageOrientationPatient)}`;
    });
    expect(new Set(folders).size).toBe(13);
  });

  it('series 9001 reproduces the SeriesInfo of the RADIFOX sidecar', () => {
    const expected = JSON.parse(
      readFileSync(join(exampleFolder, 'QA-DCMQA-XA30I_1_01-04_BRAIN-T1-GRE-2D-AXIAL-PRE.json'), 'utf8'),
    ).SeriesInfo as Record<string, unknown>;
    const series = headers
      .filter(({ header }) => getString(header, 'SeriesNumber') === '9001')
      .sort((a, b) => byName(a.file, b.file));
    expect(series).toHaveLength(33);
    const info = seriesInfoOf(
      series.map(({ header }) => header),
      { sourcePath: expected.SourcePath as string, numFiles: series.length, multiFrame: false },
    );
    expect(headerKeys(info as unknown as Record<string, unknown>)).toEqual(headerKeys(expected));
    expect(predictName(info).parts).toEqual(expected.PredictedName);
  });

  it('every skipped series of the session reproduces its UnconvertedInfo record', () => {
    const unconverted = JSON.parse(
      readFileSync(join(exampleFolder, 'QA-DCMQA-XA30I_1_UnconvertedInfo.json'), 'utf8'),
    ).SeriesList as Record<string, unknown>[];
    expect(unconverted).toHaveLength(10);
    for (const expected of unconverted) {
      // The folder RADIFOX made: the series' files with this orientation, described by the first by name.
      const uid = (expected.SeriesUID as string).split('.').slice(0, -1).join('.');
      const folder = headers
        .filter(({ header }) => getString(header, 'SeriesInstanceUID') === uid)
        .map((entry) => ({
          ...entry,
          info: seriesInfoOf([entry.header], {
            sourcePath: expected.SourcePath as string,
            numFiles: expected.NumFiles as number,
            multiFrame: false,
          }),
        }))
        .filter(
          ({ info }) =>
            JSON.stringify(info.ImageOrientationPatient) === JSON.stringify(expected.ImageOrientationPatient),
        )
        .sort((a, b) => byName(a.file, b.file));
      expect(folder).toHaveLength(expected.NumFiles as number);
      expect(headerKeys(folder[0]!.info as unknown as Record<string, unknown>)).toEqual(headerKeys(expected));
    }
  });
});

const philipsEnhanced = corpus('dcm_qa/dcm_qa_enh/In/Philips/IM_0027_fMAP.dcm');

describe.skipIf(missing(philipsEnhanced))('framesAsClassicHeaders on a Philips enhanced field map', () => {
  const dataset = philipsEnhanced.ok
    ? readDicomFile(philipsEnhanced.path, { headerOnly: true }).dataset
    : new Dataset();

  it('gives one classic header per frame, with the classic codes', () => {
    const frames = framesAsClassicHeaders(dataset);
    expect(frames).toHaveLength(64);
    const first = frames[0]!;
    expect(getStrings(first, 'ScanningSequence')).toEqual(['GR']);
    expect(getStrings(first, 'SequenceVariant')).toEqual(['SS']);
    expect(getString(first, 'EchoTime')).toBe('1.52');
    expect(first.has(resolveTag('PerFrameFunctionalGroupsSequence'))).toBe(false);
    expect(first.has(resolveTag('NumberOfFrames'))).toBe(false);
  });

  it('splits into the two series radifox-convert made, each named as it was', () => {
    const groups = new Map<string, Dataset[]>();
    for (const frame of framesAsClassicHeaders(dataset)) {
      const key = getStrings(frame, 'ImageType').join('\\');
      groups.set(key, [...(groups.get(key) ?? []), frame]);
    }
    expect([...groups.keys()]).toEqual([
      'ORIGINAL\\PRIMARY\\M_FFE\\M\\FFE',
      'ORIGINAL\\PRIMARY\\B0 MAP\\B0\\UNSPECIFIED',
    ]);
    const infos: SeriesInfo[] = [...groups.values()].map((frames, n) =>
      seriesInfoOf(frames, {
        sourcePath: 'dcm/1.3.46.670589.11.17240.5.0.13036.2018052615250924005',
        seriesUID: `1.3.46.670589.11.17240.5.0.13036.2018052615250924005.0${n}`,
        numFiles: frames.length,
        multiFrame: true,
      }),
    );
    expect(infos.map((info) => info.NumFiles)).toEqual([32, 32]);
    expect(infos.map((info) => info.ComplexImageComponent)).toEqual(['MAGNITUDE', 'REAL']);
    for (const info of infos) expect(predictName(info).parts.join('-')).toBe('BRAIN-T1-SPGR-3D-AXIAL-PRE');
    expect(infos[0]!.Manufacturer).toBe('PHILIPS');
    expect(infos[0]!.SeriesUID).toMatch(/\.00$/);
  });
});

type Entry = readonly [
  keyword: string,
  vr: 'CS' | 'DS' | 'FD' | 'IS' | 'LO' | 'SQ' | 'UI' | 'US',
  values: readonly unknown[],
];

function dataset(entries: readonly Entry[]): Dataset {
  const out = new Dataset();
  for (const [keyword, vr, values] of entries)
    out.set(
      DataElement.fromValues(resolveTag(keyword), vr, values as readonly (string | number | Dataset)[]),
    );
  return out;
}

describe('framesAsClassicHeaders: the functional-group mapping (seed-features.md §1.4.2 step 3)', () => {
  const shared = dataset([
    [
      'MRTimingAndRelatedParametersSequence',
      'SQ',
      [
        dataset([
          ['RepetitionTime', 'FD', [2000]],
          ['FlipAngle', 'FD', [90]],
        ]),
      ],
    ],
    [
      'MRModifierSequence',
      'SQ',
      [
        dataset([
          ['InversionRecovery', 'CS', ['YES']],
          ['FlowCompensation', 'CS', ['OTHER']],
          ['SpatialPresaturation', 'CS', ['SLAB']],
          ['PartialFourierDirection', 'CS', ['PHASE']],
        ]),
      ],
    ],
    [
      'PixelMeasuresSequence',
      'SQ',
      [
        dataset([
          ['PixelSpacing', 'DS', ['0.5', '0.5']],
          ['SliceThickness', 'DS', ['3']],
        ]),
      ],
    ],
  ]);
  const frame = (echo: number, frameType: string, position: string) =>
    dataset([
      ['MREchoSequence', 'SQ', [dataset([['EffectiveEchoTime', 'FD', [echo]]])]],
      [
        'MRImageFrameTypeSequence',
        'SQ',
        [dataset([['FrameType', 'CS', ['ORIGINAL', 'PRIMARY', frameType, 'NONE']]])],
      ],
      ['PlanePositionSequence', 'SQ', [dataset([['ImagePositionPatient', 'DS', ['0', '0', position]]])]],
    ]);
  const enhanced = dataset([
    ['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'M', 'NONE']],
    ['SOPClassUID', 'UI', ['1.2.840.10008.5.1.4.1.1.4.1']],
    ['SeriesDescription', 'LO', ['synthetic']],
    ['SequenceVariant', 'CS', ['OSP']],
    ['EchoPulseSequence', 'CS', ['BOTH']],
    ['SteadyStatePulseSequence', 'CS', ['TIME_REVERSED']],
    ['SegmentedKSpaceTraversal', 'CS', ['PARTIAL']],
    ['MagnetizationTransfer', 'CS', ['ON_RESONANCE']],
    ['Spoiling', 'CS', ['RF']],
    ['RectilinearPhaseEncodeReordering', 'CS', ['CENTRIC']],
    ['SpectrallySelectedSuppression', 'CS', ['FAT_AND_WATER']],
    ['EchoPlanarPulseSequence', 'CS', ['NO']],
    ['NumberOfFrames', 'IS', ['2']],
    ['SharedFunctionalGroupsSequence', 'SQ', [shared]],
    [
      'PerFrameFunctionalGroupsSequence',
      'SQ',
      [frame(12.5, 'ANGIO', '-10'), frame(30, 'CARD_RESP_GATED', '-7')],
    ],
  ]);
  const [first, second] = framesAsClassicHeaders(enhanced) as [Dataset, Dataset];

  it('maps the pulse-sequence attributes onto ScanningSequence, SequenceVariant and ScanOptions', () => {
    expect(getStrings(first, 'ScanningSequence')).toEqual(['GR', 'IR', 'SE']);
    expect(getStrings(first, 'SequenceVariant')).toEqual(['MTC', 'OSP', 'SK', 'SP', 'TRSS']);
    expect(getStrings(first, 'ScanOptions')).toEqual(['FC', 'FS', 'PER', 'PFP', 'SP']);
    expect(getString(first, 'AngioFlag')).toBe('Y');
    expect(getStrings(second, 'ScanOptions')).toEqual(['CG', 'FC', 'FS', 'PER', 'PFP', 'RG', 'SP']);
  });

  it('takes per-frame values over shared ones, and Effective Echo Time as Echo Time', () => {
    expect(getString(first, 'EchoTime')).toBe('12.5');
    expect(getString(second, 'EchoTime')).toBe('30');
    expect(getStrings(second, 'ImagePositionPatient')).toEqual(['0', '0', '-7']);
    const info = seriesInfoOf([first], { sourcePath: 'dcm/x', numFiles: 2, multiFrame: true });
    expect([info.RepetitionTime, info.FlipAngle, info.SliceThickness, info.EchoTime]).toEqual([
      2000, 90, 3, 12.5,
    ]);
    expect(info.ReconResolution).toEqual([0.5, 0.5]);
  });

  it('an instance with no functional-group codes gets SequenceVariant NONE', () => {
    const bare = dataset([['PerFrameFunctionalGroupsSequence', 'SQ', [dataset([])]]]);
    const [only] = framesAsClassicHeaders(bare);
    expect(getStrings(only!, 'SequenceVariant')).toEqual(['NONE']);
    expect(getStrings(only!, 'ScanningSequence')).toEqual([]);
  });
});

describe('seriesInfoOf rules on synthetic headers', () => {
  const base: Entry[] = [
    ['Modality', 'CS', ['MR']],
    ['SeriesDescription', 'LO', ['mp2rage']],
    ['PixelSpacing', 'DS', ['0.703125', '0.703125']],
    ['Rows', 'US', [256]],
    ['Columns', 'US', [256]],
  ];

  it('AcquisitionMatrix: [m0, m3] when m1 is 0, else [m2, m1], else the ReconMatrix', () => {
    const rowsPhase = seriesInfoOf([dataset([...base, ['AcquisitionMatrix', 'US', [0, 192, 180, 0]]])], {
      sourcePath: 'dcm/a.01',
      numFiles: 1,
      multiFrame: false,
    });
    expect(rowsPhase.AcquisitionMatrix).toEqual([180, 192]);
    const columnsPhase = seriesInfoOf([dataset([...base, ['AcquisitionMatrix', 'US', [256, 0, 0, 192]]])], {
      sourcePath: 'dcm/a.01',
      numFiles: 1,
      multiFrame: false,
    });
    expect(columnsPhase.AcquisitionMatrix).toEqual([256, 192]);
    const none = seriesInfoOf([dataset(base)], { sourcePath: 'dcm/a.01', numFiles: 1, multiFrame: false });
    expect(none.AcquisitionMatrix).toEqual([256, 256]);
    // 0.703125 × 256 = 180 mm; 0.703125 rounds to 0.70312 (Python's round, ties to even).
    expect(none.FieldOfView).toEqual([180, 180]);
    expect(none.ReconResolution).toEqual([0.70312, 0.70312]);
    expect(none.AcquiredResolution).toEqual([0.70312, 0.70312]);
    expect(none.SeriesUID).toBe('a.01');
    expect(none.AcqDateTime).toBe('0001-01-01 00:00:00');
    expect('KVP' in none).toBe(false);
  });

  it('a series without Pixel Spacing has no field of view (RADIFOX stops with a TypeError)', () => {
    const info = seriesInfoOf([dataset(base.filter(([keyword]) => keyword !== 'PixelSpacing'))], {
      sourcePath: 'dcm/a.01',
      numFiles: 1,
      multiFrame: false,
    });
    expect([info.ReconResolution, info.FieldOfView, info.AcquiredResolution]).toEqual([null, null, null]);
  });

  it('description falls back to Protocol Name; Manufacturer is its first word; ComplexImageComponent from ImageType', () => {
    const info = seriesInfoOf(
      [
        dataset([
          ['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'P', 'ND']],
          ['Manufacturer', 'LO', ['Philips Medical Systems']],
          ['ProtocolName', 'LO', ['WIP T1']],
          ['Modality', 'CS', ['CT']],
          ['ConvolutionKernel', 'CS', ['FC03', 'AIDR']],
          ['KVP', 'DS', ['120']],
        ]),
      ],
      { sourcePath: 'dcm/b.01', numFiles: 40, multiFrame: false },
    );
    expect(info.SeriesDescription).toBe('WIP T1');
    expect(info.Manufacturer).toBe('PHILIPS');
    expect(info.ComplexImageComponent).toBe('PHASE');
    expect(info.ConvolutionKernel).toEqual(['FC03', 'AIDR']);
    expect(info.KVP).toBe(120);
    expect(info.SequenceType).toEqual([]);
  });
});
