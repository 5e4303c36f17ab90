/**
 * `datasetsFromArray`: an array of images as DICOM datasets, one per slice, ready for
 * `encodeDicomFile` — what `zeros(shape)`, `seriesFromArray` and `setArray` write (dbdicom's
 * `set_array`, seed-features.md §3.2).
 *
 * The array is laid out as `seriesArray` returns it: `(...dims, x, y)` with x = Columns and
 * y = Rows, or `(x, y, ...dims)` with `pixelsFirst`; every image along the leading axes (C order)
 * is one slice. Each slice's header is a copy of a template header (as `set_array` copies the
 * source's headers) or a new MR image; it gets a new SOP Instance UID, Instance Number 1…n, the
 * coordinates of `sortBy`, the `attributes`, and its pixels as 16-bit values (dicom/write/pixel-encoding.ts).
 */
import {
  copyDataset,
  DataElement,
  type Dataset,
  describeTag,
  elementDefinition,
  encodePixels,
  getNumber,
  getString,
  newUid,
  privateBlock,
  resolveTag,
  type Tag,
  type TagRef,
} from '../dicom/index.js';
import { type NDArray, permuteAndFlip } from '../ndarray/index.js';
import { type AttributeValue, attributeElement } from './attribute-element.js';
import { ArrayDatasetError } from './errors.js';
import { newMRImage } from './new-mr-image.js';

/**
 * An attribute for every slice: one value (a list when VM > 1), or a list with one value per
 * slice, or null to remove the attribute. A list is per slice when its entries are themselves
 * lists, or when the attribute holds one value (VM 1); its length must then be the number of
 * slices. So `ImageOrientationPatient: [1, 0, 0, 0, 1, 0]` is one value for all slices, and
 * `SliceLocation: [0, 5, 10]` one value each.
 */
export type SliceAttribute = AttributeValue | readonly AttributeValue[] | null;

export interface DatasetsFromArrayOptions {
  /**
   * Headers to copy: one per slice, or, when the counts differ, the first for every slice (as
   * dbdicom's `set_array`). Without one, each slice is a new MR image (new-mr-image.ts).
   */
  readonly template?: readonly Dataset[];
  /** Attributes by keyword or tag text, set after everything else but the pixels. */
  readonly attributes?: Readonly<Record<string, SliceAttribute>>;
  /**
   * Names of the leading dimensions: each slice gets, for each, its index along that dimension
   * (0, 1, 2… seconds for TM attributes), as dbdicom's `zeros` sets SliceLocation and
   * AcquisitionTime. What `seriesArray` sorts by to give the array back.
   */
  readonly sortBy?: readonly TagRef[];
  /** The array is `(x, y, ...dims)`. */
  readonly pixelsFirst?: boolean;
}

const tag = (keyword: string): Tag => resolveTag(keyword);

/** Attributes the pixels decide; `attributes` may not set them. */
const pixelModule = new Set<Tag>(
  [
    'SamplesPerPixel',
    'PhotometricInterpretation',
    'Rows',
    'Columns',
    'BitsAllocated',
    'BitsStored',
    'HighBit',
    'PixelRepresentation',
    'PlanarConfiguration',
    'NumberOfFrames',
    'RescaleSlope',
    'RescaleIntercept',
    'PixelData',
  ].map(tag),
);

/**
 * Attributes of a template that the new pixels make wrong: values of the old pixels (their VR,
 * US or SS, follows the old Pixel Representation too), colour and compression descriptions, and
 * a Modality LUT, which may not stand beside the rescale written now (PS3.3 C.11.1).
 */
