/**
 * `volumeToDatasets`: a volume as the datasets of a new DICOM series, one single-frame MR or CT
 * image (PS3.3 A.4 MR Image IOD, A.3 CT Image IOD) per slice, ready for `encodeDicomFile`.
 *
 * - SOP class: MR Image Storage, or CT Image Storage for a CT template or `modality: 'CT'`
 *   (template-attributes.ts: any other modality gives MR).
 * - UIDs: the template's Study Instance UID (a new one without a template); a new Series
 *   Instance UID, SOP Instance UID per image, and Frame of Reference UID, unless
 *   `keepFrameOfReference` keeps the template's (only right when the volume is still in the
 *   template's patient coordinates).
 * - Geometry: series-plane.ts (Image Orientation and Position, Pixel Spacing; Slice Thickness and,
 *   for MR, Spacing Between Slices = |affine column 2|; Slice Location = position · normal).
 * - Pixels: series-pixels.ts (16-bit, one rescale for the whole series). Rescale Slope and
 *   Intercept are in every CT image (type 1, PS3.3 C.8.2.1); MR images carry them only when they
 *   are not 1 and 0, as vendors do (the MR Image IOD has no Modality LUT: a standard extended
 *   SOP class).
 * - Patient, study, equipment and acquisition attributes come from the template
 *   (template-attributes.ts); type 2 attributes nothing gives are present and empty (PS3.5 §7.4).
 * - Extra axes (4D and beyond): every volume along them, in data order, is another run of
 *   slices. Instance Number counts through all images (volume by volume, slice by slice), which is
 *   the order radkit and dcm2niix stack them in again; each volume gets Acquisition Number 1, 2…
 *   and, for MR, Temporal Position Identifier 1, 2… with Number of Temporal Positions. A single
 *   extra axis named `time` with finite values also sets Acquisition Time = the template's
 *   Acquisition Time + the axis value (without a template time, none is made up).
 * - Image Type DERIVED\SECONDARY (value 3: OTHER for MR, AXIAL for CT, PS3.3 C.8.3.1.1.1 and
 *   C.8.2.1.1.1), a Derivation Description, Series and Content Date/Time of the writing.
 * - Specific Character Set ISO_IR 192 (UTF-8) when any text is beyond ASCII; absent otherwise.
 */
import { type DataElement, Dataset, type ElementValue, type ElementVR, newUid } from '../../dicom/index.js';
import type { Volume } from '../../volume/index.js';
import {
  acquisitionTimes,
  checkedVolumeCount,
  checkSeriesOptions,
  type DicomSeriesOptions,
  ds,
  element,
  hasNonAscii,
  seriesElements,
} from './series-elements.js';
import { imagePixelAttributes, type SeriesPixels, seriesPixels } from './series-pixels.js';
import { type SeriesPlane, seriesPlane } from './series-plane.js';
import {
  CTImageStorage,
  type DicomSeriesModality,
  MRImageStorage,
  seriesModality,
} from './template-attributes.js';

export type { DicomSeriesOptions } from './series-elements.js';

/** The elements every image of the series shares. */
function sharedElements(
  volume: Volume,
  options: DicomSeriesOptions,
  plane: SeriesPlane,
  pixels: SeriesPixels,
  modality: DicomSeriesModality,
  volumeCount: number,
): DataElement[] {
  const [ni, nj] = volume.geometry.dims;
  const mr = modality === 'MR';
  const identityRescale = Number(pixels.slope) === 1 && Number(pixels.intercept) === 0;
  const elements = seriesElements(options, modality, {
    extraTypeTwo: mr
      ? ['ScanOptions', 'MRAcquisitionType', 'RepetitionTime', 'EchoTime', 'EchoTrainLength']
      : ['KVP'],
    acquisition: true,
  });
  const put = (keyword: string, values: readonly ElementValue[], vr?: ElementVR) =>
    elements.set(keyword, element(keyword, values, vr));
  put('SOPClassUID', [mr ? MRImageStorage : CTImageStorage]);
  put('ImageType', ['DERIVED', 'SECONDARY', mr ? 'OTHER' : 'AXIAL']);
  put('ImageOrientationPatient', plane.imageOrientationPatient.map(ds));
  put('PixelSpacing', plane.pixelSpacing.map(ds));
  put('SliceThickness', [ds(plane.sliceSpacing)]);
  if (mr) put('SpacingBetweenSlices', [ds(plane.sliceSpacing)]);
  if (mr && volumeCount > 1) put('NumberOfTemporalPositions', [String(volumeCount)]);
  for (const [keyword, values] of imagePixelAttributes(pixels, ni, nj)) put(keyword, values);
  if (!mr || !identityRescale) {
    put('RescaleIntercept', [pixels.intercept]);
    put('RescaleSlope', [pixels.slope]);
  }
  const shared = [...elements.values()];
  if (hasNonAscii(shared)) shared.push(element('SpecificCharacterSet', ['ISO_IR 192']));
  return shared;
}

/** The datasets of `volume` as a new series (see the module comment); throws `DicomSeriesError`. */
export function volumeToDatasets(volume: Volume, options: DicomSeriesOptions = {}): Dataset[] {
  checkSeriesOptions(options);
  const volumeCount = checkedVolumeCount(volume);
  const [ni, nj, nk] = volume.geometry.dims;
  const plane = seriesPlane(volume.geometry.affine, nk, options);
  const pixels = seriesPixels(volume, ni * nj);
  const modality = seriesModality(options.template, options.modality);
  const shared = sharedElements(volume, options, plane, pixels, modality, volumeCount);
  const times = acquisitionTimes(volume, options.template, volumeCount);
  const [nx, ny, nz] = plane.normal;
  const datasets: Dataset[] = [];
  for (let v = 0; v < volumeCount; v++) {
    for (let n = 0; n < nk; n++) {
      const dataset = new Dataset();
      for (const e of shared) dataset.set(e);
      const position = plane.positions[n]!;
      const k = plane.reversed ? nk - 1 - n : n;
      dataset.set(element('SOPInstanceUID', [newUid()]));
      dataset.set(element('InstanceNumber', [String(v * nk + n + 1)]));
      dataset.set(element('AcquisitionNumber', [String(v + 1)]));
      if (modality === 'MR' && volumeCount > 1)
        dataset.set(element('TemporalPositionIdentifier', [String(v + 1)]));
      if (times !== undefined) dataset.set(element('AcquisitionTime', [times[v]!]));
      dataset.set(element('ImagePositionPatient', position.map(ds)));
      dataset.set(element('SliceLocation', [ds(position[0] * nx + position[1] * ny + position[2] * nz)]));
      dataset.set(element('PixelData', [pixels.image(v * nk + k)], 'OW'));
      datasets.push(dataset);
    }
  }
  return datasets;
}
