// The command-line twin, run in-process through runCli on files on disk: the examples, the seed report when it is
// present, bad files, settings.json, and schedule import/re-import.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

const root = join(__dirname, '..', '..');
const seed = join(root, '..', 'shared', 'seed', 'kubecon-na-2020-report.md');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('conference-notes (CLI)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-cli-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints per-track statistics of the examples as the documented JSON', async () => {
    const { code, out } = await cli('stats', '--format', 'json', join(root, 'examples'));
    assert.equal(code, 0);
    const json = JSON.parse(out) as { conferences: { name: string; sessions: number; tracks: { name: string; sessions: number }[] }[] };
    assert.deepEqual(
      json.conferences.map((c) => [c.name, c.sessions, c.tracks.map((t) => `${t.name}=${t.sessions}`).join(' ')]),
      [
        // Tracks in the order of the whole chart: most sessions over all conferences first.
        ['KubeCon + CloudNativeCon Europe 2025', 6, 'Security=2 Keynote=2 Observability=2'],
        ['Open Source Summit Japan 2025', 6, 'Security=2 Keynote=1 Observability=1 Embedded Linux=2'],
      ],
    );
  });

  it('reads the seed report: 16 sessions in 3 tracks', async function () {
    if (!existsSync(seed)) this.skip();
    const { code, out } = await cli('stats', '--format', 'json', seed);
    assert.equal(code, 0);
    const [conference] = (JSON.parse(out) as { conferences: { sessions: number; tracks: unknown[] }[] }).conferences;
    assert.equal(conference.sessions, 16);
    assert.equal(conference.tracks.length, 3);
  });

  it('lists sessions as a table and as JSON, and writes the chart as SVG', async () => {
    const table = await cli('sessions', join(root, 'examples'));
    assert.match(table.out.split('\n')[0], /^Conference\s+Track\s+Session\s+Speakers$/);
    assert.ok(table.out.includes('SBOM を実運用に乗せるまで'));
    const json = JSON.parse((await cli('sessions', '--format', 'json', join(root, 'examples'))).out) as { sessions: { title: string }[] };
    assert.equal(json.sessions.length, 12);
    const svgFile = join(scratch, 'chart.svg');
    const chart = await cli('chart', '-o', svgFile, join(root, 'examples'));
    assert.equal(chart.code, 0);
    const svg = readFileSync(svgFile, 'utf8');
    assert.match(svg, /^<svg[^>]+role="img"/);
    assert.ok(svg.includes('Embedded Linux'));
  });

  it('reports unreadable files on stderr and still prints what it could read (exit 0)', async () => {
    writeFileSync(join(scratch, 'good.md'), '# Conf\n\n## T\n\n### Talk\n');
    writeFileSync(join(scratch, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
    writeFileSync(join(scratch, 'latin1.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
    writeFileSync(join(scratch, 'bad-yaml.md'), '---\ntrack: [unclosed\n---\n# Conf\n\n## T\n\n### Other talk\n');
    const { code, out, err } = await cli('sessions', '--format', 'json', scratch);
    assert.equal(code, 0);
    const titles = (JSON.parse(out) as { sessions: { title: string }[] }).sessions.map((s) => s.title).sort();
    assert.deepEqual(titles, ['Other talk', 'Talk']);
    assert.match(err, /binary\.md: This file is not text/);
    assert.match(err, /latin1\.md: This file is not UTF-8 text/);
    assert.match(err, /bad-yaml\.md:[23]: Invalid YAML in the front matter/);
  });

  it('reads the folder\'s .vscode/settings.json (JSON with comments) like VS Code does', async () => {
    mkdirSync(join(scratch, '.vscode'));
    writeFileSync(join(scratch, '.vscode', 'settings.json'), '{\n  // sessions are H2 here\n  "conferenceNotes.trackHeadingLevel": 1,\n  "conferenceNotes.sessionHeadingLevel": 2,\n  "conferenceNotes.exclude": ["drafts/**"],\n}\n');
    writeFileSync(join(scratch, 'notes.md'), '---\nconference: Flat Conf\n---\n# Web\n\n## One\n\n## Two\n');
    mkdirSync(join(scratch, 'drafts'));
    writeFileSync(join(scratch, 'drafts', 'draft.md'), '# Draft Conf\n\n## T\n\n### Draft talk\n');
    const json = JSON.parse((await cli('stats', '--format', 'json', scratch)).out) as { conferences: { name: string; sessions: number }[] };
    assert.deepEqual(json.conferences.map((c) => `${c.name}=${c.sessions}`), ['Flat Conf=2']);
  });

  it('imports a schedule, then re-imports a newer export without touching user text', async () => {
    const schedules = join(root, 'test', 'fixtures', 'schedules');
    const first = await cli('import', join(schedules, 'pretalx-rustfest.json'), '--out', scratch);
    assert.equal(first.code, 0, first.err);
    const [report] = ['RustFest-Kyoto-2024.md'].map((name) => join(scratch, name));
    const userLine = 'Notes I took: ownership explained with bento boxes.';
    const imported = readFileSync(report, 'utf8');
    const firstSession = imported.indexOf('- status: planned\n');
    writeFileSync(report, `${imported.slice(0, firstSession)}- status: planned\n\n${userLine}\n${imported.slice(firstSession + '- status: planned\n'.length)}`);
    const second = await cli('import', join(schedules, 'pretalx-rustfest-v2.json'), '--out', scratch);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /^\d+ added, \d+ changed, \d+ cancelled, \d+ unchanged\.\n/);
    assert.ok(readFileSync(report, 'utf8').includes(`\n\n${userLine}\n`));
  });

  it('refuses a malformed schedule with a message naming the problem and writes nothing', async () => {
    const schedules = join(root, 'test', 'fixtures', 'schedules');
    copyFileSync(join(schedules, 'malformed-truncated.json'), join(scratch, 'schedule.json'));
    const { code, err } = await cli('import', join(scratch, 'schedule.json'), '--out', join(scratch, 'out'));
    assert.equal(code, 1);
    assert.match(err, /schedule\.json cannot be read/);
    assert.equal(existsSync(join(scratch, 'out')), false);
  });

  it('explains usage errors with exit code 2', async () => {
    assert.equal((await cli('frobnicate')).code, 2);
    const { code, err } = await cli('stats', '--format', 'xml', 'examples');
    assert.equal(code, 2);
    assert.match(err, /--format takes one of: table, json, csv, md/);
  });

  it('tells how a note was read with the repository around it, as the folder pass reads it', async () => {
    // The repository's top holds .git: the year folder above the talk's folder names the conference.
    mkdirSync(join(scratch, '.git'));
    mkdirSync(join(scratch, '2031', '10_HarbourConf'), { recursive: true });
    const talk = '# Caching at the edge\n\n## Notes\n\n- hit ratios\n- TTLs\n- purges\n\n## Q&A\n\nAbout the demo.\n';
    writeFileSync(join(scratch, '2031', '10_HarbourConf', 'caching.md'), talk);
    const { code, out } = await cli('explain', join(scratch, '2031', '10_HarbourConf', 'caching.md'));
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines[0], 'How caching.md was read');
    assert.equal(lines[1], 'Layout: one session in the whole file (from its headings)');
    assert.match(lines[2], /^Conference: HarbourConf 2031 \(named by its folder\)$/);
    assert.ok(lines.includes('Sessions read: 1'));
  });

  it('refuses anything but one note file, and says when the file is not read as a note', async () => {
    assert.equal((await cli('explain', scratch)).code, 2);
    writeFileSync(join(scratch, 'big.md'), `# Big\n\n${'x'.repeat(200)}\n`);
    const skipped = await cli('explain', '--max-size', '10', join(scratch, 'big.md'));
    assert.equal(skipped.code, 1);
    assert.match(skipped.err, /is not read as a note here/);
  });
});

