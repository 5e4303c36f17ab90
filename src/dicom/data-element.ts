/**
 * `DataElement`: one element of a dataset (PS3.5 §7.1), with its values always as an array.
 *
 * Elements read from a file keep a reference to the file's bytes and decode their values on
 * first access: a header scan that needs 30 attributes of 200 decodes 30. Elements made in
 * memory are given their values directly. Either way, `values` is the one representation:
 *
 * | VR | values |
 * |---|---|
 * | AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT | `string` (DS/IS keep their text; accessors parse) |
 * | FL FD SL SS UL US | `number` |
 * | SV UV | `bigint` |
 * | AT | `number` (the tag) |
 * | OB OD OF OL OV OW UN, ambiguous VRs | one `Uint8Array`, little endian (big endian data is swapped) |
 * | SQ | `Dataset` items |
 * | encapsulated Pixel Data | `Uint8Array` items: the Basic Offset Table, then the fragments |
 */
import type { Dataset } from './dataset.js';
import { decodeValues, type ValueSource } from './decode-values.js';
import type { Tag } from './tag.js';
import type { ElementVR } from './vr.js';

export type ElementValue = string | number | bigint | Uint8Array | Dataset;

/** The value field of an element read from a stream, exactly as the stream holds it. */
export interface StoredValue {
  /** The stream the element was read from (its byte order is `source.littleEndian`). */
  readonly source: ValueSource;
  /** Offset of the value field in `source.bytes`. */
  readonly offset: number;
  /** The value field: a view of `source.bytes`, not a copy, in the stream's byte order. */
  readonly bytes: Uint8Array;
}

/** Length of an element whose value ends with a delimiter (PS3.5 §7.1.3). */
export const UndefinedLength = 0xffffffff;

export class DataElement {
  readonly tag: Tag;
  readonly vr: ElementVR;
  /** Byte offset of the value field in the stream it was read from; -1 when made in memory. */
  readonly valueOffset: number;
  /** The value length as encoded; `UndefinedLength` for delimited sequences and encapsulated data. */
  readonly valueLength: number;
  /** True for Pixel Data stored as encapsulated items (PS3.5 §A.4). */
  readonly encapsulated: boolean;
  #values: readonly ElementValue[] | undefined;
  readonly #source: ValueSource | undefined;
  readonly #dataset: Dataset | undefined;

  private constructor(
    tag: Tag,
    vr: ElementVR,
    valueOffset: number,
    valueLength: number,
    encapsulated: boolean,
    values: readonly ElementValue[] | undefined,
    source: ValueSource | undefined,
    dataset: Dataset | undefined,
  ) {
    this.tag = tag;
    this.vr = vr;
    this.valueOffset = valueOffset;
    this.valueLength = valueLength;
    this.encapsulated = encapsulated;
    this.#values = values;
    this.#source = source;
    this.#dataset = dataset;
  }

  /** An element with the given values (see the table above for their types). */
  static fromValues(tag: Tag, vr: ElementVR, values: readonly ElementValue[]): DataElement {
    return new DataElement(tag, vr, -1, -1, false, values, undefined, undefined);
  }

  /**
   * An element read from `source`, decoded on first access with the character sets that
   * `dataset` has when that happens (its (0008,0005), or the parent's).
   */
  static fromSource(
    tag: Tag,
    vr: ElementVR,
    source: ValueSource,
    valueOffset: number,
    valueLength: number,
    dataset: Dataset,
  ): DataElement {
    return new DataElement(tag, vr, valueOffset, valueLength, false, undefined, source, dataset);
  }

  /** A sequence or encapsulated Pixel Data, whose values the reader made while reading it. */
  static fromParsed(
    tag: Tag,
    vr: ElementVR,
    values: readonly ElementValue[],
    placement: { valueOffset: number; valueLength: number; encapsulated: boolean },
  ): DataElement {
    return new DataElement(
      tag,
      vr,
      placement.valueOffset,
      placement.valueLength,
      placement.encapsulated,
      values,
      undefined,
      undefined,
    );
  }

  /**
   * The same element with another VR (used to resolve ambiguous and UN VRs). An element read
   * from a file is decoded afresh with the new VR; one made in memory keeps its values.
   */
  withVR(vr: ElementVR): DataElement {
    const { tag, valueOffset, valueLength, encapsulated } = this;
    const values = this.#source === undefined ? this.#values : undefined;
    return new DataElement(
      tag,
      vr,
      valueOffset,
      valueLength,
      encapsulated,
      values,
      this.#source,
      this.#dataset,
    );
  }

  /**
   * The value field as read, undecoded, for an element read from a stream; undefined for one
   * made in memory, and for sequences and encapsulated Pixel Data (whose values the reader
   * built item by item). A writer copies these bytes for an element nobody changed, so the
   * value goes back exactly as it came: DS text, padding and odd lengths included.
   */
  get storedValue(): StoredValue | undefined {
    const source = this.#source;
    if (source === undefined) return undefined;
    const end = Math.min(this.valueOffset + this.valueLength, source.bytes.length);
    return { source, offset: this.valueOffset, bytes: source.bytes.subarray(this.valueOffset, end) };
  }

  /** The values, always an array (empty for an empty element). */
  get values(): readonly ElementValue[] {
    if (this.#values === undefined) {
      const source = this.#source!;
      const end = Math.min(this.valueOffset + this.valueLength, source.bytes.length);
      this.#values = decodeValues(this, source, source.bytes.subarray(this.valueOffset, end), this.#dataset!);
    }
    return this.#values;
  }

  /** The value multiplicity: how many values the element holds. */
  get vm(): number {
    return this.values.length;
  }
}
