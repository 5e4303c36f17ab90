/**
 * Single-byte character sets of PS3.3 Table C.12-2 (ISO_IR 100 ... ISO_IR 166), decoded as
 * Python's charmap codecs that pydicom selects for them.
 *
 * The upper halves (0xA0-0xFF) are data rather than TextDecoder calls: WHATWG maps the labels
 * 'iso-8859-9' and 'tis-620' to windows-1254 and windows-874, which differ from Python's
 * `iso8859_9`/`tis_620` in 0x80-0x9F and in the bytes Python leaves undefined, and Node 20's
 * TextDecoder does not even follow WHATWG for windows-1252. 96 entries per set are small; the
 * test `single-byte.test.ts` (and `test/charset/codec-tables.test.ts`) checks every byte against
 * CPython. 0x00-0x9F map to themselves in all of these Python codecs (C0 and C1 controls).
 */
import type { ByteDecoder, CodecId, DecodeStatus } from './byte-decoder.js';
import { REPLACEMENT } from './byte-decoder.js';
import { latin1String, scratchUnits, unitsToString } from './code-units.js';

/** U+FFFD in a table marks a byte Python's codec leaves undefined (a decode error). */
const UPPER_HALVES = {
  /** ISO_IR 101 Latin alphabet No. 2 (Python `iso8859_2`). */
  iso8859_2:
    '\u00A0\u0104\u02D8\u0141\u00A4\u013D\u015A\u00A7\u00A8\u0160\u015E\u0164\u0179\u00AD\u017D\u017B' +
    '\u00B0\u0105\u02DB\u0142\u00B4\u013E\u015B\u02C7\u00B8\u0161\u015F\u0165\u017A\u02DD\u017E\u017C' +
    '\u0154\u00C1\u00C2\u0102\u00C4\u0139\u0106\u00C7\u010C\u00C9\u0118\u00CB\u011A\u00CD\u00CE\u010E' +
    '\u0110\u0143\u0147\u00D3\u00D4\u0150\u00D6\u00D7\u0158\u016E\u00DA\u0170\u00DC\u00DD\u0162\u00DF' +
    '\u0155\u00E1\u00E2\u0103\u00E4\u013A\u0107\u00E7\u010D\u00E9\u0119\u00EB\u011B\u00ED\u00EE\u010F' +
    '\u0111\u0144\u0148\u00F3\u00F4\u0151\u00F6\u00F7\u0159\u016F\u00FA\u0171\u00FC\u00FD\u0163\u02D9',
  /** ISO_IR 109 Latin alphabet No. 3 (Python `iso8859_3`). */
  iso8859_3:
    '\u00A0\u0126\u02D8\u00A3\u00A4\uFFFD\u0124\u00A7\u00A8\u0130\u015E\u011E\u0134\u00AD\uFFFD\u017B' +
    '\u00B0\u0127\u00B2\u00B3\u00B4\u00B5\u0125\u00B7\u00B8\u0131\u015F\u011F\u0135\u00BD\uFFFD\u017C' +
    '\u00C0\u00C1\u00C2\uFFFD\u00C4\u010A\u0108\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF' +
    '\uFFFD\u00D1\u00D2\u00D3\u00D4\u0120\u00D6\u00D7\u011C\u00D9\u00DA\u00DB\u00DC\u016C\u015C\u00DF' +
    '\u00E0\u00E1\u00E2\uFFFD\u00E4\u010B\u0109\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF' +
    '\uFFFD\u00F1\u00F2\u00F3\u00F4\u0121\u00F6\u00F7\u011D\u00F9\u00FA\u00FB\u00FC\u016D\u015D\u02D9',
  /** ISO_IR 110 Latin alphabet No. 4 (Python `iso8859_4`). */
  iso8859_4:
    '\u00A0\u0104\u0138\u0156\u00A4\u0128\u013B\u00A7\u00A8\u0160\u0112\u0122\u0166\u00AD\u017D\u00AF' +
    '\u00B0\u0105\u02DB\u0157\u00B4\u0129\u013C\u02C7\u00B8\u0161\u0113\u0123\u0167\u014A\u017E\u014B' +
    '\u0100\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u012E\u010C\u00C9\u0118\u00CB\u0116\u00CD\u00CE\u012A' +
    '\u0110\u0145\u014C\u0136\u00D4\u00D5\u00D6\u00D7\u00D8\u0172\u00DA\u00DB\u00DC\u0168\u016A\u00DF' +
    '\u0101\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u012F\u010D\u00E9\u0119\u00EB\u0117\u00ED\u00EE\u012B' +
    '\u0111\u0146\u014D\u0137\u00F4\u00F5\u00F6\u00F7\u00F8\u0173\u00FA\u00FB\u00FC\u0169\u016B\u02D9',
  /** ISO_IR 144 Cyrillic (Python `iso8859_5`). */
  iso8859_5:
    '\u00A0\u0401\u0402\u0403\u0404\u0405\u0406\u0407\u0408\u0409\u040A\u040B\u040C\u00AD\u040E\u040F' +
    '\u0410\u0411\u0412\u0413\u0414\u0415\u0416\u0417\u0418\u0419\u041A\u041B\u041C\u041D\u041E\u041F' +
    '\u0420\u0421\u0422\u0423\u0424\u0425\u0426\u0427\u0428\u0429\u042A\u042B\u042C\u042D\u042E\u042F' +
    '\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437\u0438\u0439\u043A\u043B\u043C\u043D\u043E\u043F' +
    '\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044A\u044B\u044C\u044D\u044E\u044F' +
    '\u2116\u0451\u0452\u0453\u0454\u0455\u0456\u0457\u0458\u0459\u045A\u045B\u045C\u00A7\u045E\u045F',
  /** ISO_IR 127 Arabic (Python `iso8859_6`). */
  iso8859_6:
    '\u00A0\uFFFD\uFFFD\uFFFD\u00A4\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u060C\u00AD\uFFFD\uFFFD' +
    '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u061B\uFFFD\uFFFD\uFFFD\u061F' +
    '\uFFFD\u0621\u0622\u0623\u0624\u0625\u0626\u0627\u0628\u0629\u062A\u062B\u062C\u062D\u062E\u062F' +
    '\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637\u0638\u0639\u063A\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD' +
    '\u0640\u0641\u0642\u0643\u0644\u0645\u0646\u0647\u0648\u0649\u064A\u064B\u064C\u064D\u064E\u064F' +
    '\u0650\u0651\u0652\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD',
  /** ISO_IR 126 Greek (Python `iso8859_7`, the 2003 edition with the euro sign). */
  iso8859_7:
    '\u00A0\u2018\u2019\u00A3\u20AC\u20AF\u00A6\u00A7\u00A8\u00A9\u037A\u00AB\u00AC\u00AD\uFFFD\u2015' +
    '\u00B0\u00B1\u00B2\u00B3\u0384\u0385\u0386\u00B7\u0388\u0389\u038A\u00BB\u038C\u00BD\u038E\u038F' +
    '\u0390\u0391\u0392\u0393\u0394\u0395\u0396\u0397\u0398\u0399\u039A\u039B\u039C\u039D\u039E\u039F' +
    '\u03A0\u03A1\uFFFD\u03A3\u03A4\u03A5\u03A6\u03A7\u03A8\u03A9\u03AA\u03AB\u03AC\u03AD\u03AE\u03AF' +
    '\u03B0\u03B1\u03B2\u03B3\u03B4\u03B5\u03B6\u03B7\u03B8\u03B9\u03BA\u03BB\u03BC\u03BD\u03BE\u03BF' +
    '\u03C0\u03C1\u03C2\u03C3\u03C4\u03C5\u03C6\u03C7\u03C8\u03C9\u03CA\u03CB\u03CC\u03CD\u03CE\uFFFD',
  /** ISO_IR 138 Hebrew (Python `iso8859_8`). */
  iso8859_8:
    '\u00A0\uFFFD\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00D7\u00AB\u00AC\u00AD\u00AE\u00AF' +
    '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00F7\u00BB\u00BC\u00BD\u00BE\uFFFD' +
    '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD' +
    '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u2017' +
    '\u05D0\u05D1\u05D2\u05D3\u05D4\u05D5\u05D6\u05D7\u05D8\u05D9\u05DA\u05DB\u05DC\u05DD\u05DE\u05DF' +
    '\u05E0\u05E1\u05E2\u05E3\u05E4\u05E5\u05E6\u05E7\u05E8\u05E9\u05EA\uFFFD\uFFFD\u200E\u200F\uFFFD',
  /** ISO_IR 148 Latin alphabet No. 5 (Python `iso8859_9`). */
  iso8859_9:
    '\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF' +
    '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF' +
    '\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF' +
    '\u011E\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u0130\u015E\u00DF' +
    '\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF' +
    '\u011F\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u0131\u015F\u00FF',
  /** ISO_IR 166 Thai (Python `tis_620`: unlike ISO 8859-11 it leaves 0xA0 undefined). */
  tis_620:
    '\uFFFD\u0E01\u0E02\u0E03\u0E04\u0E05\u0E06\u0E07\u0E08\u0E09\u0E0A\u0E0B\u0E0C\u0E0D\u0E0E\u0E0F' +
    '\u0E10\u0E11\u0E12\u0E13\u0E14\u0E15\u0E16\u0E17\u0E18\u0E19\u0E1A\u0E1B\u0E1C\u0E1D\u0E1E\u0E1F' +
    '\u0E20\u0E21\u0E22\u0E23\u0E24\u0E25\u0E26\u0E27\u0E28\u0E29\u0E2A\u0E2B\u0E2C\u0E2D\u0E2E\u0E2F' +
    '\u0E30\u0E31\u0E32\u0E33\u0E34\u0E35\u0E36\u0E37\u0E38\u0E39\u0E3A\uFFFD\uFFFD\uFFFD\uFFFD\u0E3F' +
    '\u0E40\u0E41\u0E42\u0E43\u0E44\u0E45\u0E46\u0E47\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E4D\u0E4E\u0E4F' +
    '\u0E50\u0E51\u0E52\u0E53\u0E54\u0E55\u0E56\u0E57\u0E58\u0E59\u0E5A\u0E5B\uFFFD\uFFFD\uFFFD\uFFFD',
} as const;

