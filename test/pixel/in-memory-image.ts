/**
 * In-memory images (a dataset and a DicomFile around it) for the unit tests beside src/dicom/pixel/.
 */
import { DataElement } from '../../src/dicom/data-element.js';
import { Dataset } from '../../src/dicom/dataset.js';
import { tagForKeyword } from '../../src/dicom/dictionary/index.js';
import type { DicomFile } from '../../src/dicom/read-dicom.js';
import {
  ExplicitVRLittleEndian,
  type TransferSyntax,
  transferSyntaxFor,
} from '../../src/dicom/transfer-syntax.js';
import type { ElementVR } from '../../src/dicom/vr.js';

/** Image Pixel attributes by keyword; numbers become US, strings CS / IS as the keyword needs. */
export type PixelAttributes = Readonly<Record<string, number | string | undefined>>;

const stringVRs: Readonly<Record<string, ElementVR>> = {
  PhotometricInterpretation: 'CS',
  NumberOfFrames: 'IS',
  RescaleSlope: 'DS',
  RescaleIntercept: 'DS',
};

export const defaultAttributes: PixelAttributes = {
  Rows: 2,
  Columns: 3,
  SamplesPerPixel: 1,
  BitsAllocated: 16,
  BitsStored: 16,
  HighBit: 15,
  PixelRepresentation: 0,
  PhotometricInterpretation: 'MONOCHROME2',
};

/** A dataset with these attributes (undefined ones left out) and, if given, Pixel Data. */
export function imageDataset(
  attributes: PixelAttributes,
  pixels?: { bytes?: Uint8Array; items?: Uint8Array[]; vr?: ElementVR; tag?: number },
): Dataset {
  const dataset = new Dataset();
  for (const [keyword, value] of Object.entries({ ...defaultAttributes, ...attributes })) {
    if (value === undefined) continue;
    const tag = tagForKeyword(keyword)!;
    const vr = stringVRs[keyword] ?? 'US';
    dataset.set(DataElement.fromValues(tag, vr, [vr === 'US' ? Number(value) : String(value)]));
  }
  const tag = pixels?.tag ?? 0x7fe00010;
  if (pixels?.items !== undefined) {
    dataset.set(
      DataElement.fromParsed(tag, 'OB', pixels.items, {
        valueOffset: 0,
        valueLength: 0xffffffff,
        encapsulated: true,
      }),
    );
  } else if (pixels?.bytes !== undefined) {
    dataset.set(DataElement.fromValues(tag, pixels.vr ?? 'OW', [pixels.bytes]));
  }
  return dataset;
}

/** A `DicomFile` around `dataset`, as `readDicom` would return it. */
export function imageFile(
  dataset: Dataset,
  transferSyntax: TransferSyntax | string = ExplicitVRLittleEndian,
): DicomFile {
  const bytes = new Uint8Array(0);
  const syntax = typeof transferSyntax === 'string' ? transferSyntaxFor(transferSyntax) : transferSyntax;
  return {
    preamble: undefined,
    meta: new Dataset(),
    dataset,
    transferSyntax: syntax,
    issues: [],
    pixelDataOffset: undefined,
    implicitVR: !syntax.explicitVR,
    source: {
      bytes,
      view: new DataView(bytes.buffer),
      littleEndian: typeof transferSyntax === 'string' || transferSyntax.littleEndian,
      issues: [],
    },
  };
}
