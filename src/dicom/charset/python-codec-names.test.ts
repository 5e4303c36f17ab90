/**
 * Python codec-name resolution, for (0008,0005) values pydicom passes to `codecs.lookup`.
 * Expectations are CPython 3.11's `codecs.lookup(name).name` (checked with /usr/bin/python3).
 */
import { describe, expect, it } from 'vitest';
import { codecForPythonName, normalizeCodecName } from './python-codec-names.js';

describe('python-codec-names', () => {
  it('normalises as CPython does', () => {
    expect(normalizeCodecName('  ISO--ir 100.x ')).toBe('iso_ir_100.x');
    expect(normalizeCodecName('__utf--8__')).toBe('utf_8');
    expect(normalizeCodecName('Ünïcode')).toBe('n_code');
  });

  const known: [string, string][] = [
    ['UTF-8', 'utf_8'],
    [' utf8 ', 'utf_8'],
    ['__utf--8__', 'utf_8'],
    ['ISO_8859-1:1987', 'latin_1'],
    ['latin-1', 'latin_1'],
    ['ANSI_X3.4-1968', 'ascii'],
    ['ansi x3.4 1968', 'ascii'],
    ['iso646.us', 'ascii'], // tried again with '.' as '_'
    ['us-ascii', 'ascii'],
    ['Shift-JIS', 'shift_jis'],
    ['EUC-KR', 'euc_kr'],
    ['ISO-2022-JP-2', 'iso2022_jp_2'],
    ['csISO2022JP', 'iso2022_jp'],
    ['TIS-620', 'tis_620'],
    ['ISO_IR 126', 'iso8859_7'],
    ['iso_ir_58', 'gb2312'],
    ['latin\u00a01', 'latin_1'], // a non-ASCII character separates like punctuation
  ];
  for (const [name, codec] of known) {
    it(`resolves ${JSON.stringify(name)}`, () => {
      expect(codecForPythonName(name)).toBe(codec);
    });
  }

  it('rejects names CPython rejects, and codecs radkit does not implement', () => {
    expect(codecForPythonName('GB_2312-80')).toBeUndefined();
    expect(codecForPythonName('ISO 2022 IR 100')).toBeUndefined();
    expect(codecForPythonName('uÜtf8')).toBeUndefined(); // 'u_tf8'
    expect(codecForPythonName('cp1252')).toBeUndefined(); // valid in Python, not implemented
  });
});
