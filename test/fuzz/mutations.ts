/**
 * Seeded mutations of DICOM files for the fuzz test: the same seed always gives the same cases,
 * so a failure can be replayed from its case number.
 */

export { seededRandom } from '../support/seeded-random.js';

export type MutationKind =
  | 'truncate'
  | 'flip-bytes'
  | 'overwrite-length'
  | 'delete-run'
  | 'insert-run'
  | 'zero-run';

export interface Mutation {
  readonly kind: MutationKind;
  readonly bytes: Uint8Array;
  /** What was done, for the failure message. */
  readonly description: string;
}

const kinds: readonly MutationKind[] = [
  'truncate',
  'flip-bytes',
  'overwrite-length',
  'delete-run',
  'insert-run',
  'zero-run',
];

/**
 * One mutation of `original`. Offsets favour the first 4 KiB, where the file meta, the element
 * structure and the sequences are, because mutations in pixel bytes rarely test the reader.
 */
export function mutate(original: Uint8Array, random: () => number): Mutation {
  const kind = kinds[Math.floor(random() * kinds.length)]!;
  const headerBias = random() < 0.8 ? Math.min(original.length, 4096) : original.length;
  const at = Math.floor(random() * headerBias);
  switch (kind) {
    case 'truncate':
      return { kind, bytes: original.slice(0, at), description: `truncated to ${at} bytes` };
    case 'flip-bytes': {
      const bytes = original.slice();
      const count = 1 + Math.floor(random() * 8);
      const where: number[] = [];
      for (let i = 0; i < count; i++) {
        const offset = Math.floor(random() * headerBias);
        bytes[offset] = Math.floor(random() * 256);
        where.push(offset);
      }
      return { kind, bytes, description: `random bytes at ${where.join(', ')}` };
    }
    case 'overwrite-length': {
      // A 16- or 32-bit length field set to something hostile: 0, odd, huge, undefined.
      const bytes = original.slice();
      const values = [0, 1, 0xffff, 0xfffe, 0x7fffffff, 0xffffffff, 0xfffffffe, original.length];
      const value = values[Math.floor(random() * values.length)]!;
      const view = new DataView(bytes.buffer);
      if (at + 4 <= bytes.length) view.setUint32(at, value >>> 0, true);
      return { kind, bytes, description: `32-bit 0x${value.toString(16)} written at ${at}` };
    }
    case 'delete-run': {
      const length = Math.min(1 + Math.floor(random() * 16), original.length - at);
      const bytes = new Uint8Array(original.length - length);
      bytes.set(original.subarray(0, at));
      bytes.set(original.subarray(Math.min(original.length, at + length)), at);
      return { kind, bytes, description: `${length} bytes deleted at ${at}` };
    }
    case 'insert-run': {
      const length = 1 + Math.floor(random() * 16);
      const bytes = new Uint8Array(original.length + length);
      bytes.set(original.subarray(0, at));
      for (let i = 0; i < length; i++) bytes[at + i] = Math.floor(random() * 256);
      bytes.set(original.subarray(at), at + length);
      return { kind, bytes, description: `${length} random bytes inserted at ${at}` };
    }
    case 'zero-run': {
      const bytes = original.slice();
      const length = 1 + Math.floor(random() * 64);
      bytes.fill(0, at, at + length);
      return { kind, bytes, description: `${length} bytes zeroed at ${at}` };
    }
  }
}
