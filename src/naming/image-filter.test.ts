/**
 * `ImageFilter` (seed-features.md §1.3, §1.11 item 1, §1.12 R25): allowed keys, `fromString`'s
 * rules, matching, `get`, and `toString` reading back through `fromString`.
 */
import { describe, expect, it } from 'vitest';
import { ImageFilterError } from './errors.js';
import { ImageFile } from './image-file.js';
import { ImageFilter, imageFilterKeys } from './image-filter.js';
import { parseImageName } from './image-name.js';

const session = '/data/proj/PROJ-S1/1';
// R25's four images (paths only: parsing needs no file).
const t1Pre = new ImageFile(`${session}/nii/PROJ-S1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz`);
const t1Post = new ImageFile(`${session}/nii/PROJ-S1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.nii.gz`);
const t2Echo = new ImageFile(`${session}/proc/PROJ-S1_1_01-05_BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1_n4_reg.nii.gz`);
const spine = new ImageFile(`${session}/nii/PROJ-S1_1_02-01_CSPINE-T2-FSE-2D-SAGITTAL-PRE.nii.gz`);
const images = [t1Pre, t1Post, t2Echo, spine];

function ids(filter: ImageFilter): string[] {
  return filter.filter(images).map((image) => image.imageId);
}

function filterError(run: () => unknown): ImageFilterError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageFilterError);
    return error as ImageFilterError;
  }
  throw new Error('expected an ImageFilterError');
}

describe('R25', () => {
  it('bodypart=BRAIN;modality=T1 matches 01-03 and 01-04, not 01-05 or 02-01', () => {
    const filter = ImageFilter.fromString('bodypart=BRAIN;modality=T1');
    expect(filter.matches(t1Pre)).toBe(true);
    expect(filter.matches(t1Post)).toBe(true);
    expect(filter.matches(t2Echo)).toBe(false);
    expect(filter.matches(spine)).toBe(false);
  });

  it('bodypart=brain;modality=t1;excontrast=post matches 01-04 only', () => {
    expect(ids(ImageFilter.fromString('bodypart=brain;modality=t1;excontrast=post'))).toEqual(['01-04']);
  });

  it('extras=NONE matches the images with no extras', () => {
    expect(ids(ImageFilter.fromString('extras=NONE'))).toEqual(['01-03', '01-04', '02-01']);
  });

  it('tags=(n4,reg) matches only the _n4_reg image; tags=n4 matches nothing (exact list)', () => {
    expect(ids(ImageFilter.fromString('tags=(n4,reg)'))).toEqual(['01-05']);
    expect(ids(ImageFilter.fromString('tags=n4'))).toEqual([]);
  });

  it('body_part=BRAIN is an error naming the key and the allowed keys', () => {
    const error = filterError(() => ImageFilter.fromString('body_part=BRAIN'));
    expect(error.code).toBe('image-filter');
    expect(error.message).toContain('"body_part"');
    expect(error.message).toContain(imageFilterKeys.join(', '));
    expect(error.hint).toContain('"bodypart"');
  });

  it('bodypart=BRAIN,modality=T1 (comma-separated) is an error', () => {
    const error = filterError(() => ImageFilter.fromString('bodypart=BRAIN,modality=T1'));
    expect(error.message).toContain('not one key=value pair');
    expect(error.hint).toContain("Separate filters with ';'");
  });
});

describe('allowed keys (§1.3)', () => {
  it('are the six type fields, extras and tags', () => {
    expect(imageFilterKeys).toEqual([
      'bodypart',
      'modality',
      'technique',
      'acqdim',
      'orientation',
      'excontrast',
      'extras',
      'tags',
    ]);
  });

  it('refuse any other key in the constructor, listing every bad key', () => {
    const error = filterError(() => new ImageFilter({ body_part: 'BRAIN', foo: 'X' } as never));
    expect(error.message).toContain('"body_part", "foo"');
  });

  it('refuse values of the wrong kind', () => {
    expect(filterError(() => new ImageFilter({ extras: 'ECHO1' } as never)).message).toContain(
      'list of strings',
    );
    expect(filterError(() => new ImageFilter({ bodypart: ['BRAIN'] } as never)).message).toContain(
      'string or a predicate',
    );
  });
});

