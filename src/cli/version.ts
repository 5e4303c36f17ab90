/**
 * The package version, read once from radkit's package.json: the first one with the name
 * `radkit` above this module, wherever the build put it (dist/cli/, a bundle's folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const path = join(folder, 'package.json');
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'radkit' && manifest.version !== undefined) return manifest.version;
    }
    if (dirname(folder) === folder) return '0.0.0';
  }
}

export const version: string = packageVersion();
