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
import { type Evidence, type FieldExplanation, FieldTrace } from './name-explanation.js';
import { pythonPattern, space } from './python-regex.js';
import type { SeriesInfo } from './series-info.js';

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
const leadingSpace = new RegExp(`^${space}+`, 'u');

/** Lower-case, without a leading `wip` (Philips work-in-progress sequences). */
function normalisedDescription(description: string): string {
  const lower = description.toLowerCase();
  return lower.startsWith('wip') ? lower.slice(3).replace(leadingSpace, '') : lower;
}

interface Context {
  readonly info: SeriesInfo;
  readonly description: string;
  readonly imageType: readonly string[];
  readonly variants: readonly string[];
  readonly scanningSequence: readonly string[];
  readonly scanOptions: readonly string[];
  readonly sequenceName: string;
}

function orientationField(info: SeriesInfo): FieldTrace {
  const trace = new FieldTrace('orientation');
  const evidence = { SliceOrientation: info.SliceOrientation };
  if (info.SliceOrientation === null) trace.set('NONE', 'no ImageOrientationPatient', evidence);
  else
    trace.set(info.SliceOrientation.toUpperCase(), 'SliceOrientation from ImageOrientationPatient', evidence);
  return trace;
}

function acqdimField({ info, description }: Context): FieldTrace {
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

function excontrastField({ info, description }: Context): FieldTrace {
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

const medic = pythonPattern('medic(?!al)');
const swi = pythonPattern('swi(?!p)');
const diffusionWeighted = pythonPattern('(?<!p)dw');

/** The modalities the description names, each with the text that named it. */
function descriptionModalities({ description, imageType }: Context): [string, string][] {
  const found: [string, string][] = [];
  const contains = (word: string) => description.includes(word);
  if (contains('t1')) found.push(['T1', "contains 't1'"]);
  if (contains('t2')) found.push(['T2', "contains 't2'"]);
  if (contains('flair')) found.push(['FLAIR', "contains 'flair'"]);
  const starWord = ['t2star', 't2*', 'swan'].find(contains);
  if (medic.test(description) || starWord !== undefined || swi.test(description))
    found.push([
      'T2STAR',
      starWord === undefined ? 'matches medic(?!al) or swi(?!p)' : `contains '${starWord}'`,
    ]);
  if (contains('stir')) found.push(['STIR', "contains 'stir'"]);
  const diffusionWord = ['dti', 'diff', 'tensor'].find(contains);
  if (
    diffusionWord !== undefined ||
    diffusionWeighted.test(description) ||
    description.endsWith('b1000') ||
    description.endsWith('b0') ||
    imageType.some((type) => type.toLowerCase() === 'diffusion')
  )
    found.push([
      'DIFF',
      diffusionWord === undefined
        ? 'matches (?<!p)dw, ends b0/b1000 or ImageType DIFFUSION'
        : `contains '${diffusionWord}'`,
    ]);
  return found;
}

const resolvedPairs: readonly [string, string, string][] = [
  ['T1', 'T2STAR', 'T1'],
  ['T1', 'FLAIR', 'T1'],
  ['T2', 'T2STAR', 'T2STAR'],
];

const complexDescriptions: Readonly<Record<string, string>> = {
  swi_images: 'SWI',
  mag_images: 'MAGNITUDE',
  pha_images: 'PHASE',
};
const timeOfFlight = pythonPattern('tof(?!f)');

/** Modality steps 1 and 2; returns the ComplexImageComponent a Siemens SWI description sets. */
function modalityFromNames(context: Context, trace: FieldTrace): string | null {
  const { info, description, imageType, variants, scanOptions } = context;
  const candidates = descriptionModalities(context);
  const descriptionEvidence = { SeriesDescription: info.SeriesDescription };
  if (candidates.length === 1) {
    const [[modality, why]] = candidates as [[string, string]];
    trace.set(modality, `SeriesDescription ${why}`, descriptionEvidence);
  } else {
    trace.set(
      'UNK',
      candidates.length === 0
        ? 'no modality named in SeriesDescription'
        : `SeriesDescription names ${candidates.map(([m]) => m).join(' and ')}`,
      descriptionEvidence,
    );
    const names = candidates.map(([modality]) => modality);
    for (const [first, second, result] of resolvedPairs)
      if (names.includes(first) && names.includes(second))
        trace.set(result, `${first} with ${second} → ${result}`);
  }
  const component = complexDescriptions[description];
  if (component !== undefined) {
    trace.set('T2STAR', `SeriesDescription is ${description}`, descriptionEvidence);
    return component;
  }
  const flow = imageType.find((type) => /flow|velocity/.test(type.toLowerCase()));
  if (flow !== undefined) {
    trace.set('FLOW', `ImageType has ${flow}`, { ImageType: imageType });
    return null;
  }
  const tofType = imageType.find((type) => type.toLowerCase().includes('tof'));
  const tofVariant = variants.find((variant) => variant.includes('tof'));
  if (tofType !== undefined || tofVariant !== undefined)
    trace.set(
      'TOF',
      tofType !== undefined ? `ImageType has ${tofType}` : `SequenceVariant has ${tofVariant!.toUpperCase()}`,
      {
        ImageType: imageType,
        SequenceVariant: info.SequenceVariant,
      },
    );
  else if (timeOfFlight.test(description) || description.includes('angio'))
    trace.set('TOF', 'SeriesDescription names TOF or angio', descriptionEvidence);
  else if (variants.some((variant) => variant.includes('mtc')) || scanOptions.includes('mt_gems'))
    trace.set('MT', 'SequenceVariant MTC or ScanOptions MT_GEMS', {
      SequenceVariant: info.SequenceVariant,
      ScanOptions: info.ScanOptions,
    });
  return null;
}

const spoiledGradientName = pythonPattern('(t1.?[tf]fe|fl3d1)');
const inversionPreparedName = pythonPattern('t1.?tfe');
const inversionDescription = pythonPattern('(flair|stir|mp.?rage|bravo)');

function techniqueField(context: Context, modality: string, acqdim: string): FieldTrace {
  const { info, description, scanningSequence, variants, scanOptions, sequenceName } = context;
  const trace = new FieldTrace('technique');
  const sequence = { ScanningSequence: info.SequenceType };
  if (scanningSequence.includes('se')) trace.set('SE', 'ScanningSequence has SE', sequence);
  else if (scanningSequence.includes('gr')) trace.set('GRE', 'ScanningSequence has GR', sequence);
  else if (info.FlipAngle !== null && info.FlipAngle >= 60)
    trace.set('SE', 'no SE/GR in ScanningSequence, FlipAngle ≥ 60', {
      ...sequence,
      FlipAngle: info.FlipAngle,
    });
  else trace.set('UNK', 'no SE/GR in ScanningSequence', { ...sequence, FlipAngle: info.FlipAngle });

  const epiFactor = info.EPIFactor;
  if (
    scanningSequence.includes('ep') ||
    sequenceName.includes('epi') ||
    (epiFactor !== null && epiFactor > 1)
  ) {
    const grase = sequenceName === 'grase';
    trace.set(
      grase ? 'GRASE' : 'EPI',
      grase
        ? 'SequenceName is GRASE'
        : 'echo planar (ScanningSequence EP, SequenceName epi or EPIFactor > 1)',
      {
        ...sequence,
        SequenceName: info.SequenceName,
        EPIFactor: epiFactor,
      },
    );
  }
  if (spoiledGradientName.test(sequenceName))
    trace.set('SPGR', 'SequenceName matches (t1.?[tf]fe|fl3d1)', { SequenceName: info.SequenceName });
  if (trace.value === 'GRE' && (variants.includes('sp') || variants.includes('ss')))
    trace.set('SPGR', `SequenceVariant has ${variants.includes('sp') ? 'SP' : 'SS'}`, {
      SequenceVariant: info.SequenceVariant,
    });

  const echoPlanar = trace.value === 'EPI' || trace.value === 'GRASE';
  const echoTrain = info.EchoTrainLength ?? 1;
  if (!echoPlanar && (echoTrain > 1 || scanOptions.includes('fast_gems') || sequenceName.includes('fse'))) {
    const why =
      echoTrain > 1
        ? `EchoTrainLength ${echoTrain} > 1`
        : scanOptions.includes('fast_gems')
          ? 'ScanOptions has FAST_GEMS'
          : "SequenceName contains 'fse'";
    trace.set(`F${trace.value}`, why, {
      EchoTrainLength: info.EchoTrainLength,
      ScanOptions: info.ScanOptions,
      SequenceName: info.SequenceName,
    });
  }
  if (!echoPlanar && !trace.value.includes('IR')) {
    const ti = info.InversionTime;
    const why =
      ti !== null && ti > 50
        ? `InversionTime ${ti} > 50`
        : scanningSequence.includes('ir')
          ? 'ScanningSequence has IR'
          : variants.includes('mp')
            ? 'SequenceVariant has MP'
            : inversionPreparedName.test(sequenceName)
              ? 'SequenceName matches t1.?tfe'
              : inversionDescription.test(description)
                ? 'SeriesDescription names flair, stir, mprage or bravo'
                : null;
    if (why !== null)
      trace.set(`IR${trace.value}`, why, {
        InversionTime: ti,
        ...sequence,
        SequenceVariant: info.SequenceVariant,
      });
  }
  if (trace.value.startsWith('IR') && acqdim === '3D' && !trace.value.includes('F'))
    trace.set(trace.value.replaceAll('IR', 'IRF'), '3D inversion-prepared gradient echo is fast');
  if (trace.value === 'IRFGRE' || (trace.value === 'IRFUNK' && modality === 'T1'))
    trace.set('IRFSPGR', `${trace.value} is IRFSPGR`);
  return trace;
}

/** Modality step 3: what the technique and timing say when the names did not settle it. */
function physicsFallbacks(info: SeriesInfo, modality: FieldTrace, technique: string): void {
  const te = info.EchoTime;
  const gradientEcho = technique.endsWith('GRE') || technique.endsWith('SPGR');
  if (modality.value === 'UNK') {
    if (technique.endsWith('SE')) modality.set('T2', `UNK with spin-echo technique ${technique}`);
    else if (gradientEcho)
      modality.set(
        te !== null && te < 15 ? 'T1' : 'T2STAR',
        `UNK with gradient-echo technique ${technique}, EchoTime ${te} ${te !== null && te < 15 ? '<' : '≥'} 15`,
        { EchoTime: te },
      );
  }
  if (modality.value !== 'T2') return;
  const ti = info.InversionTime;
  if (technique.startsWith('IR'))
    modality.set(
      ti !== null && ti < 400 ? 'STIR' : 'FLAIR',
      `T2 with inversion recovery, InversionTime ${ti} ${ti !== null && ti < 400 ? '<' : '≥'} 400`,
      { InversionTime: ti },
    );
  else if (gradientEcho) modality.set('T2STAR', `T2 with gradient echo ${technique}`);
  else if (te !== null && te < 30) {
    const tr = info.RepetitionTime;
    modality.set(
      tr !== null && tr > 800 ? 'PD' : 'T1',
      `T2 with EchoTime ${te} < 30 and RepetitionTime ${tr} ${tr !== null && tr > 800 ? '>' : '≤'} 800`,
      { EchoTime: te, RepetitionTime: tr },
    );
  }
}

/** The reconstruction kernel as the CT technique field. */
function ctTechnique(info: SeriesInfo, technique: FieldTrace): void {
  const stored = info.ConvolutionKernel ?? null;
  const first = typeof stored === 'string' ? stored : (stored?.[0] ?? null);
  const kernel = first === null || first === '' ? 'STANDARD' : first.toUpperCase();
  const lower = kernel.toLowerCase();
  const evidence = { ConvolutionKernel: stored };
  if (['bone', 'sharp', 'edge'].some((word) => lower.includes(word)))
    technique.set('BONE', `CT kernel ${kernel} is sharp`, evidence);
  else if (['lung', 'high'].some((word) => lower.includes(word)))
    technique.set('LUNG', `CT kernel ${kernel} is a lung kernel`, evidence);
  else if (['soft', 'smooth', 'standard'].some((word) => lower.includes(word)))
    technique.set('SOFT', `CT kernel ${kernel} is soft`, evidence);
  else
    technique.set(
      kernel.replace(/[^A-Z0-9]/g, '').slice(0, 8),
      `CT kernel ${kernel} (first 8 letters and digits)`,
      evidence,
    );
}

function ctModality({ info, description }: Context, modality: FieldTrace, excontrast: string): void {
  const word = (words: readonly string[]) => words.find((item) => description.includes(item));
  const angio = word(['cta', 'angio', 'angiography']);
  const perfusion = word(['perfusion', 'perf']);
  const evidence = { Modality: info.Modality, SeriesDescription: info.SeriesDescription };
  if (angio !== undefined) modality.set('CTA', `CT with '${angio}' in SeriesDescription`, evidence);
  else if (perfusion !== undefined)
    modality.set('PERF', `CT with '${perfusion}' in SeriesDescription`, evidence);
  else if (excontrast === 'POST') modality.set('CONTRAST', 'CT after contrast', evidence);
  else modality.set('NONCON', 'CT without contrast', evidence);
}

const siemensSpineSequence = pythonPattern('\\*?(me2d1r)');
const upperSpine = pythonPattern('upper(?!\\s*t)');

/** Body part and the naming skip rules (they share RADIFOX's `elif` chain). */
function bodyPartAndSkip(
  context: Context,
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
  const lower = (values: readonly string[] | null) => (values ?? []).map((value) => value.toLowerCase());
  const context: Context = {
    info,
    description: normalisedDescription(info.SeriesDescription),
    imageType: info.ImageType ?? [],
    variants: lower(info.SequenceVariant),
    scanningSequence: lower(info.SequenceType),
    scanOptions: lower(info.ScanOptions),
    sequenceName: (info.SequenceName ?? '').toLowerCase(),
  };
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
