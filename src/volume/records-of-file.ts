/**
 * Every 2D image of one file as an `ImageRecord`: the tiles of a Siemens mosaic or a UIH grid,
 * or the frames of a classic instance — with the vendor adjustments dcm2niix makes before
 * grouping (docs/research/dcm2niix-rules.md §1.3), so grouping and names agree with it.
 */
import { type Dataset, getNumber, getString, privateElement, readOverlayPlanes } from '../dicom/index.js';
import { enhancedRecords } from './enhanced-records.js';
import type { DiffusionWeighting, ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';
import { siemensMosaicRecords } from './mosaic-records.js';
import { classicRecords } from './record-from-dataset.js';
import { uihGridRecords } from './uih-grid-records.js';
import {
  echoOfIceDims,
  isSiemensXa,
  philipsPreciseRescale,
  readGeDiffusion,
  readPhilipsDiffusion,
  readPhilipsScaling,
} from './vendors/index.js';

export interface FileRecords {
  readonly records: ImageRecord[];
  readonly issues: VolumeIssue[];
}

/** The echo index of a Siemens XA image from its ICE dimensions (0021,xx06 "SIEMENS MR SDI 02"). */
function iceDimsEcho(dataset: Dataset): number | undefined {
  const value = privateElement(dataset, 'SIEMENS MR SDI 02', 0x0021, 0x06)?.values[0];
  return echoOfIceDims(typeof value === 'string' ? value : undefined);
}

/**
 * Siemens XA classic single-slice files (dcm2niix issue 394): one acquisition may be saved as
 * several series (field-map echoes as 9001 and 9002), so the Series Time groups them, series
 * numbers may differ, and the image number becomes instance + series × 1000 (which names
 * localizer outputs `_i2001001`). Echo numbers come from the ICE dimensions when (0018,0086) is absent.
 */
function siemensXaClassic(records: ImageRecord[], dataset: Dataset): ImageRecord[] {
  const seriesTime = getString(dataset, 'SeriesTime');
  if (records.length !== 1 || seriesTime === undefined) return records;
  const echo = records[0]!.echoNumber ?? iceDimsEcho(dataset);
  return records.map((record) => ({
    ...record,
    bucket: `XA:${seriesTime}`,
    stackable: true,
    instanceNumber:
      record.instanceNumber === undefined
        ? undefined
        : record.instanceNumber + (record.seriesNumber ?? 0) * 1000,
    echoNumber: echo,
  }));
}

/**
 * Diffusion weighting from vendor private elements when the standard (0018,9087) is absent:
 * GE (0043,xx39 and 0019,xxBB–BD, in image axes) and Philips (2001,xx03 and 2005,xxB0–B2).
 */
function vendorDiffusion(dataset: Dataset, records: ImageRecord[]): ImageRecord[] {
  // Vendor values are needed when the standard ones are absent or carry no gradient (GE writes
  // (0018,9087) but keeps its gradient, in image axes, in private elements).
  if (records.every((record) => record.diffusion?.gradient !== undefined)) return records;
  const manufacturer = getString(dataset, 'Manufacturer') ?? '';
  let diffusion: DiffusionWeighting | undefined;
  if (/^GE/i.test(manufacturer)) {
    // The b-value and gradient only: the Protocol Data Block (gunzip, parse) is for the sidecar.
    const ge = readGeDiffusion(dataset);
    if (ge.bValue !== undefined)
      diffusion = { bValue: ge.bValue, gradient: ge.diffusionGradient, frame: 'image' };
  } else if (/PHILIPS/i.test(manufacturer)) {
    const philips = readPhilipsDiffusion(dataset);
    if (philips.bValue !== undefined)
      diffusion = { bValue: philips.bValue, gradient: philips.diffusionGradient, frame: 'patient' };
  }
  if (diffusion === undefined) return records;
  return records.map((record) =>
    record.diffusion?.gradient === undefined ? { ...record, diffusion } : record,
  );
}

/**
 * Philips MR: the precise floating-point scaling (docs/research/dcm2niix-rules.md §4.2, dcm2niix's
 * default `-p y`): FP = SV / SS + RI / (RS·SS) with the private Scale Slope SS (2005,xx0E), per
 * frame of an enhanced file. The sidecar says so (UsePhilipsFloatNotDisplayScaling).
 */
function philipsScaling(dataset: Dataset, records: ImageRecord[]): ImageRecord[] {
  if (!/PHILIPS/i.test(getString(dataset, 'Manufacturer') ?? '') || getString(dataset, 'Modality') !== 'MR')
    return records;
  return records.map((record) => {
    const precise = philipsPreciseRescale(readPhilipsScaling(dataset, record.source.frame));
    return precise === undefined ? record : { ...record, rescale: precise };
  });
}

/**
 * Frames beyond Number of Frames (1 when absent, PS3.3 C.7.6.6) have no pixels, even when the
 * functional groups describe them (pydicom's liver_1frame.dcm keeps three per-frame items for
 * one frame): they are left out, and said, rather than filled with zeros.
 */
function boundedByFrames(records: ImageRecord[], dataset: Dataset, file: string): FileRecords {
  let declared = 1;
  try {
    declared = Math.max(1, getNumber(dataset, 'NumberOfFrames') ?? 1);
  } catch {
    // A damaged value: the pixel loader reports what the Pixel Data really holds.
    return { records, issues: [] };
  }
  if (records.length <= declared) return { records, issues: [] };
  return {
    records: records.slice(0, declared),
    issues: [
      {
        code: 'frame-count',
        severity: 'warning',
        message: `the functional groups describe ${records.length} frames but Number of Frames is ${declared}; the ${records.length - declared} frame(s) without pixels were left out`,
        where: {
          file,
          ...(records[0]!.seriesInstanceUID === ''
            ? {}
            : { seriesInstanceUID: records[0]!.seriesInstanceUID }),
        },
      },
    ],
  };
}

/**
 * The file's overlay planes on each of its records (rare: most files have none, found in 16
 * lookups), and a warning for each plane that cannot be read.
 */
function withOverlays(dataset: Dataset, file: string, found: FileRecords): FileRecords {
  const { planes, problems } = readOverlayPlanes(dataset);
  if (planes.length === 0 && problems.length === 0) return found;
  const series = found.records[0]?.seriesInstanceUID;
  const unreadable: VolumeIssue[] = problems.map((problem) => ({
    code: 'overlay-unreadable',
    severity: 'warning',
    message: `${problem}; it is not converted`,
    where: { file, ...(series === undefined || series === '' ? {} : { seriesInstanceUID: series }) },
  }));
  return {
    records:
      planes.length === 0 ? found.records : found.records.map((record) => ({ ...record, overlays: planes })),
    issues: [...found.issues, ...unreadable],
  };
}

function recordsOfHeader(dataset: Dataset, file: string): FileRecords {
  const mosaic = siemensMosaicRecords(dataset, file);
  if (mosaic !== undefined) return mosaic;
  const grid = uihGridRecords(dataset, file);
  if (grid !== undefined) return grid;
  const enhanced = enhancedRecords(dataset, file);
  if (enhanced !== undefined) return boundedByFrames(philipsScaling(dataset, enhanced), dataset, file);
  let records = philipsScaling(dataset, vendorDiffusion(dataset, classicRecords(dataset, file)));
  if (isSiemensXa(getString(dataset, 'SoftwareVersions'))) records = siemensXaClassic(records, dataset);
  return { records, issues: [] };
}

/** The records of one file's header. */
export function recordsOfFile(dataset: Dataset, file: string): FileRecords {
  return withOverlays(dataset, file, recordsOfHeader(dataset, file));
}
