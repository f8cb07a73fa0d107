// Fetching a schedule export from its URL, for Import Schedule from URL and Refresh Schedule in both hosts and the
// command line. The fetch is injected (Node's and the web worker's global `fetch` both fit), so the core stays
// platform-free; it is bounded in time and size like a schedule file is, and what arrives must be a schedule export,
// not a web page. Nothing here writes anything.
import { readFrontMatter } from '../notes/frontMatter';
import { importMessage, type ImportMessage } from './messages';
import { MAX_SCHEDULE_TEXT_LENGTH } from './scheduleModel';
import type { ImportLayout } from './importPlan';

/** The part of the Fetch API the download uses. */
export type FetchFunction = (url: string, init: { signal: AbortSignal; redirect: 'follow'; headers: Record<string, string> }) => Promise<FetchResponse>;

export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface FetchScheduleOptions {
  /** The whole download, headers and body; 30 s unless given. */
  readonly timeoutMs?: number;
  /** Bytes at most; the schedule text limit unless given. */
  readonly maxBytes?: number;
  /** Bytes received so far, and the announced total when the server sent one. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
  /**
   * True in the browser, where fetch throws a TypeError when the server does not allow cross-origin reads (CORS):
   * the message then says so and offers the file route instead of a bare network error.
   */
  readonly inBrowser?: boolean;
}

export type FetchedSchedule =
  | { readonly ok: true; readonly text: string; /** The URL's last path segment, for messages and format detection. */ readonly fileName: string }
  | { readonly ok: false; readonly error: ImportMessage };

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/**
 * Whether a schedule export may be sent as this type: XML, JSON, iCalendar, plain text or bytes, under any of the names
 * servers give them (`text/xml`, `application/schedule+json`, `text/x-vcalendar`, `application/ics`…), but no web page.
 */
function isScheduleContentType(type: string): boolean {
  return /^(?:application|text)\/[\w.+-]*(?:xml|json|calendar|ics|plain|octet-stream)[\w.+-]*$/i.test(type) && !/html/i.test(type);
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
const fail = (code: Parameters<typeof importMessage>[0], args: readonly (string | number)[]): FetchedSchedule => ({ ok: false, error: importMessage(code, args, 'error') });

/** The URL when it is an http(s) address; undefined otherwise. */
export function scheduleUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The schedule's text from `address`, or the one message that says why not. */
export async function fetchSchedule(address: string, fetchFunction: FetchFunction, options: FetchScheduleOptions = {}): Promise<FetchedSchedule> {
  const url = scheduleUrl(address);
  if (!url) return fail('fetch-bad-url', [address]);
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_SCHEDULE_TEXT_LENGTH;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () => fail('fetch-timeout', [url.href, Math.round(timeoutMs / 1000)]);
  try {
    let response: FetchResponse;
    try {
      response = await fetchFunction(url.href, { signal: controller.signal, redirect: 'follow', headers: { accept: 'application/xml, application/json, text/calendar, text/xml;q=0.9, */*;q=0.1' } });
    } catch (error) {
      if (controller.signal.aborted) return timedOut();
      if (options.inBrowser && error instanceof TypeError) return fail('fetch-blocked', [url.href]);
      return fail('fetch-failed', [url.href, reasonOf(error)]);
    }
    if (!response.ok) return fail('fetch-status', [url.href, response.status, response.statusText]);
    const contentType = response.headers.get('content-type')?.split(';')[0].trim();
    if (contentType && !isScheduleContentType(contentType)) return fail('fetch-content-type', [url.href, contentType]);
    const announced = Number(response.headers.get('content-length') ?? Number.NaN);
    const total = Number.isFinite(announced) && announced >= 0 ? announced : undefined;
    if (total !== undefined && total > maxBytes) return fail('fetch-too-large', [url.href, megabytes(maxBytes)]);
    const body = await readBody(response, maxBytes, total, options.onProgress);
    if (body === 'too-large') {
      controller.abort();
      return fail('fetch-too-large', [url.href, megabytes(maxBytes)]);
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(body), fileName: fileNameOf(url) };
  } catch (error) {
    if (controller.signal.aborted) return timedOut();
    return fail('fetch-failed', [url.href, reasonOf(error)]);
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, read as they arrive so an endless or oversized body stops at the cap. */
async function readBody(response: FetchResponse, maxBytes: number, total: number | undefined, onProgress: FetchScheduleOptions['onProgress']): Promise<Uint8Array | 'too-large'> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
    onProgress?.(received, total);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Node's fetch says only "fetch failed" and keeps the reason (ECONNREFUSED, a DNS error) as the cause. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

function fileNameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter((segment) => segment !== '').pop() ?? '');
  return last === '' ? url.host : last;
}

/** Where a folder's notes were imported from: the URL and zone its report or session files name in their front matter. */
export interface ScheduleSourceOfNotes {
  readonly url: string;
  readonly timeZone?: string;
  /** A report (one file) or session files (`type: session`). */
  readonly layout: ImportLayout;
  /** The file that names it. */
  readonly name: string;
}

/** The first note that names a schedule URL (`schedule:` front matter), or undefined when none does. */
export function scheduleSourceOf(files: readonly { readonly name: string; readonly text: string }[]): ScheduleSourceOfNotes | undefined {
  for (const file of files) {
    const { data } = readFrontMatter(file.text);
    const url = typeof data.schedule === 'string' ? scheduleUrl(data.schedule) : undefined;
    if (!url) continue;
    const timeZone = typeof data.timezone === 'string' && data.timezone.trim() !== '' ? data.timezone.trim() : undefined;
    return { url: url.href, timeZone, layout: data.type === 'session' ? 'files' : 'report', name: file.name };
  }
  return undefined;
}
