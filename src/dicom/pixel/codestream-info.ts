/**
 * What a compressed frame really is, read from its own headers: the JPEG frame header (ITU-T
 * T.81 B.2.2, SOFn) and colour markers (JFIF APP0, Adobe APP14), the JPEG-LS frame header (SOF55,
 * ISO 14495-1 C.2.2), the JPEG 2000 image and tile size marker (SIZ, ISO 15444-1 A.5.1).
 *
 * Decoders are chosen from this, not only from the transfer syntax: real files declare one and
 * hold another (dcmjs `sample-op.dcm` declares JPEG Lossless .70 but holds a baseline SOF0
 * stream), and the header's rows, precision and signedness are checked against the codestream's.
 */

export type CodestreamKind =
  | 'jpeg-dct' // SOF0 / SOF1: baseline or extended sequential Huffman
  | 'jpeg-progressive' // SOF2
  | 'jpeg-lossless' // SOF3: process 14
  | 'jpeg-other' // arithmetic or hierarchical JPEG
  | 'jpeg-ls' // SOF55
  | 'j2k' // JPEG 2000 part 1 codestream
  | 'htj2k' // JPEG 2000 part 15 (High-Throughput) codestream
  | 'unknown';

/** The JPEG colour space IJG libjpeg guesses for three components (jdapimin.c `default_decompress_parms`). */
export type JpegColorGuess = 'ycbcr' | 'rgb' | undefined;

export interface CodestreamInfo {
  readonly kind: CodestreamKind;
  /** The SOF marker code (0xC0...0xCF, 0xF7), for JPEG and JPEG-LS. */
  readonly sofMarker?: number;
  readonly rows?: number;
  readonly columns?: number;
  readonly components?: number;
  /** Bits per sample (the first component's, for JPEG 2000). */
  readonly precision?: number;
  /** JPEG 2000 only: whether the first component is signed (Ssiz bit 7). JPEG samples are unsigned. */
  readonly signed?: boolean;
  readonly colorGuess?: JpegColorGuess;
  /** JPEG 2000 only: the COD marker asks for the inverse RCT / ICT (output is then RGB). */
  readonly multipleComponentTransform?: boolean;
  /** Where the codestream starts in the frame (after a JP2 file wrapper, if any). */
  readonly start: number;
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) * 0x10000 + u16(bytes, at + 2);
}

function sofKind(marker: number): CodestreamKind | undefined {
  if (marker === 0xc0 || marker === 0xc1) return 'jpeg-dct';
  if (marker === 0xc2) return 'jpeg-progressive';
  if (marker === 0xc3) return 'jpeg-lossless';
  if (marker === 0xf7) return 'jpeg-ls';
  if (
    (marker >= 0xc5 && marker <= 0xc7) ||
    (marker >= 0xc9 && marker <= 0xcb) ||
    (marker >= 0xcd && marker <= 0xcf)
  )
    return 'jpeg-other';
  return undefined;
}

function readJpeg(bytes: Uint8Array): CodestreamInfo {
  let at = 2;
  let jfif = false;
  let adobeTransform: number | undefined;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { kind: 'unknown', start: 0 };
    let marker = bytes[at + 1]!;
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1]!; // fill bytes (B.1.1.2)
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = u16(bytes, at + 2);
    const body = at + 4;
    if (marker === 0xe0 && length >= 7 && String.fromCharCode(...bytes.subarray(body, body + 5)) === 'JFIF\0')
      jfif = true;
    if (marker === 0xee && length >= 14 && String.fromCharCode(...bytes.subarray(body, body + 5)) === 'Adobe')
      adobeTransform = bytes[body + 11];
    const kind = sofKind(marker);
    if (kind !== undefined && body + 6 <= bytes.length) {
      const components = bytes[body + 5]!;
      const ids = [0, 1, 2].map((k) => bytes[body + 6 + 3 * k]);
      let colorGuess: JpegColorGuess;
      if (components === 3) {
        // IJG's order: a JFIF marker means YCbCr; else an Adobe marker's transform flag; else the
        // component identifiers ('R','G','B' means RGB); else YCbCr.
        if (jfif) colorGuess = 'ycbcr';
        else if (adobeTransform !== undefined) colorGuess = adobeTransform === 0 ? 'rgb' : 'ycbcr';
        else colorGuess = ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42 ? 'rgb' : 'ycbcr';
      }
      return {
        kind,
        sofMarker: marker,
        precision: bytes[body]!,
        rows: u16(bytes, body + 1),
        columns: u16(bytes, body + 3),
        components,
        colorGuess,
        start: 0,
      };
    }
    if (marker === 0xda || marker === 0xd9) break;
    at = body + length - 2;
  }
  return { kind: 'unknown', start: 0 };
}

