/**
 * `volume/vendors/` (layer L2): parsers for the vendor private headers that carry geometry,
 * timing and diffusion (Siemens CSA and ASCCONV, GE, Philips, UIH). Each returns typed values and
 * Issues; a damaged private header is an Issue and an absent result, never a throw.
 */

export { dateTimeMs, relativeToEarliest } from './date-time.js';
export { frameDatasets, frameView, functionalElement } from './functional-groups.js';
export {
  type GeMr,
  gePhaseEncodingPolarity,
  geProtocolSliceTimingMs,
  geTotalReadoutTimeMs,
  readGeDiffusion,
  readGeMr,
  readGePhaseEncodingPolarity,
} from './ge.js';
export { type GeBvecOptions, geGradientToBvec } from './ge-diffusion.js';
export {
  type GeProtocol,
  type Gunzip,
  geSeriesCreator,
  parseGeProtocolBlock,
  parseGeProtocolText,
  readGeProtocolBlock,
} from './ge-protocol.js';
export { type GeSidecarContext, geSidecarFields } from './ge-sidecar.js';
export {
  type PhilipsDiffusion,
  type PhilipsMr,
  type PhilipsScaling,
  type PhilipsSidecarContext,
  philipsPreciseRescale,
  philipsSidecarFields,
  readPhilipsDiffusion,
  readPhilipsMr,
  readPhilipsScaling,
} from './philips.js';
export {
  type BinaryNumberVR,
  elementBytes,
  elementNumbers,
  elementText,
  findPrivate,
  latin1,
  privateItems,
} from './private-values.js';
export type { SidecarValue } from './sidecar-value.js';
export {
  type Ascconv,
  type AscconvResult,
  type AscconvValue,
  ascconvFind,
  ascconvNumber,
  ascconvString,
  parseAscconv,
} from './siemens-ascconv.js';
export {
  type CsaElement,
  type CsaFormat,
  type CsaHeader,
  type CsaHeaders,
  type CsaParseResult,
  csaNumber,
  csaNumbers,
  csaString,
  parseCsaHeader,
  readCsaHeaders,
  siemensCsaCreator,
} from './siemens-csa.js';
export {
  echoOfIceDims,
  isSiemensXa,
  type SiemensImageValues,
  siemensImageValues,
} from './siemens-image-values.js';
export { readSiemensMr, type SiemensMr } from './siemens-mr.js';
export { type SiemensProtocolValues, siemensProtocolValues } from './siemens-protocol-values.js';
export {
  bidsPhaseEncodingDirection,
  type SiemensSidecarContext,
  siemensSidecarFields,
} from './siemens-sidecar.js';
export {
  type SiemensSources,
  siemensFrameDatasets,
  siemensImageCreator,
  siemensMrHeaderCreator,
  siemensSeriesCreator,
  siemensSources,
} from './siemens-sources.js';
export {
  frameAcquisitionTimesMs,
  type SeriesSliceTiming,
  type SiemensSliceTiming,
  seriesMosaicSliceTiming,
  siemensMosaicSliceTiming,
  sliceTimesFromMode,
} from './siemens-timing.js';
export { readUihMr, type UihMr, uihBvec, uihCreator, uihSidecarFields } from './uih.js';
export { type VendorIssue, type VendorIssueCode, vendorIssue } from './vendor-issue.js';
