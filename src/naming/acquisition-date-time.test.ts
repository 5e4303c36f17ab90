/**
 * `AcqDateTime` from Series Date and Series Time as Python's `strptime` reads them.
 */
import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, resolveTag } from '../dicom/index.js';
import {
  acqDateTimeOf,
  missingAcqDateTime,
  seriesDateText,
  seriesTimeText,
} from './acquisition-date-time.js';

function header(date?: string, time?: string): Dataset {
  const dataset = new Dataset();
  if (date !== undefined) dataset.set(DataElement.fromValues(resolveTag('SeriesDate'), 'DA', [date]));
  if (time !== undefined) dataset.set(DataElement.fromValues(resolveTag('SeriesTime'), 'TM', [time]));
  return dataset;
}

describe('AcqDateTime', () => {
  it('formats date and time, dropping the fraction', () => {
    expect(acqDateTimeOf(header('20230113', '194249.509000'))).toBe('2023-01-13 19:42:49');
  });

  it('pads a short time with zeros on the right, as ljust(6, "0")', () => {
    expect(seriesTimeText('1942')).toBe('19:42:00');
    // "7" pads to "700000": %H takes "7", and the last "0" is left over, so strptime fails.
    expect(seriesTimeText('7')).toBeNull();
  });

  it('refuses what strptime or date()/time() refuse', () => {
    expect(seriesDateText('20230230')).toBeNull();
    expect(seriesDateText('20230229')).toBeNull();
    expect(seriesDateText('20240229')).toBe('2024-02-29');
    expect(seriesDateText('2023.01.13')).toBeNull();
    expect(seriesDateText('2023-01-13')).toBe('2023-01-13');
    expect(seriesDateText('2023113')).toBe('2023-11-03');
    expect(seriesTimeText('19:42:49')).toBeNull();
    expect(seriesTimeText('235960')).toBeNull();
    expect(seriesTimeText('246000')).toBeNull();
  });

  it('without a usable date: 0001-01-01 00:00:00; without a time: midnight (RADIFOX writes "None")', () => {
    expect(acqDateTimeOf(header())).toBe(missingAcqDateTime);
    expect(acqDateTimeOf(header('bad', '120000'))).toBe(missingAcqDateTime);
    expect(acqDateTimeOf(header('20230113'))).toBe('2023-01-13 00:00:00');
  });
});
