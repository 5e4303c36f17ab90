/**
 * The `radkit` command line. `run(argv, io)` is the whole program, callable in-process (tests);
 * the bottom of this file runs it when the module is executed directly.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerConvert } from './commands/convert.js';
import { registerDump } from './commands/dump.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerIndex } from './commands/index-folder.js';
import { registerLs } from './commands/ls.js';
import { registerUpdate } from './commands/update.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { type CommandIO, processIO } from './io.js';
import { version } from './version.js';

function buildProgram(io: CommandIO, setStatus: (status: number) => void): Command {
  const program = new Command('radkit')
    .description('Medical-imaging data toolkit: read every DICOM, convert, index and organise.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  registerDump(program, io);
  registerConvert(program, io, setStatus);
  registerImport(program, io, setStatus);
  registerUpdate(program, io, setStatus);
  registerIndex(program, io);
  registerLs(program, io);
  registerExport(program, io, setStatus);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/** Run radkit with `argv` (without the node and script paths); resolves to the exit status. */
export async function run(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  // Commands that can partly succeed report their own status.
  let status: number = ExitCode.Success;
  const program = buildProgram(io, (value) => {
    status = value;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
    }
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`radkit: ${code === ExitCode.Internal ? 'internal error: ' : ''}${message}\n`);
    if (code === ExitCode.Internal && error instanceof Error && error.stack !== undefined)
      io.stderr(`${error.stack}\n`);
    return code;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// No top-level await: the CLI bundle is a classic script (scripts/build-cli.mjs).
if (isMain()) {
  void run(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
