/**
 * The images of a series repeat most of their records' values: the Series Instance UID, Image
 * Type, pixel format, orientation, pixel spacing, rescale, echo and repetition times. Made from
 * each file's header, every record held its own copies: 1.1 KiB of JS heap per record, 111 MiB
 * after the header pass of 100,000 small MR files (500 series), and V8 then sized the heap at
 * twice that. Sharing each value between records brought that to 0.62 KiB, of which the record
 * object itself, 32 fields, was 280 bytes.
 *
 * Here a record keeps only what is its own (file and frame, position, instance number, times,
 * diffusion…) and refers to one `SeriesValues` object for the rest, which every record of the
 * series with the same values shares: 128 bytes a record. Records are read-only (`ImageRecord`),
 * so sharing is safe. The shared values are getters on the record's class, so they are not own
 * properties: `{ ...record }` would drop them; `toJSON` lists them all.
 */
import type { ImageRecord } from './image-record.js';

/**
 * Which of a record's values are its image's own, and which its series usually repeats, in the
 * key order of the records made from headers (`commonAttributes`), which `toJSON` keeps.
 */
const keyKinds = {
  source: 'image',
  seriesInstanceUID: 'series',
  bucket: 'series',
  stackable: 'series',
  seriesNumber: 'series',
  instanceNumber: 'image',
  acquisitionNumber: 'image',
  sopInstanceUID: 'image',
  rows: 'series',
  columns: 'series',
  orientation: 'series',
  position: 'image',
  pixelSpacing: 'series',
  sliceThickness: 'series',
  spacingBetweenSlices: 'series',
  echoTime: 'series',
  echoNumber: 'series',
  repetitionTime: 'series',
  inversionTime: 'series',
  flipAngle: 'series',
  imageType: 'series',
  complexComponent: 'series',
  acquisitionTime: 'image',
  triggerTime: 'image',
  temporalPositionIdentifier: 'image',
  petFrame: 'image',
  rescale: 'series',
  pixelFormat: 'series',
  diffusion: 'image',
  segment: 'image',
  orderValue: 'image',
  dimensionOrder: 'image',
  sliceDirection: 'series',
  overlays: 'image',
  mosaicSliceTiming: 'image',
} as const satisfies Record<keyof ImageRecord, 'image' | 'series'>;

type SeriesKey = {
  [K in keyof typeof keyKinds]: (typeof keyKinds)[K] extends 'series' ? K : never;
}[keyof typeof keyKinds];

/** The values of a record that its series' other images usually have too. */
export type SeriesValues = Pick<ImageRecord, SeriesKey>;

const seriesKeys = (Object.keys(keyKinds) as (keyof ImageRecord)[]).filter(
  (key): key is SeriesKey => keyKinds[key] === 'series',
);

/** An `ImageRecord` whose series values live in a `SeriesValues` shared with other records. */
class SharingRecord implements ImageRecord {
  readonly source: ImageRecord['source'];
  readonly instanceNumber: number | undefined;
  readonly acquisitionNumber: number | undefined;
  readonly sopInstanceUID: string | undefined;
  readonly position: ImageRecord['position'];
  readonly acquisitionTime: number | undefined;
  readonly triggerTime: number | undefined;
  readonly temporalPositionIdentifier: number | undefined;
  readonly petFrame: ImageRecord['petFrame'];
  readonly segment: number | undefined;
  readonly orderValue: number | undefined;
  readonly dimensionOrder: ImageRecord['dimensionOrder'];
  readonly diffusion: ImageRecord['diffusion'];
  readonly overlays: ImageRecord['overlays'];
  readonly mosaicSliceTiming: ImageRecord['mosaicSliceTiming'];
  readonly #series: SeriesValues;

  constructor(record: ImageRecord, series: SeriesValues) {
    this.source = record.source;
    this.instanceNumber = record.instanceNumber;
    this.acquisitionNumber = record.acquisitionNumber;
    this.sopInstanceUID = record.sopInstanceUID;
    this.position = record.position;
    this.acquisitionTime = record.acquisitionTime;
    this.triggerTime = record.triggerTime;
    this.temporalPositionIdentifier = record.temporalPositionIdentifier;
    this.petFrame = record.petFrame;
    this.segment = record.segment;
    this.orderValue = record.orderValue;
    this.dimensionOrder = record.dimensionOrder;
    this.diffusion = record.diffusion;
    this.overlays = record.overlays;
    this.mosaicSliceTiming = record.mosaicSliceTiming;
    this.#series = series;
  }

