/**
 * RADIFOX's automatic name (`automatic_name_generation`, seed-features.md §1.4.5, R1–R16): the
 * six type fields predicted from a `SeriesInfo`, each with the rules and values that decided it.
 *
 * Order matters and is RADIFOX's: orientation, acquisition dimension, contrast; modality from
 * the description, then its overrides; the technique from the sequence attributes (it reads the
 * modality); the modality's physics fall-backs (they read the technique); the CT rules; the body
 * part and its post rules; last, the naming skip rules.
 *
 * Where radkit differs, and why:
 * - A series with neither Spacing Between Slices nor Slice Thickness: RADIFOX stops naming it
 *   with a TypeError (`float(None)`) and does not convert it; radkit names it and leaves out the
 *   two rules that need its coverage (ORBITS → BRAIN, short sagittal BRAIN → SPINE).
 * - CT with Contrast/Bolus Agent `NONE`: RADIFOX names the modality CONTRAST (the agent text is
 *   non-empty) while its own contrast field says PRE; radkit says NONCON, consistent with PRE.
 * - A CT kernel name keeps only letters and digits before its 8-character cut, so a kernel such
 *   as `FC13-H` cannot put a `-` into the name grammar.
 * - PAR/REC's MTContrast and DiffusionFlag rules do not apply: radkit reads DICOM only.
 */
import { bodyPartByPattern } from './body-part-patterns.js';
import { ctModality, modalityFromNames, physicsFallbacks } from './modality-rules.js';
import { type Evidence, type FieldExplanation, FieldTrace } from './name-explanation.js';
import { pythonPattern } from './python-regex.js';
import { type RuleContext, ruleContextOf } from './rule-context.js';
import type { SeriesInfo } from './series-info.js';
import { ctTechnique, techniqueField } from './technique-rules.js';

export type PredictedParts = readonly [string, string, string, string, string, string];

export interface Prediction {
  /** bodypart, modality, technique, acqdim, orientation, excontrast. */
  readonly parts: PredictedParts;
  /** A naming rule that says "do not convert" (the parts are still given, for `--explain`). */
  readonly skip: string | null;
  /**
   * The ComplexImageComponent a rule set (SWI/MAGNITUDE/PHASE for Siemens `SWI_Images`,
   * `Mag_Images`, `Pha_Images`), or null to keep the record's.
   */
  readonly complexImageComponent: string | null;
  readonly explain: readonly FieldExplanation[];
}

export const skipBrainLocalizer = 'BRAIN T1/T2/T2STAR/FLAIR with NumFiles < 10';
export const skipDiffusionMap = 'DIFF with SeriesDescription ending _tracew or _fa';
export const skipCtLocalizer = 'CT with NumFiles < 10';
/** Description words that mean "after contrast" (`POSTGAD_DESC`). */
const postContrastWords = ['post', '+c', 'gad', 'gd', 'pstc', '+ c', 'c+'] as const;
function orientationField(info: SeriesInfo): FieldTrace {
  const trace = new FieldTrace('orientation');
  const evidence = { SliceOrientation: info.SliceOrientation };
  if (info.SliceOrientation === null) trace.set('NONE', 'no ImageOrientationPatient', evidence);
  else
    trace.set(info.SliceOrientation.toUpperCase(), 'SliceOrientation from ImageOrientationPatient', evidence);
  return trace;
}

function acqdimField({ info, description }: RuleContext): FieldTrace {
  const trace = new FieldTrace('acqdim');
  const dimension = info.AcquisitionDimension;
  if (dimension === '2D' || dimension === '3D')
    trace.set(dimension, 'MRAcquisitionType', { AcquisitionDimension: dimension });
  else if (description.includes('3d'))
    trace.set('3D', "SeriesDescription contains '3d'", { SeriesDescription: info.SeriesDescription });
  else
    trace.set('2D', 'no MRAcquisitionType and no 3d in SeriesDescription', {
      AcquisitionDimension: dimension,
    });
  return trace;
}

