/**
 * New UIDs for what radkit makes (copies, new records, new series): `2.25.` followed by a random
 * (version 4) UUID written as one decimal integer (PS3.5 §B.2). No registered root is needed,
 * and 122 random bits make a collision practically impossible. At most 5 + 39 = 44 characters,
 * within the 64 a UI allows. `crypto.randomUUID` is global in Node 20 and in browsers, so this
 * stays in the pure layer.
 */
export function newUid(): string {
  return `2.25.${BigInt(`0x${globalThis.crypto.randomUUID().replaceAll('-', '')}`)}`;
}
