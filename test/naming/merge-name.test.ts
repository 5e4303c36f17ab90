/**
 * Merging manual name, LUT and prediction (seed-features.md §1.4.6): R18–R20 of §1.12, `false`,
 * the `ME` placeholder (including the manual `ME` without technique that crashes RADIFOX,
 * §1.11 item 8), extras, and what is recorded as ManualName/LookupName/PredictedName.
 */
import { describe, expect, it } from 'vitest';
import { mergeName, type Prediction, readLookupTable, withExtras } from '../../src/naming/index.js';
import { ctSeriesInfo, seriesInfo } from './series-info-factory.js';

const tse = seriesInfo({
  SeriesDescription: 't2_tse_tra',
  SequenceType: ['SE'],
  EchoTrainLength: 15,
  EchoTime: 100,
  BodyPartExamined: 'BRAIN',
});
const lut = readLookupTable(
  [
    'Project,Site,InstitutionName,SeriesDescription,OutputFilename',
    'PROJ,None,None,t2_tse_tra,None-PD',
    'PROJ,None,None,odd seq,SPINE',
    'PROJ,None,None,junk,False',
  ].join('\n'),
  { project: 'PROJ' },
);
const unset = [null, null, null, null, null, null];

describe('R18–R20', () => {
  it('R18 the LUT sets the modality, the prediction the rest', () => {
    const merged = mergeName(null, lut.lookup(tse.InstitutionName, tse.SeriesDescription), tse);
    expect(merged.parts).toEqual(['BRAIN', 'PD', 'FSE', '2D', 'AXIAL', 'PRE']);
    expect(`PROJ-SUBJ_1_01-03_${(merged.parts as string[]).join('-')}`).toBe(
      'PROJ-SUBJ_1_01-03_BRAIN-PD-FSE-2D-AXIAL-PRE',
    );
    expect(merged.sources).toEqual([
      'predicted',
      'lookup',
      'predicted',
      'predicted',
      'predicted',
      'predicted',
    ]);
    expect(merged.lookup).toEqual([null, 'PD', null, null, null, null]);
    expect(merged.manual).toEqual(unset);
    expect(merged.predicted).toEqual(['BRAIN', 'T2', 'FSE', '2D', 'AXIAL', 'PRE']);
    expect(merged.explanation).toContain("modality PD: LUT row for 't2_tse_tra'");
  });

  it('R18 a body part from the LUT', () => {
    const odd = { ...tse, SeriesDescription: 'odd seq', BodyPartExamined: null };
    expect(mergeName(null, lut.lookup(null, 'odd seq'), odd).parts).toEqual([
      'SPINE',
      'T2',
      'FSE',
      '2D',
      'AXIAL',
      'PRE',
    ]);
  });

  it('R18 a LUT False means not converted, and nothing is recorded', () => {
    const merged = mergeName(null, lut.lookup(null, 'junk'), { ...tse, SeriesDescription: 'junk' });
    expect(merged.parts).toBe(false);
    expect(merged.skip).toBe("the LUT row for 'junk' says False");
    expect([merged.manual, merged.lookup, merged.predicted]).toEqual([null, null, null]);
  });

  it('R19 manual beats LUT beats predicted', () => {
    const merged = mergeName([null, 'FLAIR', null, null, null, 'POST'], lut.lookup(null, 't2_tse_tra'), tse);
    expect(merged.parts).toEqual(['BRAIN', 'FLAIR', 'FSE', '2D', 'AXIAL', 'POST']);
    expect(merged.sources).toEqual(['predicted', 'manual', 'predicted', 'predicted', 'predicted', 'manual']);
  });

  it('R20 --extras SliceThickness,KVP on a CT without KVP', () => {
    const ct = ctSeriesInfo({ SeriesDescription: 'HEAD', SliceThickness: 5 });
    const merged = mergeName(null, null, ct);
    expect(merged.parts).not.toBe(false);
    expect(withExtras(merged.parts as string[], ct, ['SliceThickness', 'KVP']).join('-')).toBe(
      'BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0',
    );
  });
});

