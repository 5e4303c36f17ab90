/**
 * The automatic name (seed-features.md §1.4.5) on the conformance records R1–R16 of §1.12, whose
 * outputs were verified by running RADIFOX's `automatic_name_generation`, plus the places where
 * Python's regular expressions and radkit's deliberate differences matter.
 */
import { describe, expect, it } from 'vitest';
import { predictName } from '../../src/naming/index.js';
import { ctSeriesInfo, seriesInfo } from './series-info-factory.js';

const name = (...args: Parameters<typeof seriesInfo>) => predictName(seriesInfo(...args)).parts.join('-');

describe('R1–R16: automatic names', () => {
  it('R1 MPRAGE: T1 IRFSPGR from GR\\IR, SP, MP and 3D', () => {
    const prediction = predictName(
      seriesInfo({
        SeriesDescription: 't1_mprage_sag_p2_iso',
        AcquisitionDimension: '3D',
        SequenceType: ['GR', 'IR'],
        SequenceVariant: ['SK', 'SP', 'MP'],
        EchoTime: 2.3,
        InversionTime: 900,
        SliceOrientation: 'sagittal',
        BodyPartExamined: 'BRAIN',
      }),
    );
    expect(prediction.parts.join('-')).toBe('BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE');
    expect(prediction.skip).toBeNull();
    const technique = prediction.explain.find((entry) => entry.field === 'technique')!;
    expect(technique.value).toBe('IRFSPGR');
    expect(technique.rule).toContain('ScanningSequence has GR');
    expect(technique.rule).toContain('SequenceVariant has SP');
    expect(technique.rule).toContain('3D');
    expect(technique.evidence.ScanningSequence).toEqual(['GR', 'IR']);
    const modality = prediction.explain.find((entry) => entry.field === 'modality')!;
    expect(modality.rule).toBe("SeriesDescription contains 't1'");
    const bodypart = prediction.explain.find((entry) => entry.field === 'bodypart')!;
    expect(bodypart.rule).toContain('BodyPartExamined matches');
    expect(bodypart.evidence).toEqual({ BodyPartExamined: 'BRAIN' });
  });

  it('R2 TSE: T2 FSE, BodyPartExamined HEAD is BRAIN', () => {
    expect(
      name({
        SeriesDescription: 't2_tse_tra',
        SequenceType: ['SE'],
        EchoTrainLength: 15,
        EchoTime: 100,
        BodyPartExamined: 'HEAD',
      }),
    ).toBe('BRAIN-T2-FSE-2D-AXIAL-PRE');
  });

  it('R3 FLAIR: T2+FLAIR in the description is resolved by the inversion time', () => {
    expect(
      name({
        SeriesDescription: 'AX T2 FLAIR',
        SequenceType: ['SE', 'IR'],
        EchoTrainLength: 20,
        InversionTime: 2500,
        EchoTime: 120,
        BodyPartExamined: 'BRAIN',
      }),
    ).toBe('BRAIN-FLAIR-IRFSE-2D-AXIAL-PRE');
  });

  it('R4 contrast: post-contrast words, an agent, and "pre" winning', () => {
    const base = { SequenceType: ['SE'], EchoTime: 10 } as const;
    expect(name({ ...base, SeriesDescription: 'AX T1 POST GAD' })).toMatch(/-T1-SE-2D-AXIAL-POST$/);
    expect(name({ ...base, SeriesDescription: 'AX T1', ExContrastAgent: 'GADAVIST' })).toMatch(/-POST$/);
    expect(name({ ...base, SeriesDescription: 'T1 pre gad' })).toMatch(/-PRE$/);
    expect(name({ ...base, SeriesDescription: 'AX T1', ExContrastAgent: 'None' })).toMatch(/-PRE$/);
  });

  it('R5 physics: spin echo with short TE is PD for long TR, T1 for short', () => {
    const base = { SeriesDescription: 'routine', SequenceType: ['SE'], EchoTime: 12 } as const;
    expect(predictName(seriesInfo({ ...base, RepetitionTime: 2000 })).parts[1]).toBe('PD');
    expect(predictName(seriesInfo({ ...base, RepetitionTime: 500 })).parts[1]).toBe('T1');
  });

  it('R6 gradient echo with TE 20 is T2STAR', () => {
    expect(
      name({ SeriesDescription: 'ax gre', SequenceType: ['GR'], EchoTime: 20, BodyPartExamined: 'BRAIN' }),
    ).toBe('BRAIN-T2STAR-GRE-2D-AXIAL-PRE');
  });

  it('R7 diffusion: EPI, sagittal is SPINE, TRACEW is skipped', () => {
    const base = { SequenceType: ['EP'], BodyPartExamined: 'BRAIN' } as const;
    expect(name({ ...base, SeriesDescription: 'ep2d_diff_b1000' })).toBe('BRAIN-DIFF-EPI-2D-AXIAL-PRE');
    expect(name({ ...base, SeriesDescription: 'ep2d_diff_b1000', SliceOrientation: 'sagittal' })).toBe(
      'SPINE-DIFF-EPI-2D-SAGITTAL-PRE',
    );
    expect(predictName(seriesInfo({ ...base, SeriesDescription: 'ep2d_diff_TRACEW' })).skip).toBe(
      'DIFF with SeriesDescription ending _tracew or _fa',
    );
  });

  it('R8 spine levels from the description', () => {
    const base = {
      SequenceType: ['SE'],
      EchoTrainLength: 15,
      EchoTime: 100,
      SliceOrientation: 'sagittal',
    } as const;
    expect(name({ ...base, SeriesDescription: 'SAG T2 C-SPINE' })).toBe('CSPINE-T2-FSE-2D-SAGITTAL-PRE');
    expect(name({ ...base, SeriesDescription: 'SAG T2 T-SPINE' })).toMatch(/^TSPINE-/);
    expect(name({ ...base, SeriesDescription: 'SAG T1 L-SPINE' })).toMatch(/^LSPINE-T1-/);
    expect(name({ ...base, SeriesDescription: 'sag t2 spine upper' })).toMatch(/^CSPINE-/);
    expect(name({ ...base, SeriesDescription: 'sag t2 spine lower' })).toMatch(/^TSPINE-/);
    expect(name({ ...base, SeriesDescription: 'sag t2 spine upper t' })).toMatch(/^SPINE-/);
  });

  it('R9 STIR from a short inversion time, body part from BodyPartExamined', () => {
    expect(
      name({
        SeriesDescription: 'SAG STIR',
        SequenceType: ['SE', 'IR'],
        EchoTrainLength: 15,
        InversionTime: 160,
        SliceOrientation: 'sagittal',
        BodyPartExamined: 'LSPINE',
      }),
    ).toBe('LSPINE-STIR-IRFSE-2D-SAGITTAL-PRE');
  });

  it('R10 TOF from the description, FLOW from ImageType', () => {
    expect(
      name({
        SeriesDescription: 'tof_3d_multi-slab',
        AcquisitionDimension: '3D',
        SequenceType: ['GR'],
        SequenceVariant: ['SP'],
        BodyPartExamined: 'BRAIN',
      }),
    ).toBe('BRAIN-TOF-SPGR-3D-AXIAL-PRE');
    expect(
      predictName(
        seriesInfo({ SeriesDescription: 'pc flow', ImageType: ['ORIGINAL', 'PRIMARY', 'VELOCITY MAP'] }),
      ).parts[1],
    ).toBe('FLOW');
  });

  it('R11 Siemens SWI_Images: T2STAR and ComplexImageComponent SWI', () => {
    const prediction = predictName(
      seriesInfo({ SeriesDescription: 'SWI_Images', SequenceType: ['GR'], EchoTime: 20 }),
    );
    expect(prediction.parts[1]).toBe('T2STAR');
    expect(prediction.complexImageComponent).toBe('SWI');
    expect(predictName(seriesInfo({ SeriesDescription: 'Pha_Images' })).complexImageComponent).toBe('PHASE');
    expect(predictName(seriesInfo({ SeriesDescription: 'swi_combined' })).complexImageComponent).toBeNull();
  });

  it('R12 coverage: small ORBITS stay, large become BRAIN; short sagittal BRAIN is SPINE', () => {
    const orbits = {
      SeriesDescription: 'COR T1 ORBITS',
      SliceOrientation: 'coronal',
      SliceThickness: 3,
    } as const;
    expect(predictName(seriesInfo({ ...orbits, NumFiles: 20 })).parts[0]).toBe('ORBITS');
    const large = predictName(seriesInfo({ ...orbits, NumFiles: 50 }));
    expect(large.parts[0]).toBe('BRAIN');
    expect(large.explain[0]!.rule).toContain('ORBITS covering 150 mm > 120');
    expect(
      predictName(
        seriesInfo({
          SeriesDescription: 'SAG T1 brain',
          SliceOrientation: 'sagittal',
          NumFiles: 20,
          SliceThickness: 3,
        }),
      ).parts[0],
    ).toBe('SPINE');
    // Spacing between slices, when present, is the coverage step rather than the thickness.
    expect(
      predictName(
        seriesInfo({
          SeriesDescription: 'SAG T1 brain',
          SliceOrientation: 'sagittal',
          NumFiles: 20,
          SliceThickness: 3,
          SliceSpacing: 6,
        }),
      ).parts[0],
    ).toBe('BRAIN');
  });

  it('R13 no body-part evidence is UNK; no orientation is NONE', () => {
    const fse = {
      SeriesDescription: 'ax t2 fse',
      SequenceType: ['SE'],
      EchoTrainLength: 8,
      EchoTime: 100,
    } as const;
    expect(name(fse)).toBe('UNK-T2-FSE-2D-AXIAL-PRE');
    expect(predictName(seriesInfo({ ...fse, SliceOrientation: null })).parts[4]).toBe('NONE');
  });

  it('R14 CT: NONCON, kernel technique, localisers skipped', () => {
    const head = { SeriesDescription: 'HEAD 5mm', SliceThickness: 5 } as const;
    expect(predictName(ctSeriesInfo({ ...head, ConvolutionKernel: 'H30s' })).parts.join('-')).toBe(
      'BRAIN-NONCON-H30S-2D-AXIAL-PRE',
    );
    expect(predictName(ctSeriesInfo({ ...head, ConvolutionKernel: 'BONE' })).parts[2]).toBe('BONE');
    expect(predictName(ctSeriesInfo({ ...head, ConvolutionKernel: ['FC30', 'LUNG'] })).parts[2]).toBe('FC30');
    expect(predictName(ctSeriesInfo({ ...head, ConvolutionKernel: null })).parts[2]).toBe('SOFT');
    expect(predictName(ctSeriesInfo({ ...head, ConvolutionKernel: 'B70f' })).parts[2]).toBe('B70F');
    expect(predictName(ctSeriesInfo({ ...head, NumFiles: 5 })).skip).toBe('CT with NumFiles < 10');
    expect(predictName(ctSeriesInfo({ SeriesDescription: 'CTA head' })).parts[1]).toBe('CTA');
    expect(predictName(ctSeriesInfo({ SeriesDescription: 'brain perfusion' })).parts[1]).toBe('PERF');
    expect(
      predictName(ctSeriesInfo({ SeriesDescription: 'head', ExContrastAgent: 'OMNIPAQUE' })).parts[1],
    ).toBe('CONTRAST');
  });

  it('R15 Philips WIP T1 TFE: wip stripped, t1.?tfe adds IR', () => {
    expect(
      name({
        SeriesDescription: 'WIP sT1W_3D_TFE',
        AcquisitionDimension: '3D',
        SequenceType: ['GR'],
        SequenceName: 'T1TFE',
        BodyPartExamined: 'BRAIN',
      }),
    ).toBe('BRAIN-T1-IRFSPGR-3D-AXIAL-PRE');
  });

  it('R16 a BRAIN T2 with fewer than 10 files is a localiser', () => {
    const prediction = predictName(
      seriesInfo({
        SeriesDescription: 't2_tse_tra',
        SequenceType: ['SE'],
        EchoTrainLength: 15,
        EchoTime: 100,
        BodyPartExamined: 'BRAIN',
        NumFiles: 5,
      }),
    );
    expect(prediction.skip).toBe('BRAIN T1/T2/T2STAR/FLAIR with NumFiles < 10');
    expect(prediction.parts.join('-')).toBe('BRAIN-T2-FSE-2D-AXIAL-PRE');
  });
});

