/**
 * A dcmdump-like text rendering of a dataset: one line per element with tag, VR, value, length,
 * VM and keyword; sequence items indented below their sequence. Meant for people and diffs, not
 * for parsing (that is what the DICOM JSON model is for).
 */
import type { DataElement } from './data-element.js';
import type { Dataset } from './dataset.js';
import { elementDefinition, privateElementDefinition, uidDefinition } from './dictionary/index.js';
import { formatTag, isPrivateCreatorTag, isPrivateTag, privateCreatorTagFor } from './tag.js';
import { valueKind } from './vr.js';

export interface DumpTextOptions {
  /** Values longer than this many characters are cut with '...' (default 64, like dcmdump). */
  readonly maxValueLength?: number;
}

function label(element: DataElement, dataset: Dataset): string {
  if (isPrivateTag(element.tag)) {
    if (isPrivateCreatorTag(element.tag)) return 'PrivateCreator';
    const creator = dataset.get(privateCreatorTagFor(element.tag))?.values[0];
    if (typeof creator !== 'string') return 'Unknown Tag & Data';
    const definition = privateElementDefinition(element.tag, creator);
    return definition === undefined ? `Private ${creator}` : `${definition.name} [${creator}]`;
  }
  return elementDefinition(element.tag)?.keyword || 'Unknown Tag & Data';
}

function hexBytes(bytes: Uint8Array, limit: number): string {
  const shown = Array.from(bytes.subarray(0, limit), (byte) => byte.toString(16).padStart(2, '0'));
  return shown.join('\\') + (bytes.length > limit ? '\\...' : '');
}

function renderValue(element: DataElement, max: number): string {
  const values = element.values;
  if (values.length === 0) return '(no value available)';
  switch (valueKind(element.vr)) {
    case 'sequence':
      return `(Sequence with ${element.valueLength === 0xffffffff ? 'undefined' : 'explicit'} length #=${values.length})`;
    case 'bytes':
      if (element.encapsulated) return `(PixelSequence #=${values.length})`;
      return hexBytes(values[0] as Uint8Array, Math.ceil(max / 3));
    case 'string': {
      const text = values.join('\\');
      const named = element.vr === 'UI' && values.length === 1 ? uidDefinition(text)?.name : undefined;
      if (named !== undefined) return `=${named}`;
      return `[${text.length > max ? `${text.slice(0, max)}...` : text}]`;
    }
    case 'tag':
      return values.map((value) => formatTag(value as number)).join('\\');
    default: {
      const text = values.map(String).join('\\');
      return text.length > max ? `${text.slice(0, max)}...` : text;
    }
  }
}

function lengthOf(element: DataElement): string {
  if (element.valueLength === 0xffffffff) return 'u/l';
  if (element.valueLength >= 0) return String(element.valueLength);
  return '?';
}

function renderDataset(dataset: Dataset, depth: number, max: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const element of dataset) {
    const head = `${indent}${formatTag(element.tag)} ${element.vr} ${renderValue(element, max)}`;
    const tail = `# ${lengthOf(element).padStart(4)}, ${element.values.length} ${label(element, dataset)}`;
    lines.push(`${head.padEnd(Math.max(head.length + 1, 56))}${tail}`);
    if (element.vr === 'SQ') {
      element.values.forEach((item, index) => {
        lines.push(`${indent}  (FFFE,E000) item ${index + 1}`);
        renderDataset(item as Dataset, depth + 2, max, lines);
      });
    } else if (element.encapsulated) {
      element.values.forEach((fragment, index) => {
        const bytes = fragment as Uint8Array;
        const what = index === 0 ? 'Basic Offset Table' : `fragment ${index}`;
        lines.push(
          `${indent}  (FFFE,E000) pi ${bytes.length === 0 ? '(empty)' : hexBytes(bytes, 8)}`.padEnd(56) +
            `# ${String(bytes.length).padStart(4)}, 1 ${what}`,
        );
      });
    }
  }
}

/** The text dump of `dataset`, one element per line. */
export function formatDatasetText(dataset: Dataset, options: DumpTextOptions = {}): string {
  const lines: string[] = [];
  renderDataset(dataset, 0, options.maxValueLength ?? 64, lines);
  return lines.join('\n');
}
