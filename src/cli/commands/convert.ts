/**
 * `radkit convert <input> <outdir>`: DICOM to NIfTI (+ JSON sidecar, bval/bvec) as dcm2niix
 * converts it, from a folder, a file, a text file listing paths, or a zip/tar(.gz) archive; the
 * same outputs as NRRD, MetaImage, NumPy, PNG slices (8 or 16 bits, windowed), new DICOM series
 * (classic or enhanced) or a CSV table of the headers (`--of`), reoriented (`--orientation`); and
 * a NIfTI, NRRD, MetaImage or NumPy file to any of those formats but CSV.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type ConversionResult,
  type ConversionTimings,
  convertDicom,
  convertImageFile,
  type ImageFileConversion,
  isFolderFormat,
} from '../../convert/index.js';
import { RadkitError } from '../../errors.js';
import { defaultHeaderTableColumns, volumeFileFormatOf } from '../../formats/index.js';
import type { Issue } from '../../issue.js';
import { ExitCode } from '../exit-codes.js';
import { formatIssue } from '../format-issue.js';
import type { CommandIO } from '../io.js';
import { progressLine } from '../progress.js';
import { version } from '../version.js';
import {
  type ConvertCommandOptions,
  type OutputRequest,
  optionName,
  outputRequest,
} from './convert-options.js';
import { isPathList, listedPaths } from './path-list.js';

/** An image file radkit reads as one volume (NIfTI, NRRD, MetaImage, NumPy), by its extension. */
function isImageFile(path: string): boolean {
  if (volumeFileFormatOf(path) === undefined) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `--only-series 3,5 --only-series 1.2.840…`: every name given, in order. */
function seriesSelectors(value: string, previous: string[] | undefined): string[] {
  const given = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (given.length === 0)
    throw new RadkitError(
      'usage',
      `--only-series takes Series Numbers or Series Instance UIDs, not '${value}'.`,
    );
  return [...(previous ?? []), ...given];
}

function jsonResult(result: ConversionResult): unknown {
  return {
    outputs: result.outputs.map((output) => ({
      path: output.path,
      format: output.format,
      paths: output.paths,
      sidecar: output.sidecarPath,
      ...(output.bvalPath === undefined ? {} : { bval: output.bvalPath, bvec: output.bvecPath }),
      ...(output.overlayPaths.length === 0 ? {} : { overlays: output.overlayPaths }),
      ...(output.resampledPath === undefined ? {} : { resampled: output.resampledPath }),
      seriesInstanceUID: output.seriesInstanceUID,
      files: output.files,
      shape: output.shape,
      axes: output.axes,
      explanation: output.explanation,
      issues: output.issues,
    })),
    issues: result.issues,
    dicomFiles: result.dicomFiles,
    skippedFiles: result.skippedFiles,
  };
}

function textResult(result: ConversionResult, explain: boolean): string {
  const lines: string[] = [];
  for (const output of result.outputs) {
    const count = isFolderFormat(output.format) ? ` (${output.paths.length} files)` : '';
    lines.push(`${output.path}${count}  [${output.shape.join('x')}]  series ${output.seriesInstanceUID}`);
    for (const overlay of output.overlayPaths) lines.push(`    overlay: ${overlay}`);
    if (output.resampledPath !== undefined) lines.push(`    resampled: ${output.resampledPath}`);
    if (explain) {
      for (const reason of output.explanation) lines.push(`    ${reason}`);
      // Files in sorted order, slice by slice within each volume (before the output layout,
      // which the explanation above describes).
      const slices = output.shape[2] ?? 1;
      const volumes = output.files.length > slices;
      for (const [index, file] of output.files.entries()) {
        const slice = `slice ${index % slices}`.padEnd(10);
        lines.push(`    ${volumes ? `t=${Math.floor(index / slices)} `.padEnd(7) : ''}${slice}${file}`);
      }
    }
    for (const issue of output.issues) lines.push(`    ${formatIssue(issue, { place: false })}`);
  }
  lines.push(
    `${result.outputs.length} output(s) from ${result.dicomFiles} DICOM file(s)` +
      (result.skippedFiles > 0
        ? `; ${result.skippedFiles} file(s) were not DICOM images and were skipped`
        : ''),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `--timings`: the phases in ms; start-up is from the process's start to the conversion's
 * (Node, loading radkit, reading the arguments).
 */
function timingsLine(startUp: number, timings: ConversionTimings): string {
  const ms = (value: number) => value.toFixed(1);
  const { listing, headers, grouping, outputs, finishing } = timings;
  return `timings (ms): start-up ${ms(startUp)}, listing ${ms(listing)}, headers ${ms(headers)}, grouping ${ms(grouping)}, outputs ${ms(outputs)}, finishing ${ms(finishing)}\n`;
}

/**
 * 1 ("converted some but not all") when a series failed or an output is incomplete, uneven or
 * otherwise flagged as an error; 0 otherwise (docs/exit-codes.md).
 */
function exitStatus(result: ConversionResult): number {
  const failed =
    result.issues.some((issue) => issue.severity === 'error') ||
    result.outputs.some((output) => output.issues.some((issue) => issue.severity === 'error'));
  return failed ? ExitCode.Partial : ExitCode.Success;
}

/**
 * What an input that held no DICOM image held instead, or undefined when it held one. dcm2niix
 * exits 2 with "Unable to find any DICOM images" there; a script must not take an empty or
 * mistaken folder for a conversion that worked, so radkit fails with `no-image` (exit 4). Files
 * that could not be read are Issues already, and exit 1 says so.
 */
function heldNoImage(result: ConversionResult): string | undefined {
  if (result.dicomFiles > 0 || result.outputs.length > 0) return undefined;
  if (result.issues.some((issue) => issue.severity === 'error')) return undefined;
  return result.skippedFiles === 0
    ? 'holds no files.'
    : `holds no DICOM image: ${result.skippedFiles} file(s) read, none a DICOM file with pixel data (other files, DICOMDIRs, reports and presentation states are skipped).`;
}

const noImageHint = {
  hint: 'Check the path; `radkit dump <file>` shows what a file holds. No file was written.',
};

function imageFileText(result: ImageFileConversion, explain: boolean): string {
  const lines: string[] = [];
  for (const output of result.outputs) {
    const count = isFolderFormat(output.format) ? ` (${output.paths.length} files)` : '';
    lines.push(`${output.path}${count}  [${output.shape.join('x')}]  from ${output.input}`);
    if (explain) for (const reason of output.explanation) lines.push(`    ${reason}`);
    for (const issue of output.issues) lines.push(`    ${formatIssue(issue, { place: false })}`);
  }
  lines.push(`${result.outputs.length} output(s) from 1 image file`);
  return `${lines.join('\n')}\n`;
}

function imageFileJson(result: ImageFileConversion): unknown {
  return {
    outputs: result.outputs.map((output) => ({
      path: output.path,
      format: output.format,
      paths: output.paths,
      input: output.input,
      shape: output.shape,
      axes: output.axes,
      orientation: output.orientation,
      explanation: output.explanation,
      issues: output.issues,
    })),
    issues: result.issues,
  };
}

async function runImageFile(
  input: string,
  outdir: string,
  options: ConvertCommandOptions,
  request: OutputRequest,
  io: CommandIO,
): Promise<number> {
  const dicomInputOnly = (
    ['sort', 'onlySeries', 'ignoreDerived', 'resampleTilt', 'resampleSpacing', 'timings'] as const
  )
    .filter((key) => options[key] !== undefined)
    .map(optionName);
  if (options.overlays === false) dicomInputOnly.push('--no-overlays');
  if (dicomInputOnly.length > 0) {
    throw new RadkitError(
      'usage',
      `${dicomInputOnly.join(', ')} apply to DICOM inputs; ${input} is an image file.`,
    );
  }
  if (request.format === 'csv') {
    throw new RadkitError(
      'usage',
      `--of csv lists the headers of DICOM images; ${input} is an image file, which has none.`,
      { hint: 'Convert the DICOM series the image came from with --of csv.' },
    );
  }
  const result = await convertImageFile(input, outdir, {
    format: request.format,
    gzip: options.gzip === 'y',
    ...(request.compressionLevel === undefined ? {} : { compressionLevel: request.compressionLevel }),
    ...(request.orientation === undefined ? {} : { orientation: request.orientation }),
    convention: request.convention,
    existing: options.existing as 'overwrite' | 'suffix' | 'skip',
    dicom: request.dicom,
    png: request.png,
  });
  if (options.json === true) io.stdout(`${JSON.stringify(imageFileJson(result), null, 2)}\n`);
  else io.stdout(imageFileText(result, options.explain === true));
  for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
  const failed = result.outputs.some((output) => output.issues.some((issue) => issue.severity === 'error'));
  return failed ? ExitCode.Partial : ExitCode.Success;
}

async function runConvert(
  input: string,
  outdir: string,
  options: ConvertCommandOptions,
  io: CommandIO,
): Promise<number> {
  if (options.existing !== 'overwrite' && options.existing !== 'suffix' && options.existing !== 'skip') {
    throw new RadkitError('usage', `--existing takes overwrite, suffix or skip, not '${options.existing}'.`);
  }
  if (options.gzip !== 'y' && options.gzip !== 'n') {
    throw new RadkitError('usage', `--gzip takes y or n, not '${options.gzip}'.`);
  }
  const request = outputRequest(options);
  if (isImageFile(input)) return runImageFile(input, outdir, options, request, io);
  const progress = progressLine(io);
  let inputs = [input];
  let missing: Issue[] = [];
  try {
    if (isPathList(input)) ({ paths: inputs, missing } = listedPaths(input));
    const startUp = performance.now();
    const converted = await convertDicom(inputs, outdir, {
      pattern: options.pattern,
      gzip: options.gzip === 'y',
      ...(request.compressionLevel === undefined ? {} : { compressionLevel: request.compressionLevel }),
      ignoreDerived: options.ignoreDerived === true,
      resampleTilt: options.resampleTilt === true,
      resampleSpacing: options.resampleSpacing === true,
      overlays: options.overlays !== false,
      existing: options.existing,
      format: request.format,
      ...(request.orientation === undefined ? {} : { orientation: request.orientation }),
      convention: request.convention,
      dicom: request.dicom,
      png: request.png,
      csv: request.csv,
      ...(options.sort === undefined ? {} : { sortBy: options.sort }),
      ...(options.onlySeries === undefined ? {} : { onlySeries: options.onlySeries }),
      software: { name: 'radkit', version },
      progress: (done, total, what) => progress.update(what ?? 'reading headers', done, total),
    });
    progress.done();
    // A listed path that does not exist comes first, as the list's own fault.
    const result = { ...converted, issues: [...missing, ...converted.issues] };
    const nothingFound = heldNoImage(result);
    if (options.json === true) io.stdout(`${JSON.stringify(jsonResult(result), null, 2)}\n`);
    else if (nothingFound === undefined) io.stdout(textResult(result, options.explain === true));
    for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
    if (options.timings === true) io.stderr(timingsLine(startUp, result.timings));
    if (nothingFound !== undefined)
      throw new RadkitError('no-image', `${input} ${nothingFound}`, noImageHint);
    return exitStatus(result);
  } finally {
    progress.done();
  }
}

export function registerConvert(program: Command, io: CommandIO, setStatus: (status: number) => void): void {
  program
    .command('convert')
    .description(
      'Convert DICOM to NIfTI (.nii.gz + JSON sidecar, .bval/.bvec for diffusion), as dcm2niix does, or to NRRD, MetaImage, NumPy, PNG slices, a new DICOM series or a CSV table of the headers; or convert an image file to any of these but CSV',
    )
    .argument(
      '<input>',
      'a folder (archives inside it are read too), a DICOM file, a .txt/.list file of paths, a .zip/.tar/.tar.gz archive, or a NIfTI/NRRD/MetaImage/NumPy file (.nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd, .npy)',
    )
    .argument('<outdir>', 'the output folder (created if missing)')
    .option(
      '--of <format>',
      'output format: nifti, nrrd, mha, npy, png (a folder of slices), dicom (a folder holding a new series) or csv (one row per image: file, frame and header attributes)',
      'nifti',
    )
    .option(
      '--gzip <y|n>',
      'compress: .nii.gz rather than .nii, gzip NRRD and zlib MetaImage data (y) or not (n)',
      'y',
    )
    .option(
      '--compression-level <1-9>',
      'zlib level of that compression: 1 fastest … 9 smallest, as dcm2niix -1 … -9 (default 5, as small as the files of dcm2niix at its default -6; 1 takes about half the time for files 4–9% larger)',
    )
    .option(
      '--orientation <codes>',
      'reorient every output to these axis codes, e.g. RAS (default: dcm2niix order for volume files, DICOM order for dicom/png, stored order for image files)',
    )
    .option(
      '--convention <itk|nibabel>',
      'how --orientation is spelt: nibabel (letters say where axes point) or itk (where they come from)',
      'nibabel',
    )
    .option(
      '--template <dicom>',
      "--of dicom: a DICOM file, or a folder whose first DICOM file is used: the series gets its patient and study (default for DICOM inputs: the source's own)",
    )
    .option('--series-number <n>', '--of dicom: the Series Number (default: the template’s + 1000)')
    .option('--series-description <text>', '--of dicom: the Series Description')
    .option(
      '--fix-handedness',
      '--of dicom: reverse the rows of a left-handed volume (NIfTI from DICOM usually is) instead of refusing it',
    )
    .option(
      '--enhanced',
      '--of dicom: one Enhanced MR/CT Image file holding every frame (per-frame position, shared orientation and spacing) instead of a file per slice',
    )
    .option('--png-bits <8|16>', '--of png: bits per grey level (default 8)')
    .option(
      '--window <center,width>',
      '--of png: the DICOM window (PS3.3 C.11.2.1.2, on rescaled values), e.g. 40,400 (default: the volume’s range, black to white)',
    )
    .option(
      '--csv-columns <keywords>',
      `--of csv: the attributes listed, as DICOM keywords separated by commas (default: ${defaultHeaderTableColumns.join(',')})`,
    )
    .option(
      '--pattern <pattern>',
      'file names from dcm2niix -f tokens: %a coil, %b first file name, %c comments, %d description, %e echo, %f input folder, %g accession number, %i patient ID, %j series UID, %k study UID, %l procedure step, %m/%v vendor, %n patient name, %o SOP instance UID, %p protocol, %q scanning sequence, %r instance, %s series number, %t study date and time, %u acquisition, %x study ID, %y run (temporal position), %z sequence name; a digit pads numbers (%3s)',
      '%f_%p_%t_%s',
    )
    .option(
      '--ignore-derived',
      'leave out derived images, localizers and single-slice single-file outputs (dcm2niix -i y)',
    )
    .option(
      '--resample-tilt',
      'also write gantry-tilted CT resampled so slices stack along their normal, beside the output (<name>_Tilt_1, as dcm2niix); the output keeps the acquired voxels under a sheared affine',
    )
    .option(
      '--resample-spacing',
      'also write unevenly spaced slices (a slice missing, zones of different spacing) resampled onto even spacing, linear between acquired slices, beside the output (<name>_Eq_1, _Tilt_Eq_1 with --resample-tilt, as dcm2niix); the output keeps the acquired slices and the gaps are reported',
    )
    .option(
      '--no-overlays',
      "do not write DICOM overlay planes (60xx) beside their image as <name>_ROI<n> (dcm2niix's _ROI1), which is the default",
    )
    .option(
      '--sort <order>',
      'keep volumes that differ in this in one 4D output, ordered by it: time, b, te, echo, fa, ti, tr, trigger or a DICOM keyword (default: split as dcm2niix does)',
    )
    .option(
      '--only-series <series>',
      'convert only these series: Series Numbers or Series Instance UIDs, separated by commas, the option repeatable (as dcm2niix -n); one that no series has is an error (exit 1)',
      seriesSelectors,
    )
    .option(
      '--existing <overwrite|suffix|skip>',
      'when an output file exists: overwrite it (re-runs give the same files), add _2, _3… (dcm2niix -w 2), or skip it (-w 0)',
      'overwrite',
    )
    .option('--explain', 'for each output, the rules that grouped and ordered it and its files in data order')
    .option('--json', 'print {"outputs": [{path, seriesInstanceUID, files, shape, issues}], "issues": [...]}')
    .option(
      '--timings',
      'DICOM inputs: print to stderr how long each phase took (ms): start-up, headers, grouping, outputs, finishing (docs/performance.md)',
    )
    .addHelpText(
      'after',
      "\nOutputs keep dcm2niix's voxel order, names and sidecar keys (docs/conversion.md); every format gets the same names, with its own extension, or a folder for png and dicom.\nExit status 1 when a series could not be converted or is incomplete, 4 when the input holds no DICOM image (docs/exit-codes.md).",
    )
    .action(async (input: string, outdir: string, options: ConvertCommandOptions) => {
      setStatus(await runConvert(input, outdir, options, io));
    });
}