describe('fromString (§1.3)', () => {
  it('upper-cases plain values', () => {
    const filter = ImageFilter.fromString('bodypart=brain;technique=irfspgr');
    expect(filter.get('bodypart')).toBe('BRAIN');
    expect(filter.get('technique')).toBe('IRFSPGR');
  });

  it.each(['NONE', 'none', 'None', '()', '[]'])('reads extras=%s and tags=%s as "must be empty"', (word) => {
    const filter = ImageFilter.fromString(`extras=${word};tags=${word}`);
    expect(filter.get('extras')).toEqual([]);
    expect(filter.get('tags')).toEqual([]);
  });

  it('strips one surrounding bracket and splits on commas; extras upper-cased, tags not', () => {
    expect(ImageFilter.fromString('extras=(echo1,mag)').get('extras')).toEqual(['ECHO1', 'MAG']);
    expect(ImageFilter.fromString('extras=[echo1]').get('extras')).toEqual(['ECHO1']);
    expect(ImageFilter.fromString('extras=echo1,mag').get('extras')).toEqual(['ECHO1', 'MAG']);
    expect(ImageFilter.fromString('tags=[N4,Reg]').get('tags')).toEqual(['N4', 'Reg']);
    expect(ImageFilter.fromString('tags=((n4))').get('tags')).toEqual(['(n4)']);
  });

  it('lets a later item replace an earlier one for the same key, as RADIFOX does', () => {
    expect(ImageFilter.fromString('modality=T1;modality=T2').get('modality')).toBe('T2');
  });

  it('refuses items that are not one key=value pair and empty values', () => {
    expect(filterError(() => ImageFilter.fromString('bodypart')).message).toContain('not one key=value pair');
    expect(filterError(() => ImageFilter.fromString('bodypart=BRAIN;')).message).toContain(
      'not one key=value pair',
    );
    expect(filterError(() => ImageFilter.fromString('a=b=c')).hint).toContain("separated by ';'");
    const empty = filterError(() => ImageFilter.fromString('extras='));
    expect(empty.message).toContain('"extras" has no value');
    expect(empty.hint).toContain('extras=NONE');
  });
});

describe('matching (§1.3)', () => {
  it('needs lists to have the same items in the same order', () => {
    const name = parseImageName('P-1_1_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-ECHO1-MAG.nii.gz');
    expect(new ImageFilter({ extras: ['ECHO1', 'MAG'] }).matches(name)).toBe(true);
    expect(new ImageFilter({ extras: ['MAG', 'ECHO1'] }).matches(name)).toBe(false);
    expect(new ImageFilter({ extras: ['ECHO1'] }).matches(name)).toBe(false);
    expect(new ImageFilter({ extras: [] }).matches(name)).toBe(false);
  });

  it('lets a predicate decide', () => {
    const echoes = new ImageFilter({
      modality: (value) => value.startsWith('T2'),
      extras: (value) => value.some((extra) => extra.includes('ECHO')),
    });
    expect(echoes.filter(images)).toEqual([t2Echo]);
  });

  it('compares plain values as exact strings (case included)', () => {
    expect(new ImageFilter({ bodypart: 'brain' }).matches(t1Pre)).toBe(false);
    expect(new ImageFilter({ bodypart: 'BRAIN' }).matches(t1Pre)).toBe(true);
  });

  it('treats missing keys as "any"', () => {
    expect(new ImageFilter({}).filter(images)).toEqual(images);
    expect(new ImageFilter({ modality: undefined } as never).filter(images)).toEqual(images);
  });

  it('matches a parsed name as it matches the ImageFile', () => {
    const filter = ImageFilter.fromString('modality=T2;tags=(n4,reg)');
    expect(filter.matches(t2Echo.parts)).toBe(true);
    expect(filter.matches(parseImageName(t2Echo.name))).toBe(true);
  });
});

describe('get', () => {
  it('returns undefined for an allowed key not given and throws for other keys', () => {
    const filter = ImageFilter.fromString('bodypart=BRAIN');
    expect(filter.get('bodypart')).toBe('BRAIN');
    expect(filter.get('modality')).toBeUndefined();
    expect(filter.get('tags')).toBeUndefined();
    expect(filterError(() => filter.get('body_part' as never)).message).toContain('"body_part"');
  });
});

describe('toString', () => {
  it.each([
    'bodypart=BRAIN;modality=T1',
    'bodypart=BRAIN;modality=T1;excontrast=POST',
    'extras=NONE',
    'tags=(n4,reg)',
    'extras=(ECHO1,MAG);tags=NONE;acqdim=3D',
    'orientation=NONE',
  ])('prints %s back as given and reads back to the same filter', (text) => {
    const filter = ImageFilter.fromString(text);
    expect(filter.toString()).toBe(text);
    const again = ImageFilter.fromString(filter.toString());
    expect(again.toString()).toBe(text);
    expect(again.filter(images)).toEqual(filter.filter(images));
  });

  it('normalises other spellings to the printed form', () => {
    expect(ImageFilter.fromString('bodypart=brain;extras=[];tags=[n4]').toString()).toBe(
      'bodypart=BRAIN;extras=NONE;tags=(n4)',
    );
  });

  it('prints a constructed filter with lists and predicates', () => {
    const filter = new ImageFilter({
      modality: 'T1',
      extras: ['ECHO1', 'MAG'],
      tags: [],
      technique: () => true,
    });
    expect(filter.toString()).toBe('modality=T1;extras=(ECHO1,MAG);tags=NONE;technique=<function>');
  });
});
