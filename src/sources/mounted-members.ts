/**
 * Archive members read where they lie. While an archive is mounted (archive-in-place.ts), each
 * of its members has a path, `<archive>!<member>`, that the file readers of file-bytes.ts read
 * as they read a file: a conversion of a zip or tar reads its members without extracting them
 * (20,000 members extracted into TMPDIR took 12–14 s on this VM's disk before a 1.6 s
 * conversion could start; docs/performance.md).
 *
 * The paths are the names the user is shown, so nothing has to be renamed afterwards. A mount is
 * process-wide, as files are: two conversions of the same archive in one process each mount it,
 * and each unmount takes away only its own members.
 */

/** One member: its size, and its bytes on demand. */
export interface MountedMember {
  /** The archive's path, as it was mounted. */
  readonly archive: string;
  /** Its name inside the archive. */
  readonly name: string;
  readonly size: number;
  /** The member's first bytes, as many as `target` holds or the member has; returns how many. */
  readStart(target: Uint8Array): number;
  /** Every byte of the member, in a buffer of its own that the caller may keep or change. */
  whole(): Uint8Array;
}

/** The member mounted at each path (the latest mount of it). */
const mounted = new Map<string, MountedMember>();
/** Members that a later mount of the same path hides, the latest last (seldom any). */
const hidden = new Map<string, MountedMember[]>();

/** The member mounted at `path`, if any. */
export function mountedMember(path: string): MountedMember | undefined {
  return mounted.size === 0 ? undefined : mounted.get(path);
}

/**
 * Mount `members[i]` at `paths[i]`; the function returned takes exactly these away again (and
 * brings back what they hid).
 */
export function mountMembers(paths: readonly string[], members: readonly MountedMember[]): () => void {
  for (const [index, path] of paths.entries()) {
    const there = mounted.get(path);
    if (there !== undefined) hidden.set(path, [...(hidden.get(path) ?? []), there]);
    mounted.set(path, members[index]!);
  }
  let unmounted = false;
  return () => {
    if (unmounted) return;
    unmounted = true;
    for (const [index, path] of paths.entries()) unmount(path, members[index]!);
  };
}

function unmount(path: string, member: MountedMember): void {
  const under = hidden.get(path);
  if (mounted.get(path) === member) {
    const uncovered = under?.pop();
    if (uncovered === undefined) mounted.delete(path);
    else mounted.set(path, uncovered);
  } else if (under !== undefined) {
    const index = under.lastIndexOf(member);
    if (index >= 0) under.splice(index, 1);
  }
  if (under?.length === 0) hidden.delete(path);
}
