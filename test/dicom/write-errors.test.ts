/**
 * Writer acceptance, text and faults on real files: edited text in the default repertoire,
 * ISO_IR 100 and ISO_IR 192 read back by radkit and pydicom; text a file's character set cannot
 * hold, and values too long for a 16-bit length, refused with typed errors that say what,
 * where and what to do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DicomWriteError,
  encodeDicomFile,
  getString,
  readDicom,
  UnsupportedCharacterSetError,
  withElement,
} from '../../src/dicom/index.js';
import { corpus, missing, pydicom, referencePython } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-write-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const charsets = 'pydicom/pydicom/src/pydicom/data/charset_files';
const files = {
  defaultRepertoire: corpus('pydicom/pydicom/src/pydicom/data/test_files/MR_small.dcm'),
  latin1: corpus(`${charsets}/chrFren.dcm`),
  utf8: corpus(`${charsets}/chrX1.dcm`),
  cyrillic: corpus(`${charsets}/chrRuss.dcm`),
  implicit: corpus('dcm_qa/dcm_qa_ts/In/2.dcm'),
};

function read(path: string) {
  return readDicom(new Uint8Array(readFileSync(path)));
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** PatientName as pydicom decodes it from `path`. */
function pydicomName(path: string): string {
  const script = 'import sys, pydicom; print(str(pydicom.dcmread(sys.argv[1]).PatientName), end="")';
  const result = spawnSync(referencePython, ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe.skipIf(missing(...Object.values(files)))('writing text and refusing what cannot be written', () => {
  const cases = [
    { label: 'the default repertoire', file: files.defaultRepertoire, name: 'Smith^John' },
    { label: 'ISO_IR 100', file: files.latin1, name: 'Dupré^Éloïse' },
    { label: 'ISO_IR 192', file: files.utf8, name: 'Wang^XiaoDong=王^小東' },
  ];

  it.each(cases)(
    'writes PatientName in $label, read back the same by radkit and pydicom',
    ({ file, name }) => {
      const source = read(file.path);
      const bytes = encodeDicomFile(withElement(source.dataset, 'PatientName', [name]), {
        fileMeta: source.meta,
      });
      expect(getString(readDicom(bytes).dataset, 'PatientName')).toBe(name);
      if (missing(pydicom())) return;
      const path = join(scratch, `${name.length}-${file.path.split('/').pop()}`);
      writeFileSync(path, bytes);
      expect(pydicomName(path)).toBe(name);
    },
  );

  it('refuses text beyond ASCII without (0008,0005), and writes it once ISO_IR 192 is set', () => {
    const source = read(files.defaultRepertoire.path);
    const edited = withElement(source.dataset, 'PatientName', ['Müller^Jörg']);
    const error = thrown(() => encodeDicomFile(edited));
    expect(error).toBeInstanceOf(UnsupportedCharacterSetError);
    expect((error as Error).message).toContain(
      "(0010,0010) PatientName: 'ü' (U+00FC) at position 1 is not in the default repertoire (no (0008,0005))",
    );
    expect((error as UnsupportedCharacterSetError).hint).toContain("'ISO_IR 192'");
    const fixed = withElement(edited, 'SpecificCharacterSet', ['ISO_IR 192']);
    expect(getString(readDicom(encodeDicomFile(fixed)).dataset, 'PatientName')).toBe('Müller^Jörg');
  });

  it('refuses Cyrillic text in an ISO_IR 144 file, naming the character set and what to do', () => {
    const source = read(files.cyrillic.path);
    const error = thrown(() => encodeDicomFile(withElement(source.dataset, 'PatientName', ['Иванов^Пётр'])));
    expect(error).toBeInstanceOf(UnsupportedCharacterSetError);
    const typed = error as UnsupportedCharacterSetError;
    expect(typed.code).toBe('unsupported-character-set');
    expect(typed.characterSet).toBe('ISO_IR 144');
    expect(typed.path).toBe('(0010,0010) PatientName');
    expect(typed.message).toContain("radkit cannot write text in Specific Character Set 'ISO_IR 144'");
    expect(typed.hint).toBe(
      "Set (0008,0005) SpecificCharacterSet to 'ISO_IR 192' (UTF-8) and write the text values again, or use ASCII text.",
    );
    // The file's own Cyrillic, unchanged, is written back from its bytes.
    const unchanged = readDicom(encodeDicomFile(source.dataset, { fileMeta: source.meta }));
    expect(getString(unchanged.dataset, 'PatientName')).toBe(getString(source.dataset, 'PatientName'));
  });

  it('refuses a value too long for its 16-bit length in explicit VR, and writes it in implicit VR', () => {
    const long = 'x'.repeat(70_000);
    const source = read(files.latin1.path);
    const error = thrown(() => encodeDicomFile(withElement(source.dataset, 'SeriesDescription', [long])));
    expect(error).toBeInstanceOf(DicomWriteError);
    const typed = error as DicomWriteError;
    expect(typed.code).toBe('dicom-write');
    expect(typed.message).toContain(
      '(0008,103E) SeriesDescription: the value is 70000 bytes, but VR LO has a 16-bit length in explicit VR (at most 65535 bytes',
    );
    expect(typed.hint).toContain('write Implicit VR Little Endian');
    const implicit = read(files.implicit.path);
    const bytes = encodeDicomFile(withElement(implicit.dataset, 'SeriesDescription', [long]), {
      fileMeta: implicit.meta,
    });
    expect(getString(readDicom(bytes).dataset, 'SeriesDescription')).toBe(long);
  });
});
