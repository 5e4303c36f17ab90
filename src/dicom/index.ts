/**
 * `dicom/` (layer L1, pure and isomorphic): DICOM Part 10 and dataset reading, the data
 * dictionary, character sets, the DICOM JSON model, and pixel data frames and codecs.
 *
 * It does no I/O: callers hand it bytes (and, for deflated data, an inflater or a deflater).
 * Reading from disk is `sources/readDicomFile`; `write/` encodes datasets and Part 10 files.
 */
export { getBytes, getItems, getNumber, getNumbers, getString, getStrings } from './accessors.js';
export type { CharacterSets } from './charset/index.js';
export { DataElement, type ElementValue, type StoredValue, UndefinedLength } from './data-element.js';
export { Dataset } from './dataset.js';
export type { ValueSource } from './decode-values.js';
export {
  dictionaryEdition,
  dictionarySource,
  type ElementDefinition,
  elementDefinition,
  type PrivateElementDefinition,
  privateElementDefinition,
  tagForKeyword,
  type UidDefinition,
  uidDefinition,
} from './dictionary/index.js';
export { type DumpTextOptions, formatDatasetText } from './dump-text.js';
export {
  DicomParseError,
  DicomValueError,
  describeTag,
  NotDicomError,
  UnsupportedTransferSyntaxError,
} from './errors.js';
export type { DicomIssue, DicomIssueCode } from './issues.js';
export {
  datasetToJsonModel,
  type JsonDataset,
  type JsonElement,
  type JsonModelOptions,
  type JsonPersonName,
  type JsonValue,
  personNameGroups,
} from './json-model.js';
export { newUid } from './new-uid.js';
export {
  type OverlayPlane,
  type OverlayPlanes,
  overlayIndex,
  overlayMask,
  readOverlayPlanes,
} from './overlay-planes.js';
export {
  applyPaletteLut,
  applyRescale,
  type DecodedFrames,
  type DecodeFramesOptions,
  decodeFrames,
  type PaletteLut,
  type PixelArray,
  PixelDataError,
  type PixelDescription,
  type PixelDType,
  type PixelIssue,
  type PixelIssueCode,
  pixelDescription,
  pixelHeader,
  type Rescale,
  readPaletteLut,
  rescaleOf,
  ybrFullToRgb,
} from './pixel/index.js';
export { privateBlock, privateElement } from './private-element.js';
export { type DicomFile, type ReadDicomOptions, readDicom, readDicomAfterHeader } from './read-dicom.js';
export { NeedMoreBytes } from './read-state.js';
export {
  formatTag,
  formatTagKey,
  ItemDelimitationTag,
  ItemTag,
  isPrivateCreatorTag,
  isPrivateTag,
  PixelDataTag,
  parseTag,
  privateCreatorTagFor,
  SequenceDelimitationTag,
  type Tag,
  tagElement,
  tagFromParts,
  tagGroup,
} from './tag.js';
export { resolveTag, type TagRef } from './tag-ref.js';
export {
  ExplicitVRBigEndian,
  ExplicitVRLittleEndian,
  findTransferSyntax,
  ImplicitVRLittleEndian,
  knownTransferSyntaxes,
  type PixelEncoding,
  type TransferSyntax,
  transferSyntaxFor,
} from './transfer-syntax.js';
export { type AmbiguousVR, type ElementVR, isVR, type VR, valueRepresentations } from './vr.js';
export {
  copyDataset,
  DicomWriteError,
  type EncodeDatasetOptions,
  type EncodeDicomFileOptions,
  type EncodedPixels,
  encodeDataset,
  encodeDicomFile,
  encodePixels,
  formatDS,
  formatTM,
  radkitImplementationClassUID,
  UnsupportedCharacterSetError,
  withElement,
} from './write/index.js';
