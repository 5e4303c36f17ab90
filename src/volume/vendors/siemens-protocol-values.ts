/**
 * The protocol (ASCCONV) values dcm2niix reports for Siemens, read the way its
 * `siemensCsaAscii` (nii_dicom_batch.cpp) reads them, converted to radkit units. Where dcm2niix
 * searches for a key fragment (coil IDs, WIP block), the first matching key in file order is used.
 */
import { type Ascconv, ascconvFind, ascconvNumber, ascconvString } from './siemens-ascconv.js';

/** Protocol values, radkit units (ms); undefined when the protocol does not have them. */
export interface SiemensProtocolValues {
  /** Phase partial Fourier as a fraction (ucPhasePartialFourier 1/2/4/8/16 → 4/8…8/8). */
  readonly partialFourier: number | undefined;
  /** In-plane acceleration (sPat.lAccelFactPE). */
  readonly accelerationFactorPE: number | undefined;
  /** Through-plane (3D) acceleration (sPat.lAccelFact3D). */
  readonly accelerationFactor3D: number | undefined;
  /** Slice (multiband/SMS) acceleration (sSliceAcceleration.lMultiBandFactor). */
  readonly multibandFactor: number | undefined;
  /** Parallel imaging reference lines (sPat.lRefLinesPE). */
  readonly refLinesPE: number | undefined;
  /** sPat.ucPATMode: 1 → 'SENSE', 2 → 'GRAPPA' (dcm2niix's MatrixCoilMode); other codes undefined. */
  readonly matrixCoilMode: 'SENSE' | 'GRAPPA' | undefined;
  /** ucCoilCombineMode: 1 → sum of squares, 2 → adaptive combine. */
  readonly coilCombinationMethod: 'Sum of Squares' | 'Adaptive Combine' | undefined;
  readonly baseResolution: number | undefined;
  readonly phaseEncodingLines: number | undefined;
  readonly phaseResolution: number | undefined;
  readonly phaseOversampling: number | undefined;
  /** The 8 shim currents: lOffsetX/Y/Z (first GPA, else the older top-level keys) and alShimCurrent[0..4]. */
  readonly shimSetting: readonly number[] | undefined;
  /** Transmitter reference amplitude in V (sTXSPEC.asNucleusInfo[0].flReferenceAmplitude). */
  readonly txRefAmp: number | undefined;
  /** Delay in TR, in ms (lDelayTimeInTR, stored in µs). */
  readonly delayTimeInTRMs: number | undefined;
  /** Echo spacing in ms (sFastImaging.lEchoSpacing, stored in µs). */
  readonly echoSpacingMs: number | undefined;
  /** First and second echo times in ms (alTE[0], alTE[1], stored in µs). */
  readonly echoTimesMs: readonly number[] | undefined;
  /** First receive coil ID (…sCoilElementID.tCoilID), dcm2niix's ReceiveCoilName. */
  readonly receiveCoilName: string | undefined;
  /** Active coil elements (sCoilSelectMeas.sCoilStringForConversion). */
  readonly receiveCoilActiveElements: string | undefined;
  /** Sequence file (tSequenceFileName), dcm2niix's PulseSequenceDetails. */
  readonly sequenceFileName: string | undefined;
  readonly protocolName: string | undefined;
  /** Free text of the WIP block (sWipMemBlock.tFree), CMRR sequences put their build there. */
  readonly wipMemBlock: string | undefined;
  /** The software baseline (tMeasuredBaselineString, else tBaselineString of sProtConsistencyInfo; VB only has the latter). */
  readonly consistencyInfo: string | undefined;
  /** sSliceArray.ucMode: 1 ascending, 2 descending, 4 interleaved. */
  readonly sliceOrderMode: number | undefined;
  /** sSliceArray.ucImageNumb… set: mosaic tiles are stored in reverse (head to foot) order. */
  readonly reversedImageNumbering: boolean | undefined;
  /** Magnetisation transfer pulse on (sPrepPulses.ucMTC = 1). */
  readonly magnetizationTransfer: boolean | undefined;
  /** 2D in-plane interpolation on (sKSpace.uc2DInterpolation). */
  readonly interpolation2D: boolean | undefined;
  /** Diffusion gradient scheme (sDiffusion.dsScheme; CMRR: ucReadOutMode, swapped). */
  readonly diffusionScheme: 'Bipolar' | 'Monopolar' | undefined;
}

const partialFourierFractions: Readonly<Record<number, number>> = {
  1: 0.5,
  2: 0.625,
  4: 0.75,
  8: 0.875,
  16: 1,
};

function microToMilli(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1000;
}

function shimSetting(protocol: Ascconv): number[] | undefined {
  const keys = [
    ['sGRADSPEC.asGPAData[0].lOffsetX', 'sGRADSPEC.lOffsetX'],
    ['sGRADSPEC.asGPAData[0].lOffsetY', 'sGRADSPEC.lOffsetY'],
    ['sGRADSPEC.asGPAData[0].lOffsetZ', 'sGRADSPEC.lOffsetZ'],
  ] as const;
  // Newer sequences keep the linear shims per gradient amplifier; a zero falls back to the old key.
  const linear = keys.map(([gpa, old]) => {
    const value = ascconvNumber(protocol, gpa);
    return value === undefined || value === 0 ? ascconvNumber(protocol, old) : value;
  });
  const higher = [0, 1, 2, 3, 4].map((index) => ascconvNumber(protocol, `sGRADSPEC.alShimCurrent[${index}]`));
  const all = [...linear, ...higher];
  if (all.every((value) => value === undefined)) return undefined;
  return all.map((value) => value ?? 0);
}