/** The single-byte codecs that use a table (Latin-1 and ASCII need none). */
export type TableCodecId = keyof typeof UPPER_HALVES;

export const TABLE_CODECS: readonly TableCodecId[] = Object.keys(UPPER_HALVES) as TableCodecId[];

/** Python's `latin_1`: every byte is its own code point; it never fails. */
export const decodeLatin1: ByteDecoder = (bytes, start, end) => latin1String(bytes, start, end);

/** Python's `ascii`: bytes 0x80-0xFF are errors (one U+FFFD each). */
export const decodeAscii: ByteDecoder = (bytes, start, end, status) => {
  const units = scratchUnits(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      units[n++] = byte;
    } else {
      units[n++] = REPLACEMENT;
      status.errors++;
    }
  }
  return unitsToString(units, n);
};

/** The full 256-entry table of a codec (U+FFFD for undefined bytes). */
export function singleByteTable(codec: TableCodecId): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 0xa0; byte++) table[byte] = byte;
  const upper = UPPER_HALVES[codec];
  for (let i = 0; i < 0x60; i++) table[0xa0 + i] = upper.charCodeAt(i);
  return table;
}

function tableDecoder(table: Uint16Array): ByteDecoder {
  return (bytes: Uint8Array, start: number, end: number, status: DecodeStatus): string => {
    const units = scratchUnits(end - start);
    let n = 0;
    for (let i = start; i < end; i++) {
      const unit = table[bytes[i]!]!;
      if (unit === REPLACEMENT) status.errors++;
      units[n++] = unit;
    }
    return unitsToString(units, n);
  };
}

const tableDecoders = new Map<TableCodecId, ByteDecoder>();

/** The decoder for one of the table-driven single-byte codecs (built on first use). */
export function singleByteDecoder(codec: TableCodecId): ByteDecoder {
  let decoder = tableDecoders.get(codec);
  if (decoder === undefined) {
    decoder = tableDecoder(singleByteTable(codec));
    tableDecoders.set(codec, decoder);
  }
  return decoder;
}

/** True when `codec` is one of the table-driven single-byte codecs. */
export function isTableCodec(codec: CodecId): codec is TableCodecId {
  return Object.hasOwn(UPPER_HALVES, codec);
}
