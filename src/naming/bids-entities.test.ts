import { describe, expect, it } from 'vitest';
import { bidsPhaseDirection, inPlaneAxisCodes } from './bids-direction.js';
import { type BidsNameInput, bidsNameOf } from './bids-entities.js';
import { bidsLabel, bidsStem, parseBidsStem, requireBidsLabel } from './bids-filename.js';
import type { SeriesInfo } from './series-info.js';

function info(overrides: Partial<SeriesInfo> = {}): SeriesInfo {
  return {
    SeriesUID: '1.2.3.4',
    StudyUID: '1.2.3',
    SourcePath: 'dcm/1.2.3.4.01',
    SourceHash: null,
    NumFiles: 100,
    MultiFrame: false,
    SeriesNumber: 3,
    SeriesDescription: '',
    StudyDescription: null,
    AcqDateTime: '2020-01-02 03:04:05',
    Modality: 'MR',
    InstitutionName: null,
    Manufacturer: 'SIEMENS',
    ScannerModelName: null,
    DeviceIdentifier: null,
    SoftwareVersions: null,
    MagneticFieldStrength: 3,
    ReceiveCoilName: null,
    AcquisitionDimension: '2D',
    SequenceType: null,
    SequenceVariant: null,
    ScanOptions: null,
    SequenceName: null,
    ImageType: ['ORIGINAL', 'PRIMARY', 'M'],
    ComplexImageComponent: 'MAGNITUDE',
    EchoTime: 10,
    RepetitionTime: 2000,
    InversionTime: null,
    FlipAngle: 90,
    TriggerTime: null,
    EchoTrainLength: null,
    EPIFactor: null,
    VariableFlipAngle: null,
    NumberOfAverages: null,
    PercentSampling: null,
    PixelBandwidth: null,
    ExContrastAgent: null,
    BodyPartExamined: null,
    SliceOrientation: 'axial',
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [0, 0, 0],
    SliceThickness: 3,
    SliceSpacing: 3,
    AcquisitionMatrix: null,
    ReconMatrix: null,
    ReconResolution: null,
    FieldOfView: null,
    AcquiredResolution: null,
    ...overrides,
  };
}

function name(parts: string, overrides: Partial<BidsNameInput> & { record?: Partial<SeriesInfo> } = {}) {
  const { record, ...rest } = overrides;
  return bidsNameOf({ parts: parts.split('-'), info: info(record), sidecar: {}, ...rest });
}

