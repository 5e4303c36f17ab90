/**
 * The body-part field from text (seed-features.md §1.4.5 "bodypart"): RADIFOX's patterns, tried
 * in order against the series description, then Body Part Examined, then the Study Description
 * without spaces; the first pattern that matches the first text that matches decides.
 *
 * The cervical and thoracic spine patterns carry a second pattern: when the match came from
 * Body Part Examined or the Study Description and the Study Description also names the other
 * spine region, the study covers both, so the series is only `SPINE` (a later pass assigns the
 * level by table position, §1.4.7).
 */
import { pythonPattern } from './python-regex.js';

interface BodyPartPattern {
  readonly source: string;
  readonly pattern: RegExp;
  readonly bodyPart: string;
  /** When the match is not in the description and the Study Description matches this: SPINE. */
  readonly bothRegions?: { readonly source: string; readonly pattern: RegExp };
}

const rule = (source: string, bodyPart: string, bothRegions?: string): BodyPartPattern => ({
  source,
  pattern: pythonPattern(source),
  bodyPart,
  ...(bothRegions === undefined
    ? {}
    : { bothRegions: { source: bothRegions, pattern: pythonPattern(bothRegions) } }),
});

/**
 * Built on first use: compiling these ~25 Unicode-aware expressions took ~1 ms of every
 * command's start, conversions that never name a body part included.
 */
let bodyPartPatterns: readonly BodyPartPattern[] | undefined;

const patternRules = (): readonly BodyPartPattern[] => [
  rule('(brain|^br_|head)', 'BRAIN'),
  rule('(chest|thorax|lung|pulm)', 'CHEST'),
  rule('(abdomen|abdom|liver|kidney|pancrea)', 'ABDOMEN'),
  rule('(pelvis|pelvic)', 'PELVIS'),
  rule('ct[ -]?spine', 'SPINE'),
  rule('(?<!\\w)(cerv|c[ -]?sp|c.?spine|msma)', 'CSPINE', '(?<!\\w)(thor|t[ -]?sp|t.?spine)'),
  rule('(?<!\\w)(thor|t[ -]?sp|t.?spine)', 'TSPINE', '(?<!\\w)(cerv|(?<!ci)c[ -]?sp|(?<!ci)c.?spine)'),
  rule('(?<!\\w)(lumb|l[ -]?sp|l.?spine)', 'LSPINE'),
  rule('(\\sc.?tl?(?:\\s+|$)|^sp_|t1.ax.vibe|t1.vibe.tra|ax.t1.vibe)', 'SPINE'),
  rule('(orbit|^on_)', 'ORBITS'),
  rule('spine', 'SPINE'),
];

export interface BodyPartMatch {
  readonly bodyPart: string;
  /** e.g. `SeriesDescription matches (brain|^br_|head)`. */
  readonly rule: string;
  readonly evidence: Readonly<Record<string, string | null>>;
}

/** The texts searched, with the names `--explain` gives them. */
export interface BodyPartTexts {
  /** Lower-case, a leading `wip` removed. */
  readonly description: string;
  readonly bodyPartExamined: string | null;
  readonly studyDescription: string | null;
}

/** The body part the texts name, or UNK. */
export function bodyPartByPattern(texts: BodyPartTexts): BodyPartMatch {
  const studyDescription = (texts.studyDescription ?? '').toLowerCase().replaceAll(' ', '');
  const searched: readonly [string, string, string | null][] = [
    ['SeriesDescription', texts.description, texts.description],
    ['BodyPartExamined', (texts.bodyPartExamined ?? '').toLowerCase(), texts.bodyPartExamined],
    ['StudyDescription', studyDescription, texts.studyDescription],
  ];
  bodyPartPatterns ??= patternRules();
  const patterns = bodyPartPatterns;
  for (const [index, [attribute, text, original]] of searched.entries()) {
    const found = patterns.find((candidate) => candidate.pattern.test(text));
    if (found === undefined) continue;
    const evidence: Record<string, string | null> = { [attribute]: original };
    if (index > 0 && found.bothRegions?.pattern.test(studyDescription)) {
      evidence.StudyDescription = texts.studyDescription;
      return {
        bodyPart: 'SPINE',
        rule: `${attribute} matches ${found.source} (${found.bodyPart}) but StudyDescription also matches ${found.bothRegions.source}`,
        evidence,
      };
    }
    return { bodyPart: found.bodyPart, rule: `${attribute} matches ${found.source}`, evidence };
  }
  return {
    bodyPart: 'UNK',
    rule: 'no body-part pattern matches SeriesDescription, BodyPartExamined or StudyDescription',
    evidence: {
      SeriesDescription: texts.description,
      BodyPartExamined: texts.bodyPartExamined,
      StudyDescription: texts.studyDescription,
    },
  };
}
