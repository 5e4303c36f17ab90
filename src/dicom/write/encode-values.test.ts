/**
 * Values made in memory to value fields: text in each supported character set and the typed
 * error for the others, number ranges, VM rules, and the in-memory forms each VR takes.
 */
import { describe, expect, it } from 'vitest';
import { encodeValues, type ValueContext } from './encode-values.js';
import { DicomWriteError, UnsupportedCharacterSetError } from './errors.js';

function context(terms: readonly string[] = [], littleEndian = true): ValueContext {
  return { littleEndian, terms, path: () => '(0010,0010) PatientName' };
}

function caught(run: () => unknown): DicomWriteError {
  try {
    run();
  } catch (error) {
    if (error instanceof DicomWriteError) return error;
    throw error;
  }
  throw new Error('expected a DicomWriteError');
}

describe('encodeValues: text and character sets (PS3.5 §6.1)', () => {
  it('writes Latin-1 under ISO_IR 100 and UTF-8 under ISO_IR 192, padded with a space', () => {
    expect(Array.from(encodeValues(['Müller^Jörg'], 'PN', context(['ISO_IR 100'])))).toEqual([
      0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x5e, 0x4a, 0xf6, 0x72, 0x67, 0x20,
    ]);
    expect(new TextDecoder().decode(encodeValues(['Müller^Jörg'], 'PN', context(['ISO_IR 192'])))).toBe(
      'Müller^Jörg ',
    );
    expect(new TextDecoder().decode(encodeValues(['山田^太郎'], 'PN', context(['ISO_IR 192'])))).toBe(
      '山田^太郎 ',
    );
  });

  it('writes ASCII text under any character set, code extensions included', () => {
    const bytes = encodeValues(['Yamada^Tarou'], 'PN', context(['', 'ISO 2022 IR 87']));
    expect(new TextDecoder().decode(bytes)).toBe('Yamada^Tarou');
  });

  it('refuses text beyond the default repertoire, naming the character and the fix', () => {
    const error = caught(() => encodeValues(['Müller'], 'PN', context([])));
    expect(error).toBeInstanceOf(UnsupportedCharacterSetError);
    expect(error.message).toContain(
      "(0010,0010) PatientName: 'ü' (U+00FC) at position 1 is not in the default repertoire",
    );
    expect(error.hint).toContain("'ISO_IR 192'");
  });

  it('refuses non-ASCII text in a character set radkit does not write, naming it', () => {
    const error = caught(() => encodeValues(['Иванов'], 'PN', context(['ISO_IR 144'])));
    expect(error).toBeInstanceOf(UnsupportedCharacterSetError);
    expect((error as UnsupportedCharacterSetError).characterSet).toBe('ISO_IR 144');
    expect(error.code).toBe('unsupported-character-set');
    expect(error.message).toContain("radkit cannot write text in Specific Character Set 'ISO_IR 144'");
    expect(error.hint).toContain("Set (0008,0005) SpecificCharacterSet to 'ISO_IR 192'");
    // Characters beyond Latin-1 under ISO_IR 100.
    expect(() => encodeValues(['Łódź'], 'LO', context(['ISO_IR 100']))).toThrow(
      /'Ł' \(U\+0141\).*not in 'ISO_IR 100'/,
    );
  });

  it('keeps the VRs outside (0008,0005) to ASCII (PS3.5 §6.1.2.3)', () => {
    expect(() => encodeValues(['MÜ'], 'CS', context(['ISO_IR 192']))).toThrow(
      /VR CS takes the default repertoire only/,
    );
  });

  it("joins values with '\\', refuses '\\' inside one and several values for a one-value VR", () => {
    expect(new TextDecoder().decode(encodeValues(['ORIGINAL', 'PRIMARY'], 'CS', context()))).toBe(
      'ORIGINAL\\PRIMARY',
    );
    expect(() => encodeValues(['a\\b'], 'LO', context())).toThrow(/contains '\\'/);
    expect(new TextDecoder().decode(encodeValues(['a\\b'], 'LT', context()))).toBe('a\\b ');
    expect(() => encodeValues(['a', 'b'], 'UT', context())).toThrow(/VR UT holds one value, but 2/);
  });

  it('takes DS and IS as text or numbers, other text VRs as text only', () => {
    expect(new TextDecoder().decode(encodeValues([1.5, '2.5'], 'DS', context()))).toBe('1.5\\2.5 ');
    expect(new TextDecoder().decode(encodeValues([12], 'IS', context()))).toBe('12');
    expect(() => encodeValues([3], 'LO', context())).toThrow(/VR LO holds text, but a value is number 3/);
  });
});

describe('encodeValues: binary values', () => {
  it('checks integer ranges and types', () => {
    expect(Array.from(encodeValues([65535, 0], 'US', context()))).toEqual([0xff, 0xff, 0, 0]);
    expect(() => encodeValues([65536], 'US', context())).toThrow(/65536 is not an integer from 0 to 65535/);
    expect(() => encodeValues([1.5], 'SS', context())).toThrow(/1.5 is not an integer/);
    expect(() => encodeValues(['7'], 'UL', context())).toThrow(
      /VR UL holds numbers, but a value is string 7/,
    );
    expect(Array.from(encodeValues([-2], 'SS', context([], false)))).toEqual([0xff, 0xfe]);
  });

  it('writes SV/UV from bigints or safe integers, within 64 bits', () => {
    expect(Array.from(encodeValues([1n], 'UV', context([], false)))).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(encodeValues([-1], 'SV', context()))).toEqual(new Array(8).fill(0xff));
    expect(() => encodeValues([-1n], 'UV', context())).toThrow(/does not fit VR UV/);
  });

  it('takes OW/OF as whole words of little-endian bytes and pads OB/UN to even length', () => {
    expect(Array.from(encodeValues([new Uint8Array([1, 2, 3, 4])], 'OF', context([], false)))).toEqual([
      4, 3, 2, 1,
    ]);
    expect(() => encodeValues([new Uint8Array(3)], 'OW', context())).toThrow(
      /OW value is made of 2-byte words/,
    );
    expect(Array.from(encodeValues([new Uint8Array([9])], 'UN', context()))).toEqual([9, 0]);
    // An unresolved 'OB or OW' is written as OW (see writtenVR).
    expect(Array.from(encodeValues([new Uint8Array([1, 2])], 'OB or OW', context([], false)))).toEqual([
      2, 1,
    ]);
  });
});
