/**
 * Writes the demo session (demo-series.ts) for `npm run demo` and its test: classic MR Image
 * Storage files (PS3.3 A.4) in explicit VR little endian, one per slice, drawn from a head
 * phantom. The DICOM corpus radkit is tested on is not shipped, so the README's quick start runs
 * on this instead.
 *
 * Files are encoded with the test-only encoder (test/builders/dicom-bytes.ts) until radkit has
 * its own DICOM writer. Its `encodePart10` writes a fixed Secondary Capture file meta group, so
 * the meta group is built here with the file's own SOP Class and Instance UIDs (PS3.10 §7.1).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementDefinition, tagForKeyword } from '../../src/dicom/index.js';
import { concat, type ElementSpec, encodeDataset } from '../../test/builders/dicom-bytes.js';
import { type DemoSeries, demoPatient, demoSeries, type Stack, type Vector } from './demo-series.js';
import { phantomMaximum, phantomSignal } from './head-phantom.js';

/** MR Image Storage (PS3.4 Annex B.5). */
export const mrImageStorage = '1.2.840.10008.5.1.4.1.1.4';
const explicitVRLittleEndian = '1.2.840.10008.1.2.1';

export interface MakeSessionOptions {
  /** Every UID is derived from it: the same seed writes the same files. Default 'radkit-demo'. */
  readonly seed?: string;
}

export interface MadeSeries {
  readonly series: DemoSeries;
  readonly seriesInstanceUID: string;
  /** Absolute paths, in InstanceNumber order. */
  readonly files: readonly string[];
}

export interface MadeSession {
  readonly folder: string;
  readonly studyInstanceUID: string;
  readonly series: readonly MadeSeries[];
  readonly bytes: number;
}

/**
 * A UUID-derived UID (PS3.5 §B.2): `2.25.` and the UUID as one decimal integer. The UUID is
 * name-based (a SHA-256 of seed and name, RFC 9562 version 8 layout) rather than random, so that
 * the session is the same on every run.
 */
