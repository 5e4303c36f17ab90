/**
 * Encoding a dataset in a transfer syntax (PS3.5 §7 and Annex A): each element's header
 * (explicit or implicit VR, PS3.5 §7.1.2 and §7.1.3), its value in the syntax's byte order
 * (§7.3), sequences and their items (§7.5), encapsulated Pixel Data (§A.4), and for the deflated
 * syntax the whole stream through a deflater the caller gives (§A.5).
 *
 * An element read from a file and not changed is written from the bytes it was read from, so
 * an unchanged dataset written in the syntax it was read in comes out as it went in. Elements
 * made in memory are encoded from their values. Group length elements (gggg,0000) are
 * recomputed (PS3.5 §7.2), so they stay true when the group changes.
 *
 * Pure: no I/O, and deflating is a function passed in (Node's zlib, a browser's
 * CompressionStream), as reading is given an inflater.
 */
import { DataElement, UndefinedLength } from '../data-element.js';
import { Dataset } from '../dataset.js';
import type { ValueSource } from '../decode-values.js';
import { describeTag, UnsupportedTransferSyntaxError } from '../errors.js';
import {
  ItemDelimitationTag,
  ItemTag,
  PixelDataTag,
  SequenceDelimitationTag,
  SpecificCharacterSetTag,
  type Tag,
} from '../tag.js';
import {
  ExplicitVRLittleEndian,
  findTransferSyntax,
  ImplicitVRLittleEndian,
  type TransferSyntax,
} from '../transfer-syntax.js';
import { charsetDecodedVRs, hasLongLength, isVR } from '../vr.js';
import { ByteSink } from './byte-sink.js';
import { encodeValues, reorderValue, type ValueContext, writtenVR } from './encode-values.js';
import { DicomWriteError } from './errors.js';
import { sourceOf, storedHeader, storedItemForms } from './stored-layout.js';

export interface EncodeDatasetOptions {
  /** The transfer syntax to encode in, e.g. '1.2.840.10008.1.2.1' (Explicit VR Little Endian). */
  readonly transferSyntaxUID: string;
  /**
   * Raw deflate (RFC 1951, no zlib or gzip wrapper), needed for Deflated Explicit VR Little
   * Endian (1.2.840.10008.1.2.1.99); in Node, `(bytes) => zlib.deflateRawSync(bytes)`.
   */
  readonly deflate?: (bytes: Uint8Array) => Uint8Array;
}

/**
 * The largest value a 16-bit length field describes. Values made in memory are padded to even
 * length, so theirs is 65534; a stored odd one of 65535 (a damaged file) still goes back as it was.
 */
const maxShortLength = 0xffff;

/** Where the elements being written sit, and what they inherit. */
interface Scope {
  /** (0008,0005) values in effect: the dataset's own, else its parent's (PS3.5 §7.5.3). */
  readonly terms: readonly string[];
  /** The path of the dataset from the top level, e.g. `(0040,0275) RequestAttributesSequence[0]`. */
  readonly path: string;
  /** A stream an enclosing element was read from, for finding item headers of sequences. */
  readonly source: ValueSource | undefined;
}

function elementPath(scope: Scope, tag: Tag): string {
  return scope.path === '' ? describeTag(tag) : `${scope.path} > ${describeTag(tag)}`;
}

/** The syntax to write, refusing UIDs whose encoding radkit would have to guess. */
export function writableTransferSyntax(uid: string): TransferSyntax {
  const syntax = findTransferSyntax(uid);
  if (syntax === undefined) {
    throw new UnsupportedTransferSyntaxError(
      uid,
      `radkit cannot write transfer syntax ${uid}: it is not one radkit knows, so its encoding is unknown`,
      {
        hint: "Choose a transfer syntax from PS3.5 Annex A, e.g. '1.2.840.10008.1.2.1' (Explicit VR Little Endian).",
      },
    );
  }
  return syntax;
}

/** The character set terms in force for `elements`, given the parent's. */
function termsOf(elements: readonly DataElement[], inherited: readonly string[]): readonly string[] {
  const element = elements.find((candidate) => candidate.tag === SpecificCharacterSetTag);
  if (element === undefined) return inherited;
  return element.values.filter((value): value is string => typeof value === 'string');
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((term, index) => term === b[index]);
}

/** True when `bytes` is text that reads the same in every character set: ASCII without ESC. */
function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80 || bytes[i] === 0x1b) return false;
  return true;
}

class Encoder {
  readonly #syntax: TransferSyntax;
  readonly #le: boolean;

  constructor(syntax: TransferSyntax) {
    this.#syntax = syntax;
    this.#le = syntax.littleEndian;
  }

