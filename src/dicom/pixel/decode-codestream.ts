/**
 * Decoding one compressed frame (JPEG, JPEG-LS, JPEG 2000, HTJ2K) with the codec its codestream
 * needs, which the transfer syntax only suggests.
 *
 * | codestream (from its own markers) | codec |
 * |---|---|
 * | SOF0/SOF1, 8-bit | libjpeg-turbo, unless its colour conversion would be wrong (below); radkit's DCT decoder if turbo refuses |
 * | SOF0/SOF1, 12-bit | radkit's DCT decoder (`jpeg-dct/`) |
 * | SOF2 (progressive) | libjpeg-turbo |
 * | SOF3 (lossless), 8-bit | libjpeg-turbo (unless it would colour-convert), else jpeg-lossless-decoder-js |
 * | SOF3, other precisions | jpeg-lossless-decoder-js |
 * | SOF55 (JPEG-LS) | CharLS |
 * | JPEG 2000 | OpenJPEG |
 * | HTJ2K | OpenJPH, else OpenJPEG |
 *
 * Colour of three-component DCT JPEG, verified against dcmtk 3.6.7 `dcmdjpeg` (default `+cp`)
 * on every corpus file (test/pixel/compressed.test.ts, all exact): dcmdjpeg converts YCbCr to
 * RGB exactly when the Photometric Interpretation is YBR_* — whatever the JFIF / Adobe markers
 * say — and then writes RGB; an RGB header means the components are written as decoded. E.g.
 * SC_jpeg_no_color_transform.dcm (RGB header, component ids 1-2-3, which IJG alone would take
 * for YCbCr) comes out unconverted; examples_ybr_color.dcm (YBR_FULL_422, 30 frames) comes out
 * RGB with the chroma upsampled. radkit does the same and reports the output photometric
 * interpretation: RGB after conversion, else the header's (YBR_FULL for a YBR_FULL_422 frame
 * decoded without conversion, the chroma being upsampled by the decoder).
 * libjpeg-turbo converts when IJG's marker guess says YCbCr, so it is used only when that guess
 * and the header agree; otherwise radkit's DCT decoder is told which conversion to do. (No
 * corpus file has a YBR header over a codestream IJG guesses is RGB; that path is unit-tested
 * in jpeg-dct/.) libjpeg-turbo's output equals dcmdjpeg's (libjpeg 6b) on all 14 baseline files.
 */
import { UnsupportedTransferSyntaxError } from '../errors.js';
import type { TransferSyntax } from '../transfer-syntax.js';
import { decodeCharls } from './codecs/charls.js';
import type { CodecImage } from './codecs/codec-image.js';
import { decodeWithJpegDct } from './codecs/jpeg-dct.js';
import { decodeJpegLossless } from './codecs/jpeg-lossless.js';
import { decodeLibjpegTurbo } from './codecs/libjpeg-turbo.js';
import { decodeOpenjpeg } from './codecs/openjpeg.js';
import { decodeOpenjph } from './codecs/openjph.js';
import { type CodestreamInfo, type CodestreamKind, codestreamInfo, hasEndMarker } from './codestream-info.js';
import { PixelDataError, type PixelIssue } from './errors.js';

/** The codestream kinds each pixel encoding may hold without an issue. */
const expectedKinds: Readonly<Record<string, readonly CodestreamKind[]>> = {
  'jpeg-baseline': ['jpeg-dct'],
  'jpeg-extended': ['jpeg-dct'],
  'jpeg-lossless': ['jpeg-lossless'],
  'jpeg-ls': ['jpeg-ls'],
  'jpeg-2000': ['j2k'],
  // PS3.5 §A.4.11: the HTJ2K transfer syntaxes may also carry part-1 codestreams.
  htj2k: ['htj2k', 'j2k'],
};

const kindNames: Readonly<Record<CodestreamKind, string>> = {
  'jpeg-dct': 'a sequential DCT JPEG (SOF0/SOF1)',
  'jpeg-progressive': 'a progressive JPEG (SOF2)',
  'jpeg-lossless': 'a lossless JPEG (SOF3)',
  'jpeg-other': 'an arithmetic-coded or hierarchical JPEG',
  'jpeg-ls': 'a JPEG-LS codestream (SOF55)',
  j2k: 'a JPEG 2000 codestream',
  htj2k: 'an HTJ2K codestream',
  unknown: 'no known codestream',
};

/** One compressed frame decoded, with what was met. */
export interface DecodedCodestream {
  readonly image: CodecImage;
  readonly info: CodestreamInfo;
  readonly issues: PixelIssue[];
}

