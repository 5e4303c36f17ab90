/**
 * The skip rules (seed-features.md §1.4.4) on R17 of §1.12, and the reason labels in the words
 * shared/reference/radifox-names.tsv records after `SKIPPED: should_convert: `.
 */
import { describe, expect, it } from 'vitest';
import { skipFindings, skipReason } from '../../src/naming/index.js';
import { seriesInfo } from './series-info-factory.js';

const original = ['ORIGINAL', 'PRIMARY'];

describe('R17 should_convert', () => {
  it.each([
    ['3-plane loc', original, 'Description'],
    ['T1 MPR sag', ['DERIVED', 'SECONDARY'], 'Derived+MPR'],
    ['Calibration', original, 'Description'],
    ['cervical calibration', original, 'Description'],
    ['cervical spine', original, null],
    ['DWI', ['ORIGINAL', 'PRIMARY', 'ADC'], 'Processed'],
    ['AX MIP', original, 'MIP'],
    ['t1_mprage', ['ORIGINAL', 'PRIMARY', 'M', 'ND'], null],
  ])('%s with ImageType %j → %s', (description, imageType, reason) => {
    expect(skipReason(seriesInfo({ SeriesDescription: description, ImageType: imageType }))).toBe(reason);
  });
});

describe('skip labels as radifox-names.tsv writes them', () => {
  it.each([
    // Corpus rows of radifox-names.tsv.
    ['AAHead_Scout_MPR_sag', ['DERIVED', 'PRIMARY', 'MPR', 'NORM', 'DIS3D', 'MFSPLIT'], 'Description+MPR'],
    [
      '<MIP Range>',
      ['DERIVED', 'SECONDARY', 'PROJECTION IMAGE', 'CSA MIP', '', 'CSAPARALLEL', 'M', 'ND', 'NORM'],
      'Derived+MPR+MIP',
    ],
    [
      'marked lesion<MPR Collection>',
      ['DERIVED', 'SECONDARY', 'MPR', 'CSA MPR', '', 'CSAPARALLEL', 'M', 'ND', 'NORM'],
      'Derived+MPR',
    ],
    ['ANGIO Projected from   C', ['DERIVED', 'SECONDARY', 'PROJECTION IMAGE'], 'Derived+MPR'],
    ['SCOUT 3-PLANE RT.', ['ORIGINAL', 'PRIMARY', 'M', 'HEADER_CORRECTED'], 'Description'],
    ['', ['ORIGINAL', 'PRIMARY', 'MPR'], 'MPR'],
    ['', ['DERIVED', 'SECONDARY', 'OTHER'], 'Derived'],
    ['FAST LOCALIZER', ['ORIGINAL', 'PRIMARY', 'OTHER'], 'Description'],
  ])('%s, %j → %s', (description, imageType, reason) => {
    expect(skipReason(seriesInfo({ SeriesDescription: description, ImageType: imageType }))).toBe(reason);
  });

  it('joins every rule that holds, in RADIFOX order', () => {
    const info = seriesInfo({
      SeriesDescription: 'survey mpr mip',
      ImageType: ['DERIVED', 'SECONDARY', 'SUB'],
    });
    expect(skipReason(info)).toBe('Derived+Description+MPR+MIP+Processed');
    expect(skipFindings(info).map((finding) => finding.why)).toContain("SeriesDescription contains 'survey'");
  });
});

describe('rule details', () => {
  it('DERIVED PRIMARY is converted; --force-derived converts DERIVED SECONDARY', () => {
    expect(skipReason(seriesInfo({ ImageType: ['DERIVED', 'PRIMARY'] }))).toBeNull();
    expect(
      skipReason(seriesInfo({ ImageType: ['DERIVED', 'SECONDARY'] }), { forceDerived: true }),
    ).toBeNull();
    expect(skipReason(seriesInfo({ ImageType: ['DERIVED', 'SECONDARY'] }))).toBe('Derived');
  });

  it('MPRAGE is an acquisition, not a reformat; an original MPR description is kept', () => {
    expect(
      skipReason(seriesInfo({ SeriesDescription: 'MPRAGE', ImageType: ['DERIVED', 'PRIMARY'] })),
    ).toBeNull();
    expect(skipReason(seriesInfo({ SeriesDescription: 'sag mpr', ImageType: original }))).toBeNull();
    expect(skipReason(seriesInfo({ SeriesDescription: 'sag mpr', ImageType: ['DERIVED', 'PRIMARY'] }))).toBe(
      'MPR',
    );
  });

  it('calibration: "cal" then a non-word character, "ibration" or the end, not after "cervi"', () => {
    expect(skipReason(seriesInfo({ SeriesDescription: 'cal' }))).toBe('Description');
    expect(skipReason(seriesInfo({ SeriesDescription: 'body cal-2' }))).toBe('Description');
    expect(skipReason(seriesInfo({ SeriesDescription: 'calcium score' }))).toBeNull();
    // RADIFOX's pattern also catches words ending in "cal", as it does here.
    expect(skipReason(seriesInfo({ SeriesDescription: 'focal lesion' }))).toBe('Description');
    // \W is Unicode in Python: "calé" continues the word.
    expect(skipReason(seriesInfo({ SeriesDescription: 'calé' }))).toBeNull();
  });

  it('processed maps: ADC anywhere in a value, SUB/SUM exactly, T2 maps', () => {
    expect(skipReason(seriesInfo({ ImageType: ['ORIGINAL', 'PRIMARY', 'SUM'] }))).toBe('Processed');
    expect(skipReason(seriesInfo({ ImageType: ['ORIGINAL', 'PRIMARY', 'SUMMARY'] }))).toBeNull();
    expect(skipReason(seriesInfo({ ImageType: ['DERIVED', 'PRIMARY', 'T2_MAP'] }))).toBe('Processed');
  });

  it('an empty ImageType does not fail (RADIFOX raises IndexError on an MPR description)', () => {
    expect(skipReason(seriesInfo({ SeriesDescription: 'mpr', ImageType: [] }))).toBe('MPR');
    expect(skipReason(seriesInfo({ SeriesDescription: 't1', ImageType: null }))).toBeNull();
  });
});
