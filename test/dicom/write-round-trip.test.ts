/**
 * Writer acceptance, round trip: every Part 10 file of the corpus read by radkit and written
 * back in its own transfer syntax (`encodeDicomFile(readDicom(bytes).dataset, same syntax)`,
 * with the source's meta and preamble) equals the input byte for byte, or differs for a reason
 * this test checks on the bytes themselves:
 * - the source's File Meta Information is wrong or incomplete: (0002,0000) missing or not the
 *   group's length, MediaStorageSOPInstanceUID not the dataset's SOPInstanceUID (the writer
 *   takes it from the dataset, as PS3.10 §7.1 says), no preamble/meta at all; the dataset
 *   bytes after the meta are then identical;
 * - a group length (gggg,0000) in the dataset is wrong in the source: the output differs only
 *   inside the 4-byte values of group length elements, which the writer recomputes;
 * - deflated files: the writer's deflate stream differs from the source's compressor; the two
 *   inflate to identical bytes;
 * - damaged files, each named below with what is wrong.
 * Every file that differs is also read back and compared with the original element by element.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DataElement,
  Dataset,
  type DicomFile,
  DicomWriteError,
  describeTag,
  encodeDicomFile,
  getString,
  readDicom,
} from '../../src/dicom/index.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { corpus, missing } from '../support/requirements.js';

const deflate = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const inflateRaw = (bytes: Uint8Array) => new Uint8Array(inflateRawSync(bytes));

/** Files whose difference no byte-level check explains: damaged sources, with what is wrong. */
const damaged: Readonly<Record<string, string>> = {
  'pydicom/pydicom-data/data_store/data/emri_small_jpeg_2k_lossless_too_short.dcm':
    'truncated: the file ends inside the encapsulated Pixel Data, before its Sequence Delimitation; the output has one',
  'pydicom/pydicom/src/pydicom/data/test_files/MR_truncated.dcm':
    'truncated: (7FE0,0010) says more bytes than the file holds; the output gives the length of the bytes present',
  'pydicom/pydicom/src/pydicom/data/test_files/rtplan_truncated.dcm':
    'truncated: the file ends inside (300A,00B0) BeamSequence; the output gives the lengths of what was read',
  'pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/DICOMDIR-nooffset':
    'truncated: the last directory record item says more bytes than the file holds; the output gives the length read',
  'pydicom/pydicom/src/pydicom/data/test_files/SC_rgb_jpeg.dcm':
    '(0002,0010) declares JPEG Baseline (explicit VR) but the dataset is encoded in implicit VR; the output is explicit VR, as declared',
};

