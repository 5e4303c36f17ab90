/**
 * The demo session as a scanner would describe it: the patient, the study, and four series
 * whose parameters make RADIFOX's automatic rules (seed-features.md §1.4.4–§1.4.5) give each a
 * different name, and skip one:
 * - `t1_mprage_sag`: GR\IR, SK\SP\MP, TI 900, 3D sagittal → BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.
 *   120 slices of 1.2 mm, not fewer: a BRAIN SAGITTAL series that covers less than 100 mm
 *   (NumFiles × SliceSpacing) is renamed SPINE (§1.4.5, body-part post rules).
 * - `t2_tse_tra`: SE, echo train 15 → BRAIN-T2-FSE-2D-AXIAL-PRE.
 * - `AX T2 FLAIR`: SE\IR, echo train 20, TI 2500. "t2" and "flair" in the description leave the
 *   modality UNK; the physics fall-backs make it T2, then FLAIR → BRAIN-FLAIR-IRFSE-2D-AXIAL-PRE.
 * - `localizer`: one slice per plane; "loc" in the description skips it (§1.4.4). Its three
 *   orientations also split it into three staged folders (§1.4.2 step 3).
 * The body part comes from BodyPartExamined (BRAIN): none of the descriptions names one.
 */
import type { PhantomContrast } from './head-phantom.js';

export type Vector = readonly [number, number, number];

/** One stack of parallel slices, centred on the head. */
export interface Stack {
  /** ImageOrientationPatient: row direction, then column direction (LPS). */
  readonly orientation: readonly [number, number, number, number, number, number];
  readonly slices: number;
  readonly sliceThickness: number;
  /** SpacingBetweenSlices; the scout's single slices have none. */
  readonly spacing: number | undefined;
  /** Centre of the stack, LPS mm. */
  readonly centre: Vector;
}

/** One series of the demo session: the acquisition as the scanner would describe it. */
export interface DemoSeries {
  readonly seriesNumber: number;
  /** SeriesDescription and ProtocolName. */
  readonly description: string;
  /** The image type RADIFOX's rules give the series; null when they skip it. */
  readonly radifoxType: string | null;
  /** Minutes from the start of the study to the start of the series. */
  readonly startMinute: number;
  readonly contrast: PhantomContrast;
  readonly acquisition: '2D' | '3D';
  readonly scanningSequence: string;
  readonly sequenceVariant: string;
  readonly scanOptions: string;
  readonly sequenceName: string;
  readonly echoTime: number;
  readonly repetitionTime: number;
  readonly inversionTime: number | undefined;
  readonly flipAngle: number;
  readonly echoTrainLength: number;
  readonly pixelBandwidth: number;
  readonly phaseEncoding: 'ROW' | 'COL';
  /** Rows = Columns. */
  readonly matrix: number;
  /** In-plane pixel size, mm (square pixels). */
  readonly pixelSpacing: number;
  readonly stacks: readonly Stack[];
}

const sagittal = [0, 1, 0, 0, 0, -1] as const;
const coronal = [1, 0, 0, 0, 0, -1] as const;
const axial = [1, 0, 0, 0, 1, 0] as const;

/** The four series, in acquisition order. */
export const demoSeries: readonly DemoSeries[] = [
  {
    seriesNumber: 1,
    description: 'localizer',
    radifoxType: null,
    startMinute: 0,
    contrast: 'scout',
    acquisition: '2D',
    scanningSequence: 'GR',
    sequenceVariant: 'SP',
    scanOptions: '',
    sequenceName: '*fl2d1',
    echoTime: 4.37,
    repetitionTime: 8.6,
    inversionTime: undefined,
    flipAngle: 20,
    echoTrainLength: 1,
    pixelBandwidth: 320,
    phaseEncoding: 'ROW',
    matrix: 64,
    pixelSpacing: 4,
    stacks: [sagittal, coronal, axial].map((orientation) => ({
      orientation,
      slices: 1,
      sliceThickness: 7,
      spacing: undefined,
      centre: [0, 0, 0] as const,
    })),
  },
  {
    seriesNumber: 2,
    description: 't1_mprage_sag',
    radifoxType: 'BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE',
    startMinute: 1,
    contrast: 'T1w',
    acquisition: '3D',
    scanningSequence: 'GR\\IR',
    sequenceVariant: 'SK\\SP\\MP',
    scanOptions: 'IR',
    sequenceName: '*tfl3d1_16ns',
    echoTime: 2.3,
    repetitionTime: 2300,
    inversionTime: 900,
    flipAngle: 8,
    echoTrainLength: 1,
    pixelBandwidth: 200,
    phaseEncoding: 'ROW',
    matrix: 64,
    pixelSpacing: 4,
    stacks: [{ orientation: sagittal, slices: 120, sliceThickness: 1.2, spacing: 1.2, centre: [0, 0, 0] }],
  },
  {
    seriesNumber: 3,
    description: 't2_tse_tra',
    radifoxType: 'BRAIN-T2-FSE-2D-AXIAL-PRE',
    startMinute: 7,
    contrast: 'T2w',
    acquisition: '2D',
    scanningSequence: 'SE',
    sequenceVariant: 'SK\\SP\\OSP',
    scanOptions: 'PFP',
    sequenceName: '*tse2d1_15',
    echoTime: 100,
    repetitionTime: 5000,
    inversionTime: undefined,
    flipAngle: 150,
    echoTrainLength: 15,
    pixelBandwidth: 220,
    phaseEncoding: 'COL',
    matrix: 64,
    pixelSpacing: 3.75,
    stacks: [{ orientation: axial, slices: 24, sliceThickness: 4, spacing: 4.4, centre: [0, 0, 10] }],
  },
  {
    seriesNumber: 4,
    description: 'AX T2 FLAIR',
    radifoxType: 'BRAIN-FLAIR-IRFSE-2D-AXIAL-PRE',
    startMinute: 11,
    contrast: 'FLAIR',
    acquisition: '2D',
    scanningSequence: 'SE\\IR',
    sequenceVariant: 'SK\\SP\\MP',
    scanOptions: 'IR',
    sequenceName: '*tir2d1_20',
    echoTime: 120,
    repetitionTime: 9000,
    inversionTime: 2500,
    flipAngle: 150,
    echoTrainLength: 20,
    pixelBandwidth: 250,
    phaseEncoding: 'COL',
    matrix: 64,
    pixelSpacing: 3.75,
    stacks: [{ orientation: axial, slices: 24, sliceThickness: 4, spacing: 4.4, centre: [0, 0, 10] }],
  },
];

/** The synthetic patient and study. */
export const demoPatient = {
  name: 'DEMO^PHANTOM',
  id: 'RADKIT-DEMO-001',
  birthDate: '19800101',
  sex: 'O',
  age: '044Y',
  studyDate: '20240315',
  studyTime: '090000',
} as const;
