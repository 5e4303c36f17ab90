/**
 * Planning a BIDS session: which name every image gets once the new outputs join the files
 * already there. Pure: no I/O. Nothing collides silently:
 *
 * - GRE field maps (phasediff, phase1/2, magnitude1/2) are grouped into sets, because a set
 *   shares `acq-` and `run-` (BIDS §"Fieldmap data" cases 1 and 2): new ones in acquisition
 *   order, a set closing when a suffix would repeat; existing ones by their `acq`/`run`. A
 *   phasediff without magnitude1 or without two echo times, and a phase1/phase2 without its
 *   partner and magnitudes, is left out with a reason (the validator rejects them).
 * - Units (one image, or one field-map set) of one suffix whose names without `run-` are equal,
 *   or nest (see `clashGroups`), collide; each colliding unit gets `run-<n>` in acquisition order
 *   (AcqDateTime, then SeriesNumber, then files already in the session before new ones, then
 *   input order) and the reason says so. Existing files may be renumbered (renamed) by this; the
 *   plan lists them.
 * - A new image from a series already placed (same SeriesInstanceUID, which the writer records in
 *   each sidecar) replaces every image placed from that series: re-running an import gives the
 *   same tree, and a series re-imported under another classification moves instead of doubling.
 *   Only images that will be placed replace anything.
 */
import {
  type BidsDatatype,
  type BidsEntities,
  bidsFieldMapSetSuffixes,
  bidsStem,
} from '../../naming/index.js';

export interface PlanEntry {
  readonly datatype: BidsDatatype;
  readonly suffix: string;
  /** Without `run`. */
  readonly entities: BidsEntities;
  /** `YYYY-MM-DDThh:mm:ss`, or undefined when unknown. */
  readonly acquired: string | undefined;
  readonly seriesNumber: number | undefined;
  readonly seriesUID: string | undefined;
  /** EchoTime of the sidecar, s (for a phasediff's EchoTime1/EchoTime2). */
  readonly echoTime: number | undefined;
  /** A new output (index into the inputs) or a file in the session (path relative to it, no extension). */
  readonly origin:
    | { readonly kind: 'new'; readonly index: number }
    | { readonly kind: 'existing'; readonly stem: string; readonly run: number | undefined };
}

export interface PlannedEntry {
  readonly entry: PlanEntry;
  /** `<datatype>/<stem>` relative to the session folder, no extension. */
  readonly stem: string;
  readonly run: number | undefined;
  /** Sidecar fields to add (EchoTime1/EchoTime2 of a phasediff). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Collisions and renumbering, '' when there was nothing to say. */
  readonly note: string;
}

export interface SessionPlan {
  /** Every entry kept, new and existing. */
  readonly planned: PlannedEntry[];
  /** New entries left out, with why. */
  readonly leftOut: { readonly entry: PlanEntry; readonly reason: string }[];
  /** Existing entries replaced by new images of the same series. */
  readonly replaced: PlanEntry[];
}

interface Unit {
  readonly members: PlanEntry[];
  /** The unit's name without run: datatype and stem, or the field-map set's acq. */
  readonly base: string;
  /** Datatype and suffix (`fmap/set` for a field-map set): only units of one kind can clash. */
  readonly kind: string;
  /** The entities that name the unit, without run (a field-map set: its acq). */
  readonly entities: Readonly<Record<string, unknown>>;
  readonly metadata: Map<PlanEntry, Record<string, unknown>>;
}

function singleUnit(entry: PlanEntry): Unit {
  return {
    members: [entry],
    base: stemOf(entry, undefined, 'S', 'E'),
    kind: `${entry.datatype}/${entry.suffix}`,
    entities: { ...entry.entities },
    metadata: new Map(),
  };
}

function setUnit(members: PlanEntry[], metadata: Map<PlanEntry, Record<string, unknown>>): Unit {
  const acq = members[0]!.entities.acq;
  return {
    members,
    base: `fmap/acq-${acq ?? ''}/field-map set`,
    kind: 'fmap/set',
    entities: acq === undefined ? {} : { acq },
    metadata,
  };
}

/** Every entity of `a` is in `b` with the same value. */
function within(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(a).every(([key, value]) => b[key] === value);
}