function excontrastField({ info, description }: RuleContext): FieldTrace {
  const trace = new FieldTrace('excontrast');
  const agent = info.ExContrastAgent;
  if (agent !== null && agent.toUpperCase() !== '' && agent.toUpperCase() !== 'NONE') {
    trace.set('POST', 'a contrast agent is recorded', { ExContrastAgent: agent });
    return trace;
  }
  const word = postContrastWords.find((item) => description.includes(item));
  if (word !== undefined && !description.includes('pre'))
    trace.set('POST', `SeriesDescription contains '${word}' and not 'pre'`, {
      SeriesDescription: info.SeriesDescription,
    });
  else
    trace.set('PRE', 'no contrast agent and no post-contrast word in SeriesDescription', {
      ExContrastAgent: agent,
    });
  return trace;
}

const siemensSpineSequence = pythonPattern('\\*?(me2d1r)');
const upperSpine = pythonPattern('upper(?!\\s*t)');

/** Body part and the naming skip rules (they share RADIFOX's `elif` chain). */
function bodyPartAndSkip(
  context: RuleContext,
  modality: string,
  orientation: string,
): { trace: FieldTrace; skip: string | null } {
  const { info, description, sequenceName } = context;
  const trace = new FieldTrace('bodypart');
  const match = bodyPartByPattern({
    description,
    bodyPartExamined: info.BodyPartExamined,
    studyDescription: info.StudyDescription,
  });
  trace.set(match.bodyPart, match.rule, match.evidence);
  if (siemensSpineSequence.test(sequenceName))
    trace.set('SPINE', 'SequenceName me2d1r (Siemens spine MEDIC)', { SequenceName: info.SequenceName });
  if (modality === 'DIFF' && orientation === 'SAGITTAL') trace.set('SPINE', 'sagittal diffusion');

  const spacing = info.SliceSpacing ?? info.SliceThickness;
  const coverage = spacing === null ? null : info.NumFiles * spacing;
  const coverageEvidence: Evidence = {
    NumFiles: info.NumFiles,
    SliceSpacing: info.SliceSpacing,
    SliceThickness: info.SliceThickness,
  };
  let skip: string | null = null;
  if (info.NumFiles < 10 && trace.value === 'BRAIN' && ['T1', 'T2', 'T2STAR', 'FLAIR'].includes(modality))
    skip = skipBrainLocalizer;
  else if (modality === 'DIFF' && (description.endsWith('_tracew') || description.endsWith('_fa')))
    skip = skipDiffusionMap;
  else if (info.Modality === 'CT' && info.NumFiles < 10) skip = skipCtLocalizer;
  else if (coverage !== null && trace.value === 'ORBITS' && coverage > 120)
    trace.set('BRAIN', `ORBITS covering ${coverage} mm > 120`, coverageEvidence);
  else if (coverage !== null && trace.value === 'BRAIN' && coverage < 100 && orientation === 'SAGITTAL')
    trace.set('SPINE', `sagittal BRAIN covering ${coverage} mm < 100`, coverageEvidence);

  if (trace.value === 'SPINE' && upperSpine.test(description))
    trace.set('CSPINE', "SPINE with 'upper' in SeriesDescription", {
      SeriesDescription: info.SeriesDescription,
    });
  else if (trace.value === 'SPINE' && description.includes('lower'))
    trace.set('TSPINE', "SPINE with 'lower' in SeriesDescription", {
      SeriesDescription: info.SeriesDescription,
    });
  return { trace, skip };
}

/** The automatic name of a series, with the reasons for each field. */
export function predictName(info: SeriesInfo): Prediction {
  const context = ruleContextOf(info);
  const orientation = orientationField(info);
  const acqdim = acqdimField(context);
  const excontrast = excontrastField(context);
  const modality = new FieldTrace('modality');
  const complexImageComponent = modalityFromNames(context, modality);
  const technique = techniqueField(context, modality.value, acqdim.value);
  physicsFallbacks(info, modality, technique.value);
  if (info.Modality === 'CT') {
    ctModality(context, modality, excontrast.value);
    ctTechnique(info, technique);
  }
  const { trace: bodypart, skip } = bodyPartAndSkip(context, modality.value, orientation.value);
  const fields = [bodypart, modality, technique, acqdim, orientation, excontrast];
  return {
    parts: fields.map((field) => field.value) as unknown as PredictedParts,
    skip,
    complexImageComponent,
    explain: fields.map((field) => field.explanation()),
  };
}