export function demoUid(seed: string, name: string): string {
  const bytes = createHash('sha256').update(`${seed}\u0000${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}

/** A DS value (PS3.5 §6.2: at most 16 characters), without float noise such as 1.2000000000000002. */
function decimal(value: number): string {
  const text = String(Number(value.toFixed(4)) + 0); // + 0 turns -0 into 0
  if (text.length > 16) throw new Error(`DS value ${text} is longer than 16 characters`);
  return text;
}

type Value = string | number | readonly number[];

/** An element by PS3.6 keyword, with the dictionary's VR; numbers become DS/IS text where the VR is text. */
function element(keyword: string, value: Value): ElementSpec {
  const tag = tagForKeyword(keyword);
  const vr = tag === undefined ? undefined : elementDefinition(tag)?.vr;
  if (tag === undefined || vr === undefined) throw new Error(`'${keyword}' is not in the data dictionary`);
  const numbers = typeof value === 'number' ? [value] : typeof value === 'string' ? undefined : value;
  if (vr === 'US' || vr === 'UL' || vr === 'FD' || vr === 'FL' || vr === 'SS' || vr === 'SL') {
    if (numbers === undefined) throw new Error(`'${keyword}' (${vr}) needs numbers`);
    return { tag, vr, numbers: [...numbers] };
  }
  const text = numbers === undefined ? (value as string) : numbers.map(decimal).join('\\');
  return { tag, vr, text };
}

function cross(a: Vector, b: Vector): Vector {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** `HHMMSS` a number of seconds after the study time. */
function timeAfter(seconds: number): string {
  const [h, m, s] = [0, 2, 4].map((at) => Number(demoPatient.studyTime.slice(at, at + 2)));
  const total = h! * 3600 + m! * 60 + s! + seconds;
  return [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join('');
}

/** Pixel Data of one slice: the phantom sampled at every pixel centre (PS3.3 C.7.6.2.1.1). */
function slicePixels(series: DemoSeries, position: Vector, row: Vector, column: Vector): Uint8Array {
  const { matrix, pixelSpacing } = series;
  const pixels = new Uint16Array(matrix * matrix);
  for (let r = 0; r < matrix; r++) {
    for (let c = 0; c < matrix; c++) {
      const x = position[0] + row[0] * pixelSpacing * c + column[0] * pixelSpacing * r;
      const y = position[1] + row[1] * pixelSpacing * c + column[1] * pixelSpacing * r;
      const z = position[2] + row[2] * pixelSpacing * c + column[2] * pixelSpacing * r;
      pixels[r * matrix + c] = phantomSignal(series.contrast, x, y, z);
    }
  }
  // Uint16Array is in the platform's byte order; every Node platform radkit supports is little endian.
  return new Uint8Array(pixels.buffer);
}

interface Instance {
  readonly instanceNumber: number;
  readonly position: Vector;
  readonly orientation: Stack['orientation'];
  readonly stack: Stack;
  readonly pixels: Uint8Array;
}

/** Every slice of a series, numbered from 1 across its stacks. */
function instancesOf(series: DemoSeries): Instance[] {
  const instances: Instance[] = [];
  for (const stack of series.stacks) {
    const row: Vector = [stack.orientation[0], stack.orientation[1], stack.orientation[2]];
    const column: Vector = [stack.orientation[3], stack.orientation[4], stack.orientation[5]];
    const normal = cross(row, column);
    const halfPlane = (series.pixelSpacing * (series.matrix - 1)) / 2;
    const step = stack.spacing ?? stack.sliceThickness;
    for (let k = 0; k < stack.slices; k++) {
      const along = (k - (stack.slices - 1) / 2) * step;
      // The first pixel's centre: the stack centre, back half a plane along rows and columns.
      const at = (i: 0 | 1 | 2): number =>
        stack.centre[i] - row[i] * halfPlane - column[i] * halfPlane + normal[i] * along;
      const position: Vector = [at(0), at(1), at(2)];
      instances.push({
        instanceNumber: instances.length + 1,
        position,
        orientation: stack.orientation,
        stack,
        pixels: slicePixels(series, position, row, column),
      });
    }
  }
  return instances;
}

function datasetOf(
  series: DemoSeries,
  instance: Instance,
  uids: { study: string; series: string; sop: string; frame: string },
): ElementSpec[] {
  const seriesTime = timeAfter(series.startMinute * 60 + 10);
  const maximum = phantomMaximum(series.contrast);
  const values: [string, Value][] = [
    ['SpecificCharacterSet', 'ISO_IR 100'],
    ['ImageType', 'ORIGINAL\\PRIMARY\\M\\ND'],
    ['InstanceCreationDate', demoPatient.studyDate],
    ['InstanceCreationTime', seriesTime],
    ['SOPClassUID', mrImageStorage],
    ['SOPInstanceUID', uids.sop],
    ['StudyDate', demoPatient.studyDate],
    ['SeriesDate', demoPatient.studyDate],
    ['AcquisitionDate', demoPatient.studyDate],
    ['ContentDate', demoPatient.studyDate],
    ['StudyTime', demoPatient.studyTime],
    ['SeriesTime', seriesTime],
    ['AcquisitionTime', seriesTime],
    ['ContentTime', seriesTime],
    ['AccessionNumber', ''],
    ['Modality', 'MR'],
    ['Manufacturer', 'SIEMENS'],
    ['InstitutionName', 'RADKIT DEMO HOSPITAL'],
    ['ReferringPhysicianName', ''],
    ['StationName', 'RADKITDEMO'],
    ['StudyDescription', 'DEMO^HEAD'],
    ['SeriesDescription', series.description],
    ['ManufacturerModelName', 'Prisma'],
    ['PatientName', demoPatient.name],
    ['PatientID', demoPatient.id],
    ['PatientBirthDate', demoPatient.birthDate],
    ['PatientSex', demoPatient.sex],
    ['PatientAge', demoPatient.age],
    ['BodyPartExamined', 'BRAIN'],
    ['ScanningSequence', series.scanningSequence],
    ['SequenceVariant', series.sequenceVariant],
    ['ScanOptions', series.scanOptions],
    ['MRAcquisitionType', series.acquisition],
    ['SequenceName', series.sequenceName],
    ['SliceThickness', instance.stack.sliceThickness],
    ['RepetitionTime', series.repetitionTime],
    ['EchoTime', series.echoTime],
    ['NumberOfAverages', 1],
    ['ImagingFrequency', 123.2],
    ['ImagedNucleus', '1H'],
    ['EchoNumbers', 1],
    ['MagneticFieldStrength', 3],
    ['EchoTrainLength', series.echoTrainLength],
    ['PixelBandwidth', series.pixelBandwidth],
    ['SoftwareVersions', 'syngo MR E11'],
    ['ProtocolName', series.description],
    ['ReceiveCoilName', 'Head_32'],
    ['TransmitCoilName', 'Body'],
    ['AcquisitionMatrix', [series.matrix, 0, 0, series.matrix]],
    ['InPlanePhaseEncodingDirection', series.phaseEncoding],
    ['FlipAngle', series.flipAngle],
    ['PatientPosition', 'HFS'],
    ['StudyInstanceUID', uids.study],
    ['SeriesInstanceUID', uids.series],
    ['StudyID', '1'],
    ['SeriesNumber', series.seriesNumber],
    ['AcquisitionNumber', 1],
    ['InstanceNumber', instance.instanceNumber],
    ['ImagePositionPatient', instance.position],
    ['ImageOrientationPatient', instance.orientation],
    ['FrameOfReferenceUID', uids.frame],
    ['PositionReferenceIndicator', ''],
    ['SamplesPerPixel', 1],
    ['PhotometricInterpretation', 'MONOCHROME2'],
    ['Rows', series.matrix],
    ['Columns', series.matrix],
    ['PixelSpacing', [series.pixelSpacing, series.pixelSpacing]],
    ['BitsAllocated', 16],
    ['BitsStored', 12],
    ['HighBit', 11],
    ['PixelRepresentation', 0],
    ['WindowCenter', Math.round(maximum / 2)],
    ['WindowWidth', maximum],
  ];
  if (instance.stack.spacing !== undefined) values.push(['SpacingBetweenSlices', instance.stack.spacing]);
  if (series.inversionTime !== undefined) values.push(['InversionTime', series.inversionTime]);
  const elements = values.map(([keyword, value]) => element(keyword, value));
  // Pixel Data is 'OB or OW' in the dictionary; 16-bit native data is OW (PS3.5 §8.1.2).
  elements.push({ tag: 0x7fe00010, vr: 'OW', bytes: instance.pixels });
  // A dataset's elements are in ascending tag order (PS3.5 §7.1).
  return elements.sort((a, b) => a.tag - b.tag);
}

/** Part 10 framing: preamble, 'DICM', the file meta group (PS3.10 §7.1), the dataset. */
function part10(dataset: ElementSpec[], sopInstanceUID: string, implementationUID: string): Uint8Array {
  const meta = encodeDataset(
    [
      { tag: 0x00020001, vr: 'OB', bytes: new Uint8Array([0, 1]) },
      { tag: 0x00020002, vr: 'UI', text: mrImageStorage },
      { tag: 0x00020003, vr: 'UI', text: sopInstanceUID },
      { tag: 0x00020010, vr: 'UI', text: explicitVRLittleEndian },
      { tag: 0x00020012, vr: 'UI', text: implementationUID },
      { tag: 0x00020013, vr: 'SH', text: 'RADKIT_DEMO' },
    ],
    'explicit-le',
  );
  const groupLength = encodeDataset([{ tag: 0x00020000, vr: 'UL', numbers: [meta.length] }], 'explicit-le');
  const prefix = new Uint8Array(132);
  prefix.set(new TextEncoder().encode('DICM'), 128);
  return concat([prefix, groupLength, meta, encodeDataset(dataset, 'explicit-le')]);
}

/** `0002_t1_mprage_sag`: a series folder as scanner exports name them. */
function seriesFolderName(series: DemoSeries): string {
  return `${String(series.seriesNumber).padStart(4, '0')}_${series.description.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

/**
 * Write the demo session into `folder` (created if missing): one sub-folder per series,
 * `IM0001.dcm`… per slice. Existing files of the same names are overwritten.
 */
export function makeDemoSession(folder: string, options: MakeSessionOptions = {}): MadeSession {
  const seed = options.seed ?? 'radkit-demo';
  const study = demoUid(seed, 'study');
  const frame = demoUid(seed, 'frame-of-reference');
  const implementation = demoUid('radkit', 'implementation');
  let bytes = 0;
  const made = demoSeries.map((series): MadeSeries => {
    const seriesUID = demoUid(seed, `series/${series.seriesNumber}`);
    const seriesFolder = join(folder, seriesFolderName(series));
    mkdirSync(seriesFolder, { recursive: true });
    const files = instancesOf(series).map((instance) => {
      const sop = demoUid(seed, `instance/${series.seriesNumber}/${instance.instanceNumber}`);
      const dataset = datasetOf(series, instance, { study, series: seriesUID, sop, frame });
      const file = part10(dataset, sop, implementation);
      const path = join(seriesFolder, `IM${String(instance.instanceNumber).padStart(4, '0')}.dcm`);
      writeFileSync(path, file);
      bytes += file.length;
      return path;
    });
    return { series, seriesInstanceUID: seriesUID, files };
  });
  return { folder, studyInstanceUID: study, series: made, bytes };
}
