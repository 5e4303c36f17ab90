/**
 * The demo session (`npm run demo`, scripts/demo/): the files the generator writes read back
 * with radkit's reader carry the tags and geometry it meant, dcmdump accepts them, and
 * importing them gives the names RADIFOX's rules give (seed-features.md §1.4.4–§1.4.5).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUid,
  type MadeSession,
  makeDemoSession,
  mrImageStorage,
} from '../../scripts/demo/make-session.js';
import { formatSize, formatTree } from '../../scripts/demo/print-tree.js';
import {
  type Dataset,
  type DicomFile,
  getBytes,
  getNumber,
  getNumbers,
  getString,
  getStrings,
} from '../../src/dicom/index.js';
import { readNifti } from '../../src/formats/index.js';
import { orientationCodes } from '../../src/geometry/index.js';
import { type ImportResult, importSession, sessionLayout } from '../../src/library/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { missing, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let session: MadeSession;
/** Every file read back, by series description, in InstanceNumber order. */
const read = new Map<string, DicomFile[]>();

beforeAll(() => {
  session = makeDemoSession(join(scratch, 'source'));
  for (const made of session.series)
    read.set(
      made.series.description,
      made.files.map((path) => readDicomFile(path)),
    );
});

function datasets(description: string): Dataset[] {
  const files = read.get(description);
  if (files === undefined) throw new Error(`no series '${description}' in the demo session`);
  return files.map((file) => file.dataset);
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

function normalOf(orientation: readonly number[]): number[] {
  const [r0, r1, r2, c0, c1, c2] = orientation as [number, number, number, number, number, number];
  return [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
}

describe('the demo session generator', () => {
  it('writes one patient and one study of four MR series, small', () => {
    const all = [...read.values()].flat();
    expect(all).toHaveLength(3 + 120 + 24 + 24);
    expect(session.bytes).toBeLessThan(4 * 1024 * 1024);
    expect(new Set(all.map((file) => getString(file.dataset, 'StudyInstanceUID')))).toEqual(
      new Set([session.studyInstanceUID]),
    );
    expect(new Set(all.map((file) => getString(file.dataset, 'PatientID')))).toEqual(
      new Set(['RADKIT-DEMO-001']),
    );
    expect(new Set(all.map((file) => getString(file.dataset, 'SeriesInstanceUID'))).size).toBe(4);
    expect(new Set(all.map((file) => getString(file.dataset, 'SOPInstanceUID'))).size).toBe(all.length);
    for (const file of all) {
      expect(file.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
      expect(file.transferSyntax.uid).toBe('1.2.840.10008.1.2.1');
      expect(getString(file.dataset, 'SOPClassUID')).toBe(mrImageStorage);
      expect(getString(file.meta, 'MediaStorageSOPClassUID')).toBe(mrImageStorage);
      expect(getString(file.meta, 'MediaStorageSOPInstanceUID')).toBe(
        getString(file.dataset, 'SOPInstanceUID'),
      );
      for (const keyword of [
        'StudyInstanceUID',
        'SeriesInstanceUID',
        'SOPInstanceUID',
        'FrameOfReferenceUID',
      ]) {
        const uid = getString(file.dataset, keyword)!;
        expect(uid).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
        expect(uid.length).toBeLessThanOrEqual(64);
      }
    }
  });

  it('derives every UID from the seed: same seed, same files; another seed, other UIDs', () => {
    const again = makeDemoSession(join(scratch, 'again'));
    const first = session.series[1]!.files[0]!;
    expect(readFileSync(again.series[1]!.files[0]!)).toEqual(readFileSync(first));
    const other = makeDemoSession(join(scratch, 'other'), { seed: 'another' });
    expect(other.studyInstanceUID).not.toBe(session.studyInstanceUID);
    expect(demoUid('radkit-demo', 'study')).toBe(session.studyInstanceUID);
    // RFC 9562 version 8, variant 10: the UID is a valid UUID-derived UID (PS3.5 §B.2).
    const hex = BigInt(session.studyInstanceUID.slice(5)).toString(16).padStart(32, '0');
    expect(hex[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
    rmSync(join(scratch, 'again'), { recursive: true });
    rmSync(join(scratch, 'other'), { recursive: true });
  });

  it('describes each series as a Siemens 3 T scanner would', () => {
    const expected = {
      localizer: {
        number: 1,
        sequence: ['GR'],
        variant: ['SP'],
        dim: '2D',
        te: 4.37,
        tr: 8.6,
        ti: undefined,
        fa: 20,
        etl: 1,
      },
      t1_mprage_sag: {
        number: 2,
        sequence: ['GR', 'IR'],
        variant: ['SK', 'SP', 'MP'],
        dim: '3D',
        te: 2.3,
        tr: 2300,
        ti: 900,
        fa: 8,
        etl: 1,
      },
      t2_tse_tra: {
        number: 3,
        sequence: ['SE'],
        variant: ['SK', 'SP', 'OSP'],
        dim: '2D',
        te: 100,
        tr: 5000,
        ti: undefined,
        fa: 150,
        etl: 15,
      },
      'AX T2 FLAIR': {
        number: 4,
        sequence: ['SE', 'IR'],
        variant: ['SK', 'SP', 'MP'],
        dim: '2D',
        te: 120,
        tr: 9000,
        ti: 2500,
        fa: 150,
        etl: 20,
      },
    };
    const seriesTimes: string[] = [];
    for (const [description, want] of Object.entries(expected)) {
      const all = datasets(description);
      all.forEach((ds, index) => {
        expect(getString(ds, 'SeriesDescription')).toBe(description);
        expect(getString(ds, 'ProtocolName')).toBe(description);
        expect(getNumber(ds, 'SeriesNumber')).toBe(want.number);
        expect(getNumber(ds, 'InstanceNumber')).toBe(index + 1);
        expect(getString(ds, 'Modality')).toBe('MR');
        expect(getString(ds, 'Manufacturer')).toBe('SIEMENS');
        expect(getString(ds, 'InstitutionName')).toBeTruthy();
        expect(getString(ds, 'ManufacturerModelName')).toBeTruthy();
        expect(getNumber(ds, 'MagneticFieldStrength')).toBe(3);
        expect(getString(ds, 'BodyPartExamined')).toBe('BRAIN');
        expect(getStrings(ds, 'ImageType')).toEqual(['ORIGINAL', 'PRIMARY', 'M', 'ND']);
        expect(getStrings(ds, 'ScanningSequence')).toEqual(want.sequence);
        expect(getStrings(ds, 'SequenceVariant')).toEqual(want.variant);
        expect(getString(ds, 'MRAcquisitionType')).toBe(want.dim);
        expect(getNumber(ds, 'EchoTime')).toBe(want.te);
        expect(getNumber(ds, 'RepetitionTime')).toBe(want.tr);
        expect(getNumber(ds, 'InversionTime')).toBe(want.ti);
        expect(getNumber(ds, 'FlipAngle')).toBe(want.fa);
        expect(getNumber(ds, 'EchoTrainLength')).toBe(want.etl);
        expect(getNumbers(ds, 'AcquisitionMatrix')).toEqual([64, 0, 0, 64]);
        expect(getString(ds, 'StudyDate')).toBe('20240315');
        expect(getString(ds, 'SeriesDate')).toBe('20240315');
        expect(getString(ds, 'PatientName')).toBe('DEMO^PHANTOM');
      });
      seriesTimes.push(getString(all[0]!, 'SeriesTime')!);
    }
    // Series a few minutes apart, in acquisition order: one RADIFOX session (gaps < 30 min, §1.4.7).
    expect([...seriesTimes].sort()).toEqual(seriesTimes);
    expect(new Set(seriesTimes).size).toBe(4);
  });

  it('stores 12-bit unsigned MONOCHROME2 pixels of the phantom, per contrast', () => {
    const centreOf = (description: string): Uint16Array => {
      const all = datasets(description);
      const middle = all[Math.floor(all.length / 2)]!;
      const bytes = getBytes(middle, 'PixelData')!;
      return new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    };
    for (const description of ['localizer', 't1_mprage_sag', 't2_tse_tra', 'AX T2 FLAIR']) {
      for (const ds of datasets(description)) {
        expect(getNumber(ds, 'Rows')).toBe(64);
        expect(getNumber(ds, 'Columns')).toBe(64);
        expect(getNumber(ds, 'BitsAllocated')).toBe(16);
        expect(getNumber(ds, 'BitsStored')).toBe(12);
        expect(getNumber(ds, 'HighBit')).toBe(11);
        expect(getNumber(ds, 'PixelRepresentation')).toBe(0);
        expect(getNumber(ds, 'SamplesPerPixel')).toBe(1);
        expect(getString(ds, 'PhotometricInterpretation')).toBe('MONOCHROME2');
        expect(getBytes(ds, 'PixelData')!.length).toBe(64 * 64 * 2);
      }
      const pixels = centreOf(description);
      expect(Math.max(...pixels)).toBeLessThanOrEqual(4095);
      expect(pixels[0]).toBe(0); // air in the corner
    }
    // The middle pixel of the middle slice lies in white matter: bright on T1w, darker on T2w.
    const middle = 32 * 64 + 32;
    expect(centreOf('t1_mprage_sag')[middle]).toBeGreaterThan(centreOf('t2_tse_tra')[middle]!);
    // In the right lateral ventricle, CSF is the brightest tissue on T2w and nulled on FLAIR.
    const ventricle = 33 * 64 + 34;
    expect(centreOf('t2_tse_tra')[ventricle]).toBe(Math.max(...centreOf('t2_tse_tra')));
    expect(centreOf('AX T2 FLAIR')[ventricle]).toBeLessThan(centreOf('AX T2 FLAIR')[middle]! / 4);
    expect(new Set(centreOf('t1_mprage_sag')).size).toBeGreaterThan(3);
  });

  it('places parallel, evenly spaced slices: SpacingBetweenSlices is the step between positions', () => {
    const stacks = {
      t1_mprage_sag: [0, 1, 0, 0, 0, -1],
      t2_tse_tra: [1, 0, 0, 0, 1, 0],
      'AX T2 FLAIR': [1, 0, 0, 0, 1, 0],
    };
    for (const [description, orientation] of Object.entries(stacks)) {
      const all = datasets(description);
      const normal = normalOf(orientation);
      const spacing = getNumber(all[0]!, 'SpacingBetweenSlices')!;
      const along = all.map((ds) => {
        expect(getNumbers(ds, 'ImageOrientationPatient', 6)).toEqual(orientation);
        expect(getNumber(ds, 'SliceThickness')).toBeGreaterThan(0);
        expect(getNumbers(ds, 'PixelSpacing', 2)).toHaveLength(2);
        return dot(getNumbers(ds, 'ImagePositionPatient', 3)!, normal);
      });
      for (let k = 1; k < along.length; k++) expect(along[k]! - along[k - 1]!).toBeCloseTo(spacing, 6);
    }
    // A sagittal BRAIN series must cover ≥ 100 mm, or RADIFOX renames it SPINE (§1.4.5).
    const t1 = datasets('t1_mprage_sag');
    expect(t1.length * getNumber(t1[0]!, 'SpacingBetweenSlices')!).toBeGreaterThanOrEqual(100);
    // The localizer: one slice in each plane.
    const planes = datasets('localizer').map((ds) =>
      normalOf(getNumbers(ds, 'ImageOrientationPatient', 6)!).map((v) => Math.abs(v)),
    );
    expect(planes).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it.skipIf(missing(tool('dcmdump')))('writes files dcmdump reads without complaint', () => {
    const file = session.series[3]!.files[0]!;
    const run = spawnSync('dcmdump', ['-E', file], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('=MRImageStorage');
    expect(run.stdout).toContain('[AX T2 FLAIR]');
    expect(run.stdout).toContain('(7fe0,0010) OW');
  });
});

describe('the demo tree printer', () => {
  it('formats sizes in binary units', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(9728)).toBe('9.5 KB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });

  it('draws folders first, and shortens folders of many files', () => {
    const lines = formatTree(join(scratch, 'source'));
    expect(lines[1]).toBe('├── 0001_localizer/');
    expect(lines).toContain('│   ├── IM0001.dcm  (9.5 KB)');
    expect(lines.some((line) => /└── … 117 more files \(1\.1 MB\)$/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^ {4}└── … 21 more files/);
  });
});

describe('importing the demo session', () => {
  let result: ImportResult;
  const root = join(scratch, 'library');
  const ids = { project: 'DEMO', subject: '001', session: '1' };

  beforeAll(async () => {
    result = await importSession({
      source: join(scratch, 'source'),
      root,
      ...ids,
      software: { name: 'radkit', version: 'test' },
      qa: true,
    });
  });

  it('names the three image series as RADIFOX does and skips the localizer', () => {
    expect(result.status).toBe('imported');
    const names = result.series.filter((series) => series.converted).map((series) => series.name);
    expect(names.sort()).toEqual([
      'DEMO-001_1_01-02_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE',
      'DEMO-001_1_01-03_BRAIN-T2-FSE-2D-AXIAL-PRE',
      'DEMO-001_1_01-04_BRAIN-FLAIR-IRFSE-2D-AXIAL-PRE',
    ]);
    const localizerUID = session.series[0]!.seriesInstanceUID;
    const skipped = result.series.filter((series) => !series.converted);
    // Its three orientations are staged as three folders (<UID>.01–.03), all skipped by description.
    expect(skipped.map((series) => series.sourcePath).sort()).toEqual(
      ['01', '02', '03'].map((n) => `dcm/${localizerUID}.${n}`),
    );
    for (const series of skipped) {
      expect(series.name).toBeNull();
      expect(series.skipReason).toMatch(/description/i);
    }
  });

  it('writes the NIfTI, sidecar and QA montage of each, and the UnconvertedInfo record', () => {
    const layout = sessionLayout(root, ids);
    expect(result.session).toBe(layout.sessionDir);
    for (const series of result.series.filter((s) => s.converted)) {
      for (const path of [
        join(layout.niiDir, `${series.name}.nii.gz`),
        join(layout.niiDir, `${series.name}.json`),
        join(layout.qaDir, `${series.name}.png`),
      ])
        expect(existsSync(path), path).toBe(true);
      expect(series.niftiPath).toBe(join(layout.niiDir, `${series.name}.nii.gz`));
    }
    expect(layout.qaDir).toBe(join(layout.sessionDir, 'qa', 'conversion'));
    expect(layout.unconvertedInfoPath).toBe(join(layout.sessionDir, 'DEMO-001_1_UnconvertedInfo.json'));
    const info = JSON.parse(readFileSync(layout.unconvertedInfoPath, 'utf8')) as {
      SeriesList: { SeriesDescription: string; NiftiCreated: boolean }[];
    };
    expect(info.SeriesList.map((series) => series.SeriesDescription)).toEqual([
      'localizer',
      'localizer',
      'localizer',
    ]);
    expect(info.SeriesList.every((series) => series.NiftiCreated === false)).toBe(true);
  });

  it('converts the full stacks, reoriented as RADIFOX orients them (sagittal PIL, axial LPS)', () => {
    const layout = sessionLayout(root, ids);
    const image = (name: string) => readNifti(readFileSync(join(layout.niiDir, `${name}.nii.gz`)));
    const t1 = image('DEMO-001_1_01-02_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE');
    expect(t1.header.dim.slice(0, 4)).toEqual([3, 64, 64, 120]);
    expect(orientationCodes(t1.affine, 'nibabel').codes).toBe('PIL');
    const t2 = image('DEMO-001_1_01-03_BRAIN-T2-FSE-2D-AXIAL-PRE');
    expect(t2.header.dim.slice(0, 4)).toEqual([3, 64, 64, 24]);
    expect(orientationCodes(t2.affine, 'nibabel').codes).toBe('LPS');
    const sidecar = JSON.parse(
      readFileSync(join(layout.niiDir, 'DEMO-001_1_01-04_BRAIN-FLAIR-IRFSE-2D-AXIAL-PRE.json'), 'utf8'),
    ) as { SeriesInfo: { SeriesDescription: string; NumFiles: number; InversionTime: number } };
    expect(sidecar.SeriesInfo).toMatchObject({
      SeriesDescription: 'AX T2 FLAIR',
      NumFiles: 24,
      InversionTime: 2500,
    });
  });
});
