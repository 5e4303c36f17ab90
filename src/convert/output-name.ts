/**
 * Output file names from a dcm2niix `-f` pattern (`%s_%d`, `%p_%s`...), with dcm2niix's
 * postfixes and character rules, so that radkit's outputs carry the names dcm2niix users and the
 * dcm_qa `Ref/` folders expect (docs/research/dcm2niix-rules.md §3). Collisions get `_2`, `_3`...
 * rather than dcm2niix's `a`–`z` (which stops at 26 and hides that a collision happened).
 */
import { crc32 } from 'node:zlib';
import { type Dataset, getString, privateElement } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { gunzip } from '../sources/index.js';
import { echoOfIceDims, functionalElement, readSiemensMr } from '../volume/index.js';
import { coilName, procedureStepDescription, protocolName } from './descriptive-texts.js';
import { deepTextOf } from './sidecar-header-facts.js';

/** What a name is made of besides the header: the postfix decisions of the grouping step. */
export interface NameParts {
  /** The series' representative header. */
  readonly header: Dataset;
  /** Name of the input folder (`%f`). */
  readonly inputFolder: string;
  /** The file name of the output's first image, extension included (`%b`, as dcm2niix). */
  readonly firstFile?: string;
  /** Echo number to report with `_e<n>` (when the series has several echoes or n > 1). */
  readonly echo?: {
    readonly number: number | undefined;
    readonly echoTime: number | undefined;
    readonly multiEcho: boolean;
  };
  /** `_i%05d`: the instance number of the first image of a stack among non-parallel slices. */
  readonly nonParallelInstance?: number;
  readonly component?: 'phase' | 'real' | 'imaginary' | 'fieldmaphz' | 'magnitude' | 'mixed' | undefined;
  /** `_seg<n>`: the segment of a segmentation split by segment (radkit's; dcm2niix does not split). */
  readonly segment?: number;
  /** `_t<ms>`: trigger delay (not GE). */
  readonly triggerMs?: number;
  /**
   * `%r`: the Instance Number of the output's first image, as its record holds it (Siemens XA
   * classic files: + series × 1000, records-of-file.ts); else the header's.
   */
  readonly instanceNumber?: number | undefined;
}

const shortVendor: readonly [RegExp, string, string][] = [
  [/BRUKER/i, 'Br', 'Bruker'],
  [/^GE|GE MEDICAL|GE HEALTHCARE/i, 'GE', 'GE'],
  [/TOSHIBA/i, 'To', 'Toshiba'],
  [/CANON/i, 'Ca', 'Canon'],
  [/UIH|UNITED IMAGING/i, 'UI', 'UIH'],
  [/PHILIPS/i, 'Ph', 'Philips'],
  [/SIEMENS/i, 'Si', 'Siemens'],
  [/HYPERFINE/i, 'Hy', 'Hyperfine'],
];

function vendor(header: Dataset, long: boolean): string {
  const manufacturer = getString(header, 'Manufacturer') ?? '';
  const found = shortVendor.find(([pattern]) => pattern.test(manufacturer));
  return found === undefined ? 'NA' : long ? found[2] : found[1];
}

/** C's atof: the number at the start of the text, 0 when there is none. */
function leadingNumber(text: string | undefined): number {
  const value = Number.parseFloat((text ?? '').trim());
  return Number.isFinite(value) ? value : 0;
}

/** `printf("%.0f")`: round half to even. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * dcm2niix's %t: StudyDate × 10⁶ + StudyTime, each read as C's atof reads it, printed with
 * `%.0f` — `20160309143043`, or just the time when the date is absent or anonymised (`***`),
 * `0` when both are. A time whose seconds round up to 60 keeps 59 (dcm2niix issue 912).
 */
export function studyDateTime(header: Dataset): string {
  const time = leadingNumber(getString(header, 'StudyTime'));
  let seconds = roundHalfEven(time);
  if (seconds % 100 === 60) seconds -= 1;
  return String(leadingNumber(getString(header, 'StudyDate')) * 1e6 + seconds);
}

/**
 * dcm2niix's %s: the Series Number; when it is absent or 0, the CRC-32 of the Series Instance
 * UID, so series without numbers do not all share one name.
 */
function seriesNumber(header: Dataset, width: number | undefined): string {
  const text = getString(header, 'SeriesNumber');
  const number = text === undefined || text.trim() === '' ? 0 : Number(text);
  if (Number.isFinite(number) && number !== 0) return padded(number, width);
  const uid = getString(header, 'SeriesInstanceUID');
  return uid === undefined || uid === '' ? padded(0, width) : padded(crc32(Buffer.from(uid, 'utf8')), width);
}

/**
 * dcm2niix's %p: the protocol name (`protocolName`: Protocol Name, `_MoCo` for a motion-corrected
 * series), else Series Description, else (except for Siemens, whose Sequence Name is a code such
 * as `*tfl3d1`) Sequence Name.
 */
