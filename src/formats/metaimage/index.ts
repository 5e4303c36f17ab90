/**
 * MetaImage (MetaIO, ITK's .mha and .mhd + .raw/.zraw), read and written as volumes. MetaImage's
 * physical space is ITK's, which is LPS, so the geometry needs no conversion at this boundary.
 */
export { metaImageDTypeOf, metaImageElementType } from './element-types.js';
export { MetaImageFormatError, type MetaImageIssue, type MetaImageIssueCode } from './errors.js';
export { type MetaImageHeader, metaImageField, readMetaImageHeader } from './header.js';
export { type MetaImageLayout, metaImageLayout } from './layout.js';
export {
  type MetaImageFile,
  type ReadMetaImageOptions,
  readMetaImage,
  readMetaImageFile,
} from './read-metaimage.js';
export {
  encodeMetaImage,
  type MetaImageWriteResult,
  metaImageHeaderText,
  type WriteMetaImageOptions,
  writeMetaImageFile,
} from './write-metaimage.js';
