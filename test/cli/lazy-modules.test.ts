/**
 * The installed command loads node:crypto and node:child_process only when a command uses them
 * (scripts/build-cli.mjs): loading them was ~3.5 ms of every run. A conversion writes its files
 * without them (temporary names in src/formats/write-output.ts need no node:crypto), and the
 * index's hashing, which does use node:crypto, still works through the stand-in.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, missing } from '../support/requirements.js';
import { projectRoot } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-lazy-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run the installed command and report which of Node's modules it loaded. */
function loadedBy(argv: readonly string[]): { status: number | null; modules: string[]; stdout: string } {
  const report = join(scratch, 'report.cjs');
  writeFileSync(
    report,
    "process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n",
  );
  const result = spawnSync(
    process.execPath,
    ['--require', report, join(projectRoot, 'bin', 'radkit.js'), ...argv],
    {
      encoding: 'utf8',
    },
  );
  const line = result.stderr.split('\n').find((text) => text.startsWith('MODULES '));
  return {
    status: result.status,
    modules: line === undefined ? [] : JSON.parse(line.slice(8)),
    stdout: result.stdout,
  };
}

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In');

describe('modules loaded on first use', () => {
  it('--version loads neither node:crypto nor node:child_process', () => {
    const { status, modules } = loadedBy(['--version']);
    expect(status).toBe(0);
    expect(modules).toContain('NativeModule zlib'); // the report works
    expect(modules).not.toContain('NativeModule crypto');
    expect(modules).not.toContain('NativeModule child_process');
  });

  it.skipIf(missing(mosaic))('a conversion writes its outputs without them', () => {
    const out = join(scratch, 'out');
    const { status, modules } = loadedBy(['convert', mosaic.path, out]);
    expect(status).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.nii.gz'))).toHaveLength(3);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(modules).not.toContain('NativeModule crypto');
    expect(modules).not.toContain('NativeModule child_process');
  });

  it.skipIf(missing(mosaic))('node:crypto still works where a command needs it (index --hash)', () => {
    const folder = join(scratch, 'indexed');
    cpSync(mosaic.path, folder, { recursive: true });
    const { status, modules, stdout } = loadedBy(['index', folder, '--hash', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { read: number; unreadable: number; instances: number };
    // A hash that failed (a stand-in without createHash) would make the file unreadable.
    expect(report).toMatchObject({ read: 18, unreadable: 0, instances: 18 });
    expect(modules).toContain('NativeModule crypto');
  });
});
