/** A database of its own on the test PostgreSQL server, for one test file. */
import { spawnSync } from 'node:child_process';
import { afterAll } from 'vitest';
import { postgresUrl } from './requirements.js';

/**
 * Create a fresh database named after `prefix` on the server of `postgresUrl`, drop it when the
 * calling file's tests end, and give its URL. Call it from a test or a hook (it registers
 * `afterAll`), after `postgres()` said the server is there.
 */
export function serverDatabase(prefix: string): string {
  const name = `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const create = spawnSync('psql', [postgresUrl, '-c', `create database ${name}`], { encoding: 'utf8' });
  if (create.status !== 0) throw new Error(create.stderr);
  afterAll(() => {
    spawnSync('psql', [postgresUrl, '-c', `drop database if exists ${name} with (force)`]);
  });
  return postgresUrl.replace(/\/[^/]*$/, `/${name}`);
}
