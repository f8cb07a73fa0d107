// fetchSchedule over an injected fetch (what the browser does that Node does not: refuse a cross-origin read), and
// which note of a folder names the schedule to refresh from.
import assert from 'node:assert/strict';
import { fetchSchedule, scheduleSourceOf, type FetchFunction, type FetchResponse } from '../../src/core/import/fetchSchedule';
import { withScheduleOrigin } from '../../src/core/import/sessionStub';

function response(body: string, headers: Record<string, string> = {}): FetchResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    // Two chunks, so progress is reported as the body arrives.
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice(0, 4));
        controller.enqueue(bytes.slice(4));
        controller.close();
      },
    }),
  };
}

describe('schedule import: fetching a URL', () => {
  it('in the browser, a fetch refused with a TypeError (CORS) says so; elsewhere it is a network error with its cause', async () => {
    const refused: FetchFunction = async () => {
      throw new TypeError('Failed to fetch');
    };
    const browser = await fetchSchedule('https://pretalx.example.org/e/schedule/export/schedule.xml', refused, { inBrowser: true });
    assert.deepEqual(browser.ok ? undefined : [browser.error.code, browser.error.args], ['fetch-blocked', ['https://pretalx.example.org/e/schedule/export/schedule.xml']]);
    const offline: FetchFunction = async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND pretalx.example.org') });
    };
    const node = await fetchSchedule('https://pretalx.example.org/e/schedule/export/schedule.xml', offline);
    assert.deepEqual(node.ok ? undefined : [node.error.code, node.error.args[1]], ['fetch-failed', 'fetch failed (getaddrinfo ENOTFOUND pretalx.example.org)']);
  });

  it('refuses a body whose announced length is over the cap without reading it', async () => {
    let read = false;
    const announced: FetchFunction = async () => ({
      ...response(''),
      headers: { get: (name: string) => (name === 'content-length' ? String(64 * 1024 * 1024) : null) },
      // No chunk is asked for before the reader reads (highWaterMark 0).
      body: new ReadableStream<Uint8Array>({
        pull() {
          read = true;
        },
      }, { highWaterMark: 0 }),
    });
    const result = await fetchSchedule('https://example.org/schedule.json', announced);
    assert.equal(result.ok ? undefined : result.error.code, 'fetch-too-large');
    assert.equal(read, false);
  });

  it('reports progress, decodes UTF-8 and names the file after the last path segment', async () => {
    const progress: number[] = [];
    const text = '<schedule><conference><title>Café</title></conference></schedule>';
    const result = await fetchSchedule('https://fosdem.example.org/2025/schedule/xml', async () => response(text, { 'content-type': 'text/xml; charset=utf-8' }), {
      onProgress: (received) => progress.push(received),
    });
    assert.deepEqual(result, { ok: true, text, fileName: 'xml' });
    assert.deepEqual(progress, [4, new TextEncoder().encode(text).length]);
  });

  it('takes every type servers send schedules as, and refuses web pages and images', async () => {
    const codeFor = async (contentType: string) => {
      const result = await fetchSchedule('https://example.org/schedule', async () => response('{}', { 'content-type': contentType }));
      return result.ok ? 'ok' : result.error.code;
    };
    for (const type of ['application/xml', 'text/xml; charset=utf-8', 'application/json', 'text/calendar', 'application/ics', 'text/x-vcalendar', 'text/plain', 'application/octet-stream']) {
      assert.equal(await codeFor(type), 'ok', type);
    }
    for (const type of ['text/html', 'application/xhtml+xml', 'image/png']) assert.equal(await codeFor(type), 'fetch-content-type', type);
  });

  it('takes the source from the first note whose front matter names an http(s) schedule URL', () => {
    const source = scheduleSourceOf([
      { name: 'notes.md', text: '# Just notes\n' },
      { name: 'local.md', text: '---\nschedule: file:///etc/passwd\n---\n# Not a URL to fetch\n' },
      { name: 'talk.md', text: '---\ntype: session\nschedule: https://fosdem.org/2026/schedule/xml\ntimezone: Europe/Brussels\n---\n# Talk\n' },
    ]);
    assert.deepEqual(source, { url: 'https://fosdem.org/2026/schedule/xml', timeZone: 'Europe/Brussels', layout: 'files', name: 'talk.md' });
    assert.equal(scheduleSourceOf([{ name: 'notes.md', text: '# Just notes\n' }]), undefined);
  });
});

describe('schedule import: a report imported from a file learns its URL', () => {
  const origin = { source: 'https://fosdem.org/2026/schedule/xml', timeZone: 'Europe/Brussels' };

  it('gets front matter when it has none', () => {
    assert.equal(withScheduleOrigin('# FOSDEM 2026\n\n## Rust\n', origin), '---\nschedule: https://fosdem.org/2026/schedule/xml\ntimezone: Europe/Brussels\n---\n\n# FOSDEM 2026\n\n## Rust\n');
  });

  it('adds the missing lines before the closing fence, keeping CRLF, a byte-order mark and the user’s keys', () => {
    const text = '\ufeff---\r\nconference: FOSDEM 2026\r\ntimezone: Europe/Paris\r\n---\r\n# Notes\r\n';
    assert.equal(withScheduleOrigin(text, origin), '\ufeff---\r\nconference: FOSDEM 2026\r\ntimezone: Europe/Paris\r\nschedule: https://fosdem.org/2026/schedule/xml\r\n---\r\n# Notes\r\n');
  });

  it('leaves a report alone that names a schedule already, or whose front matter cannot be read', () => {
    const own = '---\nschedule: https://mirror.example.org/schedule.xml\n---\n# Notes\n';
    assert.equal(withScheduleOrigin(own, origin), own);
    const unclosed = '---\nconference: X\n# Notes\n';
    assert.equal(withScheduleOrigin(unclosed, origin), unclosed);
    assert.equal(withScheduleOrigin('# Notes\n', {}), '# Notes\n');
  });
});
