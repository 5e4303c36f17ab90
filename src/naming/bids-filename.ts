/**
 * BIDS file names: labels, the entity order, which entities each suffix takes, and the name
 * itself (`sub-<S>_ses-<E>[_<key>-<value>…]_<suffix>`), written and read back.
 *
 * The order and the allowed sets are those of the file rules of bids-validator 1.15
 * (`bids_validator/rules/file_level_rules.json`), the acceptance check for `--layout bids`.
 * Where the validator's rules and BIDS 1.8 Appendix IX disagree on order (it puts `dir` before
 * `rec` for func but after it for dwi), radkit never writes `rec`, so the two cannot clash.
 */
import { RadkitError } from '../errors.js';

export type BidsDatatype = 'anat' | 'func' | 'dwi' | 'fmap' | 'perf';

/** The entities radkit writes, besides `sub` and `ses`. */
export interface BidsEntities {
  readonly task?: string;
  readonly acq?: string;
  readonly ce?: string;
  readonly dir?: string;
  readonly run?: number;
  readonly echo?: number;
  readonly inv?: number;
  readonly mt?: 'on' | 'off';
  readonly part?: 'mag' | 'phase' | 'real' | 'imag';
}

export type BidsEntityKey = keyof BidsEntities;

/** BIDS 1.8 Appendix IX order, restricted to the entities radkit writes. */
export const bidsEntityOrder: readonly BidsEntityKey[] = [
  'task',
  'acq',
  'ce',
  'dir',
  'run',
  'echo',
  'inv',
  'mt',
  'part',
];

/**
 * The entities each suffix may carry, with the required ones first in `required` (validator
 * 1.15 file rules: anat_nonparametric, anat_multiecho, anat_mp2rage, anat_mtr, dwi, func_bold,
 * fmap_gre, fmap_pepolar_asl).
 */
export const bidsSuffixRules: Readonly<
  Record<
    string,
    {
      readonly datatype: BidsDatatype;
      readonly allowed: readonly BidsEntityKey[];
      readonly required: readonly BidsEntityKey[];
    }
  >
> = {
  T1w: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  T2w: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  PDw: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  T2starw: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  FLAIR: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  angio: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: [] },
  MEGRE: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'part'], required: ['echo'] },
  MP2RAGE: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'echo', 'inv', 'part'], required: ['inv'] },
  MTR: { datatype: 'anat', allowed: ['acq', 'ce', 'run', 'mt', 'part'], required: ['mt'] },
  dwi: { datatype: 'dwi', allowed: ['acq', 'dir', 'run', 'part'], required: [] },
  bold: {
    datatype: 'func',
    allowed: ['task', 'acq', 'ce', 'dir', 'run', 'echo', 'part'],
    required: ['task'],
  },
  epi: { datatype: 'fmap', allowed: ['acq', 'ce', 'dir', 'run', 'part'], required: ['dir'] },
  phasediff: { datatype: 'fmap', allowed: ['acq', 'run'], required: [] },
  phase1: { datatype: 'fmap', allowed: ['acq', 'run'], required: [] },
  phase2: { datatype: 'fmap', allowed: ['acq', 'run'], required: [] },
  magnitude1: { datatype: 'fmap', allowed: ['acq', 'run'], required: [] },
  magnitude2: { datatype: 'fmap', allowed: ['acq', 'run'], required: [] },
};

/** The field-map suffixes of BIDS §"Fieldmap data" cases 1 and 2, written as one set. */
export const bidsFieldMapSetSuffixes: readonly string[] = [
  'phasediff',
  'phase1',
  'phase2',
  'magnitude1',
  'magnitude2',
];

/** A subject or session label that has no letter or digit left. */
export class BidsLabelError extends RadkitError {
  override readonly name: string = 'BidsLabelError';
  constructor(what: string, text: string) {
    super('bids-label', `the ${what} "${text}" has no letters or digits, so it gives no BIDS label`, {
      hint: `Give a ${what} made of letters and digits (BIDS labels are [a-zA-Z0-9]+).`,
    });
  }
}

/**
 * A BIDS label (BIDS 1.8 §"Entities": `[a-zA-Z0-9]+`): every other character is dropped, case
 * is kept, nothing is transliterated (`STUDY-0012_a` → `STUDY0012a`, `é` is dropped). An empty
 * result is '' here; callers that need a label throw `BidsLabelError`.
 */
export function bidsLabel(text: string): string {
  return text.replace(/[^a-zA-Z0-9]/g, '');
}

/** `bidsLabel`, throwing `BidsLabelError` when nothing is left. */
export function requireBidsLabel(what: string, text: string): string {
  const label = bidsLabel(text);
  if (label === '') throw new BidsLabelError(what, text);
  return label;
}

/** `sub-<S>_ses-<E>[_key-value…]_<suffix>`, entities in BIDS order (no extension). */
export function bidsStem(subject: string, session: string, entities: BidsEntities, suffix: string): string {
  const parts = [`sub-${subject}`, `ses-${session}`];
  for (const key of bidsEntityOrder) {
    const value = entities[key];
    if (value !== undefined) parts.push(`${key}-${value}`);
  }
  parts.push(suffix);
  return parts.join('_');
}

export interface ParsedBidsStem {
  readonly subject: string;
  readonly session: string;
  readonly entities: BidsEntities;
  readonly suffix: string;
}

const numericEntities: ReadonlySet<BidsEntityKey> = new Set(['run', 'echo', 'inv']);

/**
 * Read back a stem written by `bidsStem` (for files already in a session). Undefined when the
 * stem has no sub/ses, has an entity radkit does not write, or has a malformed value.
 */
export function parseBidsStem(stem: string): ParsedBidsStem | undefined {
  const pieces = stem.split('_');
  const suffix = pieces.pop();
  const subject = pieces.shift()?.match(/^sub-([a-zA-Z0-9]+)$/)?.[1];
  const session = pieces.shift()?.match(/^ses-([a-zA-Z0-9]+)$/)?.[1];
  if (suffix === undefined || subject === undefined || session === undefined) return undefined;
  if (!/^[a-zA-Z0-9]+$/.test(suffix)) return undefined;
  const entities: Record<string, string | number> = {};
  for (const piece of pieces) {
    const match = piece.match(/^([a-z]+)-([a-zA-Z0-9]+)$/);
    const key = match?.[1] as BidsEntityKey | undefined;
    if (match === null || key === undefined || !bidsEntityOrder.includes(key)) return undefined;
    const value = match[2]!;
    if (numericEntities.has(key)) {
      if (!/^[0-9]+$/.test(value)) return undefined;
      entities[key] = Number(value);
    } else entities[key] = value;
  }
  return { subject, session, entities: entities as BidsEntities, suffix };
}
