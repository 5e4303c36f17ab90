/**
 * `ImageFile` (seed-features.md §1.2, §1.12 R24): name fields of a path, `info()` from the
 * sidecar of a session tree written to a temporary folder (nii/, proc/ and stage/ parents),
 * snake_case lookups, ordering and relative paths.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageFile, ImageFileError, ImageNameError } from '../../src/naming/index.js';

const base = 'PROJ-S1_1_01-05_BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1';

describe('ImageFile name fields', () => {
  it('reads R24', () => {
    const image = new ImageFile(`/data/proj/PROJ-S1/1/proc/${base}_n4_reg.nii.gz`);
    expect(image.subject).toBe('PROJ-S1');
    expect(image.session).toBe('1');
    expect(image.imageId).toBe('01-05');
    expect(image.seriesId).toBe('01');
    expect(image.extras).toEqual(['ECHO1']);
    expect(image.tags).toEqual(['n4', 'reg']);
    expect(image.ext).toBe('.nii.gz');
  });

  it('has the path, name, stem, parent, type fields and image type', () => {
    const image = new ImageFile(`relative/nii/${base}-5.0_n4.nii.gz`);
    expect(image.path).toBe(resolve(`relative/nii/${base}-5.0_n4.nii.gz`));
    expect(image.name).toBe(`${base}-5.0_n4.nii.gz`);
    expect(image.stem).toBe(`${base}-5.0_n4`);
    expect(image.parent).toBe(resolve('relative/nii'));
    expect([
      image.bodypart,
      image.modality,
      image.technique,
      image.acqdim,
      image.orientation,
      image.excontrast,
    ]).toEqual(['BRAIN', 'T2', 'FSE', '2D', 'AXIAL', 'PRE']);
    expect(image.extras).toEqual(['ECHO1', '5.0']);
    expect(image.imageType).toBe('BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1-5.0');
    expect(String(image)).toBe(image.path);
  });

  it('throws ImageNameError at construction for a name outside the grammar', () => {
    expect(() => new ImageFile('/x/STUDY-123456_01-03_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz')).toThrow(
      ImageNameError,
    );
  });

  it('sorts by path folder by folder and makes paths relative', () => {
    const a = new ImageFile(`/s/a/b/${base}.nii.gz`);
    const b = new ImageFile(`/s/a/b-c/${base}.nii.gz`);
    const c = new ImageFile(`/s/a/b/${base}_n4.nii.gz`);
    expect([b, c, a].sort(ImageFile.compare)).toEqual([a, c, b]);
    expect(a.relativeTo('/s/a')).toBe(`b/${base}.nii.gz`);
    expect(a.isRelativeTo('/s/a')).toBe(true);
    expect(a.isRelativeTo('/s/a/b-c')).toBe(false);
    expect(() => a.relativeTo('/s/a/b-c')).toThrow(ImageFileError);
  });
});

describe('ImageFile.info', () => {
  let root: string;
  let sessionDir: string;
  const seriesInfo = {
    SeriesDescription: 'AX T2 TSE',
    SeriesUID: '1.2.3',
    EchoTime: 100,
    BodyPartExamined: null,
    AcquisitionDimension: '2D',
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'radkit-naming-'));
    sessionDir = join(root, 'proj', 'PROJ-S1', '1');
    for (const folder of ['nii', 'proc', 'stage', 'qa'])
      mkdirSync(join(sessionDir, folder), { recursive: true });
    writeFileSync(
      join(sessionDir, 'nii', `${base}.json`),
      JSON.stringify({ SeriesInfo: seriesInfo, LookupName: [], ManualName: null }),
    );
    writeFileSync(
      join(sessionDir, 'nii', `${base}-5.0.json`),
      JSON.stringify({ SeriesInfo: { SliceThickness: 5 } }),
    );
    writeFileSync(join(sessionDir, 'nii', 'PROJ-S1_1_02-01_BRAIN-T1-SE-2D-AXIAL-PRE.json'), '{"Other": {}}');
    writeFileSync(join(sessionDir, 'nii', 'PROJ-S1_1_03-01_BRAIN-T1-SE-2D-AXIAL-PRE.json'), '{not json');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads SeriesInfo beside a nii/ image', () => {
    const image = new ImageFile(join(sessionDir, 'nii', `${base}.nii.gz`));
    expect(image.sidecarPath()).toBe(join(sessionDir, 'nii', `${base}.json`));
    expect(image.info()).toEqual(seriesInfo);
    expect(image.info().SeriesDescription).toBe('AX T2 TSE');
  });

  it('reads the nii/ sidecar of the first four fields for proc/ and stage/ images', () => {
    const proc = new ImageFile(join(sessionDir, 'proc', `${base}_n4_reg.nii.gz`));
    const stage = new ImageFile(join(sessionDir, 'stage', `${base}_hdrfix.nii.gz`));
    expect(proc.sidecarPath()).toBe(join(sessionDir, 'nii', `${base}.json`));
    expect(proc.info()).toEqual(seriesInfo);
    expect(stage.infoValue('EchoTime')).toBe(100);
  });

  it('finds the sidecar of an image whose extra has a dot', () => {
    const image = new ImageFile(join(sessionDir, 'proc', `${base}-5.0_n4.nii.gz`));
    expect(image.infoValue('slice_thickness')).toBe(5);
  });

  it('looks values up by exact key, then snake_case → CamelCase', () => {
    const image = new ImageFile(join(sessionDir, 'nii', `${base}.nii.gz`));
    expect(image.infoValue('SeriesDescription')).toBe('AX T2 TSE');
    expect(image.infoValue('series_description')).toBe('AX T2 TSE');
    expect(image.infoValue('series_u_i_d')).toBe('1.2.3');
    expect(image.infoValue('body_part_examined')).toBeNull();
    expect(image.infoValue('acquisition_dimension')).toBe('2D');
    expect(image.infoValue('no_such_key')).toBeUndefined();
  });

  it('refuses images outside nii/, proc/ and stage/', () => {
    const image = new ImageFile(join(sessionDir, 'qa', `${base}.nii.gz`));
    expect(() => image.info()).toThrow(ImageFileError);
    expect(() => image.info()).toThrow(/"qa\/", not in a session's nii\/, proc\/, stage\//);
  });

  it('reports a missing sidecar, bad JSON and a sidecar without SeriesInfo', () => {
    const missing = new ImageFile(join(sessionDir, 'nii', 'PROJ-S1_1_09-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz'));
    expect(() => missing.info()).toThrow(/Cannot read the sidecar .*09-01/);
    const other = new ImageFile(join(sessionDir, 'nii', 'PROJ-S1_1_02-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz'));
    expect(() => other.info()).toThrow(/no "SeriesInfo" object/);
    const broken = new ImageFile(join(sessionDir, 'nii', 'PROJ-S1_1_03-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz'));
    expect(() => broken.info()).toThrow(/not valid JSON/);
  });
});
