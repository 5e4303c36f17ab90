/**
 * The `SS-ss` image ID of every series folder: study number, then series number within the
 * study, as RADIFOX numbers them before naming (seed-features.md §1.4.7, "Numbering").
 *
 * Studies are separated by StudyInstanceUID and by "sessions" inside one StudyUID: a change of
 * scanner (institution, field strength, model) or a gap of more than 30 minutes between
 * consecutive series starts a new one (R22). Every folder is numbered, converted or not, so
 * skipped localizers still take series numbers (the dcm_qa_xa30i field maps are `01-04..01-06`
 * after three scout series).
 */
import type { SeriesInfo } from './series-info.js';

/** Consecutive series further apart than this (seconds) belong to different sessions. */
const sessionGapSeconds = 1800;

/** The scanner identity whose change between consecutive series starts a new session. */
const scannerKeys = ['InstitutionName', 'MagneticFieldStrength', 'ScannerModelName'] as const;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Absent values sort after every present one, as RADIFOX's `none_to_num` (infinity) does. */
function compareNullableNumber(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

/**
 * RADIFOX maps a missing model name to infinity too, and Python then fails comparing it with a
 * string; absent-last is the ordering that rule meant.
 */
function compareNullableText(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareText(a, b);
}

/** The sort key: acquisition time, series number, then scanner identity (absent institution = ''). */
function chronological(a: SeriesInfo, b: SeriesInfo): number {
  return (
    compareText(a.AcqDateTime, b.AcqDateTime) ||
    compareNullableNumber(a.SeriesNumber, b.SeriesNumber) ||
    compareText(a.InstitutionName ?? '', b.InstitutionName ?? '') ||
    compareNullableNumber(a.MagneticFieldStrength, b.MagneticFieldStrength) ||
    compareNullableText(a.ScannerModelName, b.ScannerModelName)
  );
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (valid for year 0001, unlike `Date.UTC`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `AcqDateTime` ("YYYY-MM-DD HH:MM:SS", §1.4.3) as seconds, or undefined when it has another form. */
function acquisitionSeconds(acqDateTime: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(acqDateTime);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

/**
 * Whether `current` starts a new session after `previous`. When either lacks any scanner key
 * RADIFOX skips the comparison altogether, the time gap included (so anonymised data without an
 * InstitutionName never splits by time). A malformed AcqDateTime, on which RADIFOX would stop,
 * counts as no gap.
 */
function startsSession(previous: SeriesInfo, current: SeriesInfo): boolean {
  if (scannerKeys.some((key) => previous[key] === null || current[key] === null)) return false;
  if (scannerKeys.some((key) => previous[key] !== current[key])) return true;
  const before = acquisitionSeconds(previous.AcqDateTime);
  const after = acquisitionSeconds(current.AcqDateTime);
  return before !== undefined && after !== undefined && after - before > sessionGapSeconds;
}

/** `%02d`: at least two digits; wider numbers print wider. */
function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The image ID (`SS-ss`) of each series, by `SeriesUID`.
 *
 * Study number = 1 + index of the distinct (session, StudyUID) pair in chronological order;
 * series number = 1 + index of the distinct (SeriesNumber, SeriesDescription) pair within that
 * study, so folders split from one series (echoes, dynamics) share an image ID. Ties in the
 * sort keep the order given; RADIFOX lists the folders sorted by name.
 */
export function studySeriesNumbers(infos: readonly SeriesInfo[]): Map<string, string> {
  const ordered = [...infos].sort(chronological);
  const sessions: number[] = [];
  ordered.forEach((info, i) => {
    const previous = ordered[i - 1];
    const session = previous === undefined ? 0 : sessions[i - 1]! + (startsSession(previous, info) ? 1 : 0);
    sessions.push(session);
  });

  const studies = new Map<string, SeriesInfo[]>();
  ordered.forEach((info, i) => {
    const key = JSON.stringify([sessions[i], info.StudyUID]);
    const members = studies.get(key);
    if (members === undefined) studies.set(key, [info]);
    else members.push(info);
  });

  // RADIFOX keys the numbers by source folder, so the folders of a multi-frame file (several
  // SeriesUIDs, one SourcePath) all take the numbers of the last one assigned.
  const bySource = new Map<string, string>();
  const sourceKey = (info: SeriesInfo) => info.SourcePath ?? `\0${info.SeriesUID}`;
  let studyNumber = 0;
  for (const members of studies.values()) {
    studyNumber += 1;
    const seriesKeys: string[] = [];
    for (const info of members) {
      const key = JSON.stringify([info.SeriesNumber, info.SeriesDescription]);
      if (!seriesKeys.includes(key)) seriesKeys.push(key);
      bySource.set(sourceKey(info), `${twoDigits(studyNumber)}-${twoDigits(seriesKeys.indexOf(key) + 1)}`);
    }
  }
  return new Map(infos.map((info) => [info.SeriesUID, bySource.get(sourceKey(info))!]));
}
