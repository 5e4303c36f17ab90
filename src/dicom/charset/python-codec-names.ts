/**
 * Python codec names, as pydicom meets them.
 *
 * pydicom maps each (0008,0005) term to a Python codec name and then calls `bytes.decode(name)`.
 * Its table uses names such as 'iso_ir_126' and 'UTF8', and for a term it does not know it
 * falls back to `codecs.lookup(term)`: any name CPython accepts is used as it is (so
 * (0008,0005) = 'UTF-8' or 'latin1' works in pydicom). This module resolves such names the way
 * CPython does: normalise (lower-case ASCII letters, collapse every run of characters other
 * than letters, digits and '.' into one '_', drop leading/trailing ones), then look the result
 * up in CPython's alias table or as a codec module name. Only the codecs radkit implements are
 * listed; any other name resolves to `undefined`.
 */
import type { CodecId } from './byte-decoder.js';

/** CPython 3.11 `encodings.aliases` entries (and module names) for the codecs radkit implements. */
const ALIASES: Readonly<Record<CodecId, readonly string[]>> = {
  latin_1: [
    '8859',
    'cp819',
    'csisolatin1',
    'ibm819',
    'iso8859',
    'iso8859_1',
    'iso_8859_1',
    'iso_8859_1_1987',
    'iso_ir_100',
    'l1',
    'latin',
    'latin1',
  ],
  ascii: [
    '646',
    'ansi_x3.4_1968',
    'ansi_x3.4_1986',
    'ansi_x3_4_1968',
    'cp367',
    'csascii',
    'ibm367',
    'iso646_us',
    'iso_646.irv_1991',
    'iso_ir_6',
    'us',
    'us_ascii',
  ],
  utf_8: ['cp65001', 'u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4'],
  iso8859_2: ['csisolatin2', 'iso_8859_2', 'iso_8859_2_1987', 'iso_ir_101', 'l2', 'latin2'],
  iso8859_3: ['csisolatin3', 'iso_8859_3', 'iso_8859_3_1988', 'iso_ir_109', 'l3', 'latin3'],
  iso8859_4: ['csisolatin4', 'iso_8859_4', 'iso_8859_4_1988', 'iso_ir_110', 'l4', 'latin4'],
  iso8859_5: ['csisolatincyrillic', 'cyrillic', 'iso_8859_5', 'iso_8859_5_1988', 'iso_ir_144'],
  iso8859_6: [
    'arabic',
    'asmo_708',
    'csisolatinarabic',
    'ecma_114',
    'iso_8859_6',
    'iso_8859_6_1987',
    'iso_ir_127',
  ],
  iso8859_7: [
    'csisolatingreek',
    'ecma_118',
    'elot_928',
    'greek',
    'greek8',
    'iso_8859_7',
    'iso_8859_7_1987',
    'iso_ir_126',
  ],
  iso8859_8: ['csisolatinhebrew', 'hebrew', 'iso_8859_8', 'iso_8859_8_1988', 'iso_ir_138'],
  iso8859_9: ['csisolatin5', 'iso_8859_9', 'iso_8859_9_1989', 'iso_ir_148', 'l5', 'latin5'],
  tis_620: ['iso_ir_166', 'tis620', 'tis_620_0', 'tis_620_2529_0', 'tis_620_2529_1'],
  shift_jis: ['csshiftjis', 's_jis', 'shiftjis', 'sjis', 'x_mac_japanese'],
  euc_kr: [
    'euckr',
    'korean',
    'ks_c_5601',
    'ks_c_5601_1987',
    'ks_x_1001',
    'ksc5601',
    'ksx1001',
    'x_mac_korean',
  ],
  gb2312: [
    'chinese',
    'csiso58gb231280',
    'euc_cn',
    'euccn',
    'eucgb2312_cn',
    'gb2312_1980',
    'gb2312_80',
    'iso_ir_58',
    'x_mac_simp_chinese',
  ],
  gbk: ['936', 'cp936', 'ms936'],
  gb18030: ['gb18030_2000'],
  iso2022_jp: ['csiso2022jp', 'iso2022jp', 'iso_2022_jp'],
  iso2022_jp_2: ['iso2022jp_2', 'iso_2022_jp_2'],
};

const BY_NAME: ReadonlyMap<string, CodecId> = (() => {
  const map = new Map<string, CodecId>();
  for (const [codec, aliases] of Object.entries(ALIASES) as [CodecId, readonly string[]][]) {
    map.set(codec, codec); // the module name itself
    for (const alias of aliases) map.set(alias, codec);
  }
  return map;
})();

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * CPython's codec-name normalisation (`_Py_normalize_encoding` then
 * `encodings.normalize_encoding`): lower-case; runs of other characters (non-ASCII included)
 * become one '_' between two kept characters, and vanish at either end.
 */
export function normalizeCodecName(name: string): string {
  let out = '';
  let pendingSeparator = false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (isAsciiAlphanumeric(code) || code === 0x2e) {
      if (pendingSeparator && out.length > 0) out += '_';
      out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : name[i];
      pendingSeparator = false;
    } else {
      pendingSeparator = true;
    }
  }
  return out;
}

/**
 * The codec CPython's `codecs.lookup(name)` would find, if radkit implements it. As in
 * `encodings.search_function`, an alias is tried as written and with '.' replaced by '_'; a
 * module name containing '.' is never imported.
 */
export function codecForPythonName(name: string): CodecId | undefined {
  const normalized = normalizeCodecName(name);
  const aliased = BY_NAME.get(normalized) ?? BY_NAME.get(normalized.replaceAll('.', '_'));
  return aliased;
}
