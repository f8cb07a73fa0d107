// `conference-notes import URL` and `conference-notes refresh DIR` against a schedule server the test starts on
// 127.0.0.1: the notes remember where the schedule came from, a refresh keeps what the user wrote, and every way a
// download can go wrong ends with one message and nothing written.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { SCHEDULE_FIXTURES } from './helpers/scheduleFixtures';
import { HUGE_PATH, MISSING_PATH, SLOW_PATH, WEB_PAGE_PATH, startScheduleServer, type ScheduleServer } from './helpers/scheduleServer';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const FOSDEM_PATH = '/2025/schedule/xml';
const REPORT = 'FOSDEM-2025.md';

describe('conference-notes import URL and refresh', () => {
  let server: ScheduleServer;
  let scratch: string;
  beforeEach(async () => {
    server = await startScheduleServer(SCHEDULE_FIXTURES);
    server.serve(FOSDEM_PATH, 'fosdem-day.xml', 'application/xml; charset=utf-8');
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-url-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports a frab XML from its URL into a report that names the URL and the conference’s time zone', async () => {
    const { code, out, err } = await cli('import', server.url(FOSDEM_PATH), '--out', scratch);
    assert.equal(code, 0, err);
    assert.equal(out.split('\n')[0], '6 added, 0 changed, 0 cancelled, 0 unchanged.');
    const report = readFileSync(join(scratch, REPORT), 'utf8');
    assert.ok(report.startsWith(`---\nschedule: ${server.url(FOSDEM_PATH)}\ntimezone: Europe/Brussels\n---\n\n# FOSDEM 2025\n`), report.slice(0, 200));
    assert.match(report, /### Welcome to FOSDEM 2025\n\n- speakers: Richard Roe, María López\n- date: 2025-02-01\n- time: 09:30–09:55\n- room: Janson\n/);
    const sessions = JSON.parse((await cli('sessions', '--format', 'json', scratch)).out) as { sessions: { conference: string; track: string }[] };
    assert.deepEqual(sessions.sessions.map((session) => `${session.conference}/${session.track}`), [
      ...Array(2).fill('FOSDEM 2025/Containers'), ...Array(2).fill('FOSDEM 2025/Keynotes'), ...Array(2).fill('FOSDEM 2025/Rust'),
    ], 'the report with its schedule front matter reads as a report of six sessions');
  });

  it('refreshes from the URL the report names: new, changed and cancelled sessions listed, the user’s notes kept', async () => {
    assert.equal((await cli('import', server.url(FOSDEM_PATH), '--out', scratch)).code, 0);
    const file = join(scratch, REPORT);
    const userText = 'My notes: the no_std talk was the best of the morning.';
    writeFileSync(file, readFileSync(file, 'utf8').replace('### no\\_std Everywhere\n', `### no\\_std Everywhere\n\n${userText}\n`));
    server.serve(FOSDEM_PATH, 'fosdem-day-v2.xml', 'application/xml');

    const { code, out, err } = await cli('refresh', scratch);
    assert.equal(code, 0, err);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines[0], '1 added, 1 changed, 1 cancelled, 4 unchanged.');
    assert.ok(lines.includes('Added: Signing Container Images'), out);
    assert.ok(lines.includes('Changed: no_std Everywhere (time: 11:05–11:30 → 11:30–11:55)'), out);
    assert.ok(lines.includes('Cancelled: Containers Lightning Talks'), out);
    const report = readFileSync(file, 'utf8');
    assert.ok(report.includes(`\n${userText}\n`), report);
    assert.match(report, /### no\\_std Everywhere\n\n.*\n\n- speakers: Ada Kowalska, Tomáš Novák\n- date: 2025-02-01\n- time: 11:30–11:55\n/);
    assert.deepEqual(server.requests, [FOSDEM_PATH, FOSDEM_PATH]);
  });

  it('an import from the URL into a report first imported from a file makes it refreshable', async () => {
    assert.equal((await cli('import', join(SCHEDULE_FIXTURES, 'fosdem-day.xml'), '--out', scratch)).code, 0);
    const file = join(scratch, REPORT);
    assert.ok(readFileSync(file, 'utf8').startsWith('# FOSDEM 2025\n'), 'a file import names no URL');
    assert.equal((await cli('refresh', scratch)).code, 1);
    const fromUrl = await cli('import', server.url(FOSDEM_PATH), '--out', scratch);
    assert.equal(fromUrl.out.split('\n')[0], '0 added, 0 changed, 0 cancelled, 6 unchanged.');
    assert.ok(readFileSync(file, 'utf8').startsWith(`---\nschedule: ${server.url(FOSDEM_PATH)}\ntimezone: Europe/Brussels\n---\n\n# FOSDEM 2025\n`));
    server.serve(FOSDEM_PATH, 'fosdem-day-v2.xml', 'application/xml');
    assert.equal((await cli('refresh', scratch)).out.split('\n')[0], '1 added, 1 changed, 1 cancelled, 4 unchanged.');
  });

  it('refreshes a folder of session files in the zone it was imported in', async () => {
    assert.equal((await cli('import', server.url(FOSDEM_PATH), '--out', scratch, '--layout', 'files', '--tz', 'Asia/Tokyo')).code, 0);
    const noStd = readdirSync(scratch).find((name) => name.includes('no_std')) ?? assert.fail('no session file');
    assert.match(readFileSync(join(scratch, noStd), 'utf8'), /\ntime: 19:05–19:30\n[\s\S]*\nschedule: http:\/\/127\.0\.0\.1:\d+\/2025\/schedule\/xml\ntimezone: Asia\/Tokyo\n/);
    server.serve(FOSDEM_PATH, 'fosdem-day-v2.xml', 'application/xml');
    const { code, out } = await cli('refresh', scratch);
    assert.equal(code, 0);
    assert.ok(out.includes('Changed: no_std Everywhere (time: 19:05–19:30 → 19:30–19:55)'), out);
    const added = readdirSync(scratch).find((name) => name.includes('Signing')) ?? assert.fail('the new session has no file');
    assert.match(readFileSync(join(scratch, added), 'utf8'), /\ntimezone: Asia\/Tokyo\n/);
  });

  it('says what to do when the folder’s notes name no schedule URL', async () => {
    writeFileSync(join(scratch, 'notes.md'), '# My Conference\n\n## Track\n\n### A talk\n');
    const { code, err } = await cli('refresh', scratch);
    assert.equal(code, 1);
    assert.match(err, /names no schedule URL \(front matter "schedule:"\)/);
  });

  const failures: { name: string; path: string; args?: string[]; message: RegExp }[] = [
    { name: 'a server that does not answer in time', path: SLOW_PATH, args: ['--timeout', '1'], message: /did not arrive within 1 seconds/ },
    { name: 'a body over the size cap', path: HUGE_PATH, message: /is larger than 20 MB; it is not imported/ },
    { name: 'a 404', path: MISSING_PATH, message: /the server answered 404 Not Found/ },
    { name: 'a web page instead of an export', path: WEB_PAGE_PATH, message: /sends text\/html, not a schedule export/ },
  ];
  for (const failure of failures) {
    it(`refuses ${failure.name} with one message and writes nothing`, async () => {
      const out = join(scratch, 'out');
      const started = Date.now();
      const { code, err } = await cli('import', server.url(failure.path), '--out', out, ...(failure.args ?? []));
      assert.equal(code, 1);
      assert.match(err, failure.message);
      assert.equal(existsSync(out), false);
      assert.ok(Date.now() - started < 10_000, 'the download was cut short');
    });
  }

  it('refuses an address that is not http(s) and a refused connection, naming the address', async () => {
    const bad = await cli('import', 'ftp://127.0.0.1/schedule.xml', '--out', scratch);
    assert.deepEqual([bad.code, /is not an http or https address/.test(bad.err)], [1, true]);
    const closed = server.url('/gone.xml');
    await server.close();
    server = await startScheduleServer(SCHEDULE_FIXTURES);
    const refused = await cli('import', closed, '--out', scratch);
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`The schedule at ${closed.replace(/[.?]/g, '\\$&')} could not be fetched: .*ECONNREFUSED`));
  });
});
