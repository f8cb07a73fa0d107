// Reads and parses local notes in a small pool of worker threads (Node extension host only). On the main thread the
// first scan is bound by the main thread itself: each `fs.promises.readFile` comes back through the event loop
// several times, and every note parsed there delays the next read. In the pool, each worker runs the core's reading
// pipeline with synchronous reads, and the main thread only indexes the results.
//
// A worker that crashes, exits or stops answering does not stop the scan: the files it held are read on the main
// thread (through the `mainThread` source), and the pool goes on with the workers it has left.
import { restoreCompactNote, type FileKey } from '../core/notes/indexSnapshot';
import type { ParsedNote, ParseOptions } from '../core/notes/model';
import type { FolderSettings } from '../core/notes/noteSettings';
import { readNote, type NoteFileAccess, type NoteFileRef, type NoteReading } from '../core/notes/pipeline';

/** A local note to read: its path on disk (`path`), its identity in the index and its folder's settings. */
export interface NoteFile extends NoteFileRef {
  readonly settings: Pick<FolderSettings, 'parseOptions' | 'maxFileSize'>;
}

/** A file as sent to a worker: the options go once per worker, by id. */
export interface WorkerFile extends NoteFileRef {
  readonly maxFileSize: number;
  readonly optionsId: number;
}

/** What the pool posts to a worker. */
export type PoolMessage =
  | { readonly kind: 'options'; readonly optionsId: number; readonly options: ParseOptions }
  | { readonly kind: 'parse'; readonly batchId: number; readonly files: readonly WorkerFile[] };

/**
 * A reading as a worker posts it: a parsed note in the saved index's compact form (`compactNote`) when it has one,
 * so that its sessions come back sharing their note's URI, conference and layout instead of a copy each.
 */
export type PostedReading = NoteReading | { readonly kind: 'parsed'; readonly note: ParsedNote; readonly key?: FileKey; readonly compact: true };

/** What a worker posts back. */
export interface BatchReply {
  readonly batchId: number;
  readonly readings: readonly PostedReading[];
}

