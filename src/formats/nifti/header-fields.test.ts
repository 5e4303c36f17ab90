import { describe, expect, it } from 'vitest';
import { type NiftiField, nifti1Fields, nifti2Fields, niftiFieldTypeSize } from './header-fields.js';

function end(field: NiftiField): number {
  return field.offset + niftiFieldTypeSize[field.type] * field.count;
}

describe.each([
  ['NIfTI-1', nifti1Fields, 348, 43],
  ['NIfTI-2', nifti2Fields, 540, 37],
] as const)('the %s field table', (_name, fields, size, count) => {
  it(`has ${count} fields that tile ${size} bytes with no gap or overlap`, () => {
    expect(fields).toHaveLength(count);
    expect(fields[0]!.offset).toBe(0);
    for (let n = 1; n < fields.length; n++) expect(fields[n]!.offset).toBe(end(fields[n - 1]!));
    expect(end(fields.at(-1)!)).toBe(size);
    const sizes = fields.reduce((sum, field) => sum + niftiFieldTypeSize[field.type] * field.count, 0);
    expect(sizes).toBe(size);
  });

  it('names each field once', () => {
    expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
  });

  it('aligns every numeric field to its size (NIfTI-2 was laid out for this)', () => {
    if (size === 348) return expect(fields.find((f) => f.name === 'dim')!.offset % 2).toBe(0);
    for (const field of fields) expect(field.offset % niftiFieldTypeSize[field.type]).toBe(0);
  });
});

describe('offsets from nifti1.h and nifti2.h', () => {
  const at = (fields: readonly NiftiField[], name: string) =>
    fields.find((field) => field.name === name)?.offset;

  it('places the NIfTI-1 fields readers look for first', () => {
    expect([at(nifti1Fields, 'dim'), at(nifti1Fields, 'datatype'), at(nifti1Fields, 'pixdim')]).toEqual([
      40, 70, 76,
    ]);
    expect([
      at(nifti1Fields, 'vox_offset'),
      at(nifti1Fields, 'qform_code'),
      at(nifti1Fields, 'srow_x'),
    ]).toEqual([108, 252, 280]);
    expect(at(nifti1Fields, 'magic')).toBe(344);
  });

  it('places the NIfTI-2 fields, which have no Analyze leftovers', () => {
    expect([at(nifti2Fields, 'magic'), at(nifti2Fields, 'dim'), at(nifti2Fields, 'vox_offset')]).toEqual([
      4, 16, 168,
    ]);
    expect([at(nifti2Fields, 'srow_z'), at(nifti2Fields, 'dim_info')]).toEqual([464, 524]);
    expect(at(nifti2Fields, 'db_name')).toBeUndefined();
  });
});
