/**
 * `naming/` (layer L2): RADIFOX's image names (`<subject>_<session>_<imageid>_<type>[_<tag>…].<ext>`),
 * `ImageFile`, `ImageFilter` and globbing a session's images (seed-features.md §1.2, §1.3).
 */

export { type PredictedParts, type Prediction, predictName } from './automatic-name.js';
export { bidsPhaseDirection, inPlaneAxisCodes } from './bids-direction.js';
export { type BidsName, type BidsNameInput, bidsNameOf } from './bids-entities.js';
export {
  type BidsDatatype,
  type BidsEntities,
  type BidsEntityKey,
  BidsLabelError,
  bidsEntityOrder,
  bidsFieldMapSetSuffixes,
  bidsLabel,
  bidsStem,
  bidsSuffixRules,
  type ParsedBidsStem,
  parseBidsStem,
  requireBidsLabel,
} from './bids-filename.js';
export { framesAsClassicHeaders } from './enhanced-frames.js';
export { ImageFileError, ImageFilterError, ImageNameError } from './errors.js';
export { extraText, pythonFloat, withExtras } from './extras.js';
export { type GlobImagesOptions, globImages } from './glob.js';
export { ImageFile } from './image-file.js';
export {
  type FieldCriterion,
  ImageFilter,
  type ImageFilterKey,
  type ImageFilterSpec,
  type ImageFilterTarget,
  imageFilterKeys,
  type ListCriterion,
} from './image-filter.js';
export {
  formatImageName,
  type ImageNameParts,
  imageTypeOf,
  knownExtensions,
  type ParsedImageName,
  parseImageName,
  splitExtension,
  type TypeField,
  typeFields,
} from './image-name.js';
export {
  defaultLutPath,
  emptyLookupTableText,
  type LookupDict,
  LookupTable,
  LookupTableError,
  type LookupTableOptions,
  lookupTableColumns,
  readLookupTable,
} from './lookup-table.js';
export {
  formatManualNaming,
  type ManualNames,
  ManualNamingError,
  readManualNaming,
} from './manual-naming.js';
export { type MergedName, mergeName, type NameSource } from './merge-name.js';
export type { NameParts, SeriesInfo, SeriesNaming } from './series-info.js';
export { ctOnlyKeys, floatKeys, mrOnlyKeys } from './series-info.js';
export { SeriesInfoError, type SeriesSource, seriesInfoOf } from './series-info-from-dicom.js';
export {
  type SkipFinding,
  type SkipOptions,
  type SkipRule,
  skipFindings,
  skipReason,
} from './should-convert.js';
export { studySeriesNumbers } from './study-series-numbering.js';
export {
  type NameChange,
  type UniqueNameEntry,
  type UniqueNameResult,
  type UniquenessPass,
  uniqueNames,
} from './unique-names.js';
