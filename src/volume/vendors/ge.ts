/**
 * GE MR private values (dcm2niix's GE/README, nii_dicom.cpp; dcm_qa_ge README):
 * - b-value: first value of (0043,xx39) "GEMS_PARM_01", modulo 10⁹ (issue 602: some releases add
 *   10⁹ as a flag, `1000001500\8\0\0` means b=1500). Gradient: (0019,xxBB/BC/BD) "GEMS_ACQU_01",
 *   in the logical frequency/phase/slice frame (see `geGradientToBvec`).
 * - Acceleration: reciprocals of (0043,xx83) Asset R Factors [in-plane, out-of-plane];
 *   multiband: first value of (0043,xxB6); echo spacing in µs: (0043,xx2C).
 * - Phase encoding polarity: bit 0x0004 of the word at 0x30 in the User Define Data (0043,xx2A),
 *   toggled when the ky direction word says bottom-up (value 2), for EPI headers only (bit 0x800
 *   of the word at 0x3A); header offsets depend on the structure version (rdbm.h).
 * - Shim: (0043,xx02/03/04); table position: third value of (0043,xxB2) minus Table Delta
 *   (0019,xx7F) (dcm2niix PR 850).
 */
import { type Dataset, privateElement } from '../../dicom/index.js';
import type { Vec3 } from '../../geometry/index.js';
import { functionalElement } from './functional-groups.js';
import { type GeProtocol, type Gunzip, readGeProtocolBlock } from './ge-protocol.js';
import { elementBytes, elementNumbers, elementText } from './private-values.js';
import type { VendorIssue } from './vendor-issue.js';

const parm = 'GEMS_PARM_01';
const acqu = 'GEMS_ACQU_01';
const rela = 'GEMS_RELA_01';

/** What radkit reads from a GE MR file's private elements (radkit units). */
export interface GeMr {
  /** The decoded Protocol Data Block, when present and readable. */
  readonly protocol: GeProtocol | undefined;
  readonly bValue: number | undefined;
  /** The raw diffusion gradient (0019,xxBB/BC/BD): logical frequency, phase, slice components. */
  readonly diffusionGradient: Vec3 | undefined;
  readonly parallelReductionFactorInPlane: number | undefined;
  readonly parallelReductionFactorOutOfPlane: number | undefined;
  readonly multibandFactor: number | undefined;
  /** (0043,xx2C), in µs as stored. */
  readonly effectiveEchoSpacingUs: number | undefined;
  readonly phaseEncodingPolarity: 'Flipped' | 'Unflipped' | undefined;
  /** Extra delay after each volume of epiRT (0043,xx7C, stored in s), in ms; TR omits it. */
  readonly groupDelayMs: number | undefined;
  /** Protocol SLICEORDER: "1" interleaved, "0" sequential. */
  readonly sliceOrder: 'interleaved' | 'sequential' | undefined;
  /** Slices per volume: protocol NOSLC, else Locations in Acquisition (0021,xx4F). */
  readonly slicesPerVolume: number | undefined;
  /** Trigger Time (0018,1060) in ms: per-slice time of the "epi" multiphase PSD. */
  readonly triggerTimeMs: number | undefined;
  readonly shimSetting: readonly number[] | undefined;
  readonly tablePosition: number | undefined;
  /** Acquisition Duration (0019,xx5A "GEMS_ACQU_01", FL), in µs as stored. */
  readonly acquisitionDurationUs: number | undefined;
  /** (0019,xx9C), e.g. "epiRT", and (0019,xx9E), e.g. "EPI2". */
  readonly pulseSequenceName: string | undefined;
  readonly internalPulseSequenceName: string | undefined;
  readonly prescanReuseString: string | undefined;
  /** Receive Coil Name (0018,1250), else the protocol's COIL. */
  readonly coilString: string | undefined;
}

