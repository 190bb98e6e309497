import { fstatSync, statSync, writeSync } from 'node:fs';

/**
 * stdout or stderr. A pipe, a socket, a file or /dev/null is written with
 * fs.writeSync, as Node itself writes to a file: Node's process.stdout for a
 * pipe loads its stream and socket modules, some milliseconds of every start
 * (more than the check of a small file takes), and an ExecStartPre= or a
 * script always has one of these there. A terminal (or another character
 * device, such as /dev/full) is written through process.stdout /
 * process.stderr as before. The bytes written are the same either way
 * (strings as UTF-8), and each write is whole before the next: Node's
 * stream on a pipe queues what the pipe cannot take yet, so a message on
 * stderr could land inside a long listing on stdout when both went to one
 * pipe (`2>&1`).
 */
export class StandardStream {
  private readonly direct: boolean;
  /** Writes go to Node's stream: a terminal, or a descriptor that said EAGAIN. */
  private stream: NodeJS.WriteStream | null = null;
  /** The reader went away, or a write failed: later writes are dropped. */
  private ended = false;

  /**
   * `onError` hears every write error (EPIPE included) once: the caller
   * decides what it means (see standardStreams in io.ts).
   */
  constructor(
    private readonly fd: 1 | 2,
    private readonly onError: (error: NodeJS.ErrnoException) => void,
  ) {
    this.direct = writtenDirectly(fd);
  }

  /** Whether this is a terminal (never for a pipe, a socket, a file or /dev/null). */
  get isTTY(): boolean {
    return !this.direct && Boolean(this.nodeStream().isTTY);
  }

  /** The terminal's width, when this is one. */
  get columns(): number | undefined {
    return this.direct ? undefined : this.nodeStream().columns;
  }

  /**
   * Whether a write went through Node's stream: it may queue what the
   * descriptor cannot take yet, and it reports a failed write later, as an
   * event. A direct write is whole, or has failed, when it returns.
   */
  get throughNodeStream(): boolean {
    return this.stream !== null;
  }

  write(data: string | Uint8Array): void {
    if (this.ended) return;
    if (this.stream !== null || !this.direct) {
      this.nodeStream().write(data);
      return;
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EAGAIN') {
        // A non-blocking descriptor shared with another process that is full
        // for now: Node's stream waits for it; every later write goes there
        // too, so that the order holds.
        this.nodeStream().write(bytes.subarray(at));
        return;
      }
      this.ended = true;
      this.onError(e);
    }
  }

  private nodeStream(): NodeJS.WriteStream {
    if (this.stream === null) {
      this.stream = this.fd === 1 ? process.stdout : process.stderr;
      this.stream.on('error', (error: NodeJS.ErrnoException) => {
        // Writes after the stream closed fail as a destroyed stream: already said.
        if (error.code === 'ERR_STREAM_DESTROYED' || this.ended) return;
        this.ended = true;
        this.onError(error);
      });
    }
    return this.stream;
  }
}

/** Whether `fd` is a pipe, a socket, a file or /dev/null: anything but a terminal or another device. */
function writtenDirectly(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return true;
    const devNull = statSync('/dev/null');
    return devNull.isCharacterDevice() && stat.rdev === devNull.rdev;
  } catch {
    // A closed descriptor: Node's stream says what there is to say.
    return false;
  }
}
