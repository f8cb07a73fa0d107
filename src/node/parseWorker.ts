// Worker-thread entry of the Node parse pool (src/node/parsePool.ts), bundled as dist/parseWorker.js: reads, decodes
// and parses batches of local notes off the extension host's main thread.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ParseOptions } from '../core/notes/model';
import { decodeNoteBytes, parseNote } from '../core/notes/parser';
import type { FileParseResult, PoolMessage, WorkerFile } from './parsePool';

if (!parentPort) throw new Error('The parse worker runs in a worker thread only.');
const port = parentPort;

// One options object per workspace folder, kept here, so the parser's per-options caches (compiled fileDefaults
// globs) are built once per worker and not once per message.
const optionsById = new Map<number, ParseOptions>();

/**
 * Synchronous reads: this thread does nothing else, and a synchronous read costs a fraction of the promise
 * plumbing of `fs.promises.readFile`, whose every step comes back through the event loop.
 */
function readAndParse(file: WorkerFile): FileParseResult {
  let bytes: Uint8Array;
  try {
    const fd = openSync(file.path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > file.maxFileSize) return { kind: 'too-large', size };
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', message: (error as Error).message };
  }
  const decoded = decodeNoteBytes(bytes);
  if ('diagnostic' in decoded) return { kind: 'not-text', diagnostic: decoded.diagnostic };
  const options = optionsById.get(file.optionsId);
  if (!options) throw new Error(`Parse options ${file.optionsId} were never sent to this worker.`);
  return { kind: 'parsed', note: parseNote(decoded.text, { uri: file.uri, pathSegments: file.pathSegments, options }) };
}

port.on('message', (message: PoolMessage) => {
  if (message.kind === 'options') optionsById.set(message.optionsId, message.options);
  else port.postMessage({ batchId: message.batchId, results: message.files.map(readAndParse) });
});
