/**
 * Philips MR private values (dcm2niix's Philips/README and `PhilipsPrecise`):
 * - Scaling: Philips stores a display value DV = SV·RS + RI (Rescale Slope/Intercept, standard)
 *   and a private Scale Slope SS (2005,xx0E) of "Philips MR Imaging DD 001", with which the
 *   precise floating-point value is FP = DV / (RS·SS) = SV/SS + RI/(RS·SS). Enhanced files keep
 *   them per frame (Pixel Value Transformation, and the private (2005,xx0F) item of "DD 005").
 *   Real World Value Mapping (0040,9096) may hold the same slope/intercept.
 * - Diffusion: (0018,9087)/(0018,9089) MR Diffusion, else (2001,xx03) b-factor and
 *   (2005,xxB0/B1/B2) direction RL/AP/FH of the classic private groups.
 * - Readout: Water Fat Shift in pixels (2001,xx22) "Philips Imaging DD 001", EPI factor
 *   (2001,xx13); from these dcm2niix estimates echo spacing (issue 377, BrainVoyager's formula).
 * - Inversion: Prepulse Delay (2001,xx1B), which dcm2niix's reader (`readDICOMx`, case
 *   kPrepulseDelay) reads after, and so in place of, Inversion Time (0018,0082).
 * - Table: (2005,xx3C) "Philips MR Imaging DD 005" in the stack item (2001,xx5F), the table's
 *   position along the bore in mm with the sign opposite to the one the dcm_qa Refs of
 *   v1.0.20240812 and later write as TablePosition's third value (-0.2 → 0.2, -0.3 → 0.3).
 */
import { type Dataset, tagForKeyword } from '../../dicom/index.js';
import type { Vec3 } from '../../geometry/index.js';
import { frameDatasets, functionalElement } from './functional-groups.js';
import { elementNumbers, findPrivate, privateItems } from './private-values.js';
import type { SidecarValue } from './sidecar-value.js';
import type { VendorIssue } from './vendor-issue.js';

const mrImaging = 'Philips MR Imaging DD 001';
const mrImaging5 = 'Philips MR Imaging DD 005';
const imaging = 'Philips Imaging DD 001';
/** dcm2niix maps both spellings of the creator to the same block (its `salvageAgfa` remapping). */
const imagingUpper = 'PHILIPS IMAGING DD 001';

/** What radkit reads from a Philips MR file (one frame of an enhanced file). */
export interface PhilipsMr {
  readonly rescaleSlope: number | undefined;
  readonly rescaleIntercept: number | undefined;
  /** The private Scale Slope SS (2005,xx0E). */
  readonly scaleSlope: number | undefined;
  readonly realWorldSlope: number | undefined;
  readonly realWorldIntercept: number | undefined;
  readonly bValue: number | undefined;
  /** Gradient in patient LPS as Philips reports it (RL, AP, FH components). */
  readonly diffusionGradient: Vec3 | undefined;
  /** Water-fat shift in pixels (2001,xx22). */
  readonly waterFatShift: number | undefined;
  /** EPI factor (2001,xx13) or Echo Train Length (0018,0091). */
  readonly echoTrainLength: number | undefined;
  /** Imaging Frequency (0018,0084) or, in enhanced files, Transmitter Frequency (0018,9098), MHz. */
  readonly imagingFrequency: number | undefined;
  /** Prepulse Delay (2001,xx1B, FL) in ms: the inversion time dcm2niix reports for Philips. */
  readonly prepulseDelay: number | undefined;
  /** (2005,xx3C) of the first stack, mm as stored. */
  readonly stackTablePosition: number | undefined;
}

/** The values of `PhilipsMr` that scale stored values (what `philipsPreciseRescale` reads). */
export type PhilipsScaling = Pick<PhilipsMr, 'rescaleSlope' | 'rescaleIntercept' | 'scaleSlope'>;

/** The values of `PhilipsMr` that describe diffusion weighting. */
export type PhilipsDiffusion = Pick<PhilipsMr, 'bValue' | 'diffusionGradient'>;

/**
 * The slope and intercept that turn stored values into Philips' precise floating-point values
 * (FP = SV·slope + intercept), or undefined without a scale slope.
 */
export function philipsPreciseRescale(
  philips: PhilipsScaling,
): { slope: number; intercept: number } | undefined {
  const rs = philips.rescaleSlope ?? 1;
  const ri = philips.rescaleIntercept ?? 0;
  const ss = philips.scaleSlope;
  if (ss === undefined || ss === 0 || rs === 0) return undefined;
  return { slope: 1 / ss, intercept: ri / (rs * ss) };
}

/**
 * Reads one frame's numbers: standard elements from the file, then the frame's own functional
 * groups, then the shared ones; private ones by creator, group and offset, in the same places.
 */
function frameReader(dataset: Dataset, frame: number, issues: VendorIssue[]) {
  const datasets = frameDatasets(dataset, frame);
  return {
    standard(keyword: string): number | undefined {
      const tag = tagForKeyword(keyword)!;
      for (const candidate of datasets) {
        const value = elementNumbers(candidate.get(tag), issues)?.[0];
        if (value !== undefined) return value;
      }
      return undefined;
    },
    /** The first place that holds at least three numbers. */
    standardVec3(keyword: string): Vec3 | undefined {
      const tag = tagForKeyword(keyword)!;
      for (const candidate of datasets) {
        const value = elementNumbers(candidate.get(tag), issues);
        if (value !== undefined && value.length >= 3) return [value[0]!, value[1]!, value[2]!];
      }
      return undefined;
    },
    private1(creator: string, group: number, offset: number): number | undefined {
      return elementNumbers(findPrivate(datasets, creator, group, offset), issues)?.[0];
    },
  };
}

