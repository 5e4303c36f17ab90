/**
 * `radkit convert`'s options: what they ask to write (format, orientation, DICOM template and
 * numbering, PNG depth and window, CSV columns), checked before anything is read, with each
 * misplaced option refused by name.
 */
import {
  type DicomOutputOptions,
  type OutputFormat,
  parseOutputFormat,
  readDicomTemplate,
} from '../../convert/index.js';
import { RadkitError } from '../../errors.js';
import {
  checkPngWindow,
  headerTableColumnTags,
  type PngBitDepth,
  type PngWindow,
  PngWindowError,
} from '../../formats/index.js';
import { type OrientationConvention, parseOrientation } from '../../geometry/index.js';

export interface ConvertCommandOptions {
  of: string;
  gzip: string;
  compressionLevel?: string;
  pattern: string;
  explain?: boolean;
  json?: boolean;
  timings?: boolean;
  ignoreDerived?: boolean;
  resampleTilt?: boolean;
  resampleSpacing?: boolean;
  /** `--no-overlays` sets false (commander's negation; true otherwise). */
  overlays?: boolean;
  existing: string;
  sort?: string;
  onlySeries?: string[];
  template?: string;
  seriesNumber?: string;
  seriesDescription?: string;
  fixHandedness?: boolean;
  orientation?: string;
  convention: string;
  enhanced?: boolean;
  pngBits?: string;
  window?: string;
  csvColumns?: string;
}

/** What the options say to write, checked before anything is read. */
export interface OutputRequest {
  readonly format: OutputFormat;
  readonly orientation?: string;
  readonly convention: OrientationConvention;
  readonly dicom: DicomOutputOptions;
  readonly png: { readonly window?: PngWindow; readonly bitDepth?: PngBitDepth };
  readonly csv: { readonly columns?: readonly string[] };
  /** `--compression-level`: zlib's 1–9, when given. */
  readonly compressionLevel?: number;
}

/** `--compression-level`: 1–9 (dcm2niix's `-1` … `-9`), and only when something is compressed. */
function compressionLevel(text: string, options: ConvertCommandOptions): number {
  if (!/^[1-9]$/.test(text.trim())) {
    throw new RadkitError('usage', `--compression-level takes 1 (fastest) to 9 (smallest), not '${text}'.`);
  }
  if (options.gzip === 'n') {
    throw new RadkitError(
      'usage',
      '--compression-level applies to compressed outputs; --gzip n writes none.',
      {
        hint: 'Leave out --gzip n, or --compression-level.',
      },
    );
  }
  return Number(text.trim());
}

const dicomOnly = ['template', 'seriesNumber', 'seriesDescription', 'fixHandedness', 'enhanced'] as const;
const formatOnly = { png: ['pngBits', 'window'], csv: ['csvColumns'] } as const;
/** An option's name as typed: `seriesNumber` → `--series-number`. */
export const optionName = (key: string) =>
  `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** `--window C,W`: a LINEAR window (PS3.3 C.11.2.1.2.1), checked. */
function parseWindow(text: string): PngWindow {
  const parts = text.split(',').map((part) => part.trim());
  const [center, width] = parts.map(Number);
  if (
    parts.length !== 2 ||
    parts.some((part) => part === '') ||
    center === undefined ||
    width === undefined
  ) {
    throw new RadkitError('usage', `--window takes center,width (e.g. 40,400), not '${text}'.`);
  }
  const window = { center, width };
  try {
    checkPngWindow(window);
  } catch (error) {
    throw error instanceof PngWindowError
      ? new RadkitError('usage', `--window: ${error.message}`, { cause: error })
      : error;
  }
  return window;
}

/** `--png-bits` and `--window` (--of png) and `--csv-columns` (--of csv), checked. */
function formatOptions(
  format: OutputFormat,
  options: ConvertCommandOptions,
): Pick<OutputRequest, 'png' | 'csv'> {
  for (const [owner, keys] of Object.entries(formatOnly)) {
    const given = keys.filter((key) => options[key] !== undefined);
    if (format !== owner && given.length > 0) {
      throw new RadkitError('usage', `${given.map(optionName).join(', ')} apply to --of ${owner} only.`, {
        hint: `Add --of ${owner}, or leave them out.`,
      });
    }
  }
  if (options.pngBits !== undefined && options.pngBits !== '8' && options.pngBits !== '16') {
    throw new RadkitError('usage', `--png-bits takes 8 or 16, not '${options.pngBits}'.`);
  }
  let columns: string[] | undefined;
  if (options.csvColumns !== undefined) {
    columns = options.csvColumns
      .split(',')
      .map((column) => column.trim())
      .filter((column) => column !== '');
    if (columns.length === 0) throw new RadkitError('usage', '--csv-columns names no attribute.');
    // Checked now: a wrong keyword stops the command before anything is read.
    headerTableColumnTags(columns);
  }
  return {
    png: {
      ...(options.window === undefined ? {} : { window: parseWindow(options.window) }),
      ...(options.pngBits === undefined ? {} : { bitDepth: options.pngBits === '16' ? 16 : 8 }),
    },
    csv: columns === undefined ? {} : { columns },
  };
}

/** The output format, orientation and DICOM options, each checked (usage errors, exit 2). */
export function outputRequest(options: ConvertCommandOptions): OutputRequest {
  const format = parseOutputFormat(options.of);
  const given = dicomOnly.filter((key) => options[key] !== undefined);
  if (format !== 'dicom' && given.length > 0) {
    throw new RadkitError('usage', `${given.map(optionName).join(', ')} apply to --of dicom only.`, {
      hint: 'Add --of dicom, or leave them out.',
    });
  }
  if (options.convention !== 'nibabel' && options.convention !== 'itk') {
    throw new RadkitError('usage', `--convention takes itk or nibabel, not '${options.convention}'.`);
  }
  const convention: OrientationConvention = options.convention;
  if (options.orientation !== undefined) {
    try {
      parseOrientation(options.orientation, convention);
    } catch (error) {
      throw error instanceof RadkitError
        ? new RadkitError('usage', `--orientation: ${error.message}`, { cause: error })
        : error;
    }
  }
  let seriesNumber: number | undefined;
  if (options.seriesNumber !== undefined) {
    seriesNumber = Number(options.seriesNumber);
    if (!/^[+-]?\d+$/.test(options.seriesNumber.trim()) || !Number.isSafeInteger(seriesNumber)) {
      throw new RadkitError('usage', `--series-number takes a whole number, not '${options.seriesNumber}'.`);
    }
  }
  // Read now, so a wrong template stops the command before anything is converted.
  const template = options.template === undefined ? undefined : readDicomTemplate(options.template);
  const dicom: DicomOutputOptions = {
    ...(template === undefined ? {} : { template }),
    ...(seriesNumber === undefined ? {} : { seriesNumber }),
    ...(options.seriesDescription === undefined ? {} : { seriesDescription: options.seriesDescription }),
    ...(options.fixHandedness === true ? { fixHandedness: true } : {}),
    ...(options.enhanced === true ? { enhanced: true } : {}),
  };
  return {
    ...formatOptions(format, options),
    format,
    ...(options.orientation === undefined ? {} : { orientation: options.orientation }),
    convention,
    dicom,
    ...(options.compressionLevel === undefined
      ? {}
      : { compressionLevel: compressionLevel(options.compressionLevel, options) }),
  };
}

/** A NIfTI, NRRD, MetaImage or NumPy input: one volume, named after the file. */
