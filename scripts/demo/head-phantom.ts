/**
 * A head phantom for the demo session: nested ellipsoids in patient coordinates (LPS, mm) —
 * scalp, skull, CSF, grey matter, white matter, two lateral ventricles, two eyes and one small
 * white-matter lesion — with a signal level per tissue for each contrast the demo acquires.
 *
 * The levels follow the usual appearance at 3 T (T1w: white matter bright, CSF dark; T2w: CSF
 * bright; FLAIR: CSF nulled, the lesion brightest), so the QA montages radkit draws look like a
 * head and each contrast is recognisable. All levels fit in 12 bits (BitsStored 12).
 */

/** The contrasts the demo session acquires. */
export type PhantomContrast = 'T1w' | 'T2w' | 'FLAIR' | 'scout';

type Tissue = 'scalp' | 'skull' | 'csf' | 'grey' | 'white' | 'ventricle' | 'eye' | 'lesion';

interface Ellipsoid {
  readonly tissue: Tissue;
  /** Centre, LPS mm. */
  readonly centre: readonly [number, number, number];
  /** Semi-axes along L, P and S, mm. */
  readonly radii: readonly [number, number, number];
}

/** Outermost first: a point takes the tissue of the last ellipsoid that contains it. */
const ellipsoids: readonly Ellipsoid[] = [
  { tissue: 'scalp', centre: [0, 0, 0], radii: [72, 92, 100] },
  { tissue: 'skull', centre: [0, 0, 2], radii: [67, 87, 94] },
  { tissue: 'csf', centre: [0, 0, 4], radii: [63, 83, 89] },
  { tissue: 'grey', centre: [0, 0, 5], radii: [60, 80, 86] },
  { tissue: 'white', centre: [0, 2, 10], radii: [48, 66, 68] },
  { tissue: 'ventricle', centre: [-9, 4, 14], radii: [5, 22, 11] },
  { tissue: 'ventricle', centre: [9, 4, 14], radii: [5, 22, 11] },
  { tissue: 'lesion', centre: [24, -12, 30], radii: [7, 7, 7] },
  // The eyes sit in front of the skull, below the brain (anterior is −P).
  { tissue: 'eye', centre: [-32, -78, -38], radii: [12, 12, 12] },
  { tissue: 'eye', centre: [32, -78, -38], radii: [12, 12, 12] },
];

const levels: Readonly<Record<PhantomContrast, Readonly<Record<Tissue, number>>>> = {
  T1w: { scalp: 2900, skull: 60, csf: 350, grey: 1650, white: 2500, ventricle: 300, eye: 250, lesion: 1100 },
  T2w: {
    scalp: 1700,
    skull: 50,
    csf: 3800,
    grey: 2100,
    white: 1400,
    ventricle: 3900,
    eye: 3700,
    lesion: 3300,
  },
  FLAIR: {
    scalp: 1500,
    skull: 40,
    csf: 180,
    grey: 1900,
    white: 1350,
    ventricle: 150,
    eye: 200,
    lesion: 3600,
  },
  scout: {
    scalp: 2000,
    skull: 80,
    csf: 900,
    grey: 1400,
    white: 1600,
    ventricle: 900,
    eye: 800,
    lesion: 1500,
  },
};

/** The largest level of a contrast: what the window of the images is set from. */
export function phantomMaximum(contrast: PhantomContrast): number {
  return Math.max(...Object.values(levels[contrast]));
}

/** The signal at a point (LPS mm) for a contrast; 0 (air) outside the head. */
export function phantomSignal(contrast: PhantomContrast, x: number, y: number, z: number): number {
  let tissue: Tissue | undefined;
  for (const { tissue: candidate, centre, radii } of ellipsoids) {
    const dx = (x - centre[0]) / radii[0];
    const dy = (y - centre[1]) / radii[1];
    const dz = (z - centre[2]) / radii[2];
    if (dx * dx + dy * dy + dz * dz <= 1) tissue = candidate;
  }
  return tissue === undefined ? 0 : levels[contrast][tissue];
}