/** One file per thing the writer must reproduce exactly. */
const mustBeIdentical: Readonly<Record<string, string>> = {
  'implicit VR LE, ISO_IR 100': 'dcm_qa/dcm_qa_ts/In/2.dcm',
  'explicit VR LE': 'dcm_qa/dcm_qa_ts/In/1.dcm',
  'explicit VR BE': 'dcm_qa/dcm_qa_ts/In/3.dcm',
  RLE: 'dcm_qa/dcm_qa_ts/In/4.dcm',
  'JPEG lossless (dcmtk)': 'dcm_qa/dcm_qa_ts/In/5.dcm',
  'JPEG lossless (gdcm)': 'dcm_qa/dcm_qa_ts/In/6.dcm',
  'JPEG-LS lossless': 'dcm_qa/dcm_qa_ts/In/7.dcm',
  'JPEG 2000 lossless': 'dcm_qa/dcm_qa_ts/In/9.dcm',
  'JPEG baseline': 'pydicom/pydicom/src/pydicom/data/test_files/examples_ybr_color.dcm',
  'JPEG extended': 'pydicom/pydicom/src/pydicom/data/test_files/JPEG-lossy.dcm',
  HTJ2K: 'pydicom/pydicom-data/data_store/data/HTJ2KLossless_08_RGB.dcm',
  'deflated image frames': 'pydicom/pydicom-data/data_store/data/liver_deflate.dcm',
  'enhanced MR, Siemens': 'dcm_qa/dcm_qa_enh/In/Siemens/XA10/6_1.dcm',
  'enhanced MR, Philips, 64 frames': 'dcm_qa/dcm_qa_enh/In/Philips/IM_0027_fMAP.dcm',
  'enhanced MR, Canon, 520 frames': 'dcm_qa/dcm_qa_canon_61/In/enh/3000.dcm',
  'enhanced CT': 'pydicom/pydicom-data/data_store/data/eCT_Supplemental.dcm',
  'private sequences, PACS-renumbered': 'dcm_qa/dcm_qa_agfa/Agfa/011-0001.img',
  'private sequences, implicit VR': 'pydicom/pydicom/src/pydicom/data/test_files/priv_SQ.dcm',
  'private sequences, GE': 'dcm_qa/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2/i22.MRDC.1',
  'sequences stored as UN': 'pydicom/pydicom/src/pydicom/data/test_files/rtdose_rle.dcm',
  'ISO_IR 100 text': 'pydicom/pydicom/src/pydicom/data/charset_files/chrFren.dcm',
  'ISO_IR 192 text': 'pydicom/pydicom/src/pydicom/data/charset_files/chrX1.dcm',
  'ISO_IR 192 in a sequence item': 'pydicom/pydicom/src/pydicom/data/charset_files/chrSQEncoding.dcm',
  'ISO_IR 192, UIH': 'dcm_qa/dcm_qa_uih/In/DTI_132225/dti_tra_dir16_PA_rot_SaveBySlc__134057/00000001.dcm',
  'deep SR tree': 'pydicom/pydicom/src/pydicom/data/test_files/test-SR.dcm',
  'DICOMDIR (delimited items)': 'pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/DICOMDIR',
};

interface Outcome {
  readonly file: string;
  readonly syntax: string;
  readonly result: 'identical' | 'explained' | 'damaged' | 'unexplained' | 'refused';
  readonly reasons: readonly string[];
  /** Elements that differ between the original and the output read back. */
  readonly elementDifferences: readonly string[];
}

/** Where group 0002 ends: after 'DICM' (or at 0 without a preamble), explicit VR LE elements. */
function metaEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefixed = bytes.length > 132 && new TextDecoder().decode(bytes.subarray(128, 132)) === 'DICM';
  let at = prefixed ? 132 : 0;
  while (at + 8 <= bytes.length && view.getUint16(at, true) === 0x0002) {
    const vr = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR', 'OD', 'OF', 'OL', 'OV', 'SV', 'UV'].includes(vr);
    at += long ? 12 + view.getUint32(at + 8, true) : 8 + view.getUint16(at + 6, true);
  }
  return at;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return sameBytes(a, b);
  return Object.is(a, b);
}

/**
 * Differences between two datasets, element by element (tags, VRs, values, items). Group
 * lengths (gggg,0000) are left out: the writer recomputes them, and the byte checks above
 * account for each one that changed.
 */
function compareDatasets(a: Dataset, b: Dataset, path = ''): string[] {
  const out: string[] = [];
  const tags = new Set([...a.tags(), ...b.tags()].filter((tag) => (tag & 0xffff) !== 0));
  for (const tag of [...tags].sort((x, y) => x - y)) {
    const name = `${path}${describeTag(tag)}`;
    const x = a.get(tag);
    const y = b.get(tag);
    if (x === undefined || y === undefined) {
      out.push(`${name}: only in the ${x === undefined ? 'output' : 'original'}`);
      continue;
    }
    if (x.vr !== y.vr) out.push(`${name}: VR ${x.vr} became ${y.vr}`);
    if (x.values.length !== y.values.length) {
      out.push(`${name}: ${x.values.length} values became ${y.values.length}`);
      continue;
    }
    x.values.forEach((value, index) => {
      const other = y.values[index];
      if (value instanceof Dataset && other instanceof Dataset)
        out.push(...compareDatasets(value, other, `${name}[${index}] > `));
      else if (!sameValue(value, other)) out.push(`${name}: value ${index} differs`);
    });
  }
  return out;
}