describe('merge rules', () => {
  it('predicts only when both the manual name and the LUT leave a field unset', () => {
    const never = (): Prediction => {
      throw new Error('prediction ran');
    };
    const full = ['BRAIN', 'T1', 'SE', '2D', 'AXIAL', 'PRE'];
    expect(mergeName(full, null, tse, never).parts).toEqual(full);
    expect(mergeName([null, 'T1', null, null, null, null], full, tse, never).parts).toEqual(full);
    const merged = mergeName(null, full, tse, never);
    expect(merged.predicted).toEqual(unset);
    expect(merged.prediction).toBeNull();
  });

  it('a manual false skips the series', () => {
    const merged = mergeName(false, lut.lookup(null, 't2_tse_tra'), tse);
    expect(merged.parts).toBe(false);
    expect(merged.skip).toBe('the manual name says false');
  });

  it('a naming skip rule of the prediction skips the series and records no lists', () => {
    const merged = mergeName(null, null, { ...tse, NumFiles: 5 });
    expect(merged.parts).toBe(false);
    expect(merged.skip).toBe('BRAIN T1/T2/T2STAR/FLAIR with NumFiles < 10');
    expect(merged.predicted).toBeNull();
  });

  it('keeps extras past six fields and upper-cases every field', () => {
    const merged = mergeName(['brain', null, null, null, null, null, 'echo1'], null, tse);
    expect(merged.parts).toEqual(['BRAIN', 'T2', 'FSE', '2D', 'AXIAL', 'PRE', 'ECHO1']);
    expect(merged.sources[6]).toBe('manual');
  });

  it('a field no source sets is UNK', () => {
    // The LUT name is complete, so nothing is predicted; the manual list's seventh field stays unset.
    const merged = mergeName(
      ['BRAIN', null, null, null, null, null, null],
      ['BRAIN', 'T1', 'SE', '2D', 'AXIAL', 'PRE'],
      tse,
      () => {
        throw new Error('prediction ran');
      },
    );
    expect(merged.parts).toEqual(['BRAIN', 'T1', 'SE', '2D', 'AXIAL', 'PRE', 'UNK']);
    expect(merged.sources[6]).toBe('default');
  });

  it('pads a short manual list, so the rest is predicted (RADIFOX would write UNK)', () => {
    expect(mergeName(['SPINE'], null, tse).parts).toEqual(['SPINE', 'T2', 'FSE', '2D', 'AXIAL', 'PRE']);
  });

  it('sets the ComplexImageComponent a prediction rule decides', () => {
    const swi = seriesInfo({
      SeriesDescription: 'SWI_Images',
      SequenceType: ['GR'],
      EchoTime: 20,
      ComplexImageComponent: 'MAGNITUDE',
    });
    const merged = mergeName(null, null, swi);
    expect(merged.info.ComplexImageComponent).toBe('SWI');
    expect(swi.ComplexImageComponent).toBe('MAGNITUDE');
  });
});

describe('the ME placeholder', () => {
  const at = (technique: string, echoTime: number | null) =>
    mergeName([null, 'ME', technique, null, null, null], null, { ...tse, EchoTime: echoTime })
      .parts as string[];

  it('spin echo: PD below 30 ms, else T2; otherwise T1 below 15 ms, else T2STAR', () => {
    expect(at('FSE', 20)[1]).toBe('PD');
    expect(at('FSE', 30)[1]).toBe('T2');
    expect(at('GRE', 10)[1]).toBe('T1');
    expect(at('SPGR', 15)[1]).toBe('T2STAR');
  });

  it('is resolved in the recorded list too', () => {
    const merged = mergeName(null, ['BRAIN', 'ME', 'SE', '2D', 'AXIAL', 'PRE'], { ...tse, EchoTime: 12 });
    expect(merged.lookup).toEqual(['BRAIN', 'PD', 'SE', '2D', 'AXIAL', 'PRE']);
    expect(merged.parts).toEqual(['BRAIN', 'PD', 'SE', '2D', 'AXIAL', 'PRE']);
  });

  it('a manual ME without technique uses the technique the name gets (RADIFOX crashes here)', () => {
    // Predicted technique FSE (SE with an echo train), TE 100 → T2.
    const merged = mergeName([null, 'ME', null, null, null, null], null, tse);
    expect(merged.parts).toEqual(['BRAIN', 'T2', 'FSE', '2D', 'AXIAL', 'PRE']);
    expect(merged.explanation).toContain('modality ME (manual) → T2: technique FSE, EchoTime 100');
    // A LUT technique wins over the predicted one, as it does in the name.
    const gradient = mergeName([null, 'ME', null, null, null, null], [null, null, 'GRE', null, null, null], {
      ...tse,
      EchoTime: 10,
    });
    expect(gradient.parts).toEqual(['BRAIN', 'T1', 'GRE', '2D', 'AXIAL', 'PRE']);
  });

  it('without an EchoTime the modality is UNK (RADIFOX raises TypeError)', () => {
    expect(at('SE', null)[1]).toBe('UNK');
  });
});