describe('conference-notes agenda and stats --status (CLI)', () => {
  const agendaFixture = join(root, 'test', 'fixtures', 'agenda', 'harbour-summit.md');
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-agenda-'));
    mkdirSync(join(scratch, 'notes'));
    copyFileSync(agendaFixture, join(scratch, 'notes', 'harbour-summit.md'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  async function cliAt(now: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) }, undefined, undefined, () => new Date(now));
    return { code, out, err };
  }

  it('prints the agenda by day and time in the zone the notes name, with overlaps named', async () => {
    const { code, out, err } = await cli('agenda', join(scratch, 'notes'));
    assert.equal(code, 0, err);
    const lines = out.split('\n');
    assert.equal(lines[0], 'Harbour Summit 2031 (Europe/Brussels)');
    assert.ok(lines.includes('2031-05-14') && lines.includes('2031-05-15'));
    const queues = lines.find((line) => line.includes('Queues That Never Drop'));
    assert.match(queues ?? '', /^\s+09:30–10:15\s+K\.1\.105\s+planned\s+Queues That Never Drop\s+overlaps Log Pipelines at Sea$/);
    assert.match(lines.find((line) => line.includes('Hallway')) ?? '', /^\s+\(no time\)\s+planned\s+Unscheduled Hallway Track$/);
  });

  it('prints the picked sessions as iCalendar, with UTC times, and says what it left out', async () => {
    const { code, out, err } = await cli('agenda', '--ics', '--conference', 'harbour summit 2031', join(scratch, 'notes'));
    assert.equal(code, 0, err);
    assert.equal((out.match(/^BEGIN:VEVENT\r$/gm) ?? []).length, 5);
    assert.ok(out.includes('DTSTART:20310514T070000Z\r\n'), '09:00 in Brussels');
    assert.ok(out.includes('Note: harbour-summit.md'));
    assert.match(err, /Left out of the calendar \(no date or time\): Unscheduled Hallway Track/);
  });

  it('writes --out only as a new file, and never replaces one', async () => {
    const file = join(scratch, 'agenda.ics');
    const first = await cli('agenda', '--ics', '--out', file, join(scratch, 'notes'));
    assert.equal(first.code, 0, first.err);
    assert.match(readFileSync(file, 'utf8'), /^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    writeFileSync(file, 'mine');
    const second = await cli('agenda', '--ics', '--out', file, join(scratch, 'notes'));
    assert.equal(second.code, 1);
    assert.match(second.err, /agenda\.ics exists; choose another --out file/);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.deepEqual(readdirSync(scratch).sort(), ['agenda.ics', 'notes'], 'no temporary file is left behind');
  });

  it('takes the conference on today when there are several, and asks for one otherwise', async () => {
    writeFileSync(join(scratch, 'notes', 'other.md'), '# Other Conf 2030\n\n## Talks\n\n### Elsewhere\n\n- date: 2030-01-01\n- time: 10:00\n');
    const during = await cliAt('2031-05-15T08:00:00Z', 'agenda', join(scratch, 'notes'));
    assert.equal(during.code, 0, during.err);
    assert.match(during.out, /^Harbour Summit 2031 /);
    const between = await cliAt('2031-06-01T08:00:00Z', 'agenda', join(scratch, 'notes'));
    assert.equal(between.code, 1);
    assert.match(between.err, /name one with --conference: Harbour Summit 2031, Other Conf 2030/);
    const unknown = await cli('agenda', '--conference', 'Nope', join(scratch, 'notes'));
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No conference is named "Nope"/);
  });

  it('reads times in --tz when given, and refuses a zone that is none or --out without --ics', async () => {
    const { out } = await cli('agenda', '--ics', '--tz', 'UTC', join(scratch, 'notes'));
    assert.ok(out.includes('DTSTART:20310514T090000Z\r\n'));
    const bad = await cli('agenda', '--tz', 'Mars/Olympus', join(scratch, 'notes'));
    assert.equal(bad.code, 2);
    const textToFile = await cli('agenda', '--out', join(scratch, 'agenda.txt'), join(scratch, 'notes'));
    assert.equal(textToFile.code, 2);
    assert.match(textToFile.err, /only with --ics/);
  });

  it('counts only the sessions with the given statuses in stats --status', async () => {
    const all = JSON.parse((await cli('stats', '--format', 'json', join(scratch, 'notes'))).out) as { conferences: { sessions: number }[] };
    assert.equal(all.conferences[0].sessions, 7);
    const picked = JSON.parse((await cli('stats', '--format', 'json', '--status', 'attended,skipped', join(scratch, 'notes'))).out) as { conferences: { sessions: number; tracks: { name: string; sessions: number }[] }[] };
    assert.equal(picked.conferences[0].sessions, 2);
    assert.deepEqual(picked.conferences[0].tracks.map((track) => `${track.name}=${track.sessions}`).sort(), ['Keynote=1', 'Systems=1']);
    const bad = await cli('stats', '--status', 'attended,maybe', join(scratch, 'notes'));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--status takes one of: planned, attended/);
  });
});

