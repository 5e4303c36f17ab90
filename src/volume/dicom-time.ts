/**
 * DICOM times (TM, PS3.5 Table 6.2-1: HHMMSS.FFFFFF, with ACR-NEMA's HH:MM:SS still found in
 * the wild) as seconds since midnight, and back to the `HH:MM:SS.ffffff` text dcm2niix writes in
 * sidecars.
 */

/** Seconds since midnight, or undefined when the text is not a time. */
export function secondsFromTM(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const clean = text.trim().replace(/:/g, '');
  const match = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?$/.exec(clean);
  if (match === null) return undefined;
  const [, hh, mm = '0', ss = '0', fraction = ''] = match;
  return Number(hh) * 3600 + Number(mm) * 60 + Number(ss) + (fraction === '' ? 0 : Number(fraction));
}

/** `HH:MM:SS.ffffff` (six fraction digits), as BIDS sidecars write acquisition times. */
export function formatClockTime(seconds: number): string {
  const whole = Math.floor(seconds + 1e-9);
  const micro = Math.round((seconds - whole) * 1e6);
  const hh = String(Math.floor(whole / 3600)).padStart(2, '0');
  const mm = String(Math.floor((whole % 3600) / 60)).padStart(2, '0');
  const ss = String(whole % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}.${String(micro).padStart(6, '0')}`;
}
