import { describe, expect, it } from 'vitest';
import { elementDefinition, privateElementDefinition, tagForKeyword } from './lookup.js';
import { privateElementTable } from './private-elements.generated.js';
import { standardElementTable } from './standard-elements.generated.js';

// The lookups search the generated text in place; these tests read every row the plain way
// (split into columns) and check that the searches find each one.
const standardRows = standardElementTable.split('\n').map((line) => line.split('\t'));
const privateRows = privateElementTable.split('\n').map((line) => line.split('\t'));

describe('standard element lookups', () => {
  it('finds every row of the standard table by tag and by keyword', () => {
    let previous = -1;
    for (const [hex, vr, vm, keyword, retired] of standardRows) {
      const tag = Number.parseInt(hex!, 16);
      // The binary search relies on this order.
      expect(tag).toBeGreaterThan(previous);
      previous = tag;
      expect(elementDefinition(tag)).toEqual({ tag, vr, vm, keyword, retired: retired === 'R' });
      if (keyword !== '') expect(tagForKeyword(keyword!)).toBe(tag);
    }
  });

  it('gives undefined for tags between, before and after the rows, and for private groups', () => {
    expect(elementDefinition(0x00100011)).toBeUndefined(); // between (0010,0010) and (0010,0020)
    expect(elementDefinition(0xfffffffe)).toBeUndefined();
    expect(elementDefinition(0x00090010)).toBeUndefined();
    expect(elementDefinition(0x00291010)).toBeUndefined();
    // Asked again: the remembered miss is still a miss.
    expect(elementDefinition(0x00100011)).toBeUndefined();
  });

  it('matches repeating groups, and keywords of repeating groups give the group-0 form', () => {
    expect(elementDefinition(0x60023000)).toMatchObject({
      tag: 0x60023000,
      vr: 'OB or OW',
      keyword: 'OverlayData',
    });
    expect(elementDefinition(0x601e0010)).toMatchObject({ keyword: 'OverlayRows' });
    expect(elementDefinition(0x50220010)).toMatchObject({ keyword: 'NumberOfPoints', retired: true });
    expect(tagForKeyword('OverlayData')).toBe(0x60003000);
  });

  it('finds keywords only in the keyword column and rejects what cannot be a keyword', () => {
    // 'UL' and '1' are a VR and a VM in every row, never a keyword.
    expect(tagForKeyword('UL')).toBeUndefined();
    expect(tagForKeyword('1')).toBeUndefined();
    expect(tagForKeyword('')).toBeUndefined();
    expect(tagForKeyword('Patient\tID')).toBeUndefined();
    expect(tagForKeyword('PatientI')).toBeUndefined();
    expect(tagForKeyword('PatientID')).toBe(0x00100020);
  });
});

describe('private element lookups', () => {
  it('finds every row of the private table under its creator', () => {
    const rowByCreatorAndKey = new Map(privateRows.map((row) => [`${row[0]}|${row[1]}`, row]));
    for (const [creator, key, vr, vm, name, retired] of privateRows) {
      // Keys are ggggxxee or ggxxxxee: put a block byte into the first form (the second is
      // tried after the exact and ggggxx forms, which a tag with block 0x10 may also match).
      if (!/^[0-9A-F]{4}xx[0-9A-F]{2}$/.test(key!)) continue;
      const tag = Number.parseInt(key!.replace('xx', '10'), 16);
      const found = privateElementDefinition(tag, creator!);
      const exact = rowByCreatorAndKey.get(`${creator}|${key!.replace('xx', '10')}`);
      expect(found).toEqual(
        exact === undefined
          ? { creator, vr, vm, name, retired: retired === 'R' }
          : { creator, vr: exact[2], vm: exact[3], name: exact[4], retired: exact[5] === 'R' },
      );
    }
  });

  it('gives undefined for unknown creators and for creators that are a prefix of a known one', () => {
    expect(privateElementDefinition(0x00291010, 'NO SUCH CREATOR')).toBeUndefined();
    expect(privateElementDefinition(0x00291010, 'SIEMENS CSA')).toBeUndefined();
    expect(privateElementDefinition(0x00291010, 'SIEMENS CSA HEADER')).toMatchObject({
      name: 'CSA Image Header Info',
    });
    expect(privateElementDefinition(0x00291010, 'SIEMENS\tCSA HEADER')).toBeUndefined();
  });
});
