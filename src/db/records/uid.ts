/**
 * New UIDs: `2.25.` followed by a random UUID as one decimal integer (PS3.5 §B.2), unique
 * without a registered root and at most 44 characters, well under the 64 a UI allows.
 */
import { randomUUID } from 'node:crypto';

export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}