function readJ2k(bytes: Uint8Array, start: number): CodestreamInfo {
  // SIZ follows SOC directly (A.5.1): FF51 Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz Csiz Ssiz...
  const siz = start + 2;
  if (u16(bytes, siz) !== 0xff51 || siz + 42 > bytes.length) return { kind: 'unknown', start };
  const columns = u32(bytes, siz + 6) - u32(bytes, siz + 14);
  const rows = u32(bytes, siz + 10) - u32(bytes, siz + 18);
  const components = u16(bytes, siz + 38);
  const ssiz = bytes[siz + 40]!;
  // Part 15 codestreams carry a CAP marker (FF50) in the main header (they also set Rsiz bit 14,
  // but a corrupt Rsiz such as JPEG2000-embedded-sequence-delimiter.dcm's 0xFEFF sets it too).
  // The COD marker (FF52, A.6.1) says whether a multiple component transform was used (SGcod byte 4).
  let htj2k = false;
  let multipleComponentTransform: boolean | undefined;
  const lsiz = u16(bytes, siz + 2);
  let at = siz + 2 + lsiz;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = u16(bytes, at);
    if (marker === 0xff50) htj2k = true;
    if (marker === 0xff52 && at + 9 <= bytes.length) multipleComponentTransform = bytes[at + 8] !== 0;
    if (marker === 0xff90 || marker === 0xff93) break; // SOT / SOD: end of the main header
    at += 2 + u16(bytes, at + 2);
  }
  return {
    kind: htj2k ? 'htj2k' : 'j2k',
    rows,
    columns,
    components,
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
    ...(multipleComponentTransform === undefined ? {} : { multipleComponentTransform }),
    start,
  };
}

/** Offset of the codestream inside a JP2 file (the contents of its 'jp2c' box), or -1. */
function jp2CodestreamStart(bytes: Uint8Array): number {
  let at = 0;
  while (at + 8 <= bytes.length) {
    let length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let header = 8;
    if (length === 1 && at + 16 <= bytes.length) {
      length = u32(bytes, at + 8) * 2 ** 32 + u32(bytes, at + 12);
      header = 16;
    }
    if (type === 'jp2c') return at + header;
    if (length < header) return -1;
    at += length;
  }
  return -1;
}

/** Identify a compressed frame and read its geometry. Never throws; unknown data gives `kind: 'unknown'`. */
export function codestreamInfo(bytes: Uint8Array): CodestreamInfo {
  if (bytes.length < 4) return { kind: 'unknown', start: 0 };
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return readJ2k(bytes, 0);
  // A JP2 file (signature box 0000000C 6A502020) where PS3.5 §A.4.4 wants a bare codestream.
  if (u32(bytes, 0) === 12 && u32(bytes, 4) === 0x6a502020) {
    const start = jp2CodestreamStart(bytes);
    if (start > 0 && start + 4 <= bytes.length && bytes[start] === 0xff && bytes[start + 1] === 0x4f)
      return readJ2k(bytes, start);
  }
  return { kind: 'unknown', start: 0 };
}

/**
 * True when the codestream holds its end marker — EOI for JPEG and JPEG-LS, EOC for JPEG 2000,
 * both FFD9 — anywhere after its first two bytes. Neither can occur inside entropy-coded data:
 * JPEG stuffs a 00 after each FF (T.81 B.1.1.5), JPEG-LS and JPEG 2000 follow an FF with a byte
 * below 0x80 / 0x90 (ISO 14495-1 A.1, ISO 15444-1 Annex B.10.1). So its absence means the frame is truncated.
 */
export function hasEndMarker(codestream: Uint8Array): boolean {
  for (let at = codestream.length - 2; at >= 2; at--) {
    if (codestream[at] === 0xff && codestream[at + 1] === 0xd9) return true;
  }
  return false;
}