function hex(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

async function withFallback(
  first: () => Promise<CodecImage>,
  second: () => Promise<CodecImage> | CodecImage,
  issues: PixelIssue[],
  what: string,
): Promise<CodecImage> {
  try {
    return await first();
  } catch (firstError) {
    try {
      const image = await second();
      issues.push({
        code: 'codec-warning',
        severity: 'info',
        message: `${what}: ${firstError instanceof Error ? firstError.message : String(firstError)}`,
      });
      return image;
    } catch {
      throw firstError;
    }
  }
}

async function decodeDct(
  codestream: Uint8Array,
  info: CodestreamInfo,
  photometric: string,
  frame: number,
  issues: PixelIssue[],
): Promise<CodecImage> {
  const convert = info.components === 3 && photometric.startsWith('YBR_');
  if (info.precision !== 8) return decodeWithJpegDct(codestream, convert, frame);
  const turboAgrees = info.components !== 3 || (info.colorGuess === 'ycbcr') === convert;
  if (!turboAgrees) return decodeWithJpegDct(codestream, convert, frame);
  return withFallback(
    () => decodeLibjpegTurbo(codestream, info, frame),
    () => decodeWithJpegDct(codestream, convert, frame),
    issues,
    'libjpeg-turbo refused the frame, decoded with radkit’s DCT decoder instead',
  );
}

/**
 * Decode one compressed frame. `photometric` is the header's Photometric Interpretation (it
 * decides JPEG colour conversion). Throws `PixelDataError` for data no codec can decode.
 */
export async function decodeCodestream(
  bytes: Uint8Array,
  transferSyntax: TransferSyntax,
  photometric: string,
  frame: number,
): Promise<DecodedCodestream> {
  const issues: PixelIssue[] = [];
  const info = codestreamInfo(bytes);
  const expected = expectedKinds[transferSyntax.pixelEncoding];
  if (info.kind === 'unknown') {
    throw new PixelDataError(
      `the frame is ${bytes.length} bytes starting ${hex(bytes)}: not a JPEG, JPEG-LS or JPEG 2000 codestream (transfer syntax ${transferSyntax.name})`,
      {
        frame,
        hint: 'The pixel data is corrupt, or the transfer syntax UID is wrong.',
      },
    );
  }
  if (expected !== undefined && !expected.includes(info.kind)) {
    issues.push({
      code: 'codestream-kind',
      severity: 'warning',
      message: `frame ${frame}: the transfer syntax is ${transferSyntax.name} but the frame holds ${kindNames[info.kind]}; decoded as what it holds`,
    });
  }
  if (info.start > 0) {
    issues.push({
      code: 'codestream-kind',
      severity: 'warning',
      message: `frame ${frame} is a JP2 file, not a bare JPEG 2000 codestream (PS3.5 §A.4.4); its codestream was decoded`,
    });
  }
  const codestream = bytes.subarray(info.start);
  if (info.kind !== 'jpeg-ls' && !hasEndMarker(codestream)) {
    // Some codecs decode what is there without a word (OpenJPH, jpeg-lossless-decoder-js).
    issues.push({
      code: 'codestream-truncated',
      severity: 'warning',
      message: `frame ${frame}: the codestream (${codestream.length} bytes) has no end marker (EOI / EOC, FFD9): it is truncated and the end of the image may be missing or wrong`,
    });
  }
  let image: CodecImage;
  switch (info.kind) {
    case 'jpeg-dct':
      image = await decodeDct(codestream, info, photometric, frame, issues);
      break;
    case 'jpeg-progressive':
      image = await decodeLibjpegTurbo(codestream, info, frame);
      break;
    case 'jpeg-lossless':
      // Lossless samples are never colour-converted (the compression is of the samples as they
      // are), so libjpeg-turbo is used only where it would not convert either.
      image =
        info.precision === 8 && (info.components !== 3 || info.colorGuess === 'rgb')
          ? await withFallback(
              () => decodeLibjpegTurbo(codestream, info, frame),
              () => decodeJpegLossless(codestream, frame),
              issues,
              'libjpeg-turbo refused the lossless frame, decoded with jpeg-lossless-decoder-js instead',
            )
          : await decodeJpegLossless(codestream, frame);
      break;
    case 'jpeg-ls':
      image = await decodeCharls(codestream, frame);
      break;
    case 'j2k':
      image = await decodeOpenjpeg(codestream, info, frame);
      break;
    case 'htj2k':
      image = await withFallback(
        () => decodeOpenjph(codestream, frame),
        () => decodeOpenjpeg(codestream, info, frame),
        issues,
        'OpenJPH refused the HTJ2K frame, decoded with OpenJPEG instead',
      );
      break;
    case 'jpeg-other':
      throw new UnsupportedTransferSyntaxError(
        transferSyntax.uid,
        `frame ${frame} is ${kindNames[info.kind]} (marker 0xFF${(info.sofMarker ?? 0).toString(16).toUpperCase()}), which radkit cannot decode`,
        {
          hint: 'Convert the file with dcmdjpeg or gdcmconv --raw.',
        },
      );
  }
  for (const warning of image.warnings)
    issues.push({ code: 'codec-warning', severity: 'warning', message: `frame ${frame}: ${warning}` });
  return { image, info, issues };
}