type FrameReader = ReturnType<typeof frameReader>;

function scalingOf(read: FrameReader): PhilipsScaling {
  return {
    rescaleSlope: read.standard('RescaleSlope'),
    rescaleIntercept: read.standard('RescaleIntercept'),
    scaleSlope: read.private1(mrImaging, 0x2005, 0x0e),
  };
}

function diffusionOf(read: FrameReader): PhilipsDiffusion {
  let gradient = read.standardVec3('DiffusionGradientOrientation');
  if (gradient === undefined) {
    const parts = [0xb0, 0xb1, 0xb2].map((offset) => read.private1(mrImaging, 0x2005, offset));
    if (parts.every((part) => part !== undefined)) gradient = parts as unknown as Vec3;
  }
  return {
    bValue: read.standard('DiffusionBValue') ?? read.private1(imaging, 0x2001, 0x03),
    diffusionGradient: gradient,
  };
}

/**
 * Only the scaling of one frame: every Philips image's records need it, and the rest of
 * `readPhilipsMr` only the sidecar (half of dcm_qa_table's 220 files are Philips).
 */
export function readPhilipsScaling(dataset: Dataset, frame = 0): PhilipsScaling {
  return scalingOf(frameReader(dataset, frame, []));
}

/** Only the diffusion weighting of one frame (grouping needs it for every file). */
export function readPhilipsDiffusion(dataset: Dataset, frame = 0): PhilipsDiffusion {
  return diffusionOf(frameReader(dataset, frame, []));
}

/** Read the Philips values of a file, for frame `frame` of an enhanced file (default the first). */
export function readPhilipsMr(dataset: Dataset, frame = 0): { philips: PhilipsMr; issues: VendorIssue[] } {
  const issues: VendorIssue[] = [];
  const read = frameReader(dataset, frame, issues);
  const philips: PhilipsMr = {
    ...scalingOf(read),
    realWorldSlope: read.standard('RealWorldValueSlope'),
    realWorldIntercept: read.standard('RealWorldValueIntercept'),
    ...diffusionOf(read),
    waterFatShift: read.private1(imaging, 0x2001, 0x22),
    echoTrainLength:
      elementNumbers(functionalElement(dataset, 'EchoTrainLength'), issues)?.[0] ??
      read.private1(imaging, 0x2001, 0x13),
    imagingFrequency: read.standard('ImagingFrequency') ?? read.standard('TransmitterFrequency'),
    prepulseDelay: read.private1(imaging, 0x2001, 0x1b) ?? read.private1(imagingUpper, 0x2001, 0x1b),
    stackTablePosition: elementNumbers(
      findPrivate(privateItems(dataset, imaging, 0x2001, 0x5f).slice(0, 1), mrImaging5, 0x2005, 0x3c),
      issues,
    )?.[0],
  };
  return { philips, issues };
}

export interface PhilipsSidecarContext {
  /** Reconstructed matrix along phase encoding. */
  readonly reconMatrixPE?: number;
}

/**
 * The dcm2niix sidecar fields of a Philips file. `UsePhilipsFloatNotDisplayScaling` is 1:
 * radkit, like dcm2niix by default (`-p y`), keeps the precise floating-point scaling.
 */
export function philipsSidecarFields(
  philips: PhilipsMr,
  context: PhilipsSidecarContext = {},
): Record<string, SidecarValue> {
  const out: Record<string, SidecarValue> = {};
  if (philips.realWorldSlope !== undefined && philips.realWorldSlope !== 0) {
    out.PhilipsRWVSlope = philips.realWorldSlope;
    out.PhilipsRWVIntercept = philips.realWorldIntercept ?? 0;
  }
  if (philips.scaleSlope !== undefined && philips.scaleSlope !== 0) {
    out.PhilipsRescaleSlope = philips.rescaleSlope ?? 1;
    out.PhilipsRescaleIntercept = philips.rescaleIntercept ?? 0;
    out.PhilipsScaleSlope = philips.scaleSlope;
    out.UsePhilipsFloatNotDisplayScaling = 1;
  }
  if (philips.stackTablePosition !== undefined) out.TablePosition = [0, 0, -philips.stackTablePosition];
  const shift = philips.waterFatShift;
  if (shift !== undefined && shift > 0) out.WaterFatShift = shift;
  const frequency = philips.imagingFrequency;
  const train = philips.echoTrainLength;
  const matrix = context.reconMatrixPE;
  if (
    shift !== undefined &&
    shift !== 0 &&
    frequency !== undefined &&
    frequency > 0 &&
    train !== undefined &&
    train > 0 &&
    matrix !== undefined &&
    matrix > 1
  ) {
    // Actual echo spacing = WFS / (f · 3.4 ppm · (EPI factor + 1)) (issue 377).
    const actual = shift / (frequency * 3.4 * (train + 1));
    const total = actual * train;
    out.EstimatedEffectiveEchoSpacing = total / (matrix - 1);
    out.EstimatedTotalReadoutTime = total;
  }
  return out;
}
