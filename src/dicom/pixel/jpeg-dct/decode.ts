/**
 * Top-level decoding of a DCT-based, Huffman-coded sequential JPEG codestream (ITU-T T.81
 * processes 1, 2 and 4: SOF0 and SOF1, 8- and 12-bit), as used by DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.50 and .51.
 *
 * The decoder reproduces IJG libjpeg 6b's default output (JDCT_ISLOW, fancy upsampling), which is
 * what DCMTK's `dcmdjpeg` produces: the same marker handling (Annex B), entropy decoding (F.2.2),
 * inverse DCT, upsampling and, on request, YCbCr → RGB conversion.
 */

import { createState, readCodestream, type State } from './codestream.js';
import { interleave, interleaveYcbcrToRgb } from './color.js';
import { JpegDecodeError } from './errors.js';
import { createIdctContext, idctComponent } from './idct.js';
import { guessColorSpace, type JpegColorSpace, Marker } from './markers.js';
import { type Plane, upsample } from './upsample.js';

/** A decoded image. */
export interface DecodedJpeg {
  width: number;
  height: number;
  /** Samples per pixel (components in the frame). */
  components: number;
  precision: 8 | 12;
  /** Interleaved samples, row-major, components last: Uint8Array for 8-bit, Uint16Array for 12-bit. */
  samples: Uint8Array | Uint16Array;
  /** What IJG libjpeg warned about (truncated data, bad restart markers, ...); empty for a clean stream. */
  warnings: string[];
  /** The colour space of the codestream as IJG guesses it (JFIF / Adobe markers, component ids). */
  jpegColorSpace: JpegColorSpace;
  /** True when the samples were converted from YCbCr to RGB (or, for 4 components, YCCK to CMYK). */
  colorTransformed: boolean;
}

/** Options of {@link decodeJpegDct}. */
export interface DecodeJpegOptions {
  /**
   * YCbCr → RGB conversion of 3-component images with IJG's integer tables:
   * - `false` (default): the samples stay in the codestream's colour space (`dcmdjpeg +cn`);
   * - `true`: treat the three components as YCbCr and convert (`dcmdjpeg +ca`; what DICOM wants
   *   when the Photometric Interpretation is YBR_FULL or YBR_FULL_422, like dcmdjpeg's default +cp);
   * - `'guess'`: convert only when IJG guesses YCbCr from JFIF / Adobe markers and component ids
   *   (`dcmdjpeg +cg`).
   * With `true` or `'guess'`, a 4-component image marked YCCK (Adobe transform 2) becomes CMYK,
   * as IJG does.
   */
  colorTransform?: boolean | 'guess';
}

/**
 * Decode a baseline or extended sequential (SOF0 / SOF1), Huffman-coded, DCT-based JPEG
 * codestream: 8- or 12-bit, 1 to 10 components, any integral sampling factors (1..4),
 * restart intervals, interleaved or not, single or multiple scans.
 *
 * The samples are exactly IJG libjpeg 6b's (DCMTK `dcmdjpeg`'s) with its default islow IDCT and
 * fancy upsampling. Subsampled components are upsampled; colour conversion is opt-in
 * (`colorTransform`).
 *
 * @throws JpegDecodeError when the data is not a JPEG, uses another process (progressive,
 *   lossless, arithmetic, hierarchical, JPEG-LS), lacks a table, has a bad Huffman table or an
 *   invalid Huffman code (where IJG would warn and substitute 0), or its headers are truncated.
 *   A truncated entropy-coded segment is not an error: like IJG, the decoder reads zero bits past
 *   its end, leaves the segment's remaining MCUs as zero coefficients (mid-grey) and says so in
 *   `warnings`.
 */
export function decodeJpegDct(codestream: Uint8Array, options: DecodeJpegOptions = {}): DecodedJpeg {
  const data = codestream;
  if (data.length < 2 || data[0] !== 0xff || data[1] !== Marker.SOI) {
    const found = Array.from(data.subarray(0, 2), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(
      ' ',
    );
    throw new JpegDecodeError(
      `Not a JPEG codestream: expected the SOI marker FF D8 at offset 0, found ${found === '' ? 'no data' : found}`,
      0,
    );
  }
  const state = createState(data);
  try {
    return decode(state, options);
  } catch (error) {
    // Typed-array allocation failures of a huge (but legal) frame are a decode fault too.
    if (error instanceof RangeError) {
      throw new JpegDecodeError(`Cannot allocate the decoded image: ${error.message}`, 0, { cause: error });
    }
    throw error;
  }
}

function decode(state: State, options: DecodeJpegOptions): DecodedJpeg {
  const frame = readCodestream(state);
  const ctx = createIdctContext(frame.precision);
  const zeroTable = new Int32Array(64);
  const planes: Plane[] = frame.components.map((c, i) => {
    const quant = state.latched[i];
    if (quant === undefined) {
      state.warnings.add(`Component ${c.id} appears in no scan; its samples are mid-grey, as IJG outputs`);
    }
    const coefficients = state.coefficients[i] as Int16Array;
    const plane = idctComponent(
      ctx,
      coefficients,
      c.bufferBlocksPerLine,
      c.blocksPerLine,
      c.blocksPerColumn,
      quant ?? zeroTable,
    );
    return upsample(plane, c.width, c.height, frame.hMax / c.h, frame.vMax / c.v);
  });

  const count = frame.components.length;
  const size = frame.width * frame.height * count;
  const samples = frame.precision === 8 ? new Uint8Array(size) : new Uint16Array(size);
  const jpegColorSpace = guessColorSpace(
    frame.components.map((c) => c.id),
    state.app,
  );
  const mode = options.colorTransform ?? false;
  // 3 components: YCbCr → RGB, forced by `true` (dcmdjpeg +ca) or when IJG guesses YCbCr. 4
  // components: IJG's YCCK → CMYK when it guesses YCCK (Adobe transform 2), for `true` and 'guess'.
  const convert =
    (count === 3 && (mode === true || (mode === 'guess' && jpegColorSpace === 'ycbcr'))) ||
    (count === 4 && mode !== false && jpegColorSpace === 'ycck');
  if (convert) interleaveYcbcrToRgb(planes, frame.width, frame.height, frame.precision, samples);
  else interleave(planes, frame.width, frame.height, samples);

  return {
    width: frame.width,
    height: frame.height,
    components: count,
    precision: frame.precision,
    samples,
    warnings: state.warnings.list(),
    jpegColorSpace,
    colorTransformed: convert,
  };
}