/** The part of a `worker_threads` Worker the pool uses. */
export interface PoolWorkerPort {
  postMessage(message: PoolMessage): void;
  on(event: 'message', listener: (reply: BatchReply) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (exitCode: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface ParsePoolOptions {
  readonly size: number;
  readonly createWorker: () => PoolWorkerPort;
  /** Reads the files of a failed worker on the main thread. */
  readonly mainThread: NoteFileAccess;
  /** How long a worker holding work may go without answering before it counts as hung. */
  readonly answerTimeoutMs?: number;
}

export interface PoolReadings {
  /** In the order of the files given. */
  readonly readings: NoteReading[];
  /** What happened to each worker that failed meanwhile; empty when all went well. */
  readonly workerFailures: readonly string[];
  /** Files read on the main thread because their worker failed. */
  readonly readOnMainThread: number;
}

/** Hears of each batch's readings as they come in: `first` is the position in the files given of `readings[0]`. */
export type BatchListener = (first: number, readings: readonly NoteReading[]) => void;

export interface ParsePool {
  /** `onBatch` hears of the readings batch by batch as they come in, before they are all there. */
  readAndParse(files: readonly NoteFile[], onBatch?: BatchListener): Promise<PoolReadings>;
  /** Stops the workers; reads still pending are finished on the main thread. */
  dispose(): Promise<void>;
}

/** Files per message: enough to make messaging cheap next to reading and parsing, small enough to share the work evenly. */
const BATCH_SIZE = 64;
/** Batches a worker holds at once, so it starts the next while the main thread takes in the last one's results. */
const BATCHES_PER_WORKER = 2;
/** A batch takes tens of milliseconds; a worker silent for this long with work in hand is stuck (e.g. in a loop). */
const DEFAULT_ANSWER_TIMEOUT_MS = 15_000;

/**
 * A worker's reading as the index keeps it: a compact note made whole, its URI the string the main thread sent
 * (which the listing holds anyway) rather than the worker's copy.
 */
function receivedReading(posted: PostedReading, file: NoteFileRef): NoteReading {
  if (!('compact' in posted)) return posted;
  const note = posted.note as unknown as Record<string, unknown>;
  if (note.uri === file.uri) note.uri = file.uri;
  if (!restoreCompactNote(note)) throw new Error(`The parse worker sent a note that is not one for ${file.uri}.`);
  return posted.key === undefined ? { kind: 'parsed', note: posted.note } : { kind: 'parsed', note: posted.note, key: posted.key };
}

/** A batch's outcome: the worker's readings, or why it gave none. */
type BatchOutcome = { readonly readings: readonly NoteReading[] } | { readonly failure: string };

interface Batch {
  readonly files: readonly WorkerFile[];
  readonly settle: (outcome: BatchOutcome) => void;
}

interface PoolWorker {
  readonly port: PoolWorkerPort;
  readonly knownOptions: Set<number>;
  readonly batches: Map<number, Batch>;
  failed: boolean;
  silence?: ReturnType<typeof setTimeout>;
}

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  const optionIds = new WeakMap<ParseOptions, number>();
  const optionsById = new Map<number, ParseOptions>();
  const queue: Batch[] = [];
  let nextBatchId = 0;
  let disposed = false;

  const workers: PoolWorker[] = Array.from({ length: options.size }, () => {
    const entry: PoolWorker = { port: options.createWorker(), knownOptions: new Set(), batches: new Map(), failed: false };
    entry.port.on('message', (reply) => {
      entry.batches.get(reply.batchId)?.settle({ readings: reply.readings });
      entry.batches.delete(reply.batchId);
      watch(entry);
      dispatch();
    });
    entry.port.on('error', (error) => fail(entry, error.message));
    entry.port.on('exit', (exitCode) => fail(entry, `exit code ${exitCode}`));
    return entry;
  });

  /** Restarts the worker's silence timer while it holds work. */
  function watch(entry: PoolWorker): void {
    clearTimeout(entry.silence);
    entry.silence = entry.batches.size > 0 && !entry.failed
      ? setTimeout(() => {
        fail(entry, `no answer in ${answerTimeoutMs} ms`);
        void entry.port.terminate();
      }, answerTimeoutMs)
      : undefined;
  }

  /** The worker's batches, and the queue when no worker is left, go back to be read on the main thread. */
  function fail(entry: PoolWorker, reason: string): void {
    if (entry.failed || disposed) return;
    entry.failed = true;
    clearTimeout(entry.silence);
    for (const batch of entry.batches.values()) batch.settle({ failure: reason });
    entry.batches.clear();
    if (workers.every((worker) => worker.failed)) for (const batch of queue.splice(0)) batch.settle({ failure: reason });
    dispatch();
  }

  function send(entry: PoolWorker, batch: Batch): void {
    const batchId = nextBatchId++;
    entry.batches.set(batchId, batch);
    try {
      for (const file of batch.files) {
        if (entry.knownOptions.has(file.optionsId)) continue;
        entry.knownOptions.add(file.optionsId);
        entry.port.postMessage({ kind: 'options', optionsId: file.optionsId, options: optionsById.get(file.optionsId)! });
      }
      entry.port.postMessage({ kind: 'parse', batchId, files: batch.files });
    } catch (error) {
      fail(entry, error instanceof Error ? error.message : String(error));
      return;
    }
    if (entry.batches.size === 1) watch(entry);
  }

  /** Hands queued batches to workers with room, so a slow worker never holds work a free one could do. */
  function dispatch(): void {
    for (const entry of workers) {
      while (!entry.failed && entry.batches.size < BATCHES_PER_WORKER && queue.length > 0) send(entry, queue.shift()!);
    }
  }

  function optionsIdOf(parseOptions: ParseOptions): number {
    let id = optionIds.get(parseOptions);
    if (id === undefined) {
      id = optionsById.size;
      optionIds.set(parseOptions, id);
      optionsById.set(id, parseOptions);
    }
    return id;
  }

  return {
    async readAndParse(files, onBatch) {
      const chunks: (readonly NoteFile[])[] = [];
      for (let start = 0; start < files.length; start += BATCH_SIZE) chunks.push(files.slice(start, start + BATCH_SIZE));
      const outcomes = chunks.map((chunk) => new Promise<BatchOutcome>((settle) => {
        if (disposed || workers.every((worker) => worker.failed)) {
          settle({ failure: disposed ? 'the pool is stopped' : 'no worker is left' });
          return;
        }
        const workerFiles = chunk.map(({ path, uri, pathSegments, settings }): WorkerFile => (
          { path, uri, pathSegments, maxFileSize: settings.maxFileSize, optionsId: optionsIdOf(settings.parseOptions) }
        ));
        queue.push({ files: workerFiles, settle });
      }));
      dispatch();
      const workerFailures = new Set<string>();
      let readOnMainThread = 0;
      const readings = await Promise.all(outcomes.map(async (pending, i) => {
        const outcome = await pending;
        let chunkReadings: readonly NoteReading[];
        if ('readings' in outcome) chunkReadings = outcome.readings.map((posted, j) => receivedReading(posted, chunks[i][j]));
        else {
          workerFailures.add(outcome.failure);
          readOnMainThread += chunks[i].length;
          chunkReadings = await Promise.all(chunks[i].map((file) => readNote(options.mainThread, file, file.settings, 'scan')));
        }
        onBatch?.(i * BATCH_SIZE, chunkReadings);
        return chunkReadings;
      }));
      return { readings: readings.flat(), workerFailures: [...workerFailures], readOnMainThread };
    },
    async dispose() {
      for (const entry of workers) fail(entry, 'the pool is stopped');
      disposed = true;
      await Promise.all(workers.map((entry) => entry.port.terminate()));
    },
  };
}