/** The polarity in the User Define Data (0043,xx2A), or undefined when it cannot be read. */
export function gePhaseEncodingPolarity(bytes: Uint8Array | undefined): 'Flipped' | 'Unflipped' | undefined {
  if (bytes === undefined || bytes.length < 916) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerOffset = view.getUint16(24, true);
  if (bytes.length < headerOffset + 916) return undefined;
  const version = view.getFloat32(headerOffset, true);
  if (!(version >= 5 && version <= 40)) return undefined;
  let header = headerOffset;
  let kyDirection = 0x394;
  if (version >= 25.002) {
    header += 0x4c;
    kyDirection -= 0x8c;
  }
  if ((view.getInt16(header + 0x3a, true) & 0x800) === 0) return undefined; // not EPI
  let flipped = (view.getInt16(header + 0x30, true) & 0x0004) !== 0;
  if (view.getInt16(header + kyDirection, true) === 2) flipped = !flipped; // bottom-up ky
  return flipped ? 'Flipped' : 'Unflipped';
}

/**
 * The diffusion weighting of one GE file alone: the b-value (0043,xx39) "GEMS_PARM_01" (its
 * first value, less GE's 10⁹ flags) and the gradient (0019,xxBB–BD) "GEMS_ACQU_01", in image
 * axes. Grouping needs these for every file; the rest of `readGeMr` (the gzipped Protocol Data
 * Block above all) only once per output.
 */
export function readGeDiffusion(
  dataset: Dataset,
  issues: VendorIssue[] = [],
): Pick<GeMr, 'bValue' | 'diffusionGradient'> {
  const numbers = (creator: string, group: number, offset: number) =>
    elementNumbers(privateElement(dataset, creator, group, offset), issues);
  const bRaw = numbers(parm, 0x0043, 0x39)?.[0];
  const gradient = [0xbb, 0xbc, 0xbd].map((offset) => numbers(acqu, 0x0019, offset)?.[0]);
  return {
    bValue: bRaw === undefined ? undefined : bRaw % 1_000_000_000,
    diffusionGradient: gradient.every((value) => value !== undefined)
      ? (gradient as unknown as Vec3)
      : undefined,
  };
}

/**
 * The phase-encoding polarity of a GE file alone (for the NIfTI `descrip`), without decompressing
 * its Protocol Data Block as `readGeMr` does.
 */
export function readGePhaseEncodingPolarity(dataset: Dataset): 'Flipped' | 'Unflipped' | undefined {
  return gePhaseEncodingPolarity(elementBytes(privateElement(dataset, parm, 0x0043, 0x2a)));
}

/**
 * Read the GE private values of one file. `gunzip` decompresses the Protocol Data Block; a
 * header's values are read once (the sidecar, its ProcedureStepDescription and the `%a`/`%l`
 * name tokens all ask), held weakly so that they go with the header.
 */
export function readGeMr(dataset: Dataset, gunzip: Gunzip): { ge: GeMr; issues: VendorIssue[] } {
  let read = readByDataset.get(dataset);
  if (read === undefined) {
    read = readGeMrOnce(dataset, gunzip);
    readByDataset.set(dataset, read);
  }
  return read;
}

const readByDataset = new WeakMap<Dataset, { ge: GeMr; issues: VendorIssue[] }>();

