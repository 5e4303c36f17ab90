/**
 * nibabel reads what radkit writes: NIfTI-1 and NIfTI-2, .nii and .nii.gz, every dtype, 3D and
 * 4D, straight, oblique, mirrored and near-180° affines. The same voxels (unscaled), img.affine
 * equal to ours in RAS, qform equal to sform with both codes 1, TR in pixdim[4], scl_* as given.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NiftiImage,
  type NiftiIssue,
  qformAffineOf,
  qformOf,
  readNifti,
  writeNifti,
} from '../../src/formats/index.js';
import { affineDifference, affineFromRows, flipLpsRas } from '../../src/geometry/index.js';
import type { DType } from '../../src/ndarray/index.js';
import { missing, nibabel } from '../support/requirements.js';
import {
  dataSha256,
  jsonNumber,
  matrixDifference,
  type NibabelRecord,
  nibabelRead,
  rasDifference,
} from './nibabel-reference.js';
import { makeAffine, randomArray, rotation } from './test-images.js';

const dtypes: readonly DType[] = [
  'uint8',
  'int8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'float32',
  'float64',
];

/** Affines (LPS), translations under 128 mm so float32 keeps them to 1e-5. */
const affines = [
  ['axial', makeAffine(rotation([0, 0, 1], 0), [0.9, 0.9, 3], [-110.5, -95.25, -40])],
  ['oblique', makeAffine(rotation([0.3, -0.5, 0.8], 23), [2.1, 2.3, 4.4], [-90.125, 102.75, 33.5])],
  ['mirrored', makeAffine(rotation([1, 2, 3], 41), [1, 1.5, 2], [10, -20, 30], { mirrorK: true })],
  // LPS near identity is RAS near a 180° turn about z: the quaternion's a is small (5e-3).
  ['oblique axial', makeAffine(rotation([0.1, 0, 1], 0.6), [3.25, 3.25, 3.6], [104, -58.7, -84.8])],
  ['90° turns', makeAffine([0, 0, 1, -1, 0, 0, 0, -1, 0], [1.2, 1.3, 1.4], [-5, 6, -7])],
] as const;

interface Case {
  readonly name: string;
  readonly image: NiftiImage;
  readonly version: 1 | 2;
  readonly gzip: boolean;
}

const cases: Case[] = [];
dtypes.forEach((dtype, d) => {
  for (const version of [1, 2] as const) {
    for (const gzip of [false, true]) {
      const n = cases.length;
      const fourD = n % 2 === 1;
      const [affineName, affine] = affines[n % affines.length]!;
      const scaled = n % 3 === 0;
      cases.push({
        name: `${dtype} NIfTI-${version}${gzip ? '.gz' : ''} ${fourD ? '4D' : '3D'} ${affineName}`,
        version,
        gzip,
        image: {
          data: randomArray(dtype, fourD ? [3, 4, 5, 6] : [4, 5, 7], 1000 + n),
          affine,
          ...(scaled ? { sclSlope: 0.5 + d, sclInter: -12.25 } : {}),
          ...(fourD ? { repetitionTimeS: 2.5 } : {}),
          description: `case ${n}: ${dtype}`,
          dimInfo: { freq: 1, phase: 2, slice: 3 },
          sliceCode: 1,
          sliceStart: 0,
          sliceEnd: fourD ? 4 : 6,
          sliceDuration: fourD ? 0.5 : 0,
          intentCode: n % 4 === 0 ? 1001 : 0,
          intentName: n % 4 === 0 ? 'estimate' : '',
        },
      });
    }
  }
});

