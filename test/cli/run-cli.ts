/**
 * Running the CLI in-process (run(argv, io)) with captured output, and as the installed
 * command (node bin/radkit.js) in a child process.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runInProcess(argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTTY: false,
  });
  return { status, stdout, stderr };
}

/** The installed command, built by `npm run build` (npm test builds first). */
export function runInstalled(argv: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'radkit.js'), ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
