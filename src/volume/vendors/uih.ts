/**
 * United Imaging (UIH) private group 0065 of creator "Image Private Header" (dcm2niix issue 225,
 * where UIH engineers documented it; dcm_qa_uih):
 * - (0065,xx50) NumberOfImagesInGrid: slices tiled in a mosaic-like grid ("VFRAME" images).
 * - (0065,xx51) a sequence with one item per tile: its Acquisition DateTime and Image Position.
 * - (0065,xx09) b-value, (0065,xx37) gradient direction (patient frame; dcm2niix negates y).
 * - (0065,xx05) phase encoding as displayed ("A->P"), (0065,xx0D) parallel imaging ("F:2S"),
 *   (0065,xx58) phase encoding polarity (issue 410).
 */
import { type Dataset, getNumbers, getString, privateElement } from '../../dicom/index.js';
import type { Vec3 } from '../../geometry/index.js';
import { dateTimeMs, relativeToEarliest } from './date-time.js';
import { functionalElement } from './functional-groups.js';
import { elementNumbers, elementText, privateItems } from './private-values.js';
import type { SidecarValue } from './sidecar-value.js';
import type { VendorIssue } from './vendor-issue.js';

export const uihCreator = 'Image Private Header';

/** What radkit reads from a UIH MR file's private group (radkit units). */
export interface UihMr {
  /** Slices in the tile grid (undefined or 1 for ordinary images). */
  readonly numberOfImagesInGrid: number | undefined;
  /** Tile size [rows, columns] in pixels, from the acquisition matrix. */
  readonly tileSize: readonly [number, number] | undefined;
  readonly bValue: number | undefined;
  readonly diffusionGradient: Vec3 | undefined;
  readonly phaseEncodingDirectionDisplayed: string | undefined;
  /** The in-plane acceleration in the parallel information text ("F:2S" → 2). */
  readonly parallelReductionFactorInPlane: number | undefined;
  readonly phaseEncodingDirectionPositive: boolean | undefined;
  /** Each tile's acquisition time, in ms after the earliest tile, in tile order. */
  readonly tileTimesMs: readonly number[] | undefined;
  /** Acquisition Duration (0018,9073) in ms (top level or first tile item): UIH's readout time. */
  readonly acquisitionDurationMs: number | undefined;
}

function tileSize(dataset: Dataset): [number, number] | undefined {
  // Acquisition Matrix (0018,1310): frequency rows \ frequency columns \ phase rows \ phase columns.
  const matrix = getNumbers(dataset, 'AcquisitionMatrix');
  if (matrix === undefined || matrix.length !== 4) return undefined;
  const frequency = Math.max(matrix[0]!, matrix[1]!);
  const phase = Math.max(matrix[2]!, matrix[3]!);
  const column = (getString(dataset, 'InPlanePhaseEncodingDirection') ?? 'COL').startsWith('COL');
  return column ? [phase, frequency] : [frequency, phase];
}

/** Read the UIH private values of one file. */
export function readUihMr(dataset: Dataset): { uih: UihMr; issues: VendorIssue[] } {
  const issues: VendorIssue[] = [];
  const numbers = (offset: number) =>
    elementNumbers(privateElement(dataset, uihCreator, 0x0065, offset), issues);
  const tiles = privateItems(dataset, uihCreator, 0x0065, 0x51);
  const times = tiles.map((item) => dateTimeMs(getString(item, 'AcquisitionDateTime')));
  const known = times.every((time) => time !== undefined) && times.length > 0;
  const gradient = numbers(0x37);
  const parallel = /(\d+(?:\.\d+)?)/u.exec(
    elementText(privateElement(dataset, uihCreator, 0x0065, 0x0d)) ?? '',
  );
  const polarity = numbers(0x58)?.[0];
  const duration =
    elementNumbers(functionalElement(dataset, 'AcquisitionDuration'), issues)?.[0] ??
    (tiles[0] === undefined ? undefined : elementNumbers(tiles[0].get(0x00189073), issues)?.[0]);
  const uih: UihMr = {
    numberOfImagesInGrid: numbers(0x50)?.[0],
    tileSize: tileSize(dataset),
    bValue: numbers(0x09)?.[0],
    diffusionGradient:
      gradient !== undefined && gradient.length >= 3 ? [gradient[0]!, gradient[1]!, gradient[2]!] : undefined,
    phaseEncodingDirectionDisplayed: elementText(privateElement(dataset, uihCreator, 0x0065, 0x05)),
    parallelReductionFactorInPlane: parallel === null ? undefined : Number(parallel[1]),
    phaseEncodingDirectionPositive: polarity === undefined ? undefined : polarity === 1,
    tileTimesMs: known ? relativeToEarliest(times as number[]) : undefined,
    acquisitionDurationMs: duration,
  };
  return { uih, issues };
}

/** The bvec dcm2niix writes for a UIH gradient: y negated, no negative zeros (issue 225). */
export function uihBvec(gradient: Vec3): Vec3 {
  return [gradient[0] || 0, -gradient[1] || 0, gradient[2] || 0];
}

/** The dcm2niix sidecar fields of a UIH file, BIDS names and units. */
export function uihSidecarFields(uih: UihMr, dataset: Dataset): Record<string, SidecarValue> {
  const out: Record<string, SidecarValue> = {};
  if (uih.phaseEncodingDirectionDisplayed !== undefined) {
    out.PhaseEncodingDirectionDisplayed = uih.phaseEncodingDirectionDisplayed;
  }
  if ((uih.parallelReductionFactorInPlane ?? 0) > 1) {
    out.ParallelReductionFactorInPlane = uih.parallelReductionFactorInPlane!;
  }
  // dcm2niix reports UIH's Acquisition Duration as the readout time (issues 225, 531).
  if (uih.acquisitionDurationMs !== undefined && uih.acquisitionDurationMs > 0) {
    out.TotalReadoutTime = uih.acquisitionDurationMs / 1000;
  }
  if (uih.tileTimesMs !== undefined && uih.tileTimesMs.length > 1) {
    out.SliceTiming = uih.tileTimesMs.map((time) => time / 1000);
  }
  const inPlane = getString(dataset, 'InPlanePhaseEncodingDirection');
  if (inPlane !== undefined) {
    const axis = inPlane.startsWith('COL') ? 'j' : 'i';
    if (uih.phaseEncodingDirectionPositive === undefined) out.PhaseEncodingAxis = axis;
    else {
      const positive = uih.phaseEncodingDirectionPositive;
      out.PhaseEncodingDirection = axis === 'j' ? (positive ? 'j-' : 'j') : positive ? 'i' : 'i-';
    }
  }
  return out;
}
