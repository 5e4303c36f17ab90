/**
 * Runs `pydicom-strings.py` (pydicom 2.3.1 in the reference Python) for the charset tests.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePython } from '../support/requirements.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'pydicom-strings.py');

/** Run the helper in `mode` with `args` and JSON `input` on stdin; returns its `result`. */
export function runReference<T>(
  mode: 'files' | 'values' | 'codecs',
  args: readonly string[],
  input?: unknown,
): T {
  const run = spawnSync(referencePython, [script, mode, ...args], {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: 110_000,
  });
  if (run.status !== 0) throw new Error(`pydicom-strings.py ${mode} failed: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as { pydicom: string; result: T };
  if (output.pydicom !== '2.3.1') throw new Error(`expected pydicom 2.3.1, found ${output.pydicom}`);
  return output.result;
}

/** Bytes to lowercase hex, as Python's `bytes.hex()`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Hex (as `bytes.hex()` gives it) to bytes. */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The charset issue code a pydicom warning corresponds to, or undefined for other warnings. */
export function issueCodeOfWarning(message: string): string | undefined {
  if (message.startsWith('Failed to decode byte string')) return 'undecodable-text';
  if (message.startsWith('Found unknown escape sequence')) return 'unknown-escape-sequence';
  if (message.startsWith('Unknown encoding')) return 'unknown-character-set';
  if (message.startsWith('Incorrect value for Specific Character Set')) return 'corrected-character-set';
  if (
    message.includes('does not allow code extensions') ||
    message.includes('cannot be used as code extension')
  ) {
    return 'ignored-character-set';
  }
  return undefined;
}

export { seededRandom } from '../support/seeded-random.js';