/**
 * Units that clash: the same name, or names that nest — one's entities a subset of the other's
 * with the same suffix. BIDS's inheritance principle (BIDS 1.8 §"The Inheritance Principle")
 * applies the sidecars of the shorter name (its .json, .bval, .bvec) to the longer one too, and
 * bids-validator 1.15 then checks a dwi against the other's bval. Grouped transitively.
 */
function clashGroups(units: readonly Unit[]): Unit[][] {
  const parent = units.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  units.forEach((a, i) => {
    for (let j = i + 1; j < units.length; j++) {
      const b = units[j]!;
      if (a.kind === b.kind && (within(a.entities, b.entities) || within(b.entities, a.entities)))
        parent[root(j)] = root(i);
    }
  });
  const groups = new Map<number, Unit[]>();
  units.forEach((unit, index) => {
    groups.set(root(index), [...(groups.get(root(index)) ?? []), unit]);
  });
  return [...groups.values()];
}

const isSetMember = (entry: PlanEntry) => bidsFieldMapSetSuffixes.includes(entry.suffix);

function stemOf(entry: PlanEntry, run: number | undefined, subject: string, session: string): string {
  const entities = run === undefined ? entry.entities : { ...entry.entities, run };
  return `${entry.datatype}/${bidsStem(subject, session, entities, entry.suffix)}`;
}

/** Acquisition order: time (unknown last), SeriesNumber, existing before new, then input order. */
function compareEntries(a: PlanEntry, b: PlanEntry): number {
  if (a.acquired !== b.acquired) {
    if (a.acquired === undefined) return 1;
    if (b.acquired === undefined) return -1;
    return a.acquired < b.acquired ? -1 : 1;
  }
  const sa = a.seriesNumber ?? Number.POSITIVE_INFINITY;
  const sb = b.seriesNumber ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa - sb;
  if (a.origin.kind !== b.origin.kind) return a.origin.kind === 'existing' ? -1 : 1;
  if (a.origin.kind === 'new' && b.origin.kind === 'new') return a.origin.index - b.origin.index;
  if (a.origin.kind === 'existing' && b.origin.kind === 'existing') {
    const ra = a.origin.run ?? 0;
    const rb = b.origin.run ?? 0;
    if (ra !== rb) return ra - rb;
    return a.origin.stem < b.origin.stem ? -1 : a.origin.stem > b.origin.stem ? 1 : 0;
  }
  return 0;
}

function compareUnits(a: Unit, b: Unit): number {
  return compareEntries(a.members[0]!, b.members[0]!);
}

/** New GRE field-map outputs in sets: acquisition order, a new set when a suffix would repeat. */
function newFieldMapSets(entries: readonly PlanEntry[]): PlanEntry[][] {
  const byAcq = new Map<string, PlanEntry[]>();
  for (const entry of [...entries].sort(compareEntries)) {
    const key = entry.entities.acq ?? '';
    byAcq.set(key, [...(byAcq.get(key) ?? []), entry]);
  }
  const sets: PlanEntry[][] = [];
  for (const group of byAcq.values()) {
    let current: PlanEntry[] = [];
    for (const entry of group) {
      if (current.some((member) => member.suffix === entry.suffix)) {
        sets.push(current);
        current = [];
      }
      current.push(entry);
    }
    if (current.length > 0) sets.push(current);
  }
  return sets;
}

/**
 * Check a new set against BIDS §"Fieldmap data" and what bids-validator 1.15 rejects; returns the
 * members kept, the left-out ones with reasons, and the phasediff's EchoTime1/EchoTime2.
 */
