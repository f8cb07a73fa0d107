// Reads and parses local notes in a small pool of worker threads (Node extension host only). On the main thread the
// first scan is bound by the main thread itself: each `fs.promises.readFile` comes back through the event loop
// several times, and every note parsed there delays the next read. In the pool, each worker reads its files
// synchronously and parses them, and the main thread only indexes the results.
import { Worker } from 'node:worker_threads';
import type { NoteContext, NoteDiagnostic, ParsedNote, ParseOptions } from '../core/notes/model';

/** A local note to read: its path on disk and the context `parseNote` needs. */
export interface NoteFile {
  readonly path: string;
  readonly context: NoteContext;
  /** Bytes above which the file is not read (setting `conferenceNotes.maxFileSize`). */
  readonly maxFileSize: number;
}

/** What became of one file; `not-text` holds the diagnostic `decodeNoteBytes` gives a binary or non-UTF-8 file. */
export type FileParseResult =
  | { readonly kind: 'parsed'; readonly note: ParsedNote }
  | { readonly kind: 'not-text'; readonly diagnostic: NoteDiagnostic }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly message: string };

/** A file as sent to a worker: the options go once per worker, by id. */
export interface WorkerFile {
  readonly path: string;
  readonly uri: string;
  readonly pathSegments: readonly string[];
  readonly maxFileSize: number;
  readonly optionsId: number;
}

/** What the pool posts to a worker. */
export type PoolMessage =
  | { readonly kind: 'options'; readonly optionsId: number; readonly options: ParseOptions }
  | { readonly kind: 'parse'; readonly batchId: number; readonly files: readonly WorkerFile[] };

interface BatchReply {
  readonly batchId: number;
  readonly results: readonly FileParseResult[];
}

export interface ParsePool {
  /** Reads and parses the files in the workers; the results in the order of `files`. */
  readAndParse(files: readonly NoteFile[]): Promise<FileParseResult[]>;
  /** Stops the workers; reads still pending reject. */
  dispose(): Promise<void>;
}

/** Files per message: enough to make messaging cheap next to reading and parsing, small enough to share the work evenly. */
const BATCH_SIZE = 64;
/** Batches a worker holds at once, so it starts the next while the main thread takes in the last one's results. */
const BATCHES_PER_WORKER = 2;

interface Batch {
  readonly files: readonly WorkerFile[];
  readonly resolve: (results: readonly FileParseResult[]) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly knownOptions: Set<number>;
  readonly batches: Map<number, Batch>;
}

/** `workerScript`: the bundled worker entry, dist/parseWorker.js next to the extension's bundle. */
export function createParsePool(size: number, workerScript: string | URL): ParsePool {
  const optionIds = new WeakMap<ParseOptions, number>();
  const optionsById = new Map<number, ParseOptions>();
  const queue: Batch[] = [];
  let nextBatchId = 0;
  let disposed = false;

  const workers: PoolWorker[] = Array.from({ length: size }, () => {
    const entry: PoolWorker = { worker: new Worker(workerScript), knownOptions: new Set(), batches: new Map() };
    entry.worker.on('message', (reply: BatchReply) => {
      entry.batches.get(reply.batchId)?.resolve(reply.results);
      entry.batches.delete(reply.batchId);
      dispatch();
    });
    entry.worker.on('error', (error) => failAll(error));
    return entry;
  });

  function failAll(error: Error): void {
    for (const entry of workers) {
      for (const batch of entry.batches.values()) batch.reject(error);
      entry.batches.clear();
    }
    for (const batch of queue.splice(0)) batch.reject(error);
  }

  function send(entry: PoolWorker, batch: Batch): void {
    for (const file of batch.files) {
      if (entry.knownOptions.has(file.optionsId)) continue;
      entry.knownOptions.add(file.optionsId);
      entry.worker.postMessage({ kind: 'options', optionsId: file.optionsId, options: optionsById.get(file.optionsId)! } satisfies PoolMessage);
    }
    const batchId = nextBatchId++;
    entry.batches.set(batchId, batch);
    entry.worker.postMessage({ kind: 'parse', batchId, files: batch.files } satisfies PoolMessage);
  }

  /** Hands queued batches to workers with room, so a slow worker never holds work a free one could do. */
  function dispatch(): void {
    for (const entry of workers) {
      while (entry.batches.size < BATCHES_PER_WORKER && queue.length > 0) send(entry, queue.shift()!);
    }
  }

  function optionsIdOf(options: ParseOptions): number {
    let id = optionIds.get(options);
    if (id === undefined) {
      id = optionsById.size;
      optionIds.set(options, id);
      optionsById.set(id, options);
    }
    return id;
  }

  return {
    async readAndParse(files) {
      if (disposed) throw new Error('The parse pool is disposed.');
      const batches: Promise<readonly FileParseResult[]>[] = [];
      for (let start = 0; start < files.length; start += BATCH_SIZE) {
        const workerFiles = files.slice(start, start + BATCH_SIZE).map(({ path, context, maxFileSize }): WorkerFile => (
          { path, uri: context.uri, pathSegments: context.pathSegments, maxFileSize, optionsId: optionsIdOf(context.options) }
        ));
        batches.push(new Promise((resolve, reject) => queue.push({ files: workerFiles, resolve, reject })));
      }
      dispatch();
      return (await Promise.all(batches)).flat();
    },
    async dispose() {
      disposed = true;
      failAll(new Error('The parse pool is disposed.'));
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}