describe('conference-notes stats --scope (CLI)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-scope-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  type StatsJson = { conferences: { name: string; sessions: number }[] };
  const sessionsIn = async (...args: string[]) => (JSON.parse((await cli('stats', '--format', 'json', ...args)).out) as StatsJson).conferences.map((c) => c.sessions);

  it('counts an imported programme once with the user’s report of one talk, or only the user’s sessions', async () => {
    const notes = join(scratch, 'notes');
    const imported = await cli('import', join(root, 'test', 'fixtures', 'schedules', 'sched-devsummit.ics'), '--out', notes, '--tz', 'UTC');
    assert.equal(imported.code, 0, imported.err);
    const { sessions } = JSON.parse((await cli('sessions', '--format', 'json', notes)).out) as { sessions: { title: string; conference: string }[] };
    const talk = sessions[0];
    writeFileSync(join(notes, 'my-report.md'), `---\nconference: ${talk.conference}\n---\n\n# My report\n\n## Mine\n\n### ${talk.title.toUpperCase()}\n\n- status: attended\n\nWhat I learnt.\n`);
    assert.deepEqual(await sessionsIn(notes), [sessions.length]);
    assert.deepEqual(await sessionsIn('--scope', 'programme', notes), [sessions.length]);
    assert.deepEqual(await sessionsIn('--scope', 'mine', notes), [1]);
    const bad = await cli('stats', '--scope', 'everything', notes);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--scope takes one of: programme, mine/);
  });
});

