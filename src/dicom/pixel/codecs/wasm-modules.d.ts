/**
 * Types for the Emscripten builds of the cornerstone codecs and for jpeg-lossless-decoder-js,
 * which ship none. Each cornerstone subpath is CommonJS glue whose `module.exports` (also
 * `.default`) is the module factory; its promise resolves to the module, whose embind classes are
 * declared as far as radkit uses them (structurally the `WasmDecoder` of `codec-image.ts`).
 */

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
  }
  interface JpegLSDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): FrameInfo;
    /** 0 none (planar output), 1 line, 2 sample (ISO 14495-1 ILV). */
    getInterleaveMode(): number;
    getNearLossless(): number;
    delete(): void;
  }
  const factory: (arg?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<{
    JpegLSDecoder: new () => JpegLSDecoder;
  }>;
  // biome-ignore lint/style/noDefaultExport: describes a CommonJS package whose module.exports is the factory
  export default factory;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  interface JPEGDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): {
      width: number;
      height: number;
      bitsPerSample: number;
      componentCount: number;
      isSigned: boolean;
    };
    delete(): void;
  }
  const factory: (arg?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<{
    JPEGDecoder: new () => JPEGDecoder;
  }>;
  // biome-ignore lint/style/noDefaultExport: describes a CommonJS package whose module.exports is the factory
  export default factory;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): {
      width: number;
      height: number;
      bitsPerSample: number;
      componentCount: number;
      isSigned: boolean;
    };
    getColorSpace(): number;
    getIsReversible(): boolean;
    delete(): void;
  }
  const factory: (arg?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<{
    J2KDecoder: new () => J2KDecoder;
  }>;
  // biome-ignore lint/style/noDefaultExport: describes a CommonJS package whose module.exports is the factory
  export default factory;
}

declare module '@cornerstonejs/codec-openjph/wasmjs' {
  interface HTJ2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): {
      width: number;
      height: number;
      bitsPerSample: number;
      componentCount: number;
      isSigned: boolean;
      isUsingColorTransform: boolean;
    };
    getIsHeaderValid(): boolean;
    getLastErrorMessage(): string;
    delete(): void;
  }
  const factory: (arg?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<{
    HTJ2KDecoder: new () => HTJ2KDecoder;
  }>;
  // biome-ignore lint/style/noDefaultExport: describes a CommonJS package whose module.exports is the factory
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    /** Decode a lossless JPEG; `numBytes` forces the output sample size (1 or 2). */
    decode(
      buffer: ArrayBuffer,
      offset?: number,
      length?: number,
      numBytes?: number,
    ): Uint8Array | Uint16Array;
    frame: { precision: number; dimX: number; dimY: number; numComp: number };
    numComp: number;
  }
}
