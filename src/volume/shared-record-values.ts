/**
 * The images of a series repeat most of their records' values: the Series Instance UID, Image
 * Type, pixel format, orientation, pixel spacing, rescale. Made from each file's header, every
 * record held its own copies: 1.1 KiB of JS heap per record, 111 MiB after the header pass of
 * 100,000 small MR files (500 series), and V8 then sized the heap at twice that. Here each
 * record refers to the values an earlier record already holds instead, so a series keeps one
 * copy of each. Records are read-only (`ImageRecord`), so sharing their values is safe.
 */
import type { ImageRecord } from './image-record.js';

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Shares values between the records given to it, in the order given. Strings are looked up in
 * a table of those seen; arrays and the rescale pair are compared with the last record's only,
 * which is where they repeat when files are read series by series (a folder per series, or one
 * folder whose names sort by series). Interleaved series still share their strings.
 */
export class SharedRecordValues {
  readonly #strings = new Map<string, string>();
  #last: ImageRecord | undefined;

  #string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }

  /** `record`, with its repeated values replaced by the ones already held. */
  share(record: ImageRecord): ImageRecord {
    const last = this.#last;
    // Every key of the record is present, so the spread keeps records at one shape (record-from-dataset.ts).
    const shared: ImageRecord = {
      ...record,
      seriesInstanceUID: this.#string(record.seriesInstanceUID),
      bucket: this.#string(record.bucket),
      pixelFormat: this.#string(record.pixelFormat),
      imageType:
        last !== undefined && sameStrings(last.imageType, record.imageType)
          ? last.imageType
          : record.imageType.map((value) => this.#string(value)),
      orientation:
        last !== undefined && sameNumbers(last.orientation, record.orientation)
          ? last.orientation
          : record.orientation,
      pixelSpacing:
        last !== undefined && sameNumbers(last.pixelSpacing, record.pixelSpacing)
          ? last.pixelSpacing
          : record.pixelSpacing,
      sliceDirection:
        last !== undefined && sameNumbers(last.sliceDirection, record.sliceDirection)
          ? last.sliceDirection
          : record.sliceDirection,
      rescale:
        last !== undefined &&
        last.rescale.slope === record.rescale.slope &&
        last.rescale.intercept === record.rescale.intercept
          ? last.rescale
          : record.rescale,
    };
    this.#last = shared;
    return shared;
  }
}
