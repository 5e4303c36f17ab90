/**
 * The sidecar keys dcm2niix v1.0.20220720 writes from single attributes (`nii_SaveBIDSX` and the
 * reader `readDICOMx` that fills its fields), and those its newer releases add where the dcm_qa
 * Refs show them (PulseSequenceType, the encoding steps, SpoilingState false), on small datasets
 * built element by element, and on a Siemens diffusion mosaic of the corpus.
 */
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpus, missing } from '../../test/support/requirements.js';
import { DataElement, Dataset, type ElementValue, type ElementVR, tagForKeyword } from '../dicom/index.js';
import { readDicomFile } from '../sources/index.js';
import type { Volume } from '../volume/index.js';
import { decimalNumber, type Sidecar, sidecarOf } from './sidecar.js';
import {
  isDerivedImage,
  magnetizationTransferState,
  nonlinearGradientCorrection,
  pulseSequenceType,
  spoilingOf,
  spoilingState,
} from './sidecar-header-facts.js';

type Spec = readonly [keywordOrTag: string | number, vr: ElementVR, values: readonly ElementValue[]];

function dataset(specs: readonly Spec[]): Dataset {
  const out = new Dataset();
  for (const [name, vr, values] of specs) {
    const tag = typeof name === 'number' ? name : tagForKeyword(name);
    if (tag === undefined) throw new Error(`unknown keyword ${name}`);
    out.set(DataElement.fromValues(tag, vr, [...values]));
  }
  return out;
}

/** A one-image volume: the sidecar reads the header, not the pixels. */
const volume = {
  images: [[{ complexComponent: undefined, source: { file: 'x.dcm' } }]],
} as unknown as Volume;

function sidecar(header: Dataset): Sidecar {
  return sidecarOf(header, {
    volume,
    echo: { number: undefined, multiEcho: false },
    gunzip: (bytes) => new Uint8Array(gunzipSync(bytes)),
    reconMatrixPE: undefined,
    software: { name: 'radkit', version: 'test' },
  });
}

const mr = (more: readonly Spec[]): Dataset =>
  dataset([
    ['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'M', 'FFE']],
    ['Modality', 'CS', ['MR']],
    ['Manufacturer', 'LO', ['Philips Medical Systems']],
    ...more,
  ]);

describe('CT keys (isXRay)', () => {
  const ct = (more: readonly Spec[]) =>
    dataset([
      ['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']],
      ['Modality', 'CS', ['CT']],
      ['Manufacturer', 'LO', ['SIEMENS']],
      ['SliceThickness', 'DS', [5]],
      ['SpacingBetweenSlices', 'DS', [5]],
      ...more,
    ]);

  it('writes kernel, exposure time in s, tube current and exposure, and no slice spacing', () => {
    const out = sidecar(
      ct([
        ['ExposureTime', 'IS', [1601]],
        ['XRayTubeCurrent', 'IS', [170]],
        ['Exposure', 'IS', [85]],
        ['ConvolutionKernel', 'SH', ['B30s']],
      ]),
    );
    expect(out).toMatchObject({ ConvolutionKernel: 'B30s', ExposureTime: 1.601, XRayTubeCurrent: 170 });
    expect(out.XRayExposure).toBe(85);
    expect(out.SliceThickness).toBeUndefined();
    expect(out.SpacingBetweenSlices).toBeUndefined();
  });

  it('keeps slice thickness and spacing when Exposure (0018,1152) is absent, whatever the modality', () => {
    const out = sidecar(ct([['XRayTubeCurrent', 'IS', [170]]]));
    expect(out).toMatchObject({ SliceThickness: 5, SpacingBetweenSlices: 5, XRayTubeCurrent: 170 });
    expect(out.XRayExposure).toBeUndefined();
  });

  it('is not X-ray when an echo time was read first', () => {
    const out = sidecar(
      mr([
        ['EchoTime', 'DS', [30]],
        ['Exposure', 'IS', [85]],
        ['SliceThickness', 'DS', [3]],
      ]),
    );
    expect(out).toMatchObject({ EchoTime: 0.03, SliceThickness: 3 });
    expect(out.XRayExposure).toBeUndefined();
  });
});

