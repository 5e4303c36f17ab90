/**
 * Numbers as the text of the decimal and time VRs (PS3.5 Table 6.2-1): DS of at most 16
 * characters, and TM from seconds since midnight. Writers that make values from arithmetic
 * (a rescale slope, a slice position, a time offset) need the text a reader will parse back.
 */
import { DicomWriteError } from './errors.js';

/** DS holds at most 16 characters (PS3.5 Table 6.2-1). */
const maxDSLength = 16;

/**
 * `value` as DS text of at most 16 characters: JavaScript's shortest form when it fits, else
 * rounded to fewer significant digits until it does. `where` names the element for the error
 * a non-finite value raises.
 */
export function formatDS(value: number, where = ''): string {
  if (!Number.isFinite(value)) {
    throw new DicomWriteError(`${value} cannot be written as a decimal string (DS)`, where, {
      hint: 'DS values are finite numbers.',
    });
  }
  let text = String(value);
  for (let digits = 15; text.length > maxDSLength && digits > 0; digits--) {
    text = String(Number(value.toPrecision(digits)));
  }
  return text;
}

/** Seconds since midnight as TM text `HHMMSS.ffffff` (PS3.5 Table 6.2-1). */
export function formatTM(seconds: number, where = ''): string {
  const micro = Math.round(seconds * 1e6);
  if (!Number.isFinite(seconds) || micro < 0 || micro >= 86_400 * 1e6) {
    throw new DicomWriteError(`${seconds} s is not a time of day; TM holds 0 ≤ seconds < 86400`, where, {
      hint: 'Give times as seconds since midnight, or as TM text (HHMMSS.FFFFFF).',
    });
  }
  const whole = Math.floor(micro / 1e6);
  const two = (n: number) => String(n).padStart(2, '0');
  const fraction = String(micro % 1e6).padStart(6, '0');
  return `${two(Math.floor(whole / 3600))}${two(Math.floor(whole / 60) % 60)}${two(whole % 60)}.${fraction}`;
}