function diffusionScheme(protocol: Ascconv): 'Bipolar' | 'Monopolar' | undefined {
  // E11 Siemens/CMRR dsScheme: 1 bipolar, 2 monopolar; B17 CMRR ucReadOutMode: 1 monopolar,
  // 2 bipolar (dcm2niix, after fmriprep PR 1359).
  const scheme = ascconvNumber(protocol, 'sDiffusion.dsScheme');
  if (scheme === 1) return 'Bipolar';
  if (scheme === 2) return 'Monopolar';
  const readOut = ascconvFind(protocol, 'ucReadOutMode')?.value;
  if (readOut === 1) return 'Monopolar';
  if (readOut === 2) return 'Bipolar';
  return undefined;
}

function firstString(protocol: Ascconv, fragment: string): string | undefined {
  const found = ascconvFind(protocol, fragment)?.value;
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * Values already read, by protocol. Parsed protocols are shared by every file of a series
 * (siemens-sources.ts), and a mosaic series reads its values once per file: the key-fragment
 * searches scan every entry of the protocol (~1,400 in a dcm_qa_mosaic file), and `ascconvFind`
 * was 22 ms of a CPU profile of that set's conversion.
 */
const valuesByProtocol = new WeakMap<Ascconv, SiemensProtocolValues>();

/** The dcm2niix protocol values of an ASCCONV protocol (all undefined without one). */
export function siemensProtocolValues(protocol: Ascconv | undefined): SiemensProtocolValues {
  if (protocol === undefined) return protocolValuesOf(undefined);
  let values = valuesByProtocol.get(protocol);
  if (values === undefined) {
    values = protocolValuesOf(protocol);
    valuesByProtocol.set(protocol, values);
  }
  return values;
}

function protocolValuesOf(protocol: Ascconv | undefined): SiemensProtocolValues {
  const number = (key: string): number | undefined => ascconvNumber(protocol, key);
  const text = (key: string): string | undefined => {
    const value = ascconvString(protocol, key);
    return value === '' ? undefined : value;
  };
  const patMode = number('sPat.ucPATMode');
  const combine = number('ucCoilCombineMode');
  const pf = number('sKSpace.ucPhasePartialFourier');
  const te = [number('alTE[0]'), number('alTE[1]')].filter((value) => value !== undefined);
  // dcm2niix matches the key as a prefix, so `sSliceArray.ucImageNumbTra` (VD13) counts too.
  const imageNumb = ascconvFind(protocol, 'sSliceArray.ucImageNumb')?.value;
  const mtc = number('sPrepPulses.ucMTC');
  const interpolation = number('sKSpace.uc2DInterpolation');
  return {
    partialFourier: pf === undefined ? undefined : partialFourierFractions[pf],
    accelerationFactorPE: number('sPat.lAccelFactPE'),
    accelerationFactor3D: number('sPat.lAccelFact3D'),
    multibandFactor: number('sSliceAcceleration.lMultiBandFactor'),
    refLinesPE: number('sPat.lRefLinesPE'),
    matrixCoilMode: patMode === 1 ? 'SENSE' : patMode === 2 ? 'GRAPPA' : undefined,
    coilCombinationMethod: combine === 1 ? 'Sum of Squares' : combine === 2 ? 'Adaptive Combine' : undefined,
    baseResolution: number('sKSpace.lBaseResolution'),
    phaseEncodingLines: number('sKSpace.lPhaseEncodingLines'),
    phaseResolution: number('sKSpace.dPhaseResolution'),
    phaseOversampling: number('sKSpace.dPhaseOversamplingForDialog'),
    shimSetting: protocol === undefined ? undefined : shimSetting(protocol),
    txRefAmp: number('sTXSPEC.asNucleusInfo[0].flReferenceAmplitude'),
    delayTimeInTRMs: microToMilli(number('lDelayTimeInTR')),
    echoSpacingMs: microToMilli(number('sFastImaging.lEchoSpacing')),
    echoTimesMs: te.length === 0 ? undefined : te.map((value) => value / 1000),
    receiveCoilName: protocol === undefined ? undefined : firstString(protocol, 'sCoilElementID.tCoilID'),
    receiveCoilActiveElements: text('sCoilSelectMeas.sCoilStringForConversion'),
    sequenceFileName: text('tSequenceFileName'),
    protocolName: text('tProtocolName'),
    wipMemBlock: protocol === undefined ? undefined : firstString(protocol, 'sWipMemBlock.tFree'),
    consistencyInfo:
      text('sProtConsistencyInfo.tMeasuredBaselineString') ?? text('sProtConsistencyInfo.tBaselineString'),
    sliceOrderMode: number('sSliceArray.ucMode'),
    reversedImageNumbering: typeof imageNumb === 'number' ? imageNumb !== 0 : undefined,
    magnetizationTransfer: mtc === undefined ? undefined : mtc === 1,
    interpolation2D: interpolation === undefined ? undefined : interpolation !== 0,
    diffusionScheme: protocol === undefined ? undefined : diffusionScheme(protocol),
  };
}