describe('RawImage', () => {
  it('is false for DERIVED images, Siemens maps and segmentations, and absent otherwise', () => {
    expect(isDerivedImage(dataset([['ImageType', 'CS', ['DERIVED', 'PRIMARY', 'M']]]))).toBe(true);
    expect(
      isDerivedImage(dataset([['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'ADC', 'ND']]])),
    ).toBe(true);
    expect(isDerivedImage(dataset([['SOPClassUID', 'UI', ['1.2.840.10008.5.1.4.1.1.66.4']]]))).toBe(true);
    expect(isDerivedImage(dataset([['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'M', 'ND']]]))).toBe(false);
    expect(sidecar(mr([]))).not.toHaveProperty('RawImage');
    expect(sidecar(dataset([['ImageType', 'CS', ['DERIVED', 'SECONDARY']]])).RawImage).toBe(false);
  });
});

describe('NonlinearGradientCorrection', () => {
  const of = (imageType: string[]) =>
    nonlinearGradientCorrection(dataset([['ImageType', 'CS', imageType]]), 'Siemens');

  it('reads DIS2D/DIS3D as true and ND as false, false winning when both appear', () => {
    expect(of(['ORIGINAL', 'PRIMARY', 'M', 'NORM', 'DIS2D'])).toBe(true);
    expect(of(['ORIGINAL', 'PRIMARY', 'M', 'DIS3D'])).toBe(true);
    expect(of(['ORIGINAL', 'PRIMARY', 'M', 'ND', 'NORM'])).toBe(false);
    expect(of(['ORIGINAL', 'PRIMARY', 'M', 'ND', 'DIS2D'])).toBe(false);
    expect(of(['ORIGINAL', 'PRIMARY', 'M', 'NONE'])).toBeUndefined();
  });

  it('also reads Siemens XA ImageTypeText (0021,xx75 "SIEMENS MR SDI 02")', () => {
    const header = dataset([
      ['ImageType', 'CS', ['ORIGINAL', 'PRIMARY', 'M', 'NONE']],
      [0x00210011, 'LO', ['SIEMENS MR SDI 02']],
      [0x00211175, 'CS', ['ORIGINAL', 'PRIMARY', 'M', 'ND']],
    ]);
    expect(nonlinearGradientCorrection(header, 'Siemens')).toBe(false);
    expect(nonlinearGradientCorrection(header, 'Philips')).toBeUndefined();
  });

  it('writes that ImageTypeText as a list, split as ImageType is, for Siemens files only', () => {
    const siemens = dataset([
      ['Manufacturer', 'LO', ['SIEMENS']],
      ['ImageType', 'CS', ['DERIVED', 'PRIMARY', 'MPR', 'NORM', 'DIS3D', 'MFSPLIT']],
      [0x00210011, 'LO', ['SIEMENS MR SDI 02']],
      [0x00211175, 'CS', ['DERIVED', 'PRIMARY', 'MPR_RESAMPLED']],
    ]);
    expect(sidecar(siemens).ImageTypeText).toEqual(['DERIVED', 'PRIMARY', 'MPR', 'RESAMPLED']);
    const other = dataset([
      ['Manufacturer', 'LO', ['Philips']],
      [0x00210011, 'LO', ['SIEMENS MR SDI 02']],
      [0x00211175, 'CS', ['DERIVED']],
    ]);
    expect(sidecar(other)).not.toHaveProperty('ImageTypeText');
  });
});

describe('spoiling and magnetization transfer', () => {
  it("classifies Spoiling (0018,9016) as dcm2niix's reader does: any RF is COMBINED", () => {
    expect(spoilingOf('RF')).toBe('COMBINED');
    expect(spoilingOf('RF_AND_GRADIENT')).toBe('COMBINED');
    expect(spoilingOf('GRADIENT')).toBe('GRADIENT');
    expect(spoilingOf('NONE')).toBe('NONE');
    expect(spoilingOf(undefined)).toBeUndefined();
  });

  it('writes SpoilingState true for a spoiling or an SP sequence variant, false for NONE (as 2026 releases)', () => {
    expect(spoilingState('GRADIENT', undefined)).toBe(true);
    expect(spoilingState('NONE', 'SS\\SP')).toBe(false);
    expect(spoilingState(undefined, 'SS\\SP')).toBe(true);
    expect(spoilingState(undefined, 'SP')).toBe(true); // v1.0.20220720 needed the backslash
    expect(spoilingState(undefined, 'SP\\OSP')).toBe(true);
    expect(spoilingState(undefined, 'SK\\OSP')).toBeUndefined();
  });

  it('reads MTState from the first letters of Magnetization Transfer (0018,9020)', () => {
    expect(magnetizationTransferState('OFF_RESONANCE')).toBe(true);
    expect(magnetizationTransferState('ON_RESONANCE')).toBe(false);
    expect(magnetizationTransferState('NONE')).toBe(false);
    expect(magnetizationTransferState(undefined)).toBeUndefined();
  });

  it('finds them in the private per-frame item (2005,xx0F) of classic Philips files', () => {
    const item = dataset([
      ['Spoiling', 'CS', ['RF']],
      ['MagnetizationTransfer', 'CS', ['NONE']],
      ['PartialFourierDirection', 'CS', ['FREQUENCY']],
    ]);
    const out = sidecar(
      mr([
        [0x20050014, 'LO', ['Philips MR Imaging DD 005']],
        [0x2005140f, 'SQ', [item]],
      ]),
    );
    expect(out).toMatchObject({
      MTState: false,
      SpoilingState: true,
      SpoilingType: 'COMBINED',
      PartialFourierDirection: 'FREQUENCY',
    });
  });
});

describe('PulseSequenceType', () => {
  it("names EPI by its echo and multiband, and gradient or spin echo otherwise, in dcm2niix's words", () => {
    expect(pulseSequenceType('EP', 'SK', false)).toBe('Gradient Echo EPI');
    expect(pulseSequenceType('SE\\EP', 'SK\\SS', false)).toBe('Spin Echo EPI');
    expect(pulseSequenceType('EP', 'SK', true)).toBe('Multiband Gradient Echo EPI');
    expect(pulseSequenceType('GR\\IR', 'SK\\SP\\MP', false)).toBe('MPRAGE');
    expect(pulseSequenceType('GR', 'SP', false)).toBe('Spoiled Gradient Echo');
    expect(pulseSequenceType('GR', 'SS', false)).toBe('Gradient Echo');
    expect(pulseSequenceType('IR\\SE', 'SK', false)).toBe('Inversion Recovery Spin Echo');
    expect(pulseSequenceType('SE', 'SK', false)).toBe('Spin Echo');
    expect(pulseSequenceType('RM', 'SS', false)).toBeUndefined();
    expect(pulseSequenceType(undefined, undefined, false)).toBeUndefined();
  });

  it('is written after SequenceVariant for MR only', () => {
    const out = sidecar(
      mr([
        ['ScanningSequence', 'CS', ['GR', 'IR']],
        ['SequenceVariant', 'CS', ['SK', 'SP', 'MP']],
        ['ScanOptions', 'CS', ['IR']],
      ]),
    );
    const keys = Object.keys(out);
    expect(out.PulseSequenceType).toBe('MPRAGE');
    expect(keys.indexOf('PulseSequenceType')).toBe(keys.indexOf('SequenceVariant') + 1);
    const ct = sidecar(
      dataset([
        ['Modality', 'CS', ['CT']],
        ['ScanningSequence', 'CS', ['GR']],
      ]),
    );
    expect(ct).not.toHaveProperty('PulseSequenceType');
    expect(sidecar(mr([['ScanningSequence', 'CS', ['RM']]]))).not.toHaveProperty('PulseSequenceType');
  });
});

describe('MR acquisition keys', () => {
  it('writes averages > 1, inversion time in s, duration, technique, coil and phase axis', () => {
    const out = sidecar(
      mr([
        ['MRAcquisitionType', 'CS', ['2D']],
        ['InversionTime', 'DS', [900]],
        ['NumberOfAverages', 'DS', [2]],
        ['ReceiveCoilName', 'SH', ['SENSE-Head-8']],
        ['InPlanePhaseEncodingDirection', 'CS', ['COL']],
        ['AcquisitionDuration', 'FD', [652.707]],
        ['ParallelAcquisitionTechnique', 'CS', ['SENSE']],
      ]),
    );
    expect(out).toMatchObject({
      InversionTime: 0.9,
      NumberOfAverages: 2,
      CoilString: 'SENSE-Head-8',
      PhaseEncodingAxis: 'j',
      AcquisitionDuration: 652.707,
      ParallelAcquisitionTechnique: 'SENSE',
    });
    expect(out.PhaseEncodingDirection).toBeUndefined();
  });

  it("writes times in s without the noise of the unit change, and the header's decimals as they are", () => {
    const out = sidecar(
      mr([
        ['EchoTime', 'DS', [1.37]],
        ['RepetitionTime', 'DS', [123.6]],
        ['SpacingBetweenSlices', 'DS', [3.6000000030835]],
        ['ImageOrientationPatient', 'DS', [0.99999847690895, 0, -0.0017453283658, 0, 1, 0]],
      ]),
    );
    // 1.37 / 1000 and 123.6 / 1000 in doubles are 0.0013700000000000001 and 0.12359999999999999.
    const text = JSON.stringify(out);
    expect(text).toContain('"EchoTime":0.00137,');
    expect(text).toContain('"RepetitionTime":0.1236,');
    expect(text).toContain('"SpacingBetweenSlices":3.6000000030835,');
    expect(text).toContain('"ImageOrientationPatientDICOM":[0.99999847690895,0,-0.0017453283658,0,1,0]');
  });

  it('writes float32 values with the fewest digits that give the same float32, and doubles to 15 digits', () => {
    expect(decimalNumber(Math.fround(0.950830996))).toBe(0.950831);
    expect(decimalNumber(Math.fround(-0.2))).toBe(-0.2);
    expect(decimalNumber(15.125)).toBe(15.125);
    expect(decimalNumber(0.95083099603653)).toBe(0.95083099603653); // a double: not float32-exact
    expect(decimalNumber(15.17995548248291)).toBe(15.1799554824829);
  });

  it('writes the encoding steps and k-space trajectories of the MR FOV/Geometry macro (as 2024+ releases)', () => {
    const geometry = dataset([
      ['MRAcquisitionFrequencyEncodingSteps', 'US', [72]],
      ['MRAcquisitionPhaseEncodingStepsInPlane', 'US', [64]],
      ['MRAcquisitionPhaseEncodingStepsOutOfPlane', 'US', [32]],
    ]);
    const shared = dataset([['MRFOVGeometrySequence', 'SQ', [geometry]]]);
    const out = sidecar(
      mr([
        ['SharedFunctionalGroupsSequence', 'SQ', [shared]],
        ['NumberOfKSpaceTrajectories', 'US', [1992]],
        ['ParallelReductionFactorOutOfPlane', 'FD', [1]],
      ]),
    );
    expect(out).toMatchObject({
      PhaseEncodingSteps: 64,
      FrequencyEncodingSteps: 72,
      PhaseEncodingStepsOutOfPlane: 32,
      NumberOfKSpaceTrajectories: 1992,
      ParallelReductionFactorOutOfPlane: 1,
    });
  });

  it('leaves out one average, UIH durations and the phase axis of 3D acquisitions without an echo train', () => {
    const out = sidecar(
      dataset([
        ['Modality', 'CS', ['MR']],
        ['Manufacturer', 'LO', ['UIH']],
        ['MRAcquisitionType', 'CS', ['3D']],
        ['NumberOfAverages', 'DS', [1]],
        ['InPlanePhaseEncodingDirection', 'CS', ['ROW']],
        ['AcquisitionDuration', 'FD', [21]],
      ]),
    );
    expect(out).not.toHaveProperty('NumberOfAverages');
    expect(out).not.toHaveProperty('AcquisitionDuration');
    expect(out).not.toHaveProperty('PhaseEncodingAxis');
    const epi3d = sidecar(
      mr([
        ['MRAcquisitionType', 'CS', ['3D']],
        ['EchoTrainLength', 'IS', [35]],
        ['InPlanePhaseEncodingDirection', 'CS', ['ROW']],
      ]),
    );
    expect(epi3d.PhaseEncodingAxis).toBe('i');
  });

  it('takes the Philips Prepulse Delay (2001,xx1B) over Inversion Time, and reads enhanced functional groups', () => {
    const prepulse = sidecar(
      mr([
        ['InversionTime', 'DS', [900]],
        [0x20010010, 'LO', ['Philips Imaging DD 001']],
        [0x2001101b, 'FL', [0]],
      ]),
    );
    expect(prepulse).not.toHaveProperty('InversionTime');
    const coil = dataset([['ReceiveCoilName', 'SH', ['MULTI COIL']]]);
    const modifier = dataset([['InversionTimes', 'FD', [1100]]]);
    const averages = dataset([['NumberOfAverages', 'DS', [6]]]);
    const shared = dataset([
      ['MRReceiveCoilSequence', 'SQ', [coil]],
      ['MRModifierSequence', 'SQ', [modifier]],
      ['MRAveragesSequence', 'SQ', [averages]],
    ]);
    const enhanced = sidecar(mr([['SharedFunctionalGroupsSequence', 'SQ', [shared]]]));
    expect(enhanced).toMatchObject({ CoilString: 'MULTI COIL', InversionTime: 1.1, NumberOfAverages: 6 });
  });
});

const dwi = corpus('nibabel/nibabel/nicom/tests/data');

describe.skipIf(missing(dwi))('DiffusionScheme (Siemens ASCCONV)', () => {
  it('writes sDiffusion.dsScheme 2 as Monopolar for a diffusion mosaic (nibabel 1.dcm, as dcm2niix)', () => {
    const header = readDicomFile(join(dwi.path, '1.dcm'), { headerOnly: true }).dataset;
    const mosaic = { images: [[{ complexComponent: undefined, source: { file: '1.dcm', tile: 0 } }]] };
    const out = sidecarOf(header, {
      volume: mosaic as unknown as Volume,
      echo: { number: undefined, multiEcho: false },
      gunzip: (bytes) => new Uint8Array(gunzipSync(bytes)),
      reconMatrixPE: undefined,
      software: { name: 'radkit', version: 'test' },
    });
    expect(out.DiffusionScheme).toBe('Monopolar');
  });
});
