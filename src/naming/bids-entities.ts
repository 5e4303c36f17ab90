/**
 * `bidsNameOf`: where one converted output goes in a BIDS session — datatype, suffix and
 * entities — derived from the same classification as the RADIFOX name (seed-features.md §1.4.5
 * type fields, §1.4.7 extras), the series record and the dcm2niix-style sidecar. Outputs BIDS
 * cannot hold get `datatype: null` and a reason; nothing is dropped without one.
 *
 * Rules, first match wins (volumes = the NIfTI's 4th dimension):
 *
 * | classification | datatype/suffix | why |
 * |---|---|---|
 * | Modality CT, or modality NONCON/CONTRAST/CTA/PERF | null | BIDS 1.8 (validator 1.x) has no CT datatype |
 * | Modality other than MR | null | only MR is mapped |
 * | extra SWI | null | a derived (processed) image; BIDS 1.8 has no SWI suffix |
 * | DIFF | dwi/dwi | needs bval/bvec (null without them: traces, ADC) |
 * | field map: description `field map`/`fmap`/`b0 map`, or Siemens sequence `fm2d`/`fm3d` | fmap/… | BIDS §"Fieldmap data" cases 1–2 |
 * | … phase with ECHO<n> | fmap/phase<n> | two phase images |
 * | … phase without | fmap/phasediff | the scanner's phase difference |
 * | … magnitude | fmap/magnitude<n> | n from ECHO<n>, else the sidecar's EchoNumber, else 1 |
 * | EPI (or a description saying bold/fmri/rest/task) with ≥ 4 volumes, or ≥ 2 with such a description | func/bold | a time series; task label below |
 * | EPI with ≤ 3 volumes, a known phase-encoding direction and TotalReadoutTime | fmap/epi | SE/GE-EPI pairs for TOPUP (`EPI PE=AP` style); BIDS requires both fields |
 * | T1 with INV<n> | anat/MP2RAGE (`inv-<n>`) | the inversions of an MP2RAGE |
 * | T1 | anat/T1w | |
 * | T2, STIR | anat/T2w | STIR is an inversion-recovery T2w; `acq-IR…` tells it apart |
 * | FLAIR | anat/FLAIR | |
 * | PD | anat/PDw | |
 * | T2STAR with ECHO<n> | anat/MEGRE | multi-echo GRE needs `echo-` |
 * | T2STAR | anat/T2starw | |
 * | TOF | anat/angio | |
 * | MT with MTON/MTOFF | anat/MTR (`mt-on`/`mt-off`) | the MT pair |
 * | MT alone, FLOW, UNK, anything else | null | no BIDS suffix says what it is |
 *
 * Anatomical and GRE field-map images must be 3D (the validator rejects 4D T1w and magnitude
 * files; radkit holds every anat suffix to the same rule): more volumes gives null.
 *
 * Entities:
 * - `acq-`: bodypart (unless BRAIN/UNK), technique (unless UNK), acqdim and orientation
 *   (lower case, unless NONE), then any extra not mapped below — `acq-FSE2Daxial`,
 *   `acq-CSPINEFSE2Dsagittal`, `acq-EPI2DaxialPOS1` — letters and digits only;
 * - `ce-gad` for excontrast POST (clinical MR contrast agents are gadolinium chelates);
 * - `echo-<n>` from ECHO<n>; `part-mag|phase|real|imag` from MAG/PHA/REA/IMA; `inv-` from INV<n>
 *   (MP2RAGE only); `mt-on|off` from MTON/MTOFF (MTR only);
 * - `dir-` from the sidecar's PhaseEncodingDirection (see bids-direction.ts), dwi/bold/epi only;
 * - `task-` for bold: the word after `task` in the description, else `rest` when the description
 *   says rest, else `unknown` (never a guess from other words); TaskName is added to the sidecar;
 * - DYN<n> gives no entity: repeats of one protocol collide and get `run-` numbers in acquisition
 *   order from the session writer, which numbers every collision and reports it.
 * An entity the suffix does not take (validator 1.15 file rules, bids-filename.ts) is dropped
 * and the reason says so.
 */
import { bidsPhaseDirection, inPlaneAxisCodes } from './bids-direction.js';
import {
  type BidsDatatype,
  type BidsEntities,
  bidsFieldMapSetSuffixes,
  bidsLabel,
  bidsSuffixRules,
} from './bids-filename.js';
import type { NameParts, SeriesInfo } from './series-info.js';

