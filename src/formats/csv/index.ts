/**
 * CSV: a per-image header table (RFC 4180), one row per image with the attributes asked for,
 * multi-valued attributes joined with `\` as DICOM joins them.
 */
export {
  CsvFormatError,
  type HeaderTable,
  type HeaderTableRow,
  type HeaderTableValue,
  headerTableCsv,
  parseHeaderTableCsv,
} from './header-table-csv.js';
export {
  defaultHeaderTableColumns,
  HeaderTableColumnError,
  headerTableColumnTags,
  instanceHeaderRow,
} from './instance-header-row.js';