  get seriesInstanceUID() {
    return this.#series.seriesInstanceUID;
  }
  get bucket() {
    return this.#series.bucket;
  }
  get stackable() {
    return this.#series.stackable;
  }
  get seriesNumber() {
    return this.#series.seriesNumber;
  }
  get rows() {
    return this.#series.rows;
  }
  get columns() {
    return this.#series.columns;
  }
  get orientation() {
    return this.#series.orientation;
  }
  get pixelSpacing() {
    return this.#series.pixelSpacing;
  }
  get sliceThickness() {
    return this.#series.sliceThickness;
  }
  get spacingBetweenSlices() {
    return this.#series.spacingBetweenSlices;
  }
  get echoTime() {
    return this.#series.echoTime;
  }
  get echoNumber() {
    return this.#series.echoNumber;
  }
  get repetitionTime() {
    return this.#series.repetitionTime;
  }
  get inversionTime() {
    return this.#series.inversionTime;
  }
  get flipAngle() {
    return this.#series.flipAngle;
  }
  get imageType() {
    return this.#series.imageType;
  }
  get complexComponent() {
    return this.#series.complexComponent;
  }
  get pixelFormat() {
    return this.#series.pixelFormat;
  }
  get sliceDirection() {
    return this.#series.sliceDirection;
  }
  get rescale() {
    return this.#series.rescale;
  }

  /** Every value, own and shared, in the records' key order, for JSON (a spread sees only the own ones). */
  toJSON(): ImageRecord {
    const plain: Record<string, unknown> = {};
    for (const key of Object.keys(keyKinds) as (keyof ImageRecord)[]) plain[key] = this[key];
    return plain as unknown as ImageRecord;
  }
}

/**
 * Whether a record may read `b` where it was made with `a`: the same value, arrays and rescale
 * compared by their numbers. `Object.is`, so that -0 stays -0 and a NaN finds its like.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!Object.is(a[index], b[index])) return false;
    return true;
  }
  // Rescale is the only other object among the series values.
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const [x, y] = [a as ImageRecord['rescale'], b as ImageRecord['rescale']];
    return Object.is(x.slope, y.slope) && Object.is(x.intercept, y.intercept);
  }
  return false;
}

/**
 * How many different `SeriesValues` are looked at for each record: images of series listed
 * interleaved (a folder whose names sort across series, echoes or magnitude and phase taking
 * turns) find theirs among the recent ones.
 */
const recentLimit = 8;

/**
 * Makes records that share their series values, in the order given. A record whose series values
 * equal those of one of the last few different ones made refers to those; otherwise it gets new
 * ones, whose strings come from a table of those seen and whose arrays are the latest equal ones.
 */
export class SharedRecordValues {
  readonly #strings = new Map<string, string>();
  /** The latest different SeriesValues, most recent first. */
  readonly #recent: SeriesValues[] = [];

  #string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }

  #seriesValues(record: ImageRecord): SeriesValues {
    const recent = this.#recent;
    for (let index = 0; index < recent.length; index++) {
      const candidate = recent[index]!;
      if (seriesKeys.every((key) => sameValue(candidate[key], record[key]))) {
        if (index > 0) recent.unshift(...recent.splice(index, 1));
        return candidate;
      }
    }
    const values: Record<string, unknown> = {};
    for (const key of seriesKeys) {
      const value = record[key];
      const equal = recent.find((other) => sameValue(other[key], value));
      values[key] =
        equal !== undefined
          ? equal[key]
          : typeof value === 'string'
            ? this.#string(value)
            : key === 'imageType'
              ? record.imageType.map((type) => this.#string(type))
              : value;
    }
    const made = values as unknown as SeriesValues;
    recent.unshift(made);
    if (recent.length > recentLimit) recent.pop();
    return made;
  }

  /** `record`, with the values its series repeats shared with the records before it. */
  share(record: ImageRecord): ImageRecord {
    return new SharingRecord(record, this.#seriesValues(record));
  }
}
