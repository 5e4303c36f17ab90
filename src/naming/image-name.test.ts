/**
 * The RADIFOX name grammar (seed-features.md §1.2, §1.11 items 2 and 7, §1.12 R24): parsing,
 * exact round trips, dotted fields and the errors for names outside the grammar.
 */
import { describe, expect, it } from 'vitest';
import { ImageNameError } from './errors.js';
import {
  formatImageName,
  type ImageNameParts,
  imageTypeOf,
  parseImageName,
  splitExtension,
  typeFields,
} from './image-name.js';

function nameError(run: () => unknown): ImageNameError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageNameError);
    return error as ImageNameError;
  }
  throw new Error('expected an ImageNameError');
}

describe('parseImageName', () => {
  it('reads R24: subject, session, image id, series id, extras, tags, ext', () => {
    const parsed = parseImageName('PROJ-S1_1_01-05_BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1_n4_reg.nii.gz');
    expect(parsed).toEqual({
      subject: 'PROJ-S1',
      session: '1',
      imageId: '01-05',
      seriesId: '01',
      bodypart: 'BRAIN',
      modality: 'T2',
      technique: 'FSE',
      acqdim: '2D',
      orientation: 'AXIAL',
      excontrast: 'PRE',
      extras: ['ECHO1'],
      tags: ['n4', 'reg'],
      ext: '.nii.gz',
    });
  });

  it('gives empty extras and tags when there are none', () => {
    const parsed = parseImageName('PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz');
    expect(parsed.extras).toEqual([]);
    expect(parsed.tags).toEqual([]);
    expect(parsed.excontrast).toBe('PRE');
  });

  it('keeps a dot inside an extra in the field (RADIFOX gives extras [5] and ext .0.nii.gz, §1.11 item 7)', () => {
    const parsed = parseImageName('PROJ-S1_1_01-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0.nii.gz');
    expect(parsed.extras).toEqual(['5.0']);
    expect(parsed.ext).toBe('.nii.gz');
    const twoDotted = parseImageName('P-1_2_03-01_HEAD-NONCON-H30S-2D-AXIAL-PRE-5.0-120.5_n4.json');
    expect(twoDotted.extras).toEqual(['5.0', '120.5']);
    expect(twoDotted.tags).toEqual(['n4']);
    expect(twoDotted.ext).toBe('.json');
  });

  it('takes the series id as the whole image id when it has no dash', () => {
    expect(parseImageName('P-1_1_07_BRAIN-T1-SE-2D-AXIAL-PRE.nii').seriesId).toBe('07');
  });

  it('quotes a README-style name without a session and says the session is missing (§1.11 item 2)', () => {
    const name = 'STUDY-123456_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz';
    const error = nameError(() => parseImageName(name));
    expect(error.code).toBe('image-name');
    expect(error.message).toContain(`"${name}"`);
    expect(error.message).toContain('the session field is missing');
  });

  it('names the missing fields for names with one or two fields', () => {
    expect(nameError(() => parseImageName('SUBJ_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz')).message).toContain(
      'the session and image id fields are missing',
    );
    expect(nameError(() => parseImageName('notes.nii.gz')).message).toContain(
      'the session, image id and image type fields are missing',
    );
  });

  it('names the missing type fields when the type has fewer than six', () => {
    const name = 'P-1_1_01-01_BRAIN-T1-SE-2D.nii.gz';
    const error = nameError(() => parseImageName(name));
    expect(error.message).toContain(`"${name}"`);
    expect(error.message).toContain('orientation and excontrast are missing');
  });

  it('refuses empty fields, extras and tags', () => {
    expect(nameError(() => parseImageName('P-1__01-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii')).message).toContain(
      'empty session',
    );
    expect(nameError(() => parseImageName('P-1_1_01-01_BRAIN--SE-2D-AXIAL-PRE.nii')).message).toContain(
      'empty modality',
    );
    expect(nameError(() => parseImageName('P-1_1_01-01_BRAIN-T1-SE-2D-AXIAL-PRE-.nii')).message).toContain(
      'empty extra',
    );
    expect(nameError(() => parseImageName('P-1_1_01-01_BRAIN-T1-SE-2D-AXIAL-PRE_n4_.nii')).message).toContain(
      'empty tag',
    );
  });

  it('refuses a path', () => {
    expect(nameError(() => parseImageName('nii/P-1_1_01-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii')).message).toContain(
      'is a path',
    );
  });
});

