/**
 * `AcqDateTime`: Series Date (0008,0021) and Series Time (0008,0031) as `YYYY-MM-DD HH:MM:SS`,
 * the key RADIFOX sorts and splits a session's studies by (seed-features.md §1.4.3, §1.4.7).
 *
 * RADIFOX parses the values with Python's `strptime` (`%Y%m%d` after removing dashes; `%H%M%S`
 * after dropping the fraction and right-padding with zeros, so `1942` is 19:42:00). A value that
 * does not parse counts as missing, and a missing date gives `0001-01-01 00:00:00`.
 *
 * Where radkit differs: RADIFOX checks the *date* where it means the time, so a series with a
 * date and no usable time gets `2023-01-13 None`, which then fails its 30-minute study split.
 * radkit writes `00:00:00` for the missing time.
 */
import type { Dataset } from '../dicom/index.js';
import { extractText } from './attribute-values.js';

export const missingAcqDateTime = '0001-01-01 00:00:00';

/**
 * `strptime` matches its pattern from the start, preferring the first alternative of each field,
 * then fails if text remains (it does not try longer alternatives to consume it).
 */
function strptimeFields(text: string, pattern: RegExp): number[] | null {
  const match = pattern.exec(text);
  if (match === null || match[0].length !== text.length) return null;
  return match.slice(1).map((field) => Number(field.trim()));
}

// Python's _strptime field patterns for %Y %m %d and %H %M %S.
const datePattern = /^(\d\d\d\d)(1[0-2]|0[1-9]|[1-9])(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])/i;
const timePattern = /^(2[0-3]|[0-1]\d|\d)([0-5]\d|\d)(6[0-1]|[0-5]\d|\d)/i;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** A DA value as Python's `str(date)`, or null when `strptime` or `date()` would refuse it. */
export function seriesDateText(value: string): string | null {
  const fields = strptimeFields(value.replaceAll('-', ''), datePattern);
  if (fields === null) return null;
  const [year, month, day] = fields as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  // Check the day against the month in a leap year, then 29 February against the real year.
  if (year < 1 || date.getUTCMonth() !== month - 1) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A TM value as Python's `str(time)`, or null (seconds 60 and 61 parse but `time()` refuses them). */
export function seriesTimeText(value: string): string | null {
  const fields = strptimeFields((value.split('.')[0] ?? '').padEnd(6, '0'), timePattern);
  if (fields === null) return null;
  const [hour, minute, second] = fields as [number, number, number];
  if (second > 59) return null;
  return `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
}

/** The `AcqDateTime` of a header. */
export function acqDateTimeOf(header: Dataset): string {
  const dateValue = extractText(header, 'SeriesDate');
  const date = dateValue === null ? null : seriesDateText(dateValue);
  if (date === null) return missingAcqDateTime;
  const timeValue = extractText(header, 'SeriesTime');
  const time = timeValue === null ? null : seriesTimeText(timeValue);
  return `${date} ${time ?? '00:00:00'}`;
}
