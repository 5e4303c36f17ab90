/**
 * Where Siemens keeps its per-series and per-image private values, by software line:
 * - V-series (VA–VE): CSA headers (0029,xx10/xx20, "SIEMENS CSA HEADER"), plus copies of the
 *   main image values in (0019,xxyy) of "SIEMENS MR HEADER".
 * - X-series classic ("interoperability") files: no CSA; series values in (0021,xxyy) of
 *   "SIEMENS MR SDS 01", image values in (0021,xxyy) of "SIEMENS MR SDI 02", top level.
 * - X-series enhanced files: the same elements inside (0021,xxFE) items of the shared
 *   (series) and per-frame (image) functional groups (Siemens README in dcm2niix, issue 240).
 * Every element is found through its creator's reservation (PACS renumber blocks: issue 435).
 */
import { type Dataset, getItems } from '../../dicom/index.js';
import { findPrivate, latin1, privateItems } from './private-values.js';
import { RecentByBytes } from './recent-by-bytes.js';
import { type Ascconv, type AscconvResult, parseAscconv } from './siemens-ascconv.js';
import { type CsaHeader, csaString, readCsaHeaders } from './siemens-csa.js';
import type { VendorIssue } from './vendor-issue.js';

export const siemensMrHeaderCreator = 'SIEMENS MR HEADER';
export const siemensSeriesCreator = 'SIEMENS MR SDS 01';
export const siemensImageCreator = 'SIEMENS MR SDI 02';

/** The Siemens private sources of one file. */
export interface SiemensSources {
  /** The file's top-level dataset. */
  readonly dataset: Dataset;
  readonly csaImage: CsaHeader | undefined;
  readonly csaSeries: CsaHeader | undefined;
  /** The ASCCONV protocol, from the CSA series header or the XA MrPhoenixProtocol element. */
  readonly protocol: Ascconv | undefined;
  /** Datasets that may hold "SIEMENS MR SDS 01" elements, most specific first. */
  readonly seriesDatasets: readonly Dataset[];
  /** Datasets that may hold "SIEMENS MR SDI 02" / "SIEMENS MR HEADER" elements for the first frame. */
  readonly imageDatasets: readonly Dataset[];
  readonly issues: VendorIssue[];
}

/** The X-series (0021,xxFE) items of `creator` inside a functional-group item, then the item itself. */
function withShadowItems(item: Dataset, creator: string): Dataset[] {
  return [...privateItems(item, creator, 0x0021, 0xfe), item];
}

/** The per-frame datasets that may hold image ("SDI 02") elements for frame `index` (0-based). */
export function siemensFrameDatasets(dataset: Dataset, index: number): Dataset[] {
  const frame = getItems(dataset, 'PerFrameFunctionalGroupsSequence')[index];
  if (frame === undefined) return [];
  const frameType = getItems(frame, 'MRImageFrameTypeSequence');
  return [...withShadowItems(frame, siemensImageCreator), ...frameType];
}

/**
 * Parsed protocols by text. Every file of a series carries the same protocol, and conversion
 * reads it once per output and once per mosaic file: ~1 ms of parsing each time for an XA
 * protocol. Results are immutable, so they are shared; the last few are kept.
 */
const recentProtocols = new Map<string, AscconvResult>();
const recentProtocolLimit = 16;

function parseProtocol(text: string): AscconvResult {
  let parsed = recentProtocols.get(text);
  if (parsed === undefined) {
    parsed = parseAscconv(text);
    if (recentProtocols.size >= recentProtocolLimit)
      recentProtocols.delete(recentProtocols.keys().next().value!);
    recentProtocols.set(text, parsed);
  }
  return parsed;
}

/** Parsed protocols by their bytes (X-series files keep the protocol as OB/UN bytes). */
const recentProtocolBytes = new RecentByBytes<AscconvResult>(recentProtocolLimit);

/** Gather the CSA headers, the protocol and the X-series private datasets of one file. */
export function siemensSources(dataset: Dataset): SiemensSources {
  const csa = readCsaHeaders(dataset);
  const issues = [...csa.issues];
  const shared = getItems(dataset, 'SharedFunctionalGroupsSequence')[0];
  const seriesDatasets = [
    dataset,
    ...(shared === undefined ? [] : withShadowItems(shared, siemensSeriesCreator)),
  ];
  const imageDatasets = [dataset, ...siemensFrameDatasets(dataset, 0)];
  const protocolText = csaString(csa.series, 'MrPhoenixProtocol') ?? csaString(csa.series, 'MrProtocol');
  let parsed: AscconvResult | undefined;
  if (protocolText !== undefined) parsed = parseProtocol(protocolText);
  else {
    const value = findPrivate(seriesDatasets, siemensSeriesCreator, 0x0021, 0x19)?.values[0];
    if (value instanceof Uint8Array)
      parsed = recentProtocolBytes.get(value, (bytes) => parseProtocol(latin1(bytes)));
    else if (typeof value === 'string') parsed = parseProtocol(value);
  }
  let protocol: Ascconv | undefined;
  if (parsed !== undefined) {
    issues.push(...parsed.issues);
    protocol = parsed.protocol;
  }
  return {
    dataset,
    csaImage: csa.image,
    csaSeries: csa.series,
    protocol,
    seriesDatasets,
    imageDatasets,
    issues,
  };
}
