/**
 * Transfer syntaxes (PS3.5 §10 and Annex A; UIDs in PS3.6 Annex A): how a dataset is encoded
 * and how its pixel data is compressed.
 */

/** How the frames of Pixel Data are encoded under a transfer syntax. */
export type PixelEncoding =
  | 'native'
  | 'rle' // PS3.5 §A.4.2, Annex G
  | 'jpeg-baseline' // ISO 10918-1 process 1
  | 'jpeg-extended' // processes 2 & 4 (8/12-bit)
  | 'jpeg-lossless' // process 14 (any predictor; .70 is selection value 1)
  | 'jpeg-ls' // ISO 14495-1 (.80 lossless, .81 near-lossless)
  | 'jpeg-2000' // ISO 15444-1
  | 'htj2k' // ISO 15444-15
  | 'deflate' // Deflated Image Frame Compression (PS3.5 §A.4.11, 1.2.840.10008.1.2.8.1)
  | 'video' // MPEG-2/4, HEVC: one stream for all frames
  | 'unsupported';

export interface TransferSyntax {
  readonly uid: string;
  readonly name: string;
  readonly explicitVR: boolean;
  readonly littleEndian: boolean;
  /** The dataset after the file meta is a raw deflate stream (PS3.5 §A.5). */
  readonly deflated: boolean;
  /** Pixel Data is encapsulated in items (PS3.5 §A.4). */
  readonly encapsulated: boolean;
  readonly pixelEncoding: PixelEncoding;
  /** Lossy compression (so decoded pixels are compared with a tolerance). */
  readonly lossy: boolean;
  /** True when the UID is not in this table and the properties were assumed. */
  readonly assumed?: boolean;
}

type Row = readonly [uid: string, name: string, pixelEncoding: PixelEncoding, lossy: boolean];

const encapsulatedRows: readonly Row[] = [
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', 'native', false],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'rle', false],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline', true],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 and 4)', 'jpeg-extended', true],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless', false],
  [
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction',
    'jpeg-lossless',
    false,
  ],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless Image Compression', 'jpeg-ls', false],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless) Image Compression', 'jpeg-ls', true],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Image Compression (Lossless Only)', 'jpeg-2000', false],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000 Image Compression', 'jpeg-2000', true],
  [
    '1.2.840.10008.1.2.4.92',
    'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)',
    'jpeg-2000',
    false,
  ],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component Image Compression', 'jpeg-2000', true],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', 'htj2k', false],
  [
    '1.2.840.10008.1.2.4.202',
    'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    'htj2k',
    false,
  ],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression', 'htj2k', true],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', 'deflate', false],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', 'video', true],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level', 'video', true],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'video', true],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'video', true],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'video', true],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1', 'video', true],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1', 'video', true],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', 'unsupported', false],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', 'unsupported', false],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'unsupported', true],
];

function native(
  uid: string,
  name: string,
  explicitVR: boolean,
  littleEndian: boolean,
  deflated = false,
): TransferSyntax {
  return {
    uid,
    name,
    explicitVR,
    littleEndian,
    deflated,
    encapsulated: false,
    pixelEncoding: 'native',
    lossy: false,
  };
}

const table: ReadonlyMap<string, TransferSyntax> = new Map<string, TransferSyntax>([
  ['1.2.840.10008.1.2', native('1.2.840.10008.1.2', 'Implicit VR Little Endian', false, true)],
  ['1.2.840.10008.1.2.1', native('1.2.840.10008.1.2.1', 'Explicit VR Little Endian', true, true)],
  [
    '1.2.840.10008.1.2.1.99',
    native('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', true, true, true),
  ],
  ['1.2.840.10008.1.2.2', native('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', true, false)],
  ...encapsulatedRows.map(([uid, name, pixelEncoding, lossy]): [string, TransferSyntax] => [
    uid,
    {
      uid,
      name,
      explicitVR: true,
      littleEndian: true,
      deflated: false,
      encapsulated: true,
      pixelEncoding,
      lossy,
    },
  ]),
]);

export const ImplicitVRLittleEndian: TransferSyntax = table.get('1.2.840.10008.1.2')!;
export const ExplicitVRLittleEndian: TransferSyntax = table.get('1.2.840.10008.1.2.1')!;
export const ExplicitVRBigEndian: TransferSyntax = table.get('1.2.840.10008.1.2.2')!;

/** The known transfer syntax with this UID, or undefined. */
export function findTransferSyntax(uid: string): TransferSyntax | undefined {
  return table.get(uid);
}

/**
 * The transfer syntax with this UID; an unknown UID is read as explicit VR little endian with
 * encapsulated pixel data, the encoding PS3.5 §10 requires of every private transfer syntax
 * that is not a variant of the native ones, and is flagged `assumed`.
 */
export function transferSyntaxFor(uid: string): TransferSyntax {
  return (
    table.get(uid) ?? {
      uid,
      name: `unknown transfer syntax ${uid}`,
      explicitVR: true,
      littleEndian: true,
      deflated: false,
      encapsulated: true,
      pixelEncoding: 'unsupported',
      lossy: false,
      assumed: true,
    }
  );
}

/** Every transfer syntax radkit knows, in UID order. */
export function knownTransferSyntaxes(): readonly TransferSyntax[] {
  return [...table.values()];
}
