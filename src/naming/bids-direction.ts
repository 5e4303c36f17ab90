/**
 * The BIDS `dir-` label of a phase-encoding direction: the anatomical direction the phase
 * encoding travels, as "from" and "to" letters (`AP` = anterior to posterior), the convention of
 * the `EPI PE=AP` protocol names and of dcm2bids/heudiconv.
 *
 * The sidecar's PhaseEncodingDirection (`i`, `j-`, … BIDS §"In-plane spatial encoding") is in
 * voxel axes, so it needs the way each voxel axis points in the patient:
 *
 * | axis points to (nibabel code) | `+` (travel along the axis) | `-` (against it) |
 * |---|---|---|
 * | L | RL | LR |
 * | R | LR | RL |
 * | A | PA | AP |
 * | P | AP | PA |
 * | S | IS | SI |
 * | I | SI | IS |
 *
 * Example: dcm2niix writes an axial EPI as LAS, so `j-` travels toward P: `dir-AP`; `i` travels
 * toward L: `dir-RL` (the dcm_qa_nih `EPI PE=..` series check all four).
 */

const oppositeLetter: Readonly<Record<string, string>> = { L: 'R', R: 'L', A: 'P', P: 'A', S: 'I', I: 'S' };

/**
 * `dir-` label from a PhaseEncodingDirection (`i`, `i-`, `j`, `j-`, `k`, `k-`) and the axis codes
 * of the written image (nibabel convention: the letter each voxel axis points to, e.g. `LAS`).
 * Undefined when either is missing or malformed.
 */
export function bidsPhaseDirection(
  phaseEncodingDirection: string | undefined,
  axisCodes: string | undefined,
): string | undefined {
  const match = phaseEncodingDirection?.trim().match(/^([ijk])(-?)$/);
  if (match === null || match === undefined || axisCodes === undefined) return undefined;
  const axis = 'ijk'.indexOf(match[1]!);
  const toward = axisCodes.toUpperCase()[axis];
  const from = toward === undefined ? undefined : oppositeLetter[toward];
  if (toward === undefined || from === undefined) return undefined;
  return match[2] === '-' ? `${toward}${from}` : `${from}${toward}`;
}

/** The nibabel letter of the patient (LPS) axis a direction vector is closest to. */
function letterOfLps(vector: readonly number[]): string {
  const magnitudes = vector.map(Math.abs);
  const axis = magnitudes.indexOf(Math.max(...magnitudes));
  const positive = (vector[axis] ?? 0) > 0;
  return axis === 0 ? (positive ? 'L' : 'R') : axis === 1 ? (positive ? 'P' : 'A') : positive ? 'S' : 'I';
}

/**
 * In-plane axis codes (two letters: i and j) of an image written in dcm2niix's 2D layout — i
 * along the DICOM row direction, j against the column direction (rows written bottom-up) — from
 * ImageOrientationPatient (LPS, PS3.3 C.7.6.2.1.1). For callers that have no NIfTI header; a 3D
 * non-EPI acquisition reoriented to RAS does not follow this layout.
 */
export function inPlaneAxisCodes(imageOrientationPatient: readonly number[] | null): string | undefined {
  if (imageOrientationPatient === null || imageOrientationPatient.length !== 6) return undefined;
  const row = imageOrientationPatient.slice(0, 3);
  const column = imageOrientationPatient.slice(3, 6).map((value) => -value);
  return `${letterOfLps(row)}${letterOfLps(column)}`;
}
