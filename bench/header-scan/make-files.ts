/**
 * Make the benchmark's input: N copies of the corpus's DICOM files, each with new UIDs.
 *
 * Without a DICOM writer (Step 5), a copy gets new UIDs by overwriting the trailing digits of
 * its SOP Instance UID (0008,0018), Series Instance UID (0020,000E), Study Instance UID
 * (0020,000D) and the file meta's Media Storage SOP Instance UID (0002,0003) in place, with a
 * counter of the same width: lengths and offsets stay valid, every file is unique.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, readDicom } from '../../dist/dicom/index.js';
import { inflateRaw, readWholeFile } from '../../dist/sources/index.js';

const uidTags = [0x00020003, 0x00080018, 0x0020000d, 0x0020000e];

interface Template {
  readonly bytes: Uint8Array;
  /** [offset, length] of each UID value to rewrite. */
  readonly uids: readonly (readonly [number, number])[];
}

function uidPlaces(dataset: Dataset): [number, number][] {
  const places: [number, number][] = [];
  for (const tag of uidTags) {
    const element = dataset.get(tag);
    if (element === undefined || element.valueOffset < 0) continue;
    let length = element.valueLength;
    // Leave the padding NUL alone.
    if (length > 0 && (element.values[0] as string).length < length)
      length = (element.values[0] as string).length;
    if (length >= 12) places.push([element.valueOffset, length]);
  }
  return places;
}

/** Templates from corpus files that radkit reads without deflate (whose bytes we can patch). */
export function templatesFrom(paths: readonly string[]): Template[] {
  const templates: Template[] = [];
  for (const path of paths) {
    try {
      const bytes = readWholeFile(path);
      const file = readDicom(bytes, { inflateRaw });
      // Part 10 files only, so that pydicom reads every copy without force=True.
      if (file.preamble === undefined || file.transferSyntax.deflated) continue;
      if (file.issues.some((issue) => issue.severity === 'error')) continue;
      const uids = [...uidPlaces(file.meta), ...uidPlaces(file.dataset)];
      if (uids.length >= 2) templates.push({ bytes, uids });
    } catch {
      // Not DICOM: not a template.
    }
  }
  return templates;
}

/** Write `count` copies (cycling through the templates) into `folder`; returns their paths. */
export function writeCopies(templates: readonly Template[], count: number, folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  const paths: string[] = [];
  for (let index = 0; index < count; index++) {
    const template = templates[index % templates.length]!;
    const bytes = template.bytes.slice();
    const digits = String(index).padStart(8, '0');
    for (const [offset, length] of template.uids) {
      for (let k = 0; k < digits.length; k++)
        bytes[offset + length - digits.length + k] = digits.charCodeAt(k);
      // A UID component may not start with 0 (PS3.5 §9.1): keep a leading 9.
      bytes[offset + length - digits.length - 1] = 0x39;
      bytes[offset + length - digits.length - 2] = 0x2e;
    }
    const path = join(folder, `${String(index).padStart(6, '0')}.dcm`);
    writeFileSync(path, bytes);
    paths.push(path);
  }
  return paths;
}
