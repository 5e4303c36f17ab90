/**
 * The technique field (seed-features.md §1.4.5 "technique", RADIFOX's `sequence`): spin or
 * gradient echo from Scanning Sequence, echo planar, spoiled gradient echo, the fast (echo train)
 * and inversion-recovery prefixes; for CT, the reconstruction kernel.
 */
import { FieldTrace } from './name-explanation.js';
import { pythonPattern } from './python-regex.js';
import type { RuleContext } from './rule-context.js';
import type { SeriesInfo } from './series-info.js';

const spoiledGradientName = pythonPattern('(t1.?[tf]fe|fl3d1)');
const inversionPreparedName = pythonPattern('t1.?tfe');
const inversionDescription = pythonPattern('(flair|stir|mp.?rage|bravo)');

/** The MR technique; `modality` is the modality after its overrides (step 8 reads it). */
export function techniqueField(context: RuleContext, modality: string, acqdim: string): FieldTrace {
  const { info, description, scanningSequence, variants, scanOptions, sequenceName } = context;
  const trace = new FieldTrace('technique');
  const sequence = { ScanningSequence: info.SequenceType };
  if (scanningSequence.includes('se')) trace.set('SE', 'ScanningSequence has SE', sequence);
  else if (scanningSequence.includes('gr')) trace.set('GRE', 'ScanningSequence has GR', sequence);
  else if (info.FlipAngle !== null && info.FlipAngle >= 60)
    trace.set('SE', 'no SE/GR in ScanningSequence, FlipAngle ≥ 60', {
      ...sequence,
      FlipAngle: info.FlipAngle,
    });
  else trace.set('UNK', 'no SE/GR in ScanningSequence', { ...sequence, FlipAngle: info.FlipAngle });

  const epiFactor = info.EPIFactor;
  if (
    scanningSequence.includes('ep') ||
    sequenceName.includes('epi') ||
    (epiFactor !== null && epiFactor > 1)
  ) {
    const grase = sequenceName === 'grase';
    trace.set(
      grase ? 'GRASE' : 'EPI',
      grase
        ? 'SequenceName is GRASE'
        : 'echo planar (ScanningSequence EP, SequenceName epi or EPIFactor > 1)',
      {
        ...sequence,
        SequenceName: info.SequenceName,
        EPIFactor: epiFactor,
      },
    );
  }
  if (spoiledGradientName.test(sequenceName))
    trace.set('SPGR', 'SequenceName matches (t1.?[tf]fe|fl3d1)', { SequenceName: info.SequenceName });
  if (trace.value === 'GRE' && (variants.includes('sp') || variants.includes('ss')))
    trace.set('SPGR', `SequenceVariant has ${variants.includes('sp') ? 'SP' : 'SS'}`, {
      SequenceVariant: info.SequenceVariant,
    });

  const echoPlanar = trace.value === 'EPI' || trace.value === 'GRASE';
  const echoTrain = info.EchoTrainLength ?? 1;
  if (!echoPlanar && (echoTrain > 1 || scanOptions.includes('fast_gems') || sequenceName.includes('fse'))) {
    const why =
      echoTrain > 1
        ? `EchoTrainLength ${echoTrain} > 1`
        : scanOptions.includes('fast_gems')
          ? 'ScanOptions has FAST_GEMS'
          : "SequenceName contains 'fse'";
    trace.set(`F${trace.value}`, why, {
      EchoTrainLength: info.EchoTrainLength,
      ScanOptions: info.ScanOptions,
      SequenceName: info.SequenceName,
    });
  }
  if (!echoPlanar && !trace.value.includes('IR')) {
    const ti = info.InversionTime;
    const why =
      ti !== null && ti > 50
        ? `InversionTime ${ti} > 50`
        : scanningSequence.includes('ir')
          ? 'ScanningSequence has IR'
          : variants.includes('mp')
            ? 'SequenceVariant has MP'
            : inversionPreparedName.test(sequenceName)
              ? 'SequenceName matches t1.?tfe'
              : inversionDescription.test(description)
                ? 'SeriesDescription names flair, stir, mprage or bravo'
                : null;
    if (why !== null)
      trace.set(`IR${trace.value}`, why, {
        InversionTime: ti,
        ...sequence,
        SequenceVariant: info.SequenceVariant,
      });
  }
  if (trace.value.startsWith('IR') && acqdim === '3D' && !trace.value.includes('F'))
    trace.set(trace.value.replaceAll('IR', 'IRF'), '3D inversion-prepared gradient echo is fast');
  if (trace.value === 'IRFGRE' || (trace.value === 'IRFUNK' && modality === 'T1'))
    trace.set('IRFSPGR', `${trace.value} is IRFSPGR`);
  return trace;
}

/** The reconstruction kernel as the CT technique field. */
export function ctTechnique(info: SeriesInfo, technique: FieldTrace): void {
  const stored = info.ConvolutionKernel ?? null;
  const first = typeof stored === 'string' ? stored : (stored?.[0] ?? null);
  const kernel = first === null || first === '' ? 'STANDARD' : first.toUpperCase();
  const lower = kernel.toLowerCase();
  const evidence = { ConvolutionKernel: stored };
  if (['bone', 'sharp', 'edge'].some((word) => lower.includes(word)))
    technique.set('BONE', `CT kernel ${kernel} is sharp`, evidence);
  else if (['lung', 'high'].some((word) => lower.includes(word)))
    technique.set('LUNG', `CT kernel ${kernel} is a lung kernel`, evidence);
  else if (['soft', 'smooth', 'standard'].some((word) => lower.includes(word)))
    technique.set('SOFT', `CT kernel ${kernel} is soft`, evidence);
  else
    technique.set(
      kernel.replace(/[^A-Z0-9]/g, '').slice(0, 8),
      `CT kernel ${kernel} (first 8 letters and digits)`,
      evidence,
    );
}