function checkSet(set: readonly PlanEntry[]): {
  kept: PlanEntry[];
  leftOut: { entry: PlanEntry; reason: string }[];
  metadata: Map<PlanEntry, Record<string, unknown>>;
} {
  const find = (suffix: string) => set.find((entry) => entry.suffix === suffix);
  const magnitude1 = find('magnitude1');
  const magnitude2 = find('magnitude2');
  const leftOut: { entry: PlanEntry; reason: string }[] = [];
  const metadata = new Map<PlanEntry, Record<string, unknown>>();
  const phasediff = find('phasediff');
  if (phasediff !== undefined) {
    const echoTimes = [magnitude1?.echoTime, magnitude2?.echoTime].filter(
      (time): time is number => time !== undefined,
    );
    if (echoTimes.length < 2 && phasediff.echoTime !== undefined) echoTimes.push(phasediff.echoTime);
    const [first, second] = [Math.min(...echoTimes), Math.max(...echoTimes)];
    if (magnitude1 === undefined)
      leftOut.push({ entry: phasediff, reason: 'phasediff without a magnitude1 image in its set' });
    else if (echoTimes.length < 2 || !(second > first))
      leftOut.push({
        entry: phasediff,
        reason: 'phasediff whose two echo times cannot be told from its set (EchoTime1/EchoTime2 unknown)',
      });
    else if (second - first < 1e-4 || second - first > 0.01)
      leftOut.push({
        entry: phasediff,
        reason: `phasediff echo times ${first} and ${second} s are not 0.1–10 ms apart (bids-validator's bounds)`,
      });
    else metadata.set(phasediff, { EchoTime1: first, EchoTime2: second });
  }
  const phase1 = find('phase1');
  const phase2 = find('phase2');
  if (phase1 !== undefined || phase2 !== undefined) {
    const complete = phase1 && phase2 && magnitude1 && magnitude2;
    if (!complete)
      for (const phase of [phase1, phase2])
        if (phase !== undefined)
          leftOut.push({
            entry: phase,
            reason: `${phase.suffix} needs phase1, phase2, magnitude1 and magnitude2 in its set`,
          });
  }
  const dropped = new Set(leftOut.map((item) => item.entry));
  return { kept: set.filter((entry) => !dropped.has(entry)), leftOut, metadata };
}

/** The units of the existing entries: single images, and field-map sets by `acq`/`run`. */
function existingUnits(entries: readonly PlanEntry[]): Unit[] {
  const units: Unit[] = [];
  const sets = new Map<string, PlanEntry[]>();
  for (const entry of entries) {
    if (!isSetMember(entry)) {
      units.push(singleUnit(entry));
      continue;
    }
    const run = entry.origin.kind === 'existing' ? entry.origin.run : undefined;
    const key = `${entry.entities.acq ?? ''}/${run ?? ''}`;
    sets.set(key, [...(sets.get(key) ?? []), entry]);
  }
  for (const members of sets.values()) units.push(setUnit(members, new Map()));
  return units;
}

/** The names of every entry once `incoming` joins `existing` (see the module comment). */
export function planSession(
  existing: readonly PlanEntry[],
  incoming: readonly PlanEntry[],
  subject: string,
  session: string,
): SessionPlan {
  const leftOut: { entry: PlanEntry; reason: string }[] = [];
  const newUnits: Unit[] = incoming.filter((entry) => !isSetMember(entry)).map(singleUnit);
  for (const set of newFieldMapSets(incoming.filter(isSetMember))) {
    const checked = checkSet(set);
    leftOut.push(...checked.leftOut);
    if (checked.kept.length > 0) newUnits.push(setUnit(checked.kept, checked.metadata));
  }

  // The series the new images come from, counting only images that will be placed.
  const reimported = new Set(newUnits.flatMap((unit) => unit.members.map((member) => member.seriesUID)));
  const replaced = existing.filter(
    (entry) => entry.seriesUID !== undefined && reimported.has(entry.seriesUID),
  );
  const keptOld = existingUnits(existing.filter((entry) => !replaced.includes(entry)));

  const planned: PlannedEntry[] = [];
  for (const units of clashGroups([...keptOld, ...newUnits])) {
    units.sort(compareUnits);
    const collide = units.length > 1;
    const sameName = units.every((unit) => unit.base === units[0]!.base);
    units.forEach((unit, index) => {
      const run = collide ? index + 1 : undefined;
      for (const member of unit.members) {
        const stem = stemOf(member, run, subject, session);
        const previous = member.origin.kind === 'existing' ? member.origin.stem : undefined;
        const notes: string[] = [];
        if (collide) {
          const what = unit.kind === 'fmap/set' ? 'field-map sets' : 'images';
          const clash = sameName
            ? unit.kind === 'fmap/set'
              ? `share acq-${member.entities.acq ?? ''}`
              : `share the name ${stemOf(member, undefined, subject, session)}`
            : 'have names that nest (BIDS inheritance would give one the sidecars of the other)';
          notes.push(`${units.length} ${what} ${clash}; run-${run} in acquisition order`);
        }
        if (previous !== undefined && previous !== stem) notes.push(`renamed from ${previous}`);
        planned.push({
          entry: member,
          stem,
          run,
          metadata: unit.metadata.get(member) ?? {},
          note: notes.join('; '),
        });
      }
    });
  }
  return { planned, leftOut, replaced };
}