function protocol(header: Dataset): string {
  const siemens = /SIEMENS/i.test(getString(header, 'Manufacturer') ?? '');
  return (
    protocolName(header) ||
    getString(header, 'SeriesDescription') ||
    (siemens ? '' : (getString(header, 'SequenceName') ?? ''))
  );
}

/**
 * The echo of a Siemens image without Echo Numbers (0018,0086), from its ICE dimensions (in an
 * enhanced file inside the frame's private macro), as dcm2niix reads it for %e. Other images
 * without Echo Numbers print 0 (dcm_qa_uih, dcm_qa_canon_61).
 */
function iceDimsEcho(header: Dataset): number | undefined {
  if (!/SIEMENS/i.test(getString(header, 'Manufacturer') ?? '')) return undefined;
  return echoOfIceDims(readSiemensMr(header).mr.image.iceDims);
}

/**
 * dcm2niix's %y, the run: the largest of GE's Raw Data Run Number (0019,xxA2 "GEMS_ACQU_01") and
 * Temporal Position Identifier (0020,0100, in enhanced files the frame's). dcm2niix also reads
 * Philips' private (2005,xx63), (2005,xx13) and (2005,xx96), which radkit does not.
 */
function runNumber(header: Dataset): number | undefined {
  const values = [
    privateElement(header, 'GEMS_ACQU_01', 0x0019, 0xa2)?.values[0],
    functionalElement(header, 'TemporalPositionIdentifier')?.values[0],
  ]
    .map(Number)
    .filter((value) => Number.isFinite(value) && value >= 0);
  return values.length === 0 ? undefined : Math.max(...values);
}

function padded(value: number | undefined, width: number | undefined): string {
  if (value === undefined) return '';
  const text = String(Math.trunc(value));
  return width === undefined ? text : text.padStart(width, '0');
}

interface Expansion {
  readonly text: string;
  /** Tokens that were used, which suppress the matching postfix. */
  readonly used: ReadonlySet<string>;
  /** The name holds an instance UID (`%o`): it needs none of the postfixes a split adds. */
  readonly unique: boolean;
}

/** The tokens `expandPattern` knows: dcm2niix's (v1.0.20220720, `dcm2niix -h`) and %l, %q, %y. */
const patternTokens = 'abcdefgijklmnopqrstuvxyz';

/**
 * Refuse a pattern with a token that names nothing (`%h`, `%w`): it would expand to nothing in
 * every name, so outputs would collide into `_2`, `_3`… instead of the run saying why.
 */
export function checkPattern(pattern: string): void {
  for (const match of pattern.matchAll(/%\d?([a-zA-Z])/g)) {
    if (patternTokens.includes(match[1]!.toLowerCase())) continue;
    throw new RadkitError(
      'usage',
      `the file-name pattern '${pattern}' holds %${match[1]}, which names nothing.`,
      { hint: `The tokens are %${[...patternTokens].join(' %')} (radkit convert --help says what each is).` },
    );
  }
}

/** Expand the `%` tokens of `pattern` (dcm2niix FILENAMING.md); `checkPattern` refuses unknown ones. */
export function expandPattern(pattern: string, parts: NameParts): Expansion {
  const header = parts.header;
  const used = new Set<string>();
  let unique = false;
  const string = (keyword: string) => getString(header, keyword) ?? '';
  const number = (keyword: string) => {
    const text = getString(header, keyword);
    return text === undefined || text.trim() === '' ? undefined : Number(text);
  };
  const text = pattern.replace(/%(\d?)([a-zA-Z%])/g, (_match, width: string, letter: string) => {
    const token = letter.toLowerCase();
    used.add(token);
    const digits = width === '' ? undefined : Number(width);
    switch (token) {
      case 'a':
        return coilName(header, gunzip) ?? '';
      case 'b':
        return parts.firstFile ?? '';
      case 'c':
        return string('ImageComments');
      case 'd':
        return string('SeriesDescription');
      case 'e':
        return padded(parts.echo?.number ?? iceDimsEcho(header) ?? 0, digits);
      case 'f':
        return parts.inputFolder;
      case 'g':
        return string('AccessionNumber');
      case 'i':
        return string('PatientID');
      case 'j':
        return string('SeriesInstanceUID');
      case 'k':
        return string('StudyInstanceUID');
      case 'l':
        return procedureStepDescription(header, gunzip) ?? '';
      case 'm':
        return vendor(header, false);
      case 'n':
        return string('PatientName');
      case 'o': {
        // dcm2niix reads the Media Storage SOP Instance UID (0002,0003), the same UID in a Part 10
        // file; a name holding it needs no postfix (postfixes() leaves them out).
        const uid = string('SOPInstanceUID');
        if (uid !== '') unique = true;
        return uid;
      }
      case 'p':
        return protocol(header);
      case 'q':
        // Every value ("EP\\GR" → EP_GR), from the functional groups or Siemens' SDS block when
        // the top level has none, as the sidecar's ScanningSequence.
        return deepTextOf(header, 'ScanningSequence') ?? '';
      case 'r':
        return padded(parts.instanceNumber ?? number('InstanceNumber') ?? 1, digits);
      case 's':
        return seriesNumber(header, digits);
      case 't':
        return studyDateTime(header);
      case 'u':
        return padded(number('AcquisitionNumber') ?? 0, digits);
      case 'v':
        return vendor(header, true);
      case 'x':
        return string('StudyID');
      case 'y':
        return padded(runNumber(header), digits);
      case 'z':
        return string('SequenceName');
      default:
        return '';
    }
  });
  return { text, used, unique };
}

