/**
 * radkit's byte decoders against CPython's codecs (the ones pydicom 2.3.1 calls): every code of
 * every table, then random byte strings (errors, truncations, escape sequences) so the number
 * and place of U+FFFD and the strict-decode verdict agree too. The tables borrowed from
 * TextDecoder are checked here in full, so a Node/ICU update that changes a mapping shows up.
 */
import { describe, expect, it } from 'vitest';
import type { CodecId } from '../../src/dicom/charset/byte-decoder.js';
import { decoderFor } from '../../src/dicom/charset/codecs.js';
import { missing, pydicom } from '../support/requirements.js';
import { runReference, seededRandom, toHex } from './reference.js';

interface Request {
  codec: CodecId;
  hex: string;
}

interface Decoded {
  text: string;
  failed: boolean;
}

const ALL_CODECS: readonly CodecId[] = [
  'latin_1',
  'ascii',
  'utf_8',
  'iso8859_2',
  'iso8859_3',
  'iso8859_4',
  'iso8859_5',
  'iso8859_6',
  'iso8859_7',
  'iso8859_8',
  'iso8859_9',
  'tis_620',
  'shift_jis',
  'euc_kr',
  'gb2312',
  'gbk',
  'gb18030',
  'iso2022_jp',
  'iso2022_jp_2',
];

function pairs(
  codec: CodecId,
  prefix: readonly number[],
  leads: [number, number],
  trails: [number, number],
): Request[] {
  const out: Request[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) {
      out.push({ codec, hex: toHex(Uint8Array.from([...prefix, lead, trail])) });
    }
  }
  return out;
}

function everyCode(): Request[] {
  const requests: Request[] = [];
  for (const codec of ALL_CODECS) {
    for (let byte = 0; byte < 256; byte++) requests.push({ codec, hex: toHex(Uint8Array.of(byte)) });
  }
  requests.push(...pairs('shift_jis', [], [0x81, 0xfc], [0x40, 0xfc]));
  requests.push(...pairs('euc_kr', [], [0xa1, 0xfe], [0xa1, 0xfe]));
  requests.push(...pairs('gb2312', [], [0xa1, 0xfe], [0xa1, 0xfe]));
  requests.push(...pairs('gbk', [], [0x81, 0xfe], [0x40, 0xfe]));
  requests.push(...pairs('gb18030', [], [0x81, 0xfe], [0x40, 0xfe]));
  requests.push(...pairs('iso2022_jp', [0x1b, 0x24, 0x42], [0x21, 0x7e], [0x21, 0x7e])); // JIS X 0208
  requests.push(...pairs('iso2022_jp_2', [0x1b, 0x24, 0x28, 0x44], [0x21, 0x7e], [0x21, 0x7e])); // JIS X 0212
  requests.push(...pairs('iso2022_jp_2', [0x1b, 0x24, 0x28, 0x43], [0x21, 0x7e], [0x21, 0x7e])); // KS X 1001
  requests.push(...pairs('iso2022_jp_2', [0x1b, 0x24, 0x41], [0x21, 0x7e], [0x21, 0x7e])); // GB 2312
  for (let linear = 0; linear < 39420; linear++) {
    const code = [
      0x81 + Math.floor(linear / 12600),
      0x30 + (Math.floor(linear / 1260) % 10),
      0x81 + (Math.floor(linear / 10) % 126),
      0x30 + (linear % 10),
    ];
    requests.push({ codec: 'gb18030', hex: toHex(Uint8Array.from(code)) });
  }
  return requests;
}

const ESCAPES = ['(B', '$B', '$(D', '$A', '$(C', '(J', '.A', '.F', 'N', '&@', '$@', '(I', 'x', ')B', '$)C'];

function randomStrings(seed: number, perCodec: number): Request[] {
  const random = seededRandom(seed);
  const requests: Request[] = [];
  for (const codec of ALL_CODECS) {
    for (let n = 0; n < perCodec; n++) {
      const value: number[] = [];
      const length = Math.floor(random() * 16);
      for (let i = 0; i < length; i++) {
        const r = random();
        if (r < 0.3) value.push(Math.floor(random() * 256));
        else if (r < 0.5) value.push(0x80 + Math.floor(random() * 128));
        else if (r < 0.6) {
          const tail = ESCAPES[Math.floor(random() * ESCAPES.length)]!;
          value.push(0x1b, ...Array.from(tail, (c) => c.charCodeAt(0)));
        } else if (r < 0.8) value.push(0x21 + Math.floor(random() * 94));
        else if (r < 0.9) value.push(0x30 + Math.floor(random() * 10));
        else
          value.push(
            [0xa4, 0xd4, 0xed, 0xa0, 0xf0, 0x90, 0xc0, 0xe0, 0x8f, 0x8e][Math.floor(random() * 10)]!,
          );
      }
      requests.push({ codec, hex: toHex(Uint8Array.from(value)) });
    }
  }
  return requests;
}

function disagreements(requests: readonly Request[], expected: readonly Decoded[]): string[] {
  const out: string[] = [];
  requests.forEach((request, index) => {
    const value = Uint8Array.from(request.hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
    const status = { errors: 0 };
    const text = decoderFor(request.codec)(value, 0, value.length, status);
    const want = expected[index]!;
    if (text !== want.text || status.errors > 0 !== want.failed) {
      out.push(`${request.codec} ${request.hex}: ${JSON.stringify(text)} != ${JSON.stringify(want.text)}`);
    }
  });
  return out;
}

describe.skipIf(missing(pydicom()))("radkit's decoders against CPython's codecs", () => {
  it('agree on every code of every table', () => {
    const requests = everyCode();
    expect(requests.length).toBeGreaterThan(150_000);
    const expected = runReference<Decoded[]>('codecs', [], requests);
    expect(expected).toHaveLength(requests.length);
    expect(disagreements(requests, expected).slice(0, 20)).toEqual([]);
  });

  it('agree on random byte strings, errors and truncations included', () => {
    const requests = randomStrings(20_240_601, 1500);
    const expected = runReference<Decoded[]>('codecs', [], requests);
    expect(expected.filter((decoded) => decoded.failed).length).toBeGreaterThan(1000);
    expect(disagreements(requests, expected).slice(0, 20)).toEqual([]);
  });
});
