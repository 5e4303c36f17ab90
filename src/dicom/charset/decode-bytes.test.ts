/**
 * Code extensions (PS3.5 6.1.2.5) and the stand-alone multi-byte sets, through the public API.
 * Every expected value was obtained by running the same bytes with the same (0008,0005) terms
 * through pydicom 2.3.1 (`DataElement_from_raw`), including which calls warned.
 */
import { describe, expect, it } from 'vitest';
import { bytes, decode } from '../../../test/support/charset-cases.js';

const ESC = 0x1b;

describe('stand-alone multi-byte sets', () => {
  it('ISO_IR 13: half-width katakana and Shift_JIS kanji', () => {
    expect(decode(['ISO_IR 13'], 'PN', bytes(0xd4, 0xcf, 0xc0, 0xde, '^', 0xc0, 0xdb, 0xb3)).values).toEqual([
      'ﾔﾏﾀﾞ^ﾀﾛｳ',
    ]);
    expect(decode(['ISO_IR 13'], 'LO', bytes(0x8e, 0x52, 0x93, 0x63)).values).toEqual(['山田']);
  });

  it('ISO_IR 192: three component groups; BOM kept; bad sequences replaced', () => {
    const name = bytes('Wang^XiaoDong=', 0xe7, 0x8e, 0x8b, '^', 0xe5, 0xb0, 0x8f, 0xe6, 0x9d, 0xb1);
    expect(decode(['ISO_IR 192'], 'PN', name)).toEqual({ values: ['Wang^XiaoDong=王^小東'], codes: [] });
    expect(decode(['ISO_IR 192'], 'LO', bytes(0xef, 0xbb, 0xbf, 'A', 0xed, 0xa0, 0x80, 'B', 0xc3))).toEqual({
      values: ['\ufeffA\ufffd\ufffd\ufffdB\ufffd'],
      codes: ['undecodable-text'],
    });
  });

  it('GB18030 and GBK', () => {
    const name = bytes('Wang^XiaoDong=', 0xcd, 0xf5, '^', 0xd0, 0xa1, 0xb6, 0xab);
    expect(decode(['GB18030'], 'PN', name).values).toEqual(['Wang^XiaoDong=王^小东']);
    expect(
      decode(['GB18030'], 'LO', bytes(0x81, '0', 0x81, '0', 0x95, '2', 0x82, '6', 0xa8, 0xbc, 0x81, '0')),
    ).toEqual({ values: ['\u0080\u{20000}\ue7c7\ufffd'], codes: ['undecodable-text'] });
    expect(decode(['GBK'], 'LO', bytes('Wang ', 0xcd, 0xf5, 0xd0, 0xa1, 0xb6, 0xab, 0x80))).toEqual({
      values: ['Wang 王小东\ufffd'],
      codes: ['undecodable-text'],
    });
  });

  it('splits SH/LO on a 0x5C trail byte before decoding, as pydicom does', () => {
    expect(decode(['GB18030'], 'LO', bytes(0xb5, 0xcb, 0x5c)).values).toEqual(['邓', '']);
    expect(decode(['GBK'], 'LO', bytes(0x95, 0x5c, 'A'))).toEqual({
      values: ['\ufffd', 'A'],
      codes: ['undecodable-text'],
    });
  });
});

