/**
 * NRRD's named spaces (format definition §4, "space:") and how each maps to radkit's LPS.
 * The anatomical spaces differ from LPS by the sign of x and/or y; the `-time` variants add a
 * fourth, time, coordinate to every vector. The non-anatomical spaces (scanner-xyz,
 * 3D-right-handed, 3D-left-handed) say nothing about the patient: they are taken as LPS, which
 * is what DICOM's scanner-based patient coordinates are (PS3.3 §C.7.6.2.1.1), with an issue.
 */

export interface NrrdSpace {
  /** The full name, as radkit writes it. */
  readonly name: string;
  /** Coordinates per vector: 3, or 4 for the spaces with time. */
  readonly dimension: 3 | 4;
  /** Multiply x, y, z by these to get LPS. */
  readonly toLps: readonly [number, number, number];
  /** True for the patient-based spaces (RAS, LAS, LPS and their -time forms). */
  readonly anatomical: boolean;
}

const space = (
  name: string,
  dimension: 3 | 4,
  toLps: readonly [number, number, number],
  anatomical: boolean,
): NrrdSpace => ({ name, dimension, toLps, anatomical });

const spaces: ReadonlyMap<string, NrrdSpace> = new Map([
  ['right-anterior-superior', space('right-anterior-superior', 3, [-1, -1, 1], true)],
  ['ras', space('right-anterior-superior', 3, [-1, -1, 1], true)],
  ['left-anterior-superior', space('left-anterior-superior', 3, [1, -1, 1], true)],
  ['las', space('left-anterior-superior', 3, [1, -1, 1], true)],
  ['left-posterior-superior', space('left-posterior-superior', 3, [1, 1, 1], true)],
  ['lps', space('left-posterior-superior', 3, [1, 1, 1], true)],
  ['right-anterior-superior-time', space('right-anterior-superior-time', 4, [-1, -1, 1], true)],
  ['rast', space('right-anterior-superior-time', 4, [-1, -1, 1], true)],
  ['left-anterior-superior-time', space('left-anterior-superior-time', 4, [1, -1, 1], true)],
  ['last', space('left-anterior-superior-time', 4, [1, -1, 1], true)],
  ['left-posterior-superior-time', space('left-posterior-superior-time', 4, [1, 1, 1], true)],
  ['lpst', space('left-posterior-superior-time', 4, [1, 1, 1], true)],
  ['scanner-xyz', space('scanner-xyz', 3, [1, 1, 1], false)],
  ['scanner-xyz-time', space('scanner-xyz-time', 4, [1, 1, 1], false)],
  ['3d-right-handed', space('3D-right-handed', 3, [1, 1, 1], false)],
  ['3d-left-handed', space('3D-left-handed', 3, [1, 1, 1], false)],
  ['3d-right-handed-time', space('3D-right-handed-time', 4, [1, 1, 1], false)],
  ['3d-left-handed-time', space('3D-left-handed-time', 4, [1, 1, 1], false)],
]);

/** The space a `space:` description names (any case, full name or abbreviation), or undefined. */
export function nrrdSpaceOf(text: string): NrrdSpace | undefined {
  return spaces.get(text.trim().toLowerCase());
}

/** LPS itself, the space radkit writes. */
export const lpsSpace: NrrdSpace = spaces.get('lps')!;