describe('bidsNameOf: the rules table', () => {
  const cases: [string, string, string | null, Record<string, unknown>][] = [
    ['T1 SPGR 3D', 'BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE', 'anat/T1w', { acq: 'IRFSPGR3Dsagittal' }],
    ['T2', 'BRAIN-T2-FSE-2D-AXIAL-PRE', 'anat/T2w', { acq: 'FSE2Daxial' }],
    ['STIR → T2w', 'BRAIN-STIR-IRFSE-2D-CORONAL-PRE', 'anat/T2w', { acq: 'IRFSE2Dcoronal' }],
    ['FLAIR post', 'BRAIN-FLAIR-IRFSE-3D-SAGITTAL-POST', 'anat/FLAIR', { acq: 'IRFSE3Dsagittal', ce: 'gad' }],
    ['PD', 'BRAIN-PD-FSE-2D-AXIAL-PRE', 'anat/PDw', { acq: 'FSE2Daxial' }],
    ['T2STAR', 'BRAIN-T2STAR-GRE-2D-AXIAL-PRE-MAG', 'anat/T2starw', { acq: 'GRE2Daxial', part: 'mag' }],
    [
      'T2STAR echo → MEGRE',
      'BRAIN-T2STAR-GRE-3D-AXIAL-PRE-ECHO2-PHA',
      'anat/MEGRE',
      { acq: 'GRE3Daxial', echo: 2, part: 'phase' },
    ],
    ['T1 echo stays T1w', 'BRAIN-T1-GRE-2D-AXIAL-PRE-ECHO1', 'anat/T1w', { acq: 'GRE2Daxial', echo: 1 }],
    [
      'MP2RAGE',
      'BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE-INV2',
      'anat/MP2RAGE',
      { acq: 'IRFSPGR3Dsagittal', inv: 2 },
    ],
    ['TOF', 'BRAIN-TOF-SPGR-3D-AXIAL-PRE', 'anat/angio', { acq: 'SPGR3Daxial' }],
    ['MT on', 'BRAIN-MT-SPGR-3D-AXIAL-PRE-MTON', 'anat/MTR', { acq: 'SPGR3Daxial', mt: 'on' }],
    ['spine bodypart in acq', 'CSPINE-T2-FSE-2D-SAGITTAL-PRE', 'anat/T2w', { acq: 'CSPINEFSE2Dsagittal' }],
    ['POS extra in acq', 'BRAIN-T1-SE-2D-AXIAL-PRE-POS2', 'anat/T1w', { acq: 'SE2DaxialPOS2' }],
    ['DYN gives no entity', 'BRAIN-T1-SE-2D-AXIAL-PRE-DYN3', 'anat/T1w', { acq: 'SE2Daxial' }],
    ['UNK technique and NONE orientation', 'BRAIN-T1-UNK-2D-NONE-PRE', 'anat/T1w', { acq: '2D' }],
    ['UNK modality', 'BRAIN-UNK-GRE-2D-AXIAL-PRE', null, {}],
    ['FLOW', 'BRAIN-FLOW-GRE-2D-AXIAL-PRE', null, {}],
    ['MT alone', 'BRAIN-MT-SPGR-3D-AXIAL-PRE', null, {}],
    ['SWI', 'BRAIN-T2STAR-SWI-3D-AXIAL-PRE-SWI', null, {}],
    ['CT', 'HEAD-NONCON-SOFT-2D-AXIAL-PRE', null, {}],
  ];
  it.each(cases)('%s', (_, parts, where, entities) => {
    const result = name(parts);
    expect(result.datatype === null ? null : `${result.datatype}/${result.suffix}`).toBe(where);
    expect(result.entities).toEqual(entities);
    expect(result.reason).not.toBe('');
  });

  it('leaves CT out by the record too, whatever the type says', () => {
    const result = name('HEAD-T1-SE-2D-AXIAL-PRE', { record: { Modality: 'CT' } });
    expect(result.datatype).toBeNull();
    expect(result.reason).toMatch(/CT/);
  });

  it('marks a phase record without a PHA extra, but not a magnitude without MAG', () => {
    expect(
      name('BRAIN-T1-GRE-2D-AXIAL-PRE', { record: { ComplexImageComponent: 'PHASE' } }).entities.part,
    ).toBe('phase');
    expect(name('BRAIN-T1-GRE-2D-AXIAL-PRE').entities.part).toBeUndefined();
  });

  it('refuses 4D anatomical images (BIDS anat is 3D)', () => {
    const result = name('BRAIN-T1-SE-2D-AXIAL-PRE', { volumes: 3 });
    expect(result.datatype).toBeNull();
    expect(result.reason).toMatch(/3D/);
  });
});