describe('ISO 2022 code extensions', () => {
  it('ISO 2022 IR 6 + IR 87: three groups, escapes reset at each group', () => {
    const name = bytes(
      'Yamada^Tarou=',
      ...[ESC, '$B;3ED', ESC, '(B^', ESC, '$BB@O:', ESC, '(B='],
      ...[ESC, '$B$d$^$@', ESC, '(B^', ESC, '$B$?$m$&', ESC, '(B'],
    );
    expect(decode(['ISO 2022 IR 6', 'ISO 2022 IR 87'], 'PN', name)).toEqual({
      values: ['Yamada^Tarou=山田^太郎=やまだ^たろう'],
      codes: [],
    });
  });

  it('ISO 2022 IR 13 + IR 87: katakana first group, ESC ( J back to Roman', () => {
    const name = bytes(
      0xd4,
      0xcf,
      0xc0,
      0xde,
      '^',
      0xc0,
      0xdb,
      0xb3,
      '=',
      ...[ESC, '$B;3ED', ESC, '(J^', ESC, '$BB@O:', ESC, '(J='],
      ...[ESC, '$B$d$^$@', ESC, '(J^', ESC, '$B$?$m$&', ESC, '(J'],
    );
    expect(decode(['ISO 2022 IR 13', 'ISO 2022 IR 87'], 'PN', name).values).toEqual([
      'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
    ]);
    // ESC ) I: katakana until CR (a text delimiter), then the first encoding again.
    expect(
      decode(
        ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
        'LO',
        bytes(ESC, ')I', 0xd4, 0xcf, '\rA', 0xd4, ESC, '(JA\\~'),
      ).values,
    ).toEqual(['ﾔﾏ\rAﾔA', '~']);
  });

  it('ISO 2022 IR 149 (Korean) in G1', () => {
    const name = bytes(
      'Hong^Gildong=',
      ...[ESC, '$)C', 0xfb, 0xf3, '^', ESC, '$)C', 0xd1, 0xce, 0xd4, 0xd7, '='],
      ...[ESC, '$)C', 0xc8, 0xab, '^', ESC, '$)C', 0xb1, 0xe6, 0xb5, 0xbf],
    );
    expect(decode(['', 'ISO 2022 IR 149'], 'PN', name).values).toEqual(['Hong^Gildong=洪^吉洞=홍^길동']);
  });

  it('ISO 2022 IR 58 keeps the escape characters, as pydicom 2.3.1 does', () => {
    const name = bytes(
      'Zhang^XiaoDong=',
      ESC,
      '$)A',
      0xd5,
      0xc5,
      '^',
      ESC,
      '$)A',
      0xd0,
      0xa1,
      0xb6,
      0xab,
      '=',
    );
    expect(decode(['', 'ISO 2022 IR 58'], 'PN', name).values).toEqual([
      'Zhang^XiaoDong=\u001b$)A张^\u001b$)A小东',
    ]);
  });

  it('ISO 2022 IR 159 (JIS X 0212) next to IR 87', () => {
    const value = bytes(ESC, '$(D0!', ESC, '(B abc ', ESC, '$B0!', ESC, '(B');
    expect(decode(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], 'LO', value).values).toEqual(['丂 abc 亜']);
  });

  it('mixed single-byte extensions reset at CR/LF/TAB in text', () => {
    const value = bytes('Caf', 0xe9, ' ', ESC, '-F', 0xe1, 0xe2, 0xe3, '\r\nx', ESC, '-L', 0xbf, 0xe0);
    const tail = bytes('\t', 0xe9, ESC, '-A', 0xe9);
    const all = Uint8Array.from([...value, ...tail]);
    expect(decode(['ISO 2022 IR 100', 'ISO 2022 IR 126', 'ISO 2022 IR 144'], 'LT', all).values).toEqual([
      'Café αβγ\r\nxПр\téé',
    ]);
  });

  it("resets at '^' in person names but not in text", () => {
    const terms = ['ISO 2022 IR 6', 'ISO 2022 IR 100'];
    expect(decode(terms, 'PN', bytes(ESC, '-AJ', 0xe9, 'r', 0xf4, 'me^', 0xe9, '=x')).values).toEqual([
      'Jérôme^é=x',
    ]);
    expect(decode(terms, 'LO', bytes(ESC, '-AJ', 0xe9, 'r', 0xf4, 'me^', 0xe9, '\rx', 0xe9)).values).toEqual([
      'Jérôme^é\rxé',
    ]);
  });

  it('an escape not enabled by (0008,0005) is decoded, ESC included, with the first encoding', () => {
    expect(decode(['ISO 2022 IR 6', 'ISO 2022 IR 87'], 'LO', bytes('abc', ESC, '-Fdef'))).toEqual({
      values: ['abc\u001b-Fdef'],
      codes: ['unknown-escape-sequence'],
    });
  });

  it('a fragment that fails is re-decoded whole (escape included) with the first encoding', () => {
    expect(decode(['ISO 2022 IR 6', 'ISO 2022 IR 149'], 'LO', bytes(ESC, '$)C', 0xc8, 0xff))).toEqual({
      values: ['\u001b$)CÈÿ'],
      codes: ['undecodable-text'],
    });
    // Without ESC ( B before '^', Python's ISO-2022-JP codec pairs '^' with the next byte.
    expect(decode(['ISO 2022 IR 6', 'ISO 2022 IR 87'], 'PN', bytes(ESC, '$B;3ED^B@O:', ESC, '(B'))).toEqual({
      values: ['\u001b$B;3ED^B@O:'],
      codes: ['undecodable-text'],
    });
  });

  it('splits LO on backslash between code extensions; IR 87 as first value decodes plain text', () => {
    const value = bytes(ESC, '$B;3', ESC, '(B\\', ESC, '$BED', ESC, '(B');
    expect(decode(['ISO 2022 IR 6', 'ISO 2022 IR 87'], 'LO', value).values).toEqual(['山', '田']);
    expect(decode(['ISO 2022 IR 87'], 'LO', bytes('abc', ESC, '$B;3', ESC, '(B')).values).toEqual(['abc山']);
  });
});
