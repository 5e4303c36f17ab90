import { describe, expect, it } from 'vitest';
import {
  formatTag,
  formatTagKey,
  isPrivateCreatorTag,
  isPrivateTag,
  parseTag,
  privateCreatorTagFor,
  tagElement,
  tagFromParts,
  tagGroup,
} from './tag.js';

describe('tags', () => {
  it('packs and unpacks group and element, including groups above 0x7FFF', () => {
    const tag = tagFromParts(0xfffe, 0xe000);
    expect(tag).toBe(0xfffee000);
    expect(tag).toBeGreaterThan(0);
    expect(tagGroup(tag)).toBe(0xfffe);
    expect(tagElement(tag)).toBe(0xe000);
  });

  it('formats as PS3.5 writes tags and as the JSON model keys them', () => {
    expect(formatTag(0x0020000d)).toBe('(0020,000D)');
    expect(formatTagKey(0x0020000d)).toBe('0020000D');
    expect(formatTagKey(0xfffee0dd)).toBe('FFFEE0DD');
  });

  it('parses the three textual forms and refuses others', () => {
    for (const text of ['(0010,0010)', '0010,0010', '00100010', ' (7fe0,0010) ']) {
      expect(parseTag(text)).toBe(text.includes('7fe0') ? 0x7fe00010 : 0x00100010);
    }
    expect(parseTag('PatientName')).toBeUndefined();
    expect(parseTag('(0010,001)')).toBeUndefined();
  });

  it('knows private tags, creators and the creator of a block (PS3.5 §7.8.1)', () => {
    expect(isPrivateTag(0x00291010)).toBe(true);
    expect(isPrivateTag(0x00280010)).toBe(false);
    expect(isPrivateCreatorTag(0x00290010)).toBe(true);
    expect(isPrivateCreatorTag(0x00291010)).toBe(false);
    expect(isPrivateCreatorTag(0x00290100)).toBe(false);
    expect(privateCreatorTagFor(0x00291010)).toBe(0x00290010);
    expect(privateCreatorTagFor(0x002911ff)).toBe(0x00290011);
  });
});
