/**
 * The modality field (seed-features.md §1.4.5 "modality"): first what the description names
 * (one candidate wins; a few pairs are resolved), then the overrides (Siemens SWI images, flow,
 * time of flight, magnetisation transfer), later the physics fall-backs once the technique is
 * known, and for CT the CT categories.
 */
import type { FieldTrace } from './name-explanation.js';
import { pythonPattern } from './python-regex.js';
import type { RuleContext } from './rule-context.js';
import type { SeriesInfo } from './series-info.js';

const medic = pythonPattern('medic(?!al)');
const swi = pythonPattern('swi(?!p)');
const diffusionWeighted = pythonPattern('(?<!p)dw');

/** The modalities the description names, each with the text that named it. */
function descriptionModalities({ description, imageType }: RuleContext): [string, string][] {
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
export function modalityFromNames(context: RuleContext, trace: FieldTrace): string | null {
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

/** Modality step 3: what the technique and timing say when the names did not settle it. */
export function physicsFallbacks(info: SeriesInfo, modality: FieldTrace, technique: string): void {
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

/** CT: angiography, perfusion, contrast or not. */
export function ctModality(
  { info, description }: RuleContext,
  modality: FieldTrace,
  excontrast: string,
): void {
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