function readGeMrOnce(dataset: Dataset, gunzip: Gunzip): { ge: GeMr; issues: VendorIssue[] } {
  const block = readGeProtocolBlock(dataset, gunzip);
  const issues = [...block.issues];
  const numbers = (creator: string, group: number, offset: number) =>
    elementNumbers(privateElement(dataset, creator, group, offset), issues);
  const text = (creator: string, group: number, offset: number) =>
    elementText(privateElement(dataset, creator, group, offset));
  const protocol = block.protocol;
  const diffusion = readGeDiffusion(dataset, issues);
  const asset = numbers(parm, 0x0043, 0x83);
  const reciprocal = (value: number | undefined) =>
    value === undefined || value <= 0 ? undefined : 1 / value;
  const order = protocol?.get('SLICEORDER');
  const noslc = Number(protocol?.get('NOSLC'));
  const shim = [0x02, 0x03, 0x04].map((offset) => numbers(parm, 0x0043, offset)?.[0]);
  const table = numbers(parm, 0x0043, 0xb2)?.[2];
  const groupDelay = numbers(parm, 0x0043, 0x7c)?.[0];
  const ge: GeMr = {
    protocol,
    ...diffusion,
    parallelReductionFactorInPlane: reciprocal(asset?.[0]),
    parallelReductionFactorOutOfPlane: reciprocal(asset?.[1]),
    multibandFactor: numbers(parm, 0x0043, 0xb6)?.[0],
    effectiveEchoSpacingUs: numbers(parm, 0x0043, 0x2c)?.[0],
    phaseEncodingPolarity: readGePhaseEncodingPolarity(dataset),
    groupDelayMs: groupDelay === undefined ? undefined : groupDelay * 1000,
    sliceOrder: order === '1' ? 'interleaved' : order === '0' ? 'sequential' : undefined,
    slicesPerVolume: Number.isInteger(noslc) && noslc > 0 ? noslc : numbers(rela, 0x0021, 0x4f)?.[0],
    triggerTimeMs: elementNumbers(functionalElement(dataset, 'TriggerTime'), issues)?.[0],
    shimSetting: shim.every((value) => value !== undefined) ? (shim as number[]) : undefined,
    tablePosition: table === undefined ? undefined : table - (numbers(acqu, 0x0019, 0x7f)?.[0] ?? 0),
    acquisitionDurationUs: numbers(acqu, 0x0019, 0x5a)?.[0],
    pulseSequenceName: text(acqu, 0x0019, 0x9c),
    internalPulseSequenceName: text(acqu, 0x0019, 0x9e),
    prescanReuseString: text(parm, 0x0043, 0x95),
    coilString: elementText(functionalElement(dataset, 'ReceiveCoilName')) ?? protocol?.get('COIL'),
  };
  return { ge, issues };
}

/**
 * Single-band slice times from the protocol (dcm2niix's GE/README: with SLICEORDER, the slice
 * count and TR one can infer the times, assuming no gap between volumes): slices spread evenly
 * over TR, interleaved acquisitions taking the odd (1-based) slices first. Undefined for
 * multiband (whose order depends on the software release, dcm_qa_ge's slicetime.cpp) and when
 * SLICEORDER is absent (the "epi" PSD puts per-slice times in Trigger Time instead).
 */
export function geProtocolSliceTimingMs(
  ge: GeMr,
  repetitionTimeMs: number | undefined,
): number[] | undefined {
  const slices = ge.slicesPerVolume;
  if (ge.sliceOrder === undefined || slices === undefined || slices < 2 || repetitionTimeMs === undefined) {
    return undefined;
  }
  if ((ge.multibandFactor ?? 0) > 1) return undefined;
  const step = repetitionTimeMs / slices;
  const order: number[] = [];
  if (ge.sliceOrder === 'sequential') for (let slice = 0; slice < slices; slice++) order.push(slice);
  else {
    for (let slice = 0; slice < slices; slice += 2) order.push(slice);
    for (let slice = 1; slice < slices; slice += 2) order.push(slice);
  }
  const times = new Array<number>(slices);
  order.forEach((slice, position) => {
    times[slice] = position * step;
  });
  return times;
}

/**
 * FSL's total readout time for GE EPI (GE/README): lines acquired per shot, rounded up to a
 * multiple of 2 (4 with partial Fourier), minus one, times the echo spacing; in ms.
 */
export function geTotalReadoutTimeMs(
  ge: GeMr,
  acquisitionMatrixPE: number,
  partialFourier: boolean,
): number | undefined {
  const spacing = ge.effectiveEchoSpacingUs;
  if (spacing === undefined || spacing <= 0 || acquisitionMatrixPE <= 0) return undefined;
  const round = partialFourier ? 4 : 2;
  const lines = Math.ceil(acquisitionMatrixPE / (ge.parallelReductionFactorInPlane ?? 1) / round) * round;
  return ((lines - 1) * spacing) / 1000;
}
