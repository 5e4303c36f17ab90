import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Dataset, resolveTag } from '../dicom/index.js';
import { attributeElement } from './attribute-element.js';
import {
  createExportFolder,
  exportFileName,
  exportFolderName,
  instanceLabel,
  unusedName,
} from './export-names.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-export-names-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function header(sopClass: string, instanceNumber?: number): Dataset {
  const dataset = new Dataset();
  dataset.set(attributeElement(resolveTag('SOPClassUID'), sopClass));
  if (instanceNumber !== undefined)
    dataset.set(attributeElement(resolveTag('InstanceNumber'), instanceNumber));
  return dataset;
}

describe('export names (dbdicom §3.3)', () => {
  it('replaces every character that is not a letter or digit by _', () => {
    expect(exportFolderName('Series 001 [New Series]')).toBe('Series_001__New_Series_');
    expect(exportFolderName('Study Tête/Cou [2024]')).toBe('Study_Tête_Cou__2024_');
    expect(exportFileName('Series 001 [a/b]')).toBe('Series 001 [a_b]');
  });

  it('makes the folder, then " [2]", " [3]" beside an existing one, and the parent when missing', () => {
    const parent = join(scratch, 'new', 'parent');
    expect(createExportFolder(parent, 'Series 001 [New Series]')).toBe(
      join(parent, 'Series_001__New_Series_'),
    );
    expect(createExportFolder(parent, 'Series 001 [New Series]')).toBe(
      join(parent, 'Series_001__New_Series_ [2]'),
    );
    writeFileSync(join(parent, 'Series_001__New_Series_ [3]'), 'a file takes the name too');
    expect(createExportFolder(parent, 'Series 001 [New Series]')).toBe(
      join(parent, 'Series_001__New_Series_ [4]'),
    );
    expect(existsSync(join(parent, 'Series_001__New_Series_ [4]'))).toBe(true);
  });

  it("labels instances by SOP class and zero-padded Instance Number, -1 when it has none (Python's zfill)", () => {
    expect(instanceLabel(header('1.2.840.10008.5.1.4.1.1.4', 1))).toBe('MRImage 000001');
    expect(instanceLabel(header('1.2.840.10008.5.1.4.1.1.4.1', 12))).toBe('EnhancedMRImage 000012');
    expect(instanceLabel(header('1.2.840.10008.5.1.4.1.1.2', 1234567))).toBe('CTImage 1234567');
    expect(instanceLabel(header('1.2.840.10008.5.1.4.1.1.7'))).toBe('Instance -00001');
  });

  it('numbers names that are taken', () => {
    const taken = new Set<string>();
    expect(['a', 'a', 'b', 'a'].map((name) => unusedName(name, taken))).toEqual(['a', 'a [2]', 'b', 'a [3]']);
  });
});
