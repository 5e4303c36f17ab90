import { describe, expect, it } from 'vitest';
import { ascconvFind, ascconvNumber, ascconvString, parseAscconv } from './siemens-ascconv.js';
import { siemensProtocolValues } from './siemens-protocol-values.js';

const text = [
  '<XProtocol> { "junk" }',
  '### ASCCONV BEGIN object=MrProtDataImpl@MrProtocolData version=41340006 ###',
  'ulVersion\t = \t0x14b44b6',
  'tSequenceFileName\t = \t""%SiemensSeq%\\ep2d_bold""',
  'sKSpace.ucPhasePartialFourier\t = \t0x10',
  'sKSpace.dPhaseResolution = 1.0 # trailing comment',
  '# a whole-line comment',
  'sRXSPEC.asNucleusInfo[0].tNucleus = ""1H""',
  'alTE.__attribute__.size = 128',
  'alTE[0] = 30000',
  'sGRADSPEC.asGPAData[0].lOffsetX = -1718',
  'sGRADSPEC.flSensitivityX = 5.30786965101e-005',
  'sWipMemBlock.tFree = ""a#b""',
  'tEmpty = """"',
  'not a key value line',
  '### ASCCONV END ###',
  'after = 1',
].join('\n');

describe('parseAscconv', () => {
  it('parses keys, hex and decimal numbers, quoted strings and comments', () => {
    const { protocol, issues } = parseAscconv(text);
    expect(protocol!.attributes.get('version')).toBe('41340006');
    expect(ascconvNumber(protocol, 'ulVersion')).toBe(0x14b44b6);
    expect(ascconvString(protocol, 'tSequenceFileName')).toBe('%SiemensSeq%\\ep2d_bold');
    expect(ascconvNumber(protocol, 'sKSpace.ucPhasePartialFourier')).toBe(16);
    expect(ascconvNumber(protocol, 'sKSpace.dPhaseResolution')).toBe(1);
    expect(ascconvString(protocol, 'sRXSPEC.asNucleusInfo[0].tNucleus')).toBe('1H');
    expect(ascconvNumber(protocol, 'alTE.__attribute__.size')).toBe(128);
    expect(ascconvNumber(protocol, 'alTE[0]')).toBe(30000);
    expect(ascconvNumber(protocol, 'sGRADSPEC.asGPAData[0].lOffsetX')).toBe(-1718);
    expect(ascconvNumber(protocol, 'sGRADSPEC.flSensitivityX')).toBeCloseTo(5.30786965101e-5, 15);
    expect(ascconvString(protocol, 'sWipMemBlock.tFree')).toBe('a#b');
    expect(ascconvString(protocol, 'tEmpty')).toBe('');
    expect(protocol!.entries.has('after')).toBe(false);
    expect(ascconvFind(protocol, 'tNucleus')).toEqual({
      key: 'sRXSPEC.asNucleusInfo[0].tNucleus',
      value: '1H',
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'ascconv-malformed', severity: 'info' });
  });

  it('gives no protocol without a BEGIN marker and an Issue without an END marker', () => {
    expect(parseAscconv('nothing here').protocol).toBeUndefined();
    const { protocol, issues } = parseAscconv('### ASCCONV BEGIN ###\nlA = 1\nlB = 2');
    expect([...protocol!.entries]).toEqual([
      ['lA', 1],
      ['lB', 2],
    ]);
    expect(issues.map((issue) => issue.message)).toEqual(['the ASCCONV block has no END marker']);
  });
});

describe('protocol values the sidecar writes as DiffusionScheme and MTState', () => {
  const values = (...lines: string[]) =>
    siemensProtocolValues(
      parseAscconv(['### ASCCONV BEGIN ###', ...lines, '### ASCCONV END ###'].join('\n')).protocol,
    );

  it('reads sDiffusion.dsScheme (1 bipolar, 2 monopolar), else CMRR ucReadOutMode with the codes swapped', () => {
    // dcm2niix `siemensCsaAscii`: difBipolar = dsScheme; if 0, 3 − ucReadOutMode (fmriprep PR 1359).
    expect(values('sDiffusion.dsScheme = 2').diffusionScheme).toBe('Monopolar');
    expect(values('sDiffusion.dsScheme = 1').diffusionScheme).toBe('Bipolar');
    expect(values('sWipMemBlock.alFree[0] = 1', 'ucReadOutMode = 0x2').diffusionScheme).toBe('Bipolar');
    expect(values('ucReadOutMode = 0x1').diffusionScheme).toBe('Monopolar');
    expect(values('lTotalScanTimeSec = 10').diffusionScheme).toBeUndefined();
  });

  it('reads sPrepPulses.ucMTC = 1 as magnetization transfer on', () => {
    expect(values('sPrepPulses.ucMTC = 0x1').magnetizationTransfer).toBe(true);
    expect(values('sPrepPulses.ucMTC = 0x0').magnetizationTransfer).toBe(false);
    expect(values('lTotalScanTimeSec = 10').magnetizationTransfer).toBeUndefined();
  });
});
