import type { DeclarationKind } from '../model/types.js';

/**
 * The shapes `leasecheck repair --json` promises. Field names are part of the
 * public interface: add, never rename.
 */

export type RepairAction =
  /** Nothing to do: the file is whole (a missing final newline is whole too). */
  | 'none'
  /** Remove the partial last declaration, from its first byte to the end of the file. */
  | 'truncate-tail'
  /** Close the partial last lease after its last complete statement. */
  | 'salvage'
  /** Remove each damaged declaration (and a truncated tail, if any). */
  | 'drop-corrupt'
  /** Replace the file by dhcpd's own previous snapshot `FILE~`. */
  | 'restore-backup'
  /** A repair is needed but none is safe without more flags or a person: nothing proposed. */
  | 'refuse';

/** One change to the source bytes: remove `[offset, offset + length)` and put `insert` (latin1) there. */
export interface Edit {
  offset: number;
  /** 1-based line holding `offset`. */
  line: number;
  length: number;
  insert: string;
}

/** A declaration the repair removes (or shortens, for --salvage). */
export interface Removal {
  offset: number;
  length: number;
  /** 1-based line of the first removed byte. */
  line: number;
  kind: DeclarationKind | null;
  key: string | null;
  reason: string;
}

/** Identity of a file at analysis time, re-checked before anything is replaced. */
export interface Fingerprint {
  dev: string;
  ino: string;
  size: number;
  /** Modification time in nanoseconds since the epoch, as a decimal string. */
  mtimeNs: string;
  /** Byte ranges the analysis read for the diff, and the SHA-256 of their bytes in order. */
  regions: Array<[number, number]>;
  regionSha256: string;
}

/** What restoring from dhcpd's `FILE~` would lose. */
export interface BackupRestore {
  backup: string;
  backupBytes: number;
  /** Age of `FILE~` (from its modification time) at `now`, in seconds. */
  ageSeconds: number;
  backupMtime: string;
  /** Keys (addresses, IA ids, host names) FILE holds that `FILE~` does not hold at all. */
  lostKeys: string[];
  /** Keys whose last declaration differs between FILE and `FILE~` (FILE~ has an older state). */
  changedKeys: string[];
  /** Declarations FILE holds beyond the number `FILE~` holds (appended since the snapshot). */
  declarationsInFile: number;
  declarationsInBackup: number;
}

export interface RepairPlan {
  file: string;
  action: RepairAction;
  /** The file the result is built from: FILE, or `FILE~` for restore-backup. */
  source: string;
  sourceBytes: number;
  /** Edits to the source, sorted, not overlapping. */
  edits: Edit[];
  resultBytes: number;
  removed: Removal[];
  /** For a truncated tail: where the kept bytes end (the first removed byte). */
  cutOffset: number | null;
  /** The address (or key) of the partial or damaged declaration(s). */
  affected: string[];
  /** The earlier declaration of the affected address that takes effect afterwards, if any. */
  previous: {
    offset: number;
    line: number;
    bindingState: string | null;
    ends: number | null;
  } | null;
  /** Sentences for people, in order. */
  explanation: string[];
  /** Why a repair was refused or fell back (salvage not possible, corruption without --drop-corrupt…). */
  refusal: string | null;
  restore: BackupRestore | null;
  /** FILE at analysis time; null when FILE does not exist. */
  fingerprint: Fingerprint | null;
  /** The source at analysis time when it is not FILE (restore-backup). */
  sourceFingerprint: Fingerprint | null;
}

/** What `--write` did. */
export interface WriteOutcome {
  file: string;
  backup: string | null;
  /** The manifest `undo` reads: original and repaired sizes and hashes. */
  manifest: string | null;
  backupMethod: 'hard-link' | 'copy' | 'none';
  bytesBefore: number;
  bytesAfter: number;
  originalSha256: string;
  resultSha256: string;
  /** Processes that held the file, written anyway because of --force. */
  forcedPast: string[];
  undoCommand: string | null;
  /**
   * Bytes a writer appended to the old file between the last re-check and
   * the rename (they are not in the repaired file), and where they were
   * saved; null when nothing was. The write then ends with exit 8.
   */
  appendedAfterCheck?: { bytes: number; savedTo: string | null; saveError: string | null } | null;
}
