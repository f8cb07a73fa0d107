// Worker-thread entry of the Node parse pool (src/node/parsePool.ts), bundled as dist/parseWorker.js: runs the core's
// reading pipeline over batches of local notes off the extension host's main thread.
import { parentPort } from 'node:worker_threads';
import { compactNote } from '../core/notes/indexSnapshot';
import type { ParseOptions } from '../core/notes/model';
import { readNote, settle, type NoteFileAccess, type NoteReading } from '../core/notes/pipeline';
import { statAndReadRegularFileSync } from '../cli/regularFile';
import type { BatchReply, PoolMessage, PostedReading, WorkerFile } from './parsePool';

if (!parentPort) throw new Error('The parse worker runs in a worker thread only.');
const port = parentPort;

// One options object per workspace folder, kept here, so the parser's per-options caches (compiled fileDefaults
// globs) are built once per worker and not once per message.
const optionsById = new Map<number, ParseOptions>();

/**
 * Synchronous reads: this thread does nothing else, and a synchronous read costs a fraction of the promise
 * plumbing of `fs.promises.readFile`, whose every step comes back through the event loop.
 */
const localFiles: NoteFileAccess = {
  statAndRead: (path, wanted) => settle(() => statAndReadRegularFileSync(path, wanted)),
};

async function readBatch(files: readonly WorkerFile[]): Promise<PostedReading[]> {
  const readings: PostedReading[] = [];
  for (const file of files) {
    const parseOptions = optionsById.get(file.optionsId);
    if (!parseOptions) throw new Error(`Parse options ${file.optionsId} were never sent to this worker.`);
    readings.push(posted(await readNote(localFiles, file, { parseOptions, maxFileSize: file.maxFileSize }, 'scan')));
  }
  return readings;
}

/** A reading as it is sent: its note compact, which the pool makes whole again (fewer strings to copy both ways). */
function posted(reading: NoteReading): PostedReading {
  const note = reading.kind === 'parsed' ? compactNote(reading.note) : undefined;
  return reading.kind === 'parsed' && note ? { kind: 'parsed', note, ...(reading.key ? { key: reading.key } : {}), compact: true } : reading;
}

// Every read is synchronous, so a batch is answered before the next message is taken in.
port.on('message', (message: PoolMessage) => {
  if (message.kind === 'options') optionsById.set(message.optionsId, message.options);
  else void readBatch(message.files).then((readings) => port.postMessage({ batchId: message.batchId, readings } satisfies BatchReply));
});