/** Group length elements anywhere in `dataset`, with their value offsets in its stream. */
function groupLengths(dataset: Dataset): DataElement[] {
  const found: DataElement[] = [];
  for (const element of dataset) {
    if ((element.tag & 0xffff) === 0 && element.storedValue !== undefined) found.push(element);
    if (element.vr === 'SQ')
      for (const item of element.values as Dataset[]) found.push(...groupLengths(item));
  }
  return found;
}

/** Why the meta of `output` differs from the source's, or '' when something is unexplained. */
function metaReasons(source: DicomFile, output: DicomFile, outBytes: Uint8Array, reasons: string[]): boolean {
  if (source.preamble === undefined) reasons.push('the source has no preamble and DICM prefix (PS3.10 §7.1)');
  const tags = new Set([...source.meta.tags(), ...output.meta.tags()]);
  for (const tag of tags) {
    const was = source.meta.get(tag)?.values;
    const now = output.meta.get(tag)?.values;
    if (
      was !== undefined &&
      now !== undefined &&
      was.length === now.length &&
      was.every((v, i) => sameValue(v, now[i]))
    )
      continue;
    const name = describeTag(tag);
    if (tag === 0x00020000) {
      const actual = metaEnd(outBytes) - 132 - 12;
      if (now?.[0] !== actual) return false;
      reasons.push(
        was === undefined
          ? `the source meta has no ${name}`
          : `the source's ${name} is not the group's length`,
      );
    } else if (tag === 0x00020002 || tag === 0x00020003) {
      const keyword = tag === 0x00020002 ? 'SOPClassUID' : 'SOPInstanceUID';
      if (now?.[0] !== getString(source.dataset, keyword)) return false;
      reasons.push(`the source's ${name} is '${was?.[0] ?? ''}', not the dataset's ${keyword}`);
    } else if (was === undefined && now !== undefined) reasons.push(`the source meta has no ${name}`);
    else if (tag === 0x00020001) {
      if (!sameValue(now?.[0], new Uint8Array([0, 1]))) return false;
      reasons.push(`the source's ${name} is not 00\\01 (PS3.10 §7.1)`);
    } else return false;
  }
  return true;
}

/** Why the dataset part of `outBytes` differs from the source's; false when unexplained. */
function bodyReasons(bytes: Uint8Array, outBytes: Uint8Array, output: DicomFile, reasons: string[]): boolean {
  let body = bytes.subarray(metaEnd(bytes));
  let outBody = outBytes.subarray(metaEnd(outBytes));
  if (output.transferSyntax.deflated) {
    body = inflateRaw(body);
    outBody = inflateRaw(outBody);
    if (!sameBytes(body, outBody)) return false;
    reasons.push(
      "the deflate stream differs from the source's compressor's; both inflate to the same dataset bytes",
    );
    return true;
  }
  if (sameBytes(body, outBody)) return true;
  if (body.length !== outBody.length) return false;
  const lengths = groupLengths(output.dataset);
  const start = outBytes.length - outBody.length;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === outBody[i]) continue;
    const at = start + i;
    const field = lengths.find((element) => at >= element.valueOffset && at < element.valueOffset + 4);
    if (field === undefined) return false;
    const reason = `the source's ${describeTag(field.tag)} is not its group's length (recomputed: ${field.values[0]})`;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return true;
}