describe('splitExtension', () => {
  it.each([
    ['A_1_01-01_X.nii.gz', '.nii.gz'],
    ['A_1_01-01_X.NII.GZ', '.NII.GZ'],
    ['A_1_01-01_X.nii', '.nii'],
    ['A_1_01-01_X-5.0.json', '.json'],
    ['A_1_01-01_X.bvec', '.bvec'],
    ['A_1_01-01_X.prov', '.prov'],
    ['A_1_01-01_X-5.0.txt', '.txt'],
    ['A_1_01-01_X-5.0.mgz', '.mgz'],
    ['A_1_01-01_X.tar.gz', '.tar.gz'],
    ['A_1_01-01_X-5.0.gz', '.gz'],
    ['A_1_01-01_X-5.0', ''],
    ['A_1_01-01_X', ''],
  ])('%s → %s', (name, ext) => {
    const split = splitExtension(name);
    expect(split.ext).toBe(ext);
    expect(split.stem + split.ext).toBe(name);
  });
});

describe('formatImageName', () => {
  const names = [
    'PROJ-S1_1_01-05_BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1_n4_reg.nii.gz',
    'PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz',
    'PROJ-S1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.nii',
    'PROJ-S1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.json',
    'STUDY-SITE-123456_12_02-01_CSPINE-T2-FSE-2D-SAGITTAL-PRE.nii.gz',
    'PROJ-SUBJ_1_01-03_BRAIN-PD-FSE-2D-AXIAL-PRE.json',
    'PROJ-S1_1_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-ECHO1-MAG.nii.gz',
    'PROJ-S1_1_01-02_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-ECHO2-MAG_hdrfix.nii.gz',
    'PROJ-S1_1_01-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0.nii.gz',
    'PROJ-S1_1_01-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0-120.0_n4.json',
    'PROJ-S1_1_03-01_UNK-T2-FSE-2D-NONE-PRE.nii.gz',
    'PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE_hdrfix_sum.nii.gz',
    'PROJ-S1_1_01-06_BRAIN-DIFF-EPI-2D-AXIAL-PRE.bval',
    'PROJ-S1_1_01-06_BRAIN-DIFF-EPI-2D-AXIAL-PRE_n4-v2.prov',
    'PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.png',
    'PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE-1.5_reg',
  ];

  it.each(names)('round-trips %s', (name) => {
    expect(formatImageName(parseImageName(name))).toBe(name);
  });

  it('writes a name from parts and reads it back as the same parts', () => {
    const parts: ImageNameParts = {
      subject: 'PROJ-S1',
      session: '1',
      imageId: '01-05',
      bodypart: 'BRAIN',
      modality: 'T2',
      technique: 'FSE',
      acqdim: '2D',
      orientation: 'AXIAL',
      excontrast: 'PRE',
      extras: ['ECHO1', '5.0'],
      tags: ['n4'],
      ext: '.nii.gz',
    };
    const name = formatImageName(parts);
    expect(name).toBe('PROJ-S1_1_01-05_BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1-5.0_n4.nii.gz');
    expect(parseImageName(name)).toMatchObject(parts);
    expect(imageTypeOf(parts)).toBe('BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1-5.0');
  });

  it('refuses parts that would read back differently', () => {
    const base = parseImageName('P-1_1_01-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz');
    expect(nameError(() => formatImageName({ ...base, modality: 'T1-X' })).message).toContain('modality');
    expect(nameError(() => formatImageName({ ...base, session: 'a_b' })).code).toBe('image-name');
    expect(nameError(() => formatImageName({ ...base, extras: ['A.txt'], ext: '' })).message).toContain(
      'ext',
    );
    expect(nameError(() => formatImageName({ ...base, tags: [''] })).message).toContain('empty tag');
  });

  it('has the six type fields in name order', () => {
    expect(typeFields).toEqual(['bodypart', 'modality', 'technique', 'acqdim', 'orientation', 'excontrast']);
  });
});
