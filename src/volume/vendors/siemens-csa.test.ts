import { describe, expect, it } from 'vitest';
import { csaNumber, csaNumbers, csaString, parseCsaHeader } from './siemens-csa.js';

interface BlobTag {
  name: string;
  vm: number;
  vr: string;
  items: (string | null)[]; // null: an empty item
}

/** A CSA blob as syngo writes it (SV10), or the old layout (CSA1, lengths offset by `bias`). */
function csaBlob(tags: BlobTag[], format: 'SV10' | 'CSA1' = 'SV10'): Uint8Array {
  const bytes: number[] = [];
  const int32 = (value: number): void => {
    bytes.push(value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff);
  };
  const text = (value: string, size: number): void => {
    for (let index = 0; index < size; index++) bytes.push(index < value.length ? value.charCodeAt(index) : 0);
  };
  if (format === 'SV10') {
    text('SV10', 4);
    bytes.push(4, 3, 2, 1);
  }
  int32(tags.length);
  int32(77);
  const bias = tags[0]?.items.length ?? 0;
  for (const tag of tags) {
    text(tag.name, 64);
    int32(tag.vm);
    text(tag.vr, 4);
    int32(6);
    int32(tag.items.length);
    int32(77);
    for (const item of tag.items) {
      const value = item === null ? '' : `${item}\0`;
      const length = value.length;
      int32(format === 'SV10' ? length : length + bias);
      int32(length);
      int32(77);
      int32(length);
      text(value, length + ((4 - (length % 4)) % 4));
    }
  }
  return new Uint8Array(bytes);
}

describe('parseCsaHeader', () => {
  it('reads SV10 tags: names, VM, VR, and values up to the NUL, 4-byte aligned', () => {
    const blob = csaBlob([
      { name: 'NumberOfImagesInMosaic', vm: 1, vr: 'US', items: ['36', null, null] },
      { name: 'SliceNormalVector', vm: 3, vr: 'FD', items: ['0.1', '-0.2', '0.97'] },
      { name: 'ImaCoilString', vm: 1, vr: 'LO', items: ['T:HEA;HEP', null] },
      { name: 'MosaicRefAcqTimes', vm: 0, vr: 'FD', items: ['0', '52.5', null, '105'] },
    ]);
    const { csa, format, issues } = parseCsaHeader(blob);
    expect(issues).toEqual([]);
    expect(format).toBe('SV10');
    expect([...csa!.keys()]).toEqual([
      'NumberOfImagesInMosaic',
      'SliceNormalVector',
      'ImaCoilString',
      'MosaicRefAcqTimes',
    ]);
    expect(csa!.get('NumberOfImagesInMosaic')).toEqual({
      vr: 'US',
      vm: 1,
      syngoType: 6,
      itemCount: 3,
      values: ['36'],
    });
    expect(csaNumbers(csa, 'SliceNormalVector')).toEqual([0.1, -0.2, 0.97]);
    expect(csaString(csa, 'ImaCoilString')).toBe('T:HEA;HEP');
    // numeric values end at the first empty item (nibabel's rule)
    expect(csaNumbers(csa, 'MosaicRefAcqTimes')).toEqual([0, 52.5]);
    expect(csaNumber(csa, 'Absent')).toBeUndefined();
  });

  it('reads the old layout without signature, lengths offset by the first tag’s item count', () => {
    const blob = csaBlob(
      [
        { name: 'EchoLinePosition', vm: 1, vr: 'IS', items: ['64', null] },
        { name: 'SequenceName', vm: 1, vr: 'SH', items: ['epfid2d1_64'] },
      ],
      'CSA1',
    );
    const { csa, format, issues } = parseCsaHeader(blob);
    expect(issues).toEqual([]);
    expect(format).toBe('CSA1');
    expect(csaNumber(csa, 'EchoLinePosition')).toBe(64);
    expect(csaString(csa, 'SequenceName')).toBe('epfid2d1_64');
  });

  it('accepts a zeroed-out header as empty', () => {
    const { csa, format } = parseCsaHeader(new Uint8Array(64));
    expect(format).toBe('zeroed');
    expect(csa!.size).toBe(0);
  });

  it('reports truncated and out-of-range headers as Issues, without throwing', () => {
    const blob = csaBlob([{ name: 'B_value', vm: 1, vr: 'IS', items: ['1000'] }]);
    for (const broken of [
      blob.subarray(0, blob.length - 6),
      blob.subarray(0, 40),
      blob.subarray(0, 10),
      new Uint8Array([1, 2, 3]),
    ]) {
      const { csa, issues } = parseCsaHeader(broken, '(0029,1010)');
      expect(csa).toBeUndefined();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'csa-malformed', where: { tag: '(0029,1010)' } });
    }
    const tooMany = csaBlob([{ name: 'X', vm: 0, vr: 'IS', items: Array(1001).fill(null) }]);
    expect(parseCsaHeader(tooMany).issues[0]!.message).toContain('1001 items');
  });
});
