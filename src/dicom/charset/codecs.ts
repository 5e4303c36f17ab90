/**
 * The registry from a Python codec (by CPython's canonical name) to its decoder here.
 */
import type { ByteDecoder, CodecId } from './byte-decoder.js';
import { decodeGb2312, decodeGb18030, decodeGbk } from './chinese.js';
import { decodeEucKr } from './euc-kr.js';
import { decodeIso2022Jp, decodeIso2022Jp2 } from './iso-2022-jp.js';
import { decodeShiftJis } from './shift-jis.js';
import type { TableCodecId } from './single-byte.js';
import { decodeAscii, decodeLatin1, isTableCodec, singleByteDecoder } from './single-byte.js';
import { decodeUtf8 } from './utf8.js';

const FIXED: Record<Exclude<CodecId, TableCodecId>, ByteDecoder> = {
  latin_1: decodeLatin1,
  ascii: decodeAscii,
  utf_8: decodeUtf8,
  shift_jis: decodeShiftJis,
  euc_kr: decodeEucKr,
  gb2312: decodeGb2312,
  gbk: decodeGbk,
  gb18030: decodeGb18030,
  iso2022_jp: decodeIso2022Jp,
  iso2022_jp_2: decodeIso2022Jp2,
};

/** The decoder that behaves like `bytes.decode(<codec>, errors='replace')` in CPython 3.11. */
export function decoderFor(codec: CodecId): ByteDecoder {
  if (isTableCodec(codec)) return singleByteDecoder(codec);
  return FIXED[codec];
}
