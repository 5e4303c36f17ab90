/**
 * What a uniqueness pass did to a series' name, kept for `--explain` (seed-features.md §1.4.7),
 * and the working record the passes share: one series of the session with its current name.
 */
import type { SeriesInfo } from './series-info.js';

/** The passes of §1.4.7, in the order they run. */
export type UniquenessPass =
  | 'sum-nd'
  | 'mt-pair'
  | 'spine-level'
  | 'root-uid'
  | 't2star-component'
  | 'derived';

/** One change a pass made to a name (or to `convert`), for `--explain`. */
export interface NameChange {
  readonly pass: UniquenessPass;
  readonly from: string;
  readonly to: string;
  /** e.g. `-ECHO2: EchoTime 30 differs within root UID 1.2.3`. */
  readonly reason: string;
}

/** A series while the passes run: its current name and whether it will be converted. */
export interface SessionSeries {
  readonly info: SeriesInfo;
  /** The body part came from ManualNaming, so the SPINE pass leaves it alone. */
  readonly manualBodyPart: boolean;
  name: string;
  convert: boolean;
  readonly changes: NameChange[];
}

/** Give `series` the name `to`, recording why. */
export function rename(series: SessionSeries, pass: UniquenessPass, to: string, reason: string): void {
  series.changes.push({ pass, from: series.name, to, reason });
  series.name = to;
}

/** The type fields (and extras) of a name: the last `_` part split on `-`. */
export function typeFields(name: string): string[] {
  return (name.split('_').at(-1) ?? '').split('-');
}

/** A value as a reason quotes it. */
export function show(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}