describe('rule details', () => {
  it('modality pairs: T1 with T2STAR is T1, T2 with T2STAR is T2STAR, T1 with T2 is left to physics', () => {
    expect(predictName(seriesInfo({ SeriesDescription: 't1 swi' })).parts[1]).toBe('T1');
    expect(predictName(seriesInfo({ SeriesDescription: 't2 t2star' })).parts[1]).toBe('T2STAR');
    expect(
      predictName(seriesInfo({ SeriesDescription: 't1 t2', SequenceType: ['SE'], EchoTime: 100 })).parts[1],
    ).toBe('T2');
  });

  it('lookarounds keep their Python meaning', () => {
    expect(predictName(seriesInfo({ SeriesDescription: 'swip' })).parts[1]).not.toBe('T2STAR');
    expect(predictName(seriesInfo({ SeriesDescription: 'medical' })).parts[1]).not.toBe('T2STAR');
    expect(predictName(seriesInfo({ SeriesDescription: 'pdw' })).parts[1]).not.toBe('DIFF');
    expect(predictName(seriesInfo({ SeriesDescription: 'ax dwi' })).parts[1]).toBe('DIFF');
    // (?<!\w) is Unicode-aware in Python: a letter with an accent before "cerv" is a word letter.
    expect(predictName(seriesInfo({ SeriesDescription: 'écerv' })).parts[0]).toBe('UNK');
    expect(predictName(seriesInfo({ SeriesDescription: 'é cerv' })).parts[0]).toBe('CSPINE');
  });

  it('acquisition dimension falls back to "3d" in the description', () => {
    expect(predictName(seriesInfo({ SeriesDescription: 'T1 3D', AcquisitionDimension: null })).parts[3]).toBe(
      '3D',
    );
    expect(predictName(seriesInfo({ SeriesDescription: 'T1', AcquisitionDimension: 'XX' })).parts[3]).toBe(
      '2D',
    );
  });

  it('the cervical pattern found outside the description yields SPINE when the study also names the thoracic spine', () => {
    const sagittal = {
      SeriesDescription: 'sag t2',
      BodyPartExamined: 'CSPINE',
      SliceOrientation: 'sagittal',
    } as const;
    // The Study Description is searched without spaces, so (?<!\w) holds only at its start.
    expect(predictName(seriesInfo({ ...sagittal, StudyDescription: 'T SPINE and C' })).parts[0]).toBe(
      'SPINE',
    );
    expect(predictName(seriesInfo({ ...sagittal, StudyDescription: 'C SPINE T SPINE' })).parts[0]).toBe(
      'CSPINE',
    );
    expect(predictName(seriesInfo({ ...sagittal, StudyDescription: null })).parts[0]).toBe('CSPINE');
  });

  it('FlipAngle ≥ 60 without SE/GR is spin echo; EPIFactor > 1 is EPI; GRASE by sequence name', () => {
    expect(predictName(seriesInfo({ FlipAngle: 90 })).parts[2]).toBe('SE');
    expect(predictName(seriesInfo({ FlipAngle: 30 })).parts[2]).toBe('UNK');
    expect(predictName(seriesInfo({ SequenceType: ['GR'], EPIFactor: 35 })).parts[2]).toBe('EPI');
    expect(
      predictName(seriesInfo({ SequenceType: ['SE'], SequenceName: 'GRASE', EPIFactor: 3 })).parts[2],
    ).toBe('GRASE');
  });

  it('radkit names a series without slice thickness or spacing (RADIFOX stops with a TypeError)', () => {
    const prediction = predictName(
      seriesInfo({
        SeriesDescription: 'fmri',
        SequenceType: ['EP'],
        SliceThickness: null,
        SliceSpacing: null,
        NumFiles: 8,
      }),
    );
    expect(prediction.skip).toBeNull();
    expect(prediction.parts.join('-')).toBe('UNK-UNK-EPI-2D-AXIAL-PRE');
  });

  it('CT with agent NONE is NONCON, consistent with PRE', () => {
    expect(
      predictName(ctSeriesInfo({ SeriesDescription: 'head', ExContrastAgent: 'NONE' })).parts.join('-'),
    ).toBe('BRAIN-NONCON-SOFT-2D-AXIAL-PRE');
  });

  it('a CT kernel with punctuation cannot break the name grammar', () => {
    expect(
      predictName(ctSeriesInfo({ SeriesDescription: 'head', ConvolutionKernel: 'FC13-H_x' })).parts[2],
    ).toBe('FC13HX');
  });

  it('every field is explained', () => {
    const prediction = predictName(
      seriesInfo({ SeriesDescription: 'T2 tse', SequenceType: ['SE'], EchoTime: 90 }),
    );
    expect(prediction.explain.map((entry) => entry.field)).toEqual([
      'bodypart',
      'modality',
      'technique',
      'acqdim',
      'orientation',
      'excontrast',
    ]);
    expect(prediction.explain.map((entry) => entry.value)).toEqual([...prediction.parts]);
    expect(prediction.explain.every((entry) => entry.rule.length > 0)).toBe(true);
  });
});