const staleInCopies = new Set<Tag>(
  [
    'SmallestImagePixelValue',
    'LargestImagePixelValue',
    'SmallestPixelValueInSeries',
    'LargestPixelValueInSeries',
    'PixelPaddingValue',
    'PixelPaddingRangeLimit',
    'RedPaletteColorLookupTableDescriptor',
    'GreenPaletteColorLookupTableDescriptor',
    'BluePaletteColorLookupTableDescriptor',
    'PaletteColorLookupTableUID',
    'RedPaletteColorLookupTableData',
    'GreenPaletteColorLookupTableData',
    'BluePaletteColorLookupTableData',
    'SegmentedRedPaletteColorLookupTableData',
    'SegmentedGreenPaletteColorLookupTableData',
    'SegmentedBluePaletteColorLookupTableData',
    'ICCProfile',
    'ModalityLUTSequence',
    'FloatPixelData',
    'DoubleFloatPixelData',
    'ExtendedOffsetTable',
    'ExtendedOffsetTableLengths',
    'PixelDataProviderURL',
  ].map(tag),
);

/** Philips' private scaling, which dbdicom applies instead of the rescale when present. */
const philipsCreator = 'Philips MR Imaging DD 001';

function copyOfTemplate(template: Dataset): Dataset {
  const frames = getNumber(template, 'NumberOfFrames') ?? 1;
  if (frames > 1 || template.has(tag('PerFrameFunctionalGroupsSequence'))) {
    throw new ArrayDatasetError(
      `a template header is a multi-frame image (${frames} frames); each slice is written as a single-frame image`,
      { hint: 'Give single-frame headers as templates, or none for new MR images.' },
    );
  }
  const copy = copyDataset(template);
  for (const element of template) {
    // File Meta Information describes the file it came from (its transfer syntax above all).
    if (element.tag >>> 16 === 0x0002 || pixelModule.has(element.tag) || staleInCopies.has(element.tag))
      copy.delete(element.tag);
  }
  const block = privateBlock(template, 0x2005, philipsCreator);
  if (block !== undefined) {
    for (const offset of [0x0d, 0x0e]) copy.delete((0x2005_0000 | (block << 8) | offset) >>> 0);
  }
  return copy;
}

function sliceValue(ref: string, value: SliceAttribute, slice: number, count: number): AttributeValue | null {
  if (value === null || typeof value !== 'object') return value;
  const t = resolveTag(ref);
  const perSlice = value.some((entry) => typeof entry === 'object') || elementDefinition(t)?.vm === '1';
  if (!perSlice) return value as AttributeValue;
  if (value.length !== count) {
    throw new ArrayDatasetError(
      `attribute ${describeTag(t)} has ${value.length} values, one per slice, but the array has ${count} slices`,
      { hint: 'Give one value for all slices, or a list with exactly one value per slice.' },
    );
  }
  return value[slice] as AttributeValue;
}

/** C-order indexes of `slice` over `shape`. */
function indexesOf(slice: number, shape: readonly number[]): number[] {
  const indexes = new Array<number>(shape.length);
  for (let axis = shape.length - 1, rest = slice; axis >= 0; axis--) {
    indexes[axis] = rest % shape[axis]!;
    rest = Math.floor(rest / shape[axis]!);
  }
  return indexes;
}

/** The array with the pixel axes last: `(...dims, x, y)`. */
function pixelsLast(array: NDArray, pixelsFirst: boolean): NDArray {
  const rank = array.shape.length;
  if (rank < 2) {
    throw new ArrayDatasetError(`the array has ${rank} dimension(s); images need at least 2 (x and y)`, {
      hint: 'Give an array of shape (x, y) or larger.',
    });
  }
  if (!pixelsFirst) return array;
  return permuteAndFlip(array, [...Array.from({ length: rank - 2 }, (_, axis) => axis + 2), 0, 1]);
}