  /** The elements of one dataset, in ascending tag order as `Dataset` keeps them. */
  elements(
    dataset: Dataset,
    elements: readonly DataElement[],
    scope: Scope,
    sink: ByteSink,
    topLevel: boolean,
  ): void {
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i]!;
      if ((element.tag & 0xffff) !== 0) {
        this.#element(dataset, element, scope, sink, topLevel);
        continue;
      }
      // A group length (PS3.5 §7.2) counts the bytes of the rest of its group: write the group
      // first, then the length in front of it.
      const group = element.tag >>> 16;
      let end = i + 1;
      while (end < elements.length && elements[end]!.tag >>> 16 === group) end++;
      const rest = new ByteSink();
      for (let j = i + 1; j < end; j++) this.#element(dataset, elements[j]!, scope, rest, topLevel);
      const stored = element.storedValue;
      const storedLength = stored?.bytes.length === 4 ? element.values[0] : undefined;
      const lengthElement =
        storedLength === rest.length ? element : DataElement.fromValues(element.tag, 'UL', [rest.length]);
      this.#element(dataset, lengthElement, scope, sink, topLevel);
      sink.append(rest);
      i = end - 1;
    }
  }

  #element(dataset: Dataset, element: DataElement, scope: Scope, sink: ByteSink, topLevel: boolean): void {
    if (element.vr === 'SQ') {
      this.#sequence(element, scope, sink);
      return;
    }
    if (element.encapsulated) {
      this.#encapsulated(element, scope, sink);
      return;
    }
    if (topLevel && element.tag === PixelDataTag && this.#syntax.encapsulated && element.values.length > 0) {
      throw new DicomWriteError(
        `Pixel Data is native (uncompressed), but ${this.#syntax.name} (${this.#syntax.uid}) needs it compressed into encapsulated fragments (PS3.5 §A.4)`,
        elementPath(scope, element.tag),
        {
          hint: 'Write a native transfer syntax (e.g. 1.2.840.10008.1.2.1), or compress the frames and set Pixel Data to the fragments first.',
        },
      );
    }
    const stored = element.storedValue;
    let value: Uint8Array;
    let letters: string = writtenVR(element.vr);
    const reuse =
      stored !== undefined &&
      !(
        charsetDecodedVRs.has(element.vr) &&
        !sameTerms(scope.terms, dataset.characterSets.terms) &&
        !isPlainAscii(stored.bytes)
      );
    if (reuse) {
      const from = stored.source.littleEndian;
      value = reorderValue(stored.bytes, element.vr, from, this.#le);
      if (from === this.#le) {
        // Same byte order: keep the VR the element was stored with (UN stays UN).
        const header = storedHeader(element, stored.source, stored.offset);
        if (header?.explicit === true && isVR(header.letters)) letters = header.letters;
      }
    } else {
      // New values, or text stored in a character set the dataset no longer declares.
      const path = () => elementPath(scope, element.tag);
      const context: ValueContext = { littleEndian: this.#le, terms: scope.terms, path };
      value = encodeValues(element.values, element.vr, context);
    }
    this.#header(element.tag, letters, value.length, scope, sink);
    sink.bytes(value);
  }

  #header(tag: Tag, letters: string, length: number, scope: Scope, sink: ByteSink): void {
    sink.tag(tag, this.#le);
    const long = !this.#syntax.explicitVR || hasLongLength(letters);
    if (length !== UndefinedLength && length > (long ? 0xfffffffe : maxShortLength)) {
      throw new DicomWriteError(
        long
          ? `the value is ${length} bytes, more than a 32-bit length can describe (PS3.5 §7.1)`
          : `the value is ${length} bytes, but VR ${letters} has a 16-bit length in explicit VR (at most ${maxShortLength} bytes, PS3.5 §7.1.2 and Table 7.1-1)`,
        elementPath(scope, tag),
        {
          hint: long
            ? 'Split the data over several elements or files.'
            : 'Shorten the value, store the text with a VR that has a 32-bit length (UT or UC), or write Implicit VR Little Endian, where every length is 32-bit.',
        },
      );
    }
    if (!this.#syntax.explicitVR) {
      sink.uint32(length, this.#le);
      return;
    }
    sink.letters(letters);
    if (hasLongLength(letters)) {
      sink.zeros(2);
      sink.uint32(length, this.#le);
    } else sink.uint16(length, this.#le);
  }

  itemHeader(tag: Tag, length: number, sink: ByteSink): void {
    sink.tag(tag, this.#le);
    sink.uint32(length, this.#le);
  }

  /**
   * True when `element`, a sequence read from `source`, was stored as UN (PS3.5 §6.2.2): its
   * items are then Implicit VR Little Endian, and are written back that way, under UN, when the
   * output is Explicit VR Little Endian too.
   */
  #storedAsUnknown(element: DataElement, source: ValueSource | undefined): boolean {
    if (source === undefined || !source.littleEndian || !this.#le || !this.#syntax.explicitVR) return false;
    if (element.valueOffset < 0) return false;
    const header = storedHeader(element, source, element.valueOffset);
    return header?.explicit === true && header.letters === 'UN';
  }

  #sequence(element: DataElement, scope: Scope, sink: ByteSink): void {
    const path = elementPath(scope, element.tag);
    const items = element.values.map((value, index) => {
      if (value instanceof Dataset) return value;
      throw new DicomWriteError(`item ${index} of a sequence is not a dataset`, path, {
        hint: 'Give SQ elements Dataset values, one per item.',
      });
    });
    const source = sourceOf(items) ?? scope.source;
    const unknown = this.#storedAsUnknown(element, source);
    const itemEncoder = unknown ? new Encoder(ImplicitVRLittleEndian) : this;
    const letters = unknown ? 'UN' : 'SQ';
    // Keep an undefined length where the file had one; a new sequence gets a defined length.
    if (element.valueLength === UndefinedLength) {
      this.#header(element.tag, letters, UndefinedLength, scope, sink);
      itemEncoder.items(element, items, { ...scope, path, source }, sink);
      itemEncoder.itemHeader(SequenceDelimitationTag, 0, sink);
      return;
    }
    const body = new ByteSink();
    itemEncoder.items(element, items, { ...scope, path, source }, body);
    this.#header(element.tag, letters, body.length, scope, sink);
    sink.append(body);
  }

  /** The items of `sequence` (PS3.5 §7.5), each in the length form it was read with, if any. */
  items(sequence: DataElement, items: readonly Dataset[], scope: Scope, sink: ByteSink): void {
    const forms = scope.source === undefined ? [] : storedItemForms(sequence, items, scope.source);
    items.forEach((item, index) => {
      const itemScope: Scope = {
        terms: termsOf(item.elements(), scope.terms),
        path: `${scope.path}[${index}]`,
        source: scope.source,
      };
      if (forms[index] === true) {
        this.itemHeader(ItemTag, UndefinedLength, sink);
        this.elements(item, item.elements(), itemScope, sink, false);
        this.itemHeader(ItemDelimitationTag, 0, sink);
        return;
      }
      const content = new ByteSink();
      this.elements(item, item.elements(), itemScope, content, false);
      this.itemHeader(ItemTag, content.length, sink);
      sink.append(content);
    });
  }

  #encapsulated(element: DataElement, scope: Scope, sink: ByteSink): void {
    const path = elementPath(scope, element.tag);
    if (!this.#syntax.encapsulated) {
      throw new DicomWriteError(
        `the value is encapsulated (compressed) fragments, which ${this.#syntax.name} (${this.#syntax.uid}) cannot hold (PS3.5 §A.4)`,
        path,
        {
          hint: 'Write the transfer syntax the fragments were compressed in, or decode the frames and set native Pixel Data first.',
        },
      );
    }
    const letters = element.vr === 'OW' ? 'OW' : 'OB';
    this.#header(element.tag, letters, UndefinedLength, scope, sink);
    element.values.forEach((fragment, index) => {
      if (!(fragment instanceof Uint8Array)) {
        throw new DicomWriteError(`fragment ${index} is not bytes`, path, {
          hint: 'Give encapsulated Pixel Data as Uint8Array items: the Basic Offset Table, then the fragments.',
        });
      }
      this.itemHeader(ItemTag, fragment.length, sink);
      sink.bytes(fragment);
    });
    this.itemHeader(SequenceDelimitationTag, 0, sink);
  }
}

/** Encode `elements` (of `dataset`) into `sink` in `syntax`, not deflated. */
export function encodeElementsInto(
  dataset: Dataset,
  elements: readonly DataElement[],
  syntax: TransferSyntax,
  sink: ByteSink,
): void {
  const scope: Scope = { terms: termsOf(elements, []), path: '', source: sourceOf([dataset]) };
  new Encoder(syntax).elements(dataset, elements, scope, sink, true);
}

function deflated(bytes: Uint8Array, deflate: EncodeDatasetOptions['deflate'], uid: string): Uint8Array {
  if (deflate === undefined) {
    throw new DicomWriteError(`transfer syntax ${uid} deflates the dataset, and no deflater was given`, '', {
      hint: 'Pass options.deflate, a raw (RFC 1951) deflater such as zlib.deflateRawSync in Node.',
    });
  }
  const out = deflate(bytes);
  if (out.length % 2 === 0) return out;
  // PS3.5 §A.5: an odd-length deflate stream gets one trailing NUL.
  const padded = new Uint8Array(out.length + 1);
  padded.set(out);
  return padded;
}

/**
 * The dataset encoded in a transfer syntax: the bytes that follow the File Meta Information in
 * a Part 10 file (or travel in a network message). Throws `DicomWriteError` for a value the
 * syntax cannot hold and `UnsupportedTransferSyntaxError` for an unknown UID.
 */
export function encodeDataset(dataset: Dataset, options: EncodeDatasetOptions): Uint8Array {
  const syntax = writableTransferSyntax(options.transferSyntaxUID);
  const sink = new ByteSink();
  // The deflated syntax is Explicit VR Little Endian, then deflated (PS3.5 §A.5).
  encodeElementsInto(dataset, dataset.elements(), syntax.deflated ? ExplicitVRLittleEndian : syntax, sink);
  const bytes = sink.toBytes();
  return syntax.deflated ? deflated(bytes, options.deflate, syntax.uid) : bytes;
}
