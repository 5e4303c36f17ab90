/**
 * The DICOM JSON Model (PS3.18 §F.2): the form in which radkit hands datasets across every
 * boundary (`radkit dump --json`, the HTTP API, fixtures).
 *
 * Per PS3.18 §F.2.2–F.2.7: keys are `ggggeeee`; PN values are objects with Alphabetic,
 * Ideographic and Phonetic component groups; IS and DS are numbers; AT values are `ggggeeee`
 * strings; sequences nest; binary values are base64 InlineBinary (or a BulkDataURI from a
 * handler). Choices where PS3.18 leaves room follow pydicom 2.3's `to_json_dict`, so the two can
 * be compared element by element; departures are listed in docs/dicom-json.md.
 */
import { encodeBase64 } from './base64.js';
import type { DataElement } from './data-element.js';
import type { Dataset } from './dataset.js';
import { formatTagKey } from './tag.js';
import { valueKind } from './vr.js';

export type JsonValue = string | number | null | JsonPersonName | JsonDataset;
export interface JsonPersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}
export interface JsonElement {
  vr: string;
  Value?: JsonValue[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
export type JsonDataset = { [tagKey: string]: JsonElement };

export interface JsonModelOptions {
  /**
   * Called for binary values longer than `bulkDataThreshold` bytes; returns the URI to emit as
   * BulkDataURI instead of InlineBinary.
   */
  readonly bulkDataUri?: (element: DataElement, path: readonly number[]) => string;
  /** Byte length above which `bulkDataUri` is used (default 1024). */
  readonly bulkDataThreshold?: number;
}

/** A PN value's component groups, split at '=' (PS3.5 §6.2.1.1), as PS3.18 §F.2.2 names them. */
export function personNameGroups(value: string): JsonPersonName {
  const [alphabetic = '', ideographic, phonetic] = value.split('=');
  const groups: JsonPersonName = { Alphabetic: alphabetic };
  if (ideographic !== undefined) groups.Ideographic = ideographic;
  if (phonetic !== undefined) groups.Phonetic = phonetic;
  return groups;
}

function numberFromText(text: string): number | null {
  // An empty value inside a multi-valued DS/IS is null (PS3.18 §F.2.5).
  if (text.trim() === '') return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

function finiteOrNull(value: number): number | null {
  // JSON has no NaN or infinities; PS3.18 gives no spelling for them.
  return Number.isFinite(value) ? value : null;
}

/** The bytes an encapsulated Pixel Data value holds: its items re-encoded (PS3.5 §A.4). */
function encapsulatedBytes(fragments: readonly Uint8Array[]): Uint8Array {
  const total = fragments.reduce((sum, fragment) => sum + 8 + fragment.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const fragment of fragments) {
    view.setUint32(at, 0xe000fffe, true);
    view.setUint32(at + 4, fragment.length, true);
    out.set(fragment, at + 8);
    at += 8 + fragment.length;
  }
  return out;
}

function elementToJson(
  element: DataElement,
  options: JsonModelOptions,
  path: readonly number[],
): JsonElement {
  const json: JsonElement = { vr: element.vr };
  const values = element.values;
  switch (valueKind(element.vr)) {
    case 'sequence':
      json.Value = values.map((item, index) =>
        datasetToJsonModel(item as Dataset, options, [...path, element.tag, index]),
      );
      return json;
    case 'bytes': {
      if (values.length === 0) return json;
      const bytes = element.encapsulated
        ? encapsulatedBytes(values as Uint8Array[])
        : (values[0] as Uint8Array);
      if (bytes.length === 0) return json;
      if (options.bulkDataUri !== undefined && bytes.length > (options.bulkDataThreshold ?? 1024)) {
        json.BulkDataURI = options.bulkDataUri(element, path);
      } else {
        json.InlineBinary = encodeBase64(bytes);
      }
      return json;
    }
    default:
      break;
  }
  if (values.length === 0) return json;
  if (element.vr === 'PN') {
    json.Value = values.map((value) => personNameGroups(value as string));
  } else if (element.vr === 'AT') {
    json.Value = values.map((value) => formatTagKey(value as number));
  } else if (element.vr === 'DS' || element.vr === 'IS') {
    json.Value = values.map((value) => numberFromText(value as string));
  } else if (element.vr === 'SV' || element.vr === 'UV') {
    // Beyond 2^53 a JSON number loses digits; those values are given as decimal strings.
    json.Value = values.map((value) => {
      const big = value as bigint;
      return Number.isSafeInteger(Number(big)) ? Number(big) : big.toString();
    });
  } else if (typeof values[0] === 'number') {
    json.Value = values.map((value) => finiteOrNull(value as number));
  } else {
    json.Value = values.map((value) => value as string);
  }
  return json;
}

/** A dataset in the DICOM JSON Model (PS3.18 §F.2). */
export function datasetToJsonModel(
  dataset: Dataset,
  options: JsonModelOptions = {},
  path: readonly number[] = [],
): JsonDataset {
  const json: JsonDataset = {};
  for (const element of dataset) json[formatTagKey(element.tag)] = elementToJson(element, options, path);
  return json;
}