/** The datasets for the slices of `array` (see the module comment). */
export function datasetsFromArray(array: NDArray, options: DatasetsFromArrayOptions = {}): Dataset[] {
  const ordered = pixelsLast(array, options.pixelsFirst === true);
  const dims = ordered.shape.slice(0, -2);
  const [x, y] = ordered.shape.slice(-2) as [number, number];
  if (x < 1 || y < 1 || x > 0xffff || y > 0xffff) {
    throw new ArrayDatasetError(
      `images of ${x} × ${y} pixels cannot be written; Rows and Columns are 1…65535`,
      {
        hint: 'Check the array shape (x = Columns, y = Rows are its last two axes, or first two with pixelsFirst).',
      },
    );
  }
  const sortBy = (options.sortBy ?? []).map((ref) => resolveTag(ref));
  if (sortBy.length > dims.length) {
    throw new ArrayDatasetError(
      `sortBy names ${sortBy.length} dimensions but the array has ${dims.length} besides x and y`,
      { hint: 'Name at most one attribute per leading dimension.' },
    );
  }
  const count = dims.reduce((product, size) => product * size, 1);
  const template = options.template ?? [];
  const attributes = Object.entries(options.attributes ?? {});
  const given = new Set(attributes.map(([ref]) => resolveTag(ref)));
  for (const [ref] of attributes) {
    if (pixelModule.has(resolveTag(ref))) {
      throw new ArrayDatasetError(
        `attribute ${describeTag(resolveTag(ref))} is set from the array's pixels`,
        {
          hint: 'Leave the Image Pixel module and the rescale out of attributes.',
        },
      );
    }
  }
  const shared = {
    studyInstanceUID: newUid(),
    seriesInstanceUID: newUid(),
    frameOfReferenceUID: newUid(),
  };
  const datasets: Dataset[] = [];
  const pixels = new Float64Array(x * y);
  for (let slice = 0; slice < count; slice++) {
    const source = template.length === count ? template[slice] : template[0];
    const dataset = source === undefined ? newMRImage(shared) : copyOfTemplate(source);
    const indexes = indexesOf(slice, dims);
    for (const [axis, t] of sortBy.entries()) dataset.set(attributeElement(t, indexes[axis]!, dataset));
    dataset.set(attributeElement(tag('SOPInstanceUID'), newUid()));
    dataset.set(attributeElement(tag('InstanceNumber'), slice + 1, dataset));
    for (const [ref, value] of attributes) {
      const t = resolveTag(ref);
      const one = sliceValue(ref, value, slice, count);
      if (one === null) dataset.delete(t);
      else dataset.set(attributeElement(t, one, dataset));
    }
    // A new image sits where its Slice Location says, along the normal of its axial plane.
    const location = getNumber(dataset, 'SliceLocation');
    if (source === undefined && location !== undefined && !given.has(tag('ImagePositionPatient')))
      dataset.set(attributeElement(tag('ImagePositionPatient'), [0, 0, location]));
    // (x, y) in the array is DICOM's (column x, row y): Pixel Data runs row by row.
    const base = slice * x * y;
    for (let row = 0; row < y; row++) {
      for (let column = 0; column < x; column++)
        pixels[row * x + column] = ordered.data[base + column * y + row]!;
    }
    const encoded = encodePixels(pixels);
    const photometric = getString(source ?? dataset, 'PhotometricInterpretation')?.trim();
    const pixelAttributes: [string, AttributeValue][] = [
      ['SamplesPerPixel', 1],
      ['PhotometricInterpretation', photometric === 'MONOCHROME1' ? 'MONOCHROME1' : 'MONOCHROME2'],
      ['Rows', y],
      ['Columns', x],
      ['BitsAllocated', 16],
      ['BitsStored', 16],
      ['HighBit', 15],
      ['PixelRepresentation', encoded.pixelRepresentation],
      ['RescaleIntercept', encoded.intercept],
      ['RescaleSlope', encoded.slope],
    ];
    for (const [keyword, value] of pixelAttributes) dataset.set(attributeElement(tag(keyword), value));
    dataset.set(DataElement.fromValues(tag('PixelData'), 'OW', [encoded.bytes]));
    datasets.push(dataset);
  }
  return datasets;
}
