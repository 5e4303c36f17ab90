/**
 * `radkit convert list.txt out`: a text file of paths, one per line, in place of a folder, for
 * converting files chosen elsewhere (a query, a selection) without staging them (user-needs §1.1
 * item 10: rordenlab/dcm2niix#840). Such lists go stale: a path listed that no longer exists is
 * an error Issue naming it and its line, and the rest is converted ("converted some but not
 * all", exit 1), as a file that cannot be read inside a folder is.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';

/** A text file of paths (one per line) when its name says so: `.txt` or `.list`. */
export function isPathList(path: string): boolean {
  return /\.(txt|list)$/i.test(path) && statSync(path).isFile();
}

/**
 * The paths `list` names (blank lines skipped, relative ones from the working folder, as a
 * shell would take them), and an Issue for each that does not exist. A list none of whose paths
 * exists is an `input-file` error (exit 3): nothing could be converted.
 */
export function listedPaths(list: string): { readonly paths: string[]; readonly missing: Issue[] } {
  const paths: string[] = [];
  const missing: Issue[] = [];
  readFileSync(list, 'utf8')
    .split(/\r?\n/)
    .forEach((text, index) => {
      const line = text.trim();
      if (line === '') return;
      if (existsSync(line)) paths.push(line);
      else
        missing.push({
          code: 'unreadable-file',
          severity: 'error',
          message: `${line} (line ${index + 1} of ${list}) does not exist; the other listed paths were converted`,
          where: { file: line },
        });
    });
  if (paths.length === 0 && missing.length > 0)
    throw new RadkitError('input-file', `none of the ${missing.length} path(s) listed in ${list} exists.`, {
      hint: 'Check the paths (relative ones are taken from the working folder).',
    });
  return { paths, missing };
}
