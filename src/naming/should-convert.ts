/**
 * RADIFOX's skip rules (`should_convert`, seed-features.md §1.4.4, R17): series that are
 * localisers, derived reformats, projections or processed maps are recorded but not converted.
 *
 * The reason is given in the words radifox-convert's logs (and shared/reference/
 * radifox-names.tsv) use: the rules that held, in RADIFOX's order, joined with `+` —
 * `Derived`, `Description`, `MPR`, `MIP`, `Processed` (e.g. `Derived+MPR+MIP`).
 *
 * Python's `re.search` is JavaScript's `RegExp.test`; the patterns keep their Python meaning
 * through `pythonPattern`.
 */
import { pythonPattern } from './python-regex.js';
import type { SeriesInfo } from './series-info.js';

export type SkipRule = 'Derived' | 'Description' | 'MPR' | 'MIP' | 'Processed';

/** One rule that held, and the values that made it hold (for `--explain`). */
export interface SkipFinding {
  readonly rule: SkipRule;
  readonly why: string;
}

export interface SkipOptions {
  /** `--force-derived`: do not skip DERIVED images. */
  readonly forceDerived?: boolean;
}

/** Description fragments of localisers, surveys and scanner by-products (`DESCRIPTION_IGNORE`). */
const ignoredDescriptionParts = [
  'loc',
  'survey',
  'scout',
  '3-pl',
  'scanogram',
  'smartbrain',
  'pride',
] as const;
/** Calibration scans, but not "cervical": `cal` then a non-word character, `ibration` or the end. */
const calibration = pythonPattern('(?<!cervi)cal(?:\\W|ibration|$)');
/** `mpr` not followed by `age` (MPRAGE is an acquisition, an MPR a reformat). */
const multiplanarReformat = pythonPattern('mpr(?!age)');
const t2Map = pythonPattern('t2.?map');

function derivedFinding(imageType: readonly string[], forceDerived: boolean): SkipFinding | null {
  if (forceDerived) return null;
  const head = imageType.slice(0, 2).join(' ').toLowerCase();
  if (!head.includes('derived') || head.includes('primary')) return null;
  return {
    rule: 'Derived',
    why: `ImageType starts ${imageType.slice(0, 2).join('\\')} (derived, not primary)`,
  };
}

function descriptionFinding(description: string): SkipFinding | null {
  const part = ignoredDescriptionParts.find((item) => description.includes(item));
  if (part !== undefined) return { rule: 'Description', why: `SeriesDescription contains '${part}'` };
  if (calibration.test(description))
    return { rule: 'Description', why: 'SeriesDescription names a calibration' };
  return null;
}

function mprFinding(description: string, types: readonly string[]): SkipFinding | null {
  // RADIFOX fails on an empty ImageType here; radkit reads it as "not ORIGINAL".
  if (multiplanarReformat.test(description) && types[0] !== 'original')
    return { rule: 'MPR', why: "SeriesDescription contains 'mpr' and ImageType is not ORIGINAL" };
  if (types.includes('mpr')) return { rule: 'MPR', why: 'ImageType has MPR' };
  const projection = types.find((type) => type.includes('projection'));
  if (projection !== undefined) return { rule: 'MPR', why: `ImageType has ${projection.toUpperCase()}` };
  if (description.includes('composed')) return { rule: 'MPR', why: "SeriesDescription contains 'composed'" };
  const composed = types.find((type) => type.includes('composed'));
  if (composed !== undefined) return { rule: 'MPR', why: `ImageType has ${composed.toUpperCase()}` };
  return null;
}

function mipFinding(description: string, types: readonly string[]): SkipFinding | null {
  if (description.includes('mip')) return { rule: 'MIP', why: "SeriesDescription contains 'mip'" };
  const projection = types.find((type) => type === 'mnip' || type === 'maximum');
  if (projection !== undefined) return { rule: 'MIP', why: `ImageType has ${projection.toUpperCase()}` };
  return null;
}

function processedFinding(types: readonly string[]): SkipFinding | null {
  const map = types.find(
    (type) => type.includes('adc') || type === 'sub' || type === 'sum' || t2Map.test(type),
  );
  return map === undefined ? null : { rule: 'Processed', why: `ImageType has ${map.toUpperCase()}` };
}

/** Every skip rule that holds for the series, in RADIFOX's order (empty: convert it). */
export function skipFindings(info: SeriesInfo, options: SkipOptions = {}): SkipFinding[] {
  const imageType = info.ImageType ?? [];
  const types = imageType.map((type) => type.toLowerCase());
  const description = info.SeriesDescription.toLowerCase();
  return [
    derivedFinding(imageType, options.forceDerived === true),
    descriptionFinding(description),
    mprFinding(description, types),
    mipFinding(description, types),
    processedFinding(types),
  ].filter((finding) => finding !== null);
}

/** Why RADIFOX would not convert the series (`Derived+MPR`…), or null when it would. */
export function skipReason(info: SeriesInfo, options: SkipOptions = {}): string | null {
  const findings = skipFindings(info, options);
  return findings.length === 0 ? null : findings.map((finding) => finding.rule).join('+');
}
