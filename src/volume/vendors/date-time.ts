/**
 * DICOM DT values (PS3.5 §6.2: `YYYYMMDDHHMMSS.FFFFFF&ZZXX`) as milliseconds, for differences
 * between acquisition times: the UTC offset is ignored (both ends share it).
 */

/** A DT value as ms since 1970-01-01 (offsets ignored), or undefined when it is not a full DT. */
export function dateTimeMs(value: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?/u.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction] = match;
  const whole = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return whole + (fraction === undefined ? 0 : Number(fraction) * 1000);
}

/** Times relative to the earliest, rounded to µs (DT carries at most µs). */
export function relativeToEarliest(times: readonly number[]): number[] {
  const earliest = Math.min(...times);
  return times.map((time) => Math.round((time - earliest) * 1000) / 1000);
}
