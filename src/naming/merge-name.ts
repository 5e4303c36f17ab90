/**
 * The name of a series from its three sources (seed-features.md §1.4.6 "Merge rule", R18–R19):
 * per field the manual name, else the LUT, else the automatic prediction, else `UNK`, upper-cased.
 *
 * - The automatic rules run only when both the manual name and the LUT leave a field unset.
 * - `false` from either (or a naming skip rule of the prediction) means "do not convert"; then
 *   RADIFOX records none of the three lists, and neither does this.
 * - The modality `ME` in any list is a placeholder decided by the echo time: with a spin-echo
 *   technique PD if TE < 30 ms else T2; otherwise T1 if TE < 15 ms else T2STAR.
 * - Fields past the sixth are extras and are kept (a list may be longer than six).
 *
 * Where radkit differs, because RADIFOX fails or writes a broken name:
 * - `ME` where the same list has no technique: RADIFOX stops with an AttributeError (§1.11 item 8);
 *   radkit decides by the technique the name will have (manual, else LUT, else predicted).
 * - `ME` without an EchoTime: RADIFOX stops with a TypeError; radkit leaves the modality `UNK`.
 * - A manual list shorter than six fields: RADIFOX treats the missing fields as set, so nothing
 *   is predicted and they become `UNK`; radkit pads the list with nulls, as it pads LUT names.
 * - Manual fields are matched to `ME` and upper-cased regardless of their case.
 */
import { type Prediction, predictName } from './automatic-name.js';
import { typeFields } from './image-name.js';
import type { NameParts, SeriesInfo } from './series-info.js';

export type NameSource = 'manual' | 'lookup' | 'predicted' | 'default';

export interface MergedName {
  /** The record, with the ComplexImageComponent a prediction rule set (Siemens SWI series). */
  readonly info: SeriesInfo;
  /** The name fields (six, then extras), upper-case; false when the series is not converted. */
  readonly parts: readonly string[] | false;
  /** Why the series is not converted, or null. */
  readonly skip: string | null;
  /** `ManualName`, `LookupName`, `PredictedName` as RADIFOX records them (`ME` resolved). */
  readonly manual: NameParts | null;
  readonly lookup: NameParts | null;
  readonly predicted: NameParts | null;
  /** Where each field of `parts` came from. */
  readonly sources: readonly NameSource[];
  /** The automatic prediction with its reasons, when it ran. */
  readonly prediction: Prediction | null;
  /** One line per decision, for `--explain`. */
  readonly explanation: readonly string[];
}

const unset: NameParts = [null, null, null, null, null, null];

function padded(parts: NameParts): (string | null)[] {
  const out = [...parts];
  while (out.length < 6) out.push(null);
  return out;
}

/** `ME`: the modality that the echo time and the technique imply, or null without an echo time. */
function echoModality(technique: string, echoTime: number | null): string | null {
  if (echoTime === null) return null;
  if (technique.endsWith('SE')) return echoTime < 30 ? 'PD' : 'T2';
  return echoTime < 15 ? 'T1' : 'T2STAR';
}

function notConverted(
  info: SeriesInfo,
  skip: string,
  prediction: Prediction | null,
  explanation: string[],
): MergedName {
  explanation.push(`not converted: ${skip}`);
  return {
    info,
    parts: false,
    skip,
    manual: null,
    lookup: null,
    predicted: null,
    sources: [],
    prediction,
    explanation,
  };
}

function fieldLabel(index: number): string {
  return typeFields[index] ?? `extra ${index - 5}`;
}

/**
 * Merge a manual name (null when the ManualNaming file has none for the series), a LUT result
 * (null without a LUT) and, when needed, the automatic prediction (`predict`, by default
 * `predictName`).
 */
export function mergeName(
  manual: NameParts | false | null,
  lookup: NameParts | false | null,
  info: SeriesInfo,
  predict: (info: SeriesInfo) => Prediction = predictName,
): MergedName {
  const explanation: string[] = [];
  if (manual === false) return notConverted(info, 'the manual name says false', null, explanation);
  if (lookup === false)
    return notConverted(info, `the LUT row for '${info.SeriesDescription}' says False`, null, explanation);
  const manualList = padded(manual ?? unset);
  const lookupList = padded(lookup ?? unset);

  let prediction: Prediction | null = null;
  let predictedList: (string | null)[] = [...unset];
  let record = info;
  if (manualList.includes(null) && lookupList.includes(null)) {
    prediction = predict(info);
    if (prediction.complexImageComponent !== null) {
      record = { ...info, ComplexImageComponent: prediction.complexImageComponent };
      explanation.push(
        `ComplexImageComponent ${prediction.complexImageComponent}: from SeriesDescription ${info.SeriesDescription}`,
      );
    }
    if (prediction.skip !== null) return notConverted(record, prediction.skip, prediction, explanation);
    predictedList = [...prediction.parts];
  }

  const lists: readonly [NameSource, (string | null)[]][] = [
    ['manual', manualList],
    ['lookup', lookupList],
    ['predicted', predictedList],
  ];
  const length = Math.max(...lists.map(([, list]) => list.length));
  const pick = (index: number): [NameSource, string | null] => {
    for (const [source, list] of lists) {
      const value = list[index];
      if (value !== null && value !== undefined) return [source, value];
    }
    return ['default', null];
  };
  const mergedTechnique = pick(2)[1];
  for (const [source, list] of lists) {
    if (list[1]?.toUpperCase() !== 'ME') continue;
    const technique = (list[2] ?? mergedTechnique ?? 'UNK').toUpperCase();
    const resolved = echoModality(technique, record.EchoTime);
    list[1] = resolved ?? 'UNK';
    explanation.push(
      resolved === null
        ? `modality ME (${source}): no EchoTime to decide by, UNK`
        : `modality ME (${source}) → ${resolved}: technique ${technique}, EchoTime ${record.EchoTime}`,
    );
  }

  const parts: string[] = [];
  const sources: NameSource[] = [];
  for (let index = 0; index < length; index++) {
    const [source, value] = pick(index);
    const field = (value ?? 'UNK').toUpperCase();
    parts.push(field);
    sources.push(source);
    const why =
      source === 'manual'
        ? 'manual name'
        : source === 'lookup'
          ? `LUT row for '${info.SeriesDescription}'`
          : source === 'predicted'
            ? `predicted: ${prediction?.explain[index]?.rule ?? 'automatic rules'}`
            : 'no source sets it';
    explanation.push(`${fieldLabel(index)} ${field}: ${why}`);
  }
  return {
    info: record,
    parts,
    skip: null,
    manual: manualList,
    lookup: lookupList,
    predicted: predictedList,
    sources,
    prediction,
    explanation,
  };
}
