import type { Replay } from './engine';
import { parseJsonObject } from './jsonScan';
import { readFile } from './tree';

export interface SubsystemRow {
  readonly key: string;
  /** The key's value at this position as text (strings as they are), or null while the file lacks it. */
  readonly value: string | null;
  /** The last step at or before this position that gave the key its current value. */
  readonly setAt: number | null;
  /** The next step after this position that changes the key, if any. */
  readonly nextSetAt: number | null;
  /** The step at this position set the key. */
  readonly changedNow: boolean;
}

export interface SubsystemTable {
  /** The JSON file the updates write. */
  readonly path: string;
  readonly rows: readonly SubsystemRow[];
}

interface TrackedFile {
  readonly path: string;
  /** Keys that updates give string values, in the order updates first touch them. */
  readonly keys: readonly string[];
}

const tracked = new WeakMap<Replay, readonly TrackedFile[]>();

/**
 * The files the document's "Update …" steps change and the string-valued keys those updates set:
 * the platform's subsystems (api_gateway: "configured", …), found from the steps themselves.
 */
export function trackedFiles(replay: Replay): readonly TrackedFile[] {
  const known = tracked.get(replay);
  if (known) return known;
  const byPath = new Map<string, string[]>();
  for (const snapshot of replay.snapshots) {
    if (snapshot.change?.type !== 'modified') continue;
    const keys = byPath.get(snapshot.change.path) ?? [];
    byPath.set(snapshot.change.path, keys);
    for (const change of snapshot.change.keys)
      if (typeof change.after === 'string' && !keys.includes(change.key)) keys.push(change.key);
  }
  const files = [...byPath].filter(([, keys]) => keys.length > 0).map(([path, keys]) => ({ path, keys }));
  tracked.set(replay, files);
  return files;
}

/** For each updated file, its subsystem keys at `position`: value, the step that set it, the next that will. */
export function subsystemTables(replay: Replay, position: number): SubsystemTable[] {
  return trackedFiles(replay).map(({ path, keys }) => {
    const versions = replay.fileChanges.get(path) ?? [];
    const current = parseJsonObject(readFile(replay.snapshots[position].root, path));
    const rows = keys.map((key): SubsystemRow => {
      let setAt: number | null = null;
      let nextSetAt: number | null = null;
      for (const version of versions) {
        if (!setsKey(replay, version, path, key)) continue;
        if (version <= position) setAt = version;
        else if (nextSetAt === null) nextSetAt = version;
      }
      const present = current !== undefined && Object.prototype.hasOwnProperty.call(current, key);
      const raw = present ? current[key] : undefined;
      return {
        key,
        value: present ? (typeof raw === 'string' ? raw : JSON.stringify(raw)) : null,
        setAt: present ? setAt : null,
        nextSetAt,
        changedNow: present && setAt === position,
      };
    });
    return { path, rows };
  });
}

/** Whether the step at `position` created the file with `key` or gave `key` a new value. */
function setsKey(replay: Replay, position: number, path: string, key: string): boolean {
  const change = replay.snapshots[position]?.change;
  if (!change || change.path !== path) return false;
  if (change.type === 'added') {
    const created = parseJsonObject(readFile(replay.snapshots[position].root, path));
    return created !== undefined && Object.prototype.hasOwnProperty.call(created, key);
  }
  return change.keys.some((k) => k.key === key && k.action !== 'unchanged');
}