/** The postfixes dcm2niix appends, in its order (rules §3.2). */
export function postfixes(parts: NameParts, used: ReadonlySet<string>, unique = false): string {
  let out = '';
  const echo = parts.echo;
  // A name holding the instance's own UID (`unique`) is taken as unique: dcm2niix adds none of the
  // postfixes that say what a series was split by (echo, complex part, trigger), only those that
  // say what an output is (`_i`, and radkit's `_seg`).
  if (echo !== undefined && !used.has('e') && !unique) {
    if (echo.number !== undefined && echo.number >= 1) {
      if (echo.multiEcho || echo.number > 1) out += `_e${echo.number}`;
    } else if (echo.multiEcho && echo.echoTime !== undefined && echo.echoTime > 0) {
      out += `_e${echo.echoTime}`;
    }
  }
  if (parts.nonParallelInstance !== undefined && !used.has('r'))
    out += `_i${String(parts.nonParallelInstance).padStart(5, '0')}`;
  if (!unique) {
    if (parts.component === 'imaginary') out += '_imaginary';
    if (parts.component === 'fieldmaphz') out += '_fieldmaphz';
    if (parts.component === 'real') out += '_real';
    if (parts.component === 'phase') out += '_ph';
    if (parts.triggerMs !== undefined && parts.triggerMs >= 1) out += `_t${Math.round(parts.triggerMs)}`;
  }
  if (parts.segment !== undefined) out += `_seg${parts.segment}`;
  return out;
}

const accented: Readonly<Record<string, string>> = {
  À: 'A',
  Á: 'A',
  Â: 'A',
  Ã: 'A',
  Ä: 'A',
  Å: 'A',
  Æ: 'A',
  Ç: 'C',
  È: 'E',
  É: 'E',
  Ê: 'E',
  Ë: 'E',
  Ì: 'I',
  Í: 'I',
  Î: 'I',
  Ï: 'I',
  Ð: 'D',
  Ñ: 'N',
  Ò: 'O',
  Ó: 'O',
  Ô: 'O',
  Õ: 'O',
  Ö: 'O',
  Ø: 'O',
  Ù: 'U',
  Ú: 'U',
  Û: 'U',
  Ü: 'U',
  Ý: 'Y',
  ß: 's',
  à: 'a',
  á: 'a',
  â: 'a',
  ã: 'a',
  ä: 'a',
  å: 'a',
  æ: 'a',
  ç: 'c',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ñ: 'n',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  õ: 'o',
  ö: 'o',
  ø: 'o',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ý: 'y',
  ÿ: 'y',
  '×': 'x',
};

/**
 * dcm2niix's character rules (rules §3.3): characters that are unsafe in file names become `_`,
 * accented Latin letters lose their accents, runs of `_` collapse, a leading `.` becomes `_`.
 * `/` in the pattern (sub-folders) is kept; `/` from DICOM values is not (callers sanitise values
 * before joining pattern parts, see `outputBaseName`).
 */
export function sanitizeName(name: string): string {
  let out = '';
  for (const character of name) {
    const code = character.codePointAt(0)!;
    if (code < 32 || ' <>:;"$*|?`\\'.includes(character)) out += '_';
    else out += accented[character] ?? character;
  }
  out = out.replace(/_+/g, '_');
  if (out.startsWith('.')) out = `_${out.slice(1)}`;
  return out === '' ? 'radkit_invalid_name' : out;
}

/** The output base name (no extension) for a pattern, header and postfixes. */
export function outputBaseName(pattern: string, parts: NameParts): string {
  // Values may hold '/', which must not make folders: expand each pattern path part on its own.
  const segments = pattern.split('/').map((segment) => {
    const { text, used, unique } = expandPattern(segment, parts);
    return { text: text.replace(/[/\\]/g, '_'), used, unique };
  });
  const used = new Set(segments.flatMap((segment) => [...segment.used]));
  const unique = segments.some((segment) => segment.unique);
  const joined = segments.map((segment) => segment.text).join('/');
  return (joined + postfixes(parts, used, unique)).split('/').map(sanitizeName).join('/');
}

/**
 * A name not yet taken: `base`, else `base_2`, `base_3`, ... (unlike dcm2niix's `a`–`z`, this
 * never runs out and makes the collision visible). `exists` adds names taken outside this run,
 * such as files already in the output folder.
 */
export function uniqueName(
  base: string,
  taken: Set<string>,
  exists: (name: string) => boolean = () => false,
): string {
  let name = base;
  for (let n = 2; taken.has(name) || exists(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