function roundTrip(path: string): Outcome | undefined {
  const file = corpusRelative(path);
  const bytes = new Uint8Array(readFileSync(path));
  let source: DicomFile;
  try {
    source = readDicom(bytes, { inflateRaw, file });
  } catch {
    return undefined; // not DICOM: the reader's tests cover these
  }
  const syntax = source.transferSyntax.uid;
  let out: Uint8Array;
  try {
    out = encodeDicomFile(source.dataset, {
      transferSyntaxUID: syntax,
      fileMeta: source.meta,
      ...(source.preamble === undefined ? {} : { preamble: source.preamble }),
      implementation: 'file-meta',
      deflate,
    });
  } catch (error) {
    if (!(error instanceof DicomWriteError)) throw error;
    return { file, syntax, result: 'refused', reasons: [error.message], elementDifferences: [] };
  }
  if (sameBytes(bytes, out))
    return { file, syntax, result: 'identical', reasons: [], elementDifferences: [] };
  const output = readDicom(out, { inflateRaw });
  const elementDifferences = compareDatasets(source.dataset, output.dataset);
  const reasons: string[] = [];
  const explained = metaReasons(source, output, out, reasons) && bodyReasons(bytes, out, output, reasons);
  const named = damaged[file];
  if (named !== undefined) return { file, syntax, result: 'damaged', reasons: [named], elementDifferences };
  return { file, syntax, result: explained ? 'explained' : 'unexplained', reasons, elementDifferences };
}

const data = corpus();

describe.skipIf(missing(data))('encodeDicomFile round trip over the corpus', () => {
  const outcomes = new Map<string, Outcome>();
  beforeAll(() => {
    for (const path of candidateDicomFiles()) {
      const outcome = roundTrip(path);
      if (outcome !== undefined) outcomes.set(outcome.file, outcome);
    }
    const count = (result: Outcome['result']) =>
      [...outcomes.values()].filter((o) => o.result === result).length;
    const lines = [...outcomes.values()]
      .filter((o) => o.result !== 'identical')
      .map((o) => `  ${o.result}: ${o.file}: ${o.reasons.join('; ')}`);
    console.log(
      `round trip: ${count('identical')} identical, ${count('explained') + count('damaged') + count('unexplained')} different (${count('explained')} explained by the source's meta or group lengths or deflate, ${count('damaged')} damaged sources, ${count('unexplained')} unexplained), ${count('refused')} refused (no SOP UIDs)\n${lines.join('\n')}`,
    );
  }, 120_000);

  it('reproduces one file of each transfer syntax, enhanced, private-sequence and character-set kind exactly', () => {
    const notIdentical = Object.entries(mustBeIdentical)
      .map(([kind, file]) => [kind, file, outcomes.get(file)?.result ?? 'absent'])
      .filter(([, , result]) => result !== 'identical');
    expect(notIdentical).toEqual([]);
  });

  it('writes most of the corpus back byte for byte', () => {
    const identical = [...outcomes.values()].filter((o) => o.result === 'identical').length;
    expect(identical).toBeGreaterThan(780);
  });

  it('explains every other difference on the bytes, or by a damaged source named here', () => {
    const unexplained = [...outcomes.values()].filter((o) => o.result === 'unexplained').map((o) => o.file);
    expect(unexplained).toEqual([]);
    expect(outcomes.get('pydicom/pydicom/src/pydicom/data/test_files/image_dfl.dcm')?.reasons).toEqual([
      "the deflate stream differs from the source's compressor's; both inflate to the same dataset bytes",
    ]);
    for (const file of Object.keys(damaged)) expect(outcomes.get(file)?.result, file).toBe('damaged');
  });

  it('reads back every differing file with the same elements as the original', () => {
    const differing = [...outcomes.values()].filter(
      (o) => o.result === 'explained' || o.result === 'damaged',
    );
    expect(differing.length).toBeGreaterThan(0);
    const withDifferences = differing
      .filter((o) => o.elementDifferences.length > 0)
      .map((o) => `${o.file}: ${o.elementDifferences.slice(0, 3).join('; ')}`);
    expect(withDifferences).toEqual([]);
  });

  it('refuses only datasets without SOP Class or Instance UID (PS3.10 §7.1 needs both)', () => {
    const refused = [...outcomes.values()].filter((o) => o.result === 'refused');
    for (const outcome of refused) expect(outcome.reasons[0]).toMatch(/has no SOP(Class|Instance)UID/);
  });
});
