/**
 * The two JSON documents RADIFOX writes per session (seed-features.md §1.4.9): the sidecar of
 * each converted image, `nii/<NiftiName>.json` (run facts + that series' `SeriesInfo`), and
 * `<prefix>_UnconvertedInfo.json` (run facts + `SeriesList`, every series, the unconverted
 * first). Same keys, same nesting, same text layout as radifox-convert's, so tools that read
 * RADIFOX libraries read radkit's.
 *
 * Deliberate difference: `ConversionSoftwareVersions` and `__version__` name radkit (the
 * converter that made the NIfTI), where RADIFOX names dcm2niix and radifox.
 */
import {
  floatKeys,
  mrOnlyKeys,
  type NameParts,
  type SeriesInfo,
  type SeriesNaming,
} from '../naming/index.js';
import { formatRadifoxJson, OneLine, PyFloat } from './radifox-json.js';

export type SeriesRecord = SeriesInfo & SeriesNaming;

export interface RunFacts {
  readonly software: { readonly name: string; readonly version: string };
  readonly extras: readonly string[];
  readonly forceDerived: boolean;
  readonly inputHash: string;
  /** `{institution: {description: name}}`, the LUT rows that applied to this project/site. */
  readonly lookupDict: Readonly<Record<string, Readonly<Record<string, string | false>>>>;
  readonly manualNames: Readonly<Record<string, NameParts | false>>;
  readonly metadata: {
    readonly ProjectID: string;
    readonly SubjectID: string;
    readonly SessionID: string;
    readonly SiteID: string | null;
    readonly _NoProjectSubdir: boolean;
  };
}

const floatKeySet: ReadonlySet<string> = new Set(floatKeys);

function encoded(key: string, value: unknown): unknown {
  if (!floatKeySet.has(key)) return value;
  if (typeof value === 'number') return new PyFloat(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'number' ? new PyFloat(item) : item));
  return value;
}

const mrOnly: ReadonlySet<string> = new Set(mrOnlyKeys);

/**
 * A series' record with every value on one line, floats printed as Python prints them; a CT
 * record without the MR-only keys, which RADIFOX does not record for CT (§1.4.3).
 */
function seriesObject(series: SeriesRecord): Record<string, OneLine> {
  const out: Record<string, OneLine> = {};
  for (const [key, value] of Object.entries(series)) {
    if (series.Modality === 'CT' && mrOnly.has(key)) continue;
    if (value !== undefined) out[key] = new OneLine(encoded(key, value));
  }
  return out;
}

function runObject(run: RunFacts): Record<string, unknown> {
  const versions = { [run.software.name]: run.software.version };
  return {
    ConversionSoftwareVersions: versions,
    Extras: [...run.extras],
    ForceDerived: run.forceDerived,
    InputHash: run.inputHash,
    LookupTable: { LookupDict: run.lookupDict },
    ManualNames: Object.fromEntries(
      Object.entries(run.manualNames).map(([key, value]) => [
        key,
        value === false ? false : new OneLine(value),
      ]),
    ),
    Metadata: run.metadata,
    RemoveIdentifiers: false,
    __version__: versions,
  };
}

export function sidecarDocument(run: RunFacts, series: SeriesRecord): string {
  return formatRadifoxJson({ ...runObject(run), SeriesInfo: seriesObject(series) });
}

/**
 * The series without a NIfTI: those meant to be converted (ConvertImage, the conversion failed)
 * first, then by (StudyUID, SeriesNumber, SeriesUID), as RADIFOX lists them.
 */
export function unconvertedInfoDocument(run: RunFacts, series: readonly SeriesRecord[]): string {
  const key = (s: SeriesRecord) =>
    [s.ConvertImage ? 0 : 1, s.StudyUID ?? '', s.SeriesNumber ?? -1, s.SeriesUID] as const;
  const ordered = series
    .filter((s) => !s.NiftiCreated)
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      for (let n = 0; n < x.length; n++) if (x[n] !== y[n]) return x[n]! < y[n]! ? -1 : 1;
      return 0;
    });
  return formatRadifoxJson({ ...runObject(run), SeriesList: ordered.map(seriesObject) });
}