describe('bidsNameOf: diffusion, functional and field maps', () => {
  it('puts DIFF in dwi with dir-, dropping entities dwi does not take', () => {
    const result = name('BRAIN-DIFF-EPI-2D-AXIAL-POST-ECHO1', {
      sidecar: { PhaseEncodingDirection: 'j-' },
      axisCodes: 'LAS',
      volumes: 7,
    });
    expect(result).toMatchObject({ datatype: 'dwi', suffix: 'dwi' });
    expect(result.entities).toEqual({ acq: 'EPI2Daxial', dir: 'AP' });
    expect(result.reason).toMatch(/ce-gad, echo-1 dropped/);
  });

  it('leaves out diffusion images without bval/bvec', () => {
    expect(name('BRAIN-DIFF-EPI-2D-AXIAL-PRE', { hasGradients: false }).datatype).toBeNull();
  });

  it('makes an EPI time series bold, with the task from the description', () => {
    const rest = name('BRAIN-UNK-EPI-2D-AXIAL-PRE', {
      volumes: 150,
      record: { SeriesDescription: 'ep2d_bold_Resting' },
      sidecar: { PhaseEncodingDirection: 'j-' },
      axisCodes: 'LAS',
    });
    expect(rest).toMatchObject({ datatype: 'func', suffix: 'bold', metadata: { TaskName: 'rest' } });
    expect(rest.entities).toEqual({ task: 'rest', acq: 'EPI2Daxial', dir: 'AP' });
    const named = name('BRAIN-UNK-EPI-2D-AXIAL-PRE', {
      volumes: 10,
      record: { SeriesDescription: 'fMRI task-nback' },
    });
    expect(named.entities.task).toBe('nback');
    const unknown = name('BRAIN-UNK-EPI-2D-AXIAL-PRE', {
      volumes: 10,
      record: { SeriesDescription: 'ep2d 64' },
    });
    expect(unknown.entities.task).toBe('unknown');
    expect(unknown.reason).toMatch(/names no task/);
  });

  it('makes a short EPI with a known phase direction an epi field map', () => {
    const result = name('BRAIN-UNK-EPI-2D-AXIAL-PRE', {
      volumes: 2,
      record: { SeriesDescription: 'EPI PE=RL' },
      sidecar: { PhaseEncodingDirection: 'i', TotalReadoutTime: 0.036 },
      axisCodes: 'LAS',
    });
    expect(result).toMatchObject({ datatype: 'fmap', suffix: 'epi' });
    expect(result.entities).toEqual({ acq: 'EPI2Daxial', dir: 'RL' });
    // BIDS epi field maps need TotalReadoutTime.
    const noReadout = name('BRAIN-UNK-EPI-2D-AXIAL-PRE', {
      volumes: 2,
      sidecar: { PhaseEncodingDirection: 'i' },
      axisCodes: 'LAS',
    });
    expect(noReadout.datatype).toBeNull();
    // Without a direction it cannot be an epi field map, and UNK has no anatomical suffix.
    expect(name('BRAIN-UNK-EPI-2D-AXIAL-PRE', { volumes: 2 }).datatype).toBeNull();
  });

  it('names GRE field maps phasediff / magnitude<n>', () => {
    const fieldMap = { SeriesDescription: 'gre_field_mapping', SequenceName: '*fm2d2r' };
    const phase = name('BRAIN-T1-GRE-2D-AXIAL-PRE', {
      record: { ...fieldMap, ComplexImageComponent: 'PHASE' },
    });
    expect(phase).toMatchObject({ datatype: 'fmap', suffix: 'phasediff' });
    expect(phase.entities).toEqual({ acq: 'GRE2Daxial' });
    const second = name('BRAIN-T1-GRE-2D-AXIAL-PRE', { record: fieldMap, sidecar: { EchoNumber: 2 } });
    expect(second.suffix).toBe('magnitude2');
    expect(name('BRAIN-T1-GRE-2D-AXIAL-PRE-ECHO1-MAG', { record: fieldMap }).suffix).toBe('magnitude1');
    expect(name('BRAIN-T1-GRE-2D-AXIAL-PRE-ECHO2-PHA', { record: fieldMap }).suffix).toBe('phase2');
  });
});

describe('dir- labels', () => {
  it.each([
    ['j-', 'LAS', 'AP'],
    ['j', 'LAS', 'PA'],
    ['i', 'LAS', 'RL'],
    ['i-', 'LAS', 'LR'],
    ['i', 'RAS', 'LR'],
    ['j', 'PIL', 'SI'],
    ['k', 'LPS', 'IS'],
  ])('%s in %s is %s', (ped, codes, label) => {
    expect(bidsPhaseDirection(ped, codes)).toBe(label);
  });

  it('is undefined without a direction or axes', () => {
    expect(bidsPhaseDirection(undefined, 'LAS')).toBeUndefined();
    expect(bidsPhaseDirection('j', undefined)).toBeUndefined();
    expect(bidsPhaseDirection('x', 'LAS')).toBeUndefined();
  });

  it('takes the in-plane axes of dcm2niix 2D layout from ImageOrientationPatient', () => {
    expect(inPlaneAxisCodes([1, 0, 0, 0, 1, 0])).toBe('LA');
    expect(inPlaneAxisCodes([0, 1, 0, 0, 0, -1])).toBe('PS');
    expect(inPlaneAxisCodes(null)).toBeUndefined();
  });
});

describe('BIDS names', () => {
  it('sanitises labels to letters and digits', () => {
    expect(bidsLabel('STUDY-0012_a é')).toBe('STUDY0012a');
    expect(() => requireBidsLabel('subject', '_-_')).toThrow(/no letters or digits/);
  });

  it('writes entities in BIDS order and reads them back', () => {
    const stem = bidsStem('01', 'A', { part: 'mag', echo: 2, run: 3, acq: 'GRE3Daxial', ce: 'gad' }, 'MEGRE');
    expect(stem).toBe('sub-01_ses-A_acq-GRE3Daxial_ce-gad_run-3_echo-2_part-mag_MEGRE');
    expect(parseBidsStem(stem)).toEqual({
      subject: '01',
      session: 'A',
      entities: { acq: 'GRE3Daxial', ce: 'gad', run: 3, echo: 2, part: 'mag' },
      suffix: 'MEGRE',
    });
    expect(parseBidsStem('sub-01_ses-A_foo-bar_T1w')).toBeUndefined();
    expect(parseBidsStem('sub-01_T1w')).toBeUndefined();
  });
});