describe.skipIf(missing(nibabel()))('nibabel reads the NIfTI radkit writes', () => {
  const folder = mkdtempSync(join(tmpdir(), 'radkit-nifti-write-'));
  const paths = cases.map((c, n) => join(folder, `${n}.nii${c.gzip ? '.gz' : ''}`));
  const issues: NiftiIssue[][] = [];
  let references = new Map<string, NibabelRecord>();
  beforeAll(() => {
    cases.forEach((c, n) => {
      const result = writeNifti(c.image, { version: c.version, gzip: c.gzip });
      issues.push(result.issues);
      writeFileSync(paths[n]!, result.bytes);
    });
    references = nibabelRead(paths);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each(cases.map((c, n) => [c.name, n] as const))('%s', (_name, n) => {
    const { image, version } = cases[n]!;
    const ref = references.get(paths[n]!)!;
    const stored = version === 1 ? Math.fround : (value: number) => value;
    expect(ref.error).toBeUndefined();
    expect(issues[n]).toEqual([]);
    expect(ref.class).toBe(version === 1 ? 'Nifti1Image' : 'Nifti2Image');
    expect(ref.shape).toEqual([...image.data.shape].reverse());
    expect(ref.dtype.replace(/^[<>|=]/, '')).toBe(image.data.dtype);
    expect(ref.sha256).toBe(dataSha256(image.data));
    expect(rasDifference(image.affine, ref.affine)).toBeLessThan(1e-5);
    expect(matrixDifference(ref.qform, ref.sform)).toBeLessThan(1e-4);
    expect([ref.qform_code, ref.sform_code]).toEqual([1, 1]);
    expect(ref.pixdim[4]).toBe(stored(image.repetitionTimeS ?? 0));
    expect(ref.xyzt_units).toBe(image.repetitionTimeS === undefined ? 2 : 10);
    expect(jsonNumber(ref.scl_slope)).toBe(stored(image.sclSlope ?? 1));
    expect(jsonNumber(ref.scl_inter)).toBe(stored(image.sclInter ?? 0));
    expect(ref.vox_offset).toBe(version === 1 ? 352 : 544);
    expect(ref.magic).toBe(`n+${version}`);
    expect(ref.dim_info).toBe(1 | (2 << 2) | (3 << 4));
    expect([ref.slice_code, ref.slice_start, ref.slice_end]).toEqual([1, 0, image.sliceEnd]);
    expect(ref.slice_duration).toBe(image.sliceDuration);
    expect([ref.intent_code, ref.intent_name]).toEqual([image.intentCode, image.intentName]);
    expect(ref.descrip).toBe(image.description);
    // And radkit reads back what it wrote.
    const back = readNifti(readFileSync(paths[n]!));
    expect(dataSha256(back.data)).toBe(ref.sha256);
    expect(affineDifference(back.affine, image.affine)).toBeLessThan(1e-5);
  });
});

/** Images the qform cannot hold exactly, colour, and extensions. */
const special = {
  // In-plane 0.01°: RAS is 180.01° about z, a = 8.7e-5, below what a float32 qform holds.
  nearHalfTurn: makeAffine(rotation([0.05, 0.1, 1], 0.01), [3.25, 3.25, 3.6], [104, -58.7, -84.8]),
  // In-plane 0.05°: a² = 1.9e-7, above nifti1_io's 1e-7, exact in NIfTI-2's float64.
  nearHalfTurn2: makeAffine(rotation([0.05, 0.1, 1], 0.05), [3.25, 3.25, 3.6], [104, -58.7, -84.8]),
  sheared: makeAffine(rotation([0.3, -0.5, 0.8], 23), [2, 2, 3], [-90, 100, 30], { shear: 0.4 }),
};

describe.skipIf(missing(nibabel()))('nibabel reads what radkit writes when the qform cannot be exact', () => {
  const folder = mkdtempSync(join(tmpdir(), 'radkit-nifti-special-'));
  const data = randomArray('int16', [3, 4, 5], 7);
  const rgb = randomArray('uint8', [3, 4, 5, 3], 8);
  const written = {
    nearHalfTurn: writeNifti({ data, affine: special.nearHalfTurn }),
    nearHalfTurn2: writeNifti({ data, affine: special.nearHalfTurn2 }, { version: 2 }),
    sheared: writeNifti({ data, affine: special.sheared }),
    rgb: writeNifti({ data: rgb, affine: special.nearHalfTurn2, rgb: true }, { gzip: true }),
    extensions: writeNifti({
      data,
      affine: special.sheared,
      extensions: [
        { code: 6, bytes: new TextEncoder().encode('a comment') },
        { code: 44, bytes: new Uint8Array(40).fill(1) },
      ],
    }),
  };
  const paths = Object.fromEntries(
    Object.keys(written).map((name) => [name, join(folder, `${name}.nii${name === 'rgb' ? '.gz' : ''}`)]),
  );
  let refs: Record<string, NibabelRecord> = {};
  beforeAll(() => {
    for (const [name, result] of Object.entries(written)) writeFileSync(paths[name]!, result.bytes);
    const read = nibabelRead(Object.values(paths));
    refs = Object.fromEntries(Object.keys(paths).map((name) => [name, read.get(paths[name]!)!]));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a turn within 0.01° of 180°: an info issue, and nibabel and nifti1_io read the same qform', () => {
    const { issues, bytes } = written.nearHalfTurn;
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([['nifti-qform-precision', 'info']]);
    const off = Number(/up to (\S+) mm/.exec(issues[0]!.message)![1]);
    const ref = refs.nearHalfTurn!;
    expect(matrixDifference(ref.qform, ref.sform)).toBeGreaterThan(1e-4);
    expect(matrixDifference(ref.qform, ref.sform)).toBeLessThan(off + 1e-5);
    expect(rasDifference(readNifti(bytes).qformAffine!, ref.qform)).toBeLessThan(1e-5);
    expect(rasDifference(special.nearHalfTurn, ref.affine)).toBeLessThan(1e-5);
  });

  it('NIfTI-2 holds a turn 0.05° from 180° exactly', () => {
    expect(written.nearHalfTurn2.issues).toEqual([]);
    expect(matrixDifference(refs.nearHalfTurn2!.qform, refs.nearHalfTurn2!.sform)).toBeLessThan(1e-9);
  });

  it('shear: a warning; the sform is exact, the qform is the nearest rotation with voxel sizes', () => {
    const { issues, bytes } = written.sheared;
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([['nifti-qform-shear', 'warning']]);
    const ref = refs.sheared!;
    expect(rasDifference(special.sheared, ref.affine)).toBeLessThan(1e-5);
    expect(rasDifference(special.sheared, ref.sform)).toBeLessThan(1e-5);
    expect(matrixDifference(ref.qform, ref.sform)).toBeGreaterThan(0.1);
    const ours = flipLpsRas(affineFromRows(qformAffineOf(qformOf(flipLpsRas(special.sheared).matrix))));
    expect(rasDifference(ours, ref.qform)).toBeLessThan(1e-5);
    expect(rasDifference(readNifti(bytes).qformAffine!, ref.qform)).toBeLessThan(1e-5);
  });

  it('RGB24: nibabel reads the interleaved samples radkit wrote', () => {
    const ref = refs.rgb!;
    expect(ref.datatype).toBe(128);
    expect(ref.bitpix).toBe(24);
    expect(ref.shape).toEqual([5, 4, 3]);
    expect(ref.sha256).toBe(dataSha256(rgb));
  });

  it('extensions: nibabel finds their codes and data, vox_offset after them', () => {
    const ref = refs.extensions!;
    // nibabel strips the NUL padding; radkit keeps each extension's bytes as stored (padded).
    expect(ref.extensions).toEqual([
      [6, 9],
      [44, 40],
    ]);
    expect(ref.vox_offset).toBe(352 + 32 + 48);
    expect(ref.sha256).toBe(dataSha256(data));
    const back = readNifti(written.extensions.bytes).extensions;
    expect(back.map((extension) => [extension.code, extension.bytes.length])).toEqual([
      [6, 24],
      [44, 40],
    ]);
    expect(new TextDecoder().decode(back[0]!.bytes.subarray(0, 9))).toBe('a comment');
  });
});
