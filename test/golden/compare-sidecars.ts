/**
 * Comparing our sidecar with dcm2niix's on the keys that analyses depend on. Times and
 * frequencies are compared as numbers (relative 1e-5), SliceTiming within 1 ms, AcquisitionTime
 * as a clock time (dcm2niix releases differ in zero padding), ImageType ignoring the MAGNITUDE
 * token newer releases append.
 */
export const keySidecarFields = [
  'Modality',
  'MagneticFieldStrength',
  'Manufacturer',
  'ManufacturersModelName',
  'PatientPosition',
  'MRAcquisitionType',
  'SeriesDescription',
  'ProtocolName',
  'ScanningSequence',
  'SequenceVariant',
  'SequenceName',
  'ImageType',
  'SeriesNumber',
  'AcquisitionTime',
  'SliceThickness',
  'SpacingBetweenSlices',
  'EchoTime',
  'RepetitionTime',
  'FlipAngle',
  'EchoNumber',
  'PhaseEncodingDirection',
  'InPlanePhaseEncodingDirectionDICOM',
  'EffectiveEchoSpacing',
  'TotalReadoutTime',
  'SliceTiming',
  'ImageOrientationPatientDICOM',
  'MultibandAccelerationFactor',
  'ParallelReductionFactorInPlane',
  'PixelBandwidth',
  'ReconMatrixPE',
  'AcquisitionMatrixPE',
  // Per output, not per file: an enhanced file's outputs take their own frames' values.
  'PhilipsRWVSlope',
  'PhilipsRWVIntercept',
  'PhilipsRescaleSlope',
  'PhilipsRescaleIntercept',
  'PhilipsScaleSlope',
  'Units',
  'ImageTypeText',
  'TriggerDelayTime',
  'ImagingFrequency',
  // Written by the Refs' newer releases (v1.0.20240812 and later); compared where a Ref has them.
  'ScanOptions',
  'PulseSequenceType',
  'PulseSequenceName',
  'PhaseEncodingSteps',
  'FrequencyEncodingSteps',
  'PhaseEncodingStepsOutOfPlane',
  'ParallelReductionFactorOutOfPlane',
  'NumberOfKSpaceTrajectories',
  'AcquisitionDuration',
  'SpoilingState',
  'TablePosition',
] as const;

type Value = unknown;

function clock(text: string): number {
  const [h = '0', m = '0', s = '0'] = text.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function close(a: number, b: number, relative: number, absolute = 0): boolean {
  return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
}

function sameValue(key: string, ours: Value, theirs: Value): boolean {
  if (key === 'SliceTiming' && Array.isArray(ours) && Array.isArray(theirs)) {
    return (
      ours.length === theirs.length && ours.every((t, i) => close(Number(t), Number(theirs[i]), 0, 0.001))
    );
  }
  if (key === 'AcquisitionTime') return close(clock(String(ours)), clock(String(theirs)), 0, 1e-4);
  if (key === 'ImageType' && Array.isArray(ours) && Array.isArray(theirs)) {
    const strip = (list: unknown[]) => list.filter((token) => token !== 'MAGNITUDE').join('\\');
    return strip(ours) === strip(theirs);
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    return ours.length === theirs.length && ours.every((v, i) => sameValue('', v, theirs[i]));
  }
  if (typeof ours === 'number' && typeof theirs === 'number') return close(ours, theirs, 1e-5, 1e-9);
  return ours === theirs;
}

/**
 * The newest dcm2niix release that wrote any of the corpus's Refs. Releases add keys, so a key
 * an older Ref lacks may only be newer than it; a Ref of this release lacking a key radkit
 * writes is a real difference.
 */
const newestRefRelease = 20260620;

/** The release date of a sidecar's ConversionSoftwareVersion ("v1.0.20260620"), else 0. */
function releaseOf(sidecar: Record<string, Value>): number {
  const match = /^v1\.0\.(\d{8})$/.exec(String(sidecar.ConversionSoftwareVersion ?? ''));
  return match === null ? 0 : Number(match[1]);
}

/**
 * Differences on the key fields: those present in the reference, and, where the reference was
 * written by the newest release, those radkit writes that it lacks (`<key>: only radkit`).
 */
export function sidecarDifferences(ours: Record<string, Value>, theirs: Record<string, Value>): string[] {
  const out: string[] = [];
  const newest = releaseOf(theirs) >= newestRefRelease;
  for (const key of keySidecarFields) {
    if (!(key in theirs)) {
      if (newest && key in ours) out.push(`${key}: only radkit (${JSON.stringify(ours[key]).slice(0, 120)})`);
      continue;
    }
    if (!(key in ours)) out.push(`${key}: missing (Ref ${JSON.stringify(theirs[key])})`);
    else if (!sameValue(key, ours[key], theirs[key])) {
      out.push(
        `${key}: ${JSON.stringify(ours[key]).slice(0, 120)} vs Ref ${JSON.stringify(theirs[key]).slice(0, 120)}`,
      );
    }
  }
  return out;
}