describe('conference-notes compose (CLI)', () => {
  const fixtures = join(root, 'test', 'fixtures', 'compose');
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-compose-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  type SessionsJson = { sessions: { conference: string; track?: string; title: string }[] };
  const sessionsOf = async (file: string) => (JSON.parse((await cli('sessions', '--format', 'json', file)).out) as SessionsJson).sessions.map((s) => [s.conference, s.track, s.title]);

  it('prints the report of the conference named in any case, which reads back as its sessions', async () => {
    const { code, out, err } = await cli('compose', '--conference', 'lakeside dev days 2025', join(fixtures, 'en'));
    assert.equal(code, 0, err);
    assert.match(out, /^---\nconference: Lakeside Dev Days 2025\n/);
    assert.match(out, /\n```conference-stats\nconferences: Lakeside Dev Days 2024, Lakeside Dev Days 2025\n/);
    const file = join(scratch, 'report.md');
    writeFileSync(file, out);
    assert.deepEqual(await sessionsOf(file), [
      ['Lakeside Dev Days 2025', 'Platform', 'Zero-Downtime Schema Changes'],
      ['Lakeside Dev Days 2025', 'Platform', 'Buildpacks in Anger'],
      ['Lakeside Dev Days 2025', 'Platform', 'Feature Flags Without Regret'],
      ['Lakeside Dev Days 2025', 'Observability', 'Tracing Deep Dive'],
      ['Lakeside Dev Days 2025', 'Other sessions', 'Monorepos Over Coffee'],
    ]);
  });

  it('leaves out attended sessions without notes with --without-notes omit, and writes Japanese notes in Japanese', async () => {
    const { code, out } = await cli('compose', '--conference', 'ミナト技術祭 2025', '--without-notes', 'omit', join(fixtures, 'ja'));
    assert.equal(code, 0);
    assert.match(out, /\n## 概要\n[\s\S]*\n## まとめ\n/);
    assert.ok(out.includes('### 夜間バッチの作り直し'));
    assert.ok(!out.includes('列指向ストレージ入門'));
  });

  it('writes a new --out file and never replaces one', async () => {
    const file = join(scratch, 'report.md');
    const first = await cli('compose', '--conference', 'Lakeside Dev Days 2025', '--out', file, join(fixtures, 'en'));
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, '');
    assert.match(readFileSync(file, 'utf8'), /^---\nconference: Lakeside Dev Days 2025\n/);
    writeFileSync(file, 'my own edits\n');
    const second = await cli('compose', '--conference', 'Lakeside Dev Days 2025', '--out', file, join(fixtures, 'en'));
    assert.equal(second.code, 1);
    assert.match(second.err, /report\.md exists; choose another --out file/);
    assert.equal(readFileSync(file, 'utf8'), 'my own edits\n');
    assert.deepEqual(readdirSync(scratch), ['report.md'], 'no temporary file is left behind');
  });

  it('needs a conference the notes hold, and a known --without-notes choice', async () => {
    const missing = await cli('compose', join(fixtures, 'en'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /compose takes --conference NAME/);
    const unknown = await cli('compose', '--conference', 'Nope 2025', join(fixtures, 'en'));
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No conference is named "Nope 2025"\. Conferences: Lakeside Dev Days 2024, Lakeside Dev Days 2025/);
    const bad = await cli('compose', '--conference', 'Lakeside Dev Days 2025', '--without-notes', 'hide', join(fixtures, 'en'));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--without-notes takes one of: list, omit/);
  });
});
