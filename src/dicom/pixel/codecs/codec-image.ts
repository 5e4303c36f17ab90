/**
 * What every codec wrapper returns, and the plumbing shared by the WebAssembly ones.
 *
 * The cornerstone codecs are Emscripten builds with CommonJS glue. They are loaded with a dynamic
 * `import()` (L1 may not use `createRequire` or `node:*`), which gives the factory as `.default`
 * in Node, under vitest and in bundlers, and only when a frame of that kind is first decoded.
 * Each factory call gets its own `{ print, printErr }` object: Emscripten keeps and extends the
 * object it is given, so sharing one between two factories makes the second fail to register its
 * classes; and without them OpenJPEG prints `[INFO]` lines on stdout.
 */
import { PixelDataError } from '../errors.js';

/** What the cornerstone decoders' `getFrameInfo()` returns (HTJ2K adds `isUsingColorTransform`). */
export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

/** The methods every cornerstone embind decoder class has. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}

/** The argument of an Emscripten module factory (only the output hooks are used). */
export interface ModuleArg {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** A decoded frame as a codec gives it. */
export interface CodecImage {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** The codestream's precision (bits per sample). */
  readonly bitsPerSample: number;
  /** JPEG 2000's signedness (SIZ Ssiz); undefined for codestreams that only hold unsigned samples. */
  readonly signed: boolean | undefined;
  /** Samples in little-endian containers (1 byte up to 8 bits, else 2), interleaved. */
  readonly bytes: Uint8Array;
  /** True when the codec converted YCbCr to RGB (JPEG colour conversion, JPEG 2000 inverse MCT). */
  readonly colorTransformed: boolean;
  readonly warnings: readonly string[];
}

/** A loader that imports and instantiates a module once, on first use (and retries after a failure). */
export function lazyModule<M>(
  load: () => Promise<{ default: (arg?: ModuleArg) => Promise<M> }>,
): () => Promise<M> {
  let promise: Promise<M> | undefined;
  return () => {
    if (promise === undefined) {
      promise = load().then((namespace) => namespace.default({ print() {}, printErr() {} }));
      promise.catch(() => {
        promise = undefined;
      });
    }
    return promise;
  };
}

/** Describe whatever a codec threw: a C++ exception reaches JS as a bare number (a pointer). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'number') return `native exception (code ${thrown})`;
  return String(thrown);
}

/**
 * Run an embind decoder on `codestream`: copy it into the wasm heap, decode, and copy the result
 * out (the heap view is invalidated by the next allocation). The decoder is always deleted.
 */
export function runWasmDecoder<D extends WasmDecoder, X>(
  decoder: D,
  codestream: Uint8Array,
  codec: string,
  frame: number,
  extra: (decoder: D) => X,
): { info: WasmFrameInfo; bytes: Uint8Array; extra: X } {
  try {
    decoder.getEncodedBuffer(codestream.length).set(codestream);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const more = extra(decoder);
    return { info, bytes: new Uint8Array(decoder.getDecodedBuffer()), extra: more };
  } catch (thrown) {
    throw new PixelDataError(`${codec} could not decode the frame: ${describeThrown(thrown)}`, {
      frame,
      cause: thrown,
      hint: 'The compressed data is corrupt or truncated, or not what the transfer syntax says.',
    });
  } finally {
    decoder.delete();
  }
}