export interface BidsNameInput {
  /** The RADIFOX type: six fields (bodypart … excontrast) then extras. */
  readonly parts: NameParts;
  readonly info: SeriesInfo;
  /** The dcm2niix-style sidecar written with the NIfTI. */
  readonly sidecar: Readonly<Record<string, unknown>>;
  /** Volumes along the NIfTI's 4th dimension; 1 (a 3D image) when not given. */
  readonly volumes?: number;
  /**
   * Axis codes of the written NIfTI (nibabel convention, e.g. `LAS`), for `dir-`. When not
   * given, the in-plane codes of dcm2niix's 2D layout are taken from ImageOrientationPatient.
   */
  readonly axisCodes?: string;
  /** Whether bval/bvec were written (dwi needs them); true when not given. */
  readonly hasGradients?: boolean;
}

export interface BidsName {
  /** null: BIDS cannot hold this output (`reason` says why). */
  readonly datatype: BidsDatatype | null;
  readonly suffix: string | null;
  /** Entities without `run` (the session writer adds it to break collisions). */
  readonly entities: BidsEntities;
  /** Sidecar fields BIDS requires that the dcm2niix-style sidecar lacks (TaskName for bold). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly reason: string;
}

/** A time series has at least this many volumes; fewer EPI volumes are field-map pairs. */
const minimumBoldVolumes = 4;
/** SE/GE-EPI field maps for TOPUP have 1–3 volumes per direction. */
const maximumEpiFieldMapVolumes = 3;

const ctModalities = new Set(['NONCON', 'CONTRAST', 'CTA', 'PERF']);
const partOfExtra: Readonly<Record<string, 'mag' | 'phase' | 'real' | 'imag'>> = {
  MAG: 'mag',
  PHA: 'phase',
  REA: 'real',
  IMA: 'imag',
};

function notRepresentable(reason: string): BidsName {
  return { datatype: null, suffix: null, entities: {}, metadata: {}, reason };
}

function field(parts: NameParts, index: number): string | undefined {
  const value = parts[index];
  return value === null || value === undefined || value === '' ? undefined : value.toUpperCase();
}

function numberedExtra(extras: readonly string[], prefix: string): number | undefined {
  for (const extra of extras) {
    const match = extra.match(new RegExp(`^${prefix}(\\d+)$`));
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/** The complex component: an extra first, else the record's (RADIFOX reads ImageType into it). */
function componentOf(
  extras: readonly string[],
  info: SeriesInfo,
): 'mag' | 'phase' | 'real' | 'imag' | undefined {
  for (const extra of extras) if (partOfExtra[extra] !== undefined) return partOfExtra[extra];
  const component = (info.ComplexImageComponent ?? '').toUpperCase();
  if (component.startsWith('PHASE')) return 'phase';
  if (component.startsWith('MAG')) return 'mag';
  if (component.startsWith('REAL')) return 'real';
  if (component.startsWith('IMAG')) return 'imag';
  return undefined;
}

function isFieldMap(info: SeriesInfo): boolean {
  const description = info.SeriesDescription.toLowerCase();
  const sequence = (info.SequenceName ?? '').toLowerCase();
  return /field.?map|fmap|b0.?map/.test(description) || /^\*?fm[23]d/.test(sequence);
}

function looksFunctional(info: SeriesInfo): boolean {
  return /bold|f\.?mri|rest|task/.test(info.SeriesDescription.toLowerCase());
}

function taskLabel(info: SeriesInfo): { label: string; why: string } {
  const description = info.SeriesDescription.toLowerCase();
  const named = description.match(/task[-_ ]?([a-z0-9]+)/)?.[1];
  if (named !== undefined) return { label: named, why: `task "${named}" from the description` };
  if (description.includes('rest')) return { label: 'rest', why: 'task "rest": the description says rest' };
  return { label: 'unknown', why: 'task "unknown": the description names no task' };
}

/** The suffix (and the entities it needs) before the generic entities are added. */
interface Choice {
  readonly suffix: string;
  readonly entities: BidsEntities;
  readonly metadata?: Record<string, unknown>;
  readonly why: string;
  /** Extras this choice turned into entities (not appended to acq). */
  readonly consumed?: readonly string[];
}

function chooseFieldMap(
  extras: readonly string[],
  info: SeriesInfo,
  sidecar: Readonly<Record<string, unknown>>,
): Choice | string {
  const component = componentOf(extras, info);
  const echo = numberedExtra(extras, 'ECHO');
  if (component === 'real' || component === 'imag')
    return `field map ${component} image: BIDS field maps are magnitude and phase only`;
  if (component === 'phase') {
    if (echo === undefined) return { suffix: 'phasediff', entities: {}, why: 'field-map phase difference' };
    if (echo > 2) return `field-map phase of echo ${echo}: BIDS field maps have two echoes`;
    return { suffix: `phase${echo}`, entities: {}, why: `field-map phase of echo ${echo}` };
  }
  const sidecarEcho = typeof sidecar.EchoNumber === 'number' ? sidecar.EchoNumber : undefined;
  const number = echo ?? sidecarEcho ?? 1;
  if (number > 2) return `field-map magnitude of echo ${number}: BIDS field maps have two echoes`;
  return { suffix: `magnitude${number}`, entities: {}, why: `field-map magnitude of echo ${number}` };
}

function chooseAnatomical(modality: string | undefined, extras: readonly string[]): Choice | string {
  const echo = numberedExtra(extras, 'ECHO');
  const inversion = numberedExtra(extras, 'INV');
  switch (modality) {
    case 'T1':
      return inversion !== undefined
        ? {
            suffix: 'MP2RAGE',
            entities: { inv: inversion },
            why: `T1 inversion ${inversion}`,
            consumed: [`INV${inversion}`],
          }
        : { suffix: 'T1w', entities: {}, why: 'T1' };
    case 'T2':
      return { suffix: 'T2w', entities: {}, why: 'T2' };
    case 'STIR':
      return { suffix: 'T2w', entities: {}, why: 'STIR (inversion-recovery T2-weighted)' };
    case 'FLAIR':
      return { suffix: 'FLAIR', entities: {}, why: 'FLAIR' };
    case 'PD':
      return { suffix: 'PDw', entities: {}, why: 'PD' };
    case 'T2STAR':
      return echo !== undefined
        ? { suffix: 'MEGRE', entities: {}, why: `T2STAR echo ${echo} (multi-echo GRE)` }
        : { suffix: 'T2starw', entities: {}, why: 'T2STAR' };
    case 'TOF':
      return { suffix: 'angio', entities: {}, why: 'TOF angiography' };
    case 'MT': {
      const mt = extras.includes('MTON') ? 'on' : extras.includes('MTOFF') ? 'off' : undefined;
      return mt === undefined
        ? 'MT without an MTON/MTOFF partner: BIDS has MT only as the mt-on/mt-off pair (MTR)'
        : { suffix: 'MTR', entities: { mt }, why: `MT ${mt}`, consumed: ['MTON', 'MTOFF'] };
    }
    case 'FLOW':
      return 'FLOW (phase-contrast velocity): BIDS 1.8 has no suffix for it';
    case undefined:
    case 'UNK':
      return 'modality UNK: BIDS needs a contrast suffix and the classification gives none';
    default:
      return `modality ${modality}: no BIDS anatomical suffix for it`;
  }
}

/** The acq label: bodypart, technique, acqdim, orientation and unmapped extras. */
function acqLabel(parts: NameParts, leftovers: readonly string[]): string | undefined {
  const bodypart = field(parts, 0);
  const technique = field(parts, 2);
  const acqdim = field(parts, 3);
  const orientation = field(parts, 4);
  const pieces = [
    bodypart === undefined || bodypart === 'BRAIN' || bodypart === 'UNK' ? '' : bodypart,
    technique === undefined || technique === 'UNK' ? '' : technique,
    acqdim ?? '',
    orientation === undefined || orientation === 'NONE' ? '' : orientation.toLowerCase(),
    ...leftovers,
  ];
  const label = bidsLabel(pieces.join(''));
  return label === '' ? undefined : label;
}

/** Extras that become entities or run numbers, never part of acq. */
function isMappedExtra(extra: string): boolean {
  return /^(ECHO|DYN)\d+$/.test(extra) || partOfExtra[extra] !== undefined || extra === 'SWI';
}

/** Where this output goes in BIDS, or why it cannot (the rules table above). */
export function bidsNameOf(input: BidsNameInput): BidsName {
  const { parts, info, sidecar } = input;
  const volumes = input.volumes ?? 1;
  const modality = field(parts, 1);
  const technique = field(parts, 2);
  const extras = parts
    .slice(6)
    .filter((extra): extra is string => extra !== null && extra !== '')
    .map((extra) => extra.toUpperCase());
  const scanner = (info.Modality ?? 'MR').toUpperCase();

  if (scanner === 'CT' || (modality !== undefined && ctModalities.has(modality)))
    return notRepresentable('CT: BIDS 1.8 (bids-validator 1.x) has no CT datatype');
  if (scanner !== 'MR') return notRepresentable(`modality ${scanner}: only MR is mapped to BIDS`);
  if (extras.includes('SWI'))
    return notRepresentable('SWI: a derived image, and BIDS 1.8 has no suffix for it');

  const ped = typeof sidecar.PhaseEncodingDirection === 'string' ? sidecar.PhaseEncodingDirection : undefined;
  const axisCodes = input.axisCodes ?? inPlaneAxisCodes(info.ImageOrientationPatient);
  const dir = bidsPhaseDirection(ped, axisCodes);
  const epi = technique === 'EPI';
  const functional = looksFunctional(info);

  let choice: Choice | string;
  if (modality === 'DIFF') {
    choice =
      input.hasGradients === false
        ? 'diffusion image without bval/bvec (a trace, ADC or FA map): not raw dwi data'
        : { suffix: 'dwi', entities: dir === undefined ? {} : { dir }, why: 'DIFF' };
  } else if (isFieldMap(info)) {
    choice = chooseFieldMap(extras, info, sidecar);
  } else if ((epi || functional) && (volumes >= minimumBoldVolumes || (functional && volumes >= 2))) {
    const task = taskLabel(info);
    choice = {
      suffix: 'bold',
      entities: { task: task.label, ...(dir === undefined ? {} : { dir }) },
      metadata: { TaskName: task.label },
      why: `${epi ? 'EPI' : 'functional description'} time series of ${volumes} volumes; ${task.why}`,
    };
  } else if (
    epi &&
    volumes <= maximumEpiFieldMapVolumes &&
    dir !== undefined &&
    typeof sidecar.TotalReadoutTime === 'number'
  ) {
    choice = {
      suffix: 'epi',
      entities: { dir },
      why: `EPI of ${volumes} volume${volumes === 1 ? '' : 's'} with phase encoding ${ped} (${dir}): a field-map pair member`,
    };
  } else {
    choice = chooseAnatomical(modality, extras);
    if (typeof choice === 'string' && epi)
      choice = `${choice} (an EPI of ${volumes} volume${volumes === 1 ? '' : 's'}: too short for bold, and an epi field map needs a phase-encoding direction and TotalReadoutTime)`;
  }
  if (typeof choice === 'string') return notRepresentable(choice);

  const rule = bidsSuffixRules[choice.suffix]!;
  if ((rule.datatype === 'anat' || bidsFieldMapSetSuffixes.includes(choice.suffix)) && volumes > 1)
    return notRepresentable(`${choice.why} with ${volumes} volumes: BIDS ${choice.suffix} images are 3D`);

  const consumed = new Set(choice.consumed ?? []);
  const leftovers = extras.filter((extra) => !isMappedExtra(extra) && !consumed.has(extra));
  const echo = numberedExtra(extras, 'ECHO');
  // MAG is RADIFOX's default component (every T2STAR gets it), so only an explicit extra gives
  // part-mag; a phase/real/imaginary record is marked even when no extra says so.
  const recorded = componentOf([], info);
  const part =
    componentOf(extras, { ...info, ComplexImageComponent: null }) ??
    (recorded === 'mag' ? undefined : recorded);
  const acq = acqLabel(parts, leftovers);
  const wanted: BidsEntities = {
    ...choice.entities,
    ...(acq === undefined ? {} : { acq }),
    ...(field(parts, 5) === 'POST' ? { ce: 'gad' } : {}),
    ...(echo === undefined ? {} : { echo }),
    ...(part === undefined ? {} : { part }),
  };
  const entities: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if ((rule.allowed as readonly string[]).includes(key)) entities[key] = value;
    else dropped.push(`${key}-${value}`);
  }
  const missing = rule.required.filter((key) => entities[key] === undefined);
  if (missing.length > 0)
    return notRepresentable(
      `${choice.why}: BIDS ${choice.suffix} needs ${missing.join(', ')}, which is unknown`,
    );
  const notes = [
    ...(dropped.length > 0 ? [`${dropped.join(', ')} dropped (not a ${choice.suffix} entity)`] : []),
    ...(extras.some((extra) => /^DYN\d+$/.test(extra)) ? ['DYN<n>: repeats are numbered as runs'] : []),
  ];
  return {
    datatype: rule.datatype,
    suffix: choice.suffix,
    entities: entities as BidsEntities,
    metadata: choice.metadata ?? {},
    reason: [`${choice.why} → ${rule.datatype}/${choice.suffix}`, ...notes].join('; '),
  };
}
