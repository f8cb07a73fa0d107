import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Session } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { computeTrackStats, formatValue, statsToCsv, statsToJson, statsToMarkdownTable, statsToTable } from '../../src/core/stats/stats';
import { makeNote, type SessionFields } from './helpers/parsedNotes';

/** `{ Track: n }` per conference → the sessions of one note per conference. */
function sessionsOf(counts: Record<string, Record<string, number>>): Session[] {
  return Object.entries(counts).flatMap(([conference, tracks], i) => {
    const fields: SessionFields[] = Object.entries(tracks).flatMap(([track, n]) => Array.from({ length: n }, () => (track === '-' ? {} : { track })));
    return makeNote(`file:///${i}.md`, conference, fields).sessions;
  });
}

const SAMPLE = sessionsOf({
  'KubeCon 2020': { Observability: 3, Security: 4, Storage: 1, '-': 2 },
  'KubeCon 2019': { Observability: 2, Security: 1, Networking: 1 },
});

/** A minimal RFC 4180 reader, to check that what the export writes reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  assert.equal(cell + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

describe('computeTrackStats', () => {
  it('counts sessions per track and conference, with totals, shares and per-conference percentages', () => {
    const stats = computeTrackStats(SAMPLE);

    assert.deepEqual(stats.conferences, [
      { name: 'KubeCon 2019', label: '2019', sessions: 4 },
      { name: 'KubeCon 2020', label: '2020', sessions: 10 },
    ]);
    assert.equal(stats.totalSessions, 14);
    const security = stats.tracks.find((row) => row.name === 'Security');
    assert.deepEqual(security?.counts, [1, 4]);
    assert.equal(security?.total, 5);
    assert.deepEqual(security?.percents, [25, 40]);
    assert.equal(security?.sharePercent, (5 / 14) * 100);
    const networking = stats.tracks.find((row) => row.name === 'Networking');
    assert.deepEqual(networking?.counts, [1, 0], 'a track missing from a conference counts 0 there');
  });

  it('sorts by count (most first, ties by name) with the no-track row last', () => {
    const stats = computeTrackStats(SAMPLE, { sort: 'count' });
    assert.deepEqual(
      stats.tracks.map((row) => row.name),
      ['Observability', 'Security', 'Networking', 'Storage', undefined],
    );
    assert.deepEqual(
      stats.tracks.map((row) => row.total),
      [5, 5, 1, 1, 2],
    );
  });

  it('sorts by name with the no-track row last', () => {
    const stats = computeTrackStats(SAMPLE, { sort: 'name' });
    assert.deepEqual(
      stats.tracks.map((row) => row.name),
      ['Networking', 'Observability', 'Security', 'Storage', undefined],
    );
  });

  it('keeps only the chosen conferences and leaves out ones without sessions', () => {
    const stats = computeTrackStats(SAMPLE, { conferences: ['KubeCon 2020', 'Unknown', 'KubeCon 2020'] });
    assert.deepEqual(stats.conferences, [{ name: 'KubeCon 2020', label: 'KubeCon 2020', sessions: 10 }]);
    assert.equal(stats.totalSessions, 10);
    assert.equal(stats.tracks.find((row) => row.name === 'Networking'), undefined, 'tracks only of hidden conferences disappear');
    assert.deepEqual(
      stats.tracks.map((row) => row.sharePercent),
      [40, 30, 10, 20],
    );
  });

  it('gives the same numbers from the index as from the session list', () => {
    const index = new NoteIndex();
    const byFile = new Map<string, Session[]>();
    for (const session of SAMPLE) byFile.set(session.uri, [...(byFile.get(session.uri) ?? []), session]);
    for (const [uri, sessions] of byFile) index.update({ uri, layout: 'report', conference: sessions[0].conference, sessions, diagnostics: [] });

    assert.deepEqual(computeTrackStats(index, { sort: 'name' }), computeTrackStats(SAMPLE, { sort: 'name' }));
  });

  it('counts case and width variants of a track as one row, under the spelling most sessions write', () => {
    const sessions = sessionsOf({ 'KubeCon 2019': { keynote: 2, Security: 1 }, 'KubeCon 2020': { ＫＥＹＮＯＴＥ: 1, Keynote: 1 } });
    const rows = (stats: ReturnType<typeof computeTrackStats>) => stats.tracks.map((row) => [row.name, ...row.counts]);
    assert.deepEqual(rows(computeTrackStats(sessions)), [['keynote', 2, 2], ['Security', 1, 0]]);

    const index = new NoteIndex();
    index.updateMany([makeNote('file:///2019.md', 'KubeCon 2019', [{ track: 'keynote', status: 'attended' }, { track: 'keynote' }]), makeNote('file:///2020.md', 'KubeCon 2020', [{ track: 'Keynote', status: 'attended' }, { track: 'Keynote' }, { track: 'Keynote' }])], []);
    // Filtered by status, the rows keep the index's name: the spellings left out still count for it.
    assert.deepEqual(rows(computeTrackStats(index, { statuses: ['attended'] })), [['Keynote', 1, 1]]);
  });

  it('has no tracks and no conferences for no sessions', () => {
    const stats = computeTrackStats([]);
    assert.deepEqual([stats.conferences, stats.tracks, stats.totalSessions], [[], [], 0]);
  });
});

describe('statsToCsv', () => {
  it('writes a header, one row per track and a total row, in count mode', () => {
    const rows = parseCsv(statsToCsv(computeTrackStats(SAMPLE)));
    assert.deepEqual(rows[0], ['Track', 'KubeCon 2019', 'KubeCon 2020', 'Total', 'Share (%)']);
    assert.deepEqual(rows[1], ['Observability', '2', '3', '5', '35.7']);
    assert.deepEqual(rows.at(-2), ['No track', '0', '2', '2', '14.3']);
    assert.deepEqual(rows.at(-1), ['Total', '4', '10', '14', '100']);
  });

  it('writes percentages of each conference in percent mode', () => {
    const rows = parseCsv(statsToCsv(computeTrackStats(SAMPLE, { valueMode: 'percent' })));
    assert.deepEqual(rows[0].slice(1, 3), ['KubeCon 2019 (%)', 'KubeCon 2020 (%)']);
    assert.deepEqual(rows[1].slice(1, 3), ['50', '30']);
    assert.deepEqual(rows.at(-1)?.slice(1, 3), ['100', '100']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and defuses spreadsheet formulas', () => {
    const hostile = sessionsOf({
      '=HYPERLINK("http://evil","x")': { 'a, "b"\nc': 1, '+1': 1, '-2': 1, '@SUM(A1)': 1, 'plain': 1 },
    });
    const csv = statsToCsv(computeTrackStats(hostile, { sort: 'name' }));
    const rows = parseCsv(csv);

    assert.equal(rows[0][1], `'=HYPERLINK("http://evil","x")`);
    assert.deepEqual(
      rows.slice(1, -1).map((row) => row[0]).sort(),
      ["'+1", "'-2", "'@SUM(A1)", 'a, "b"\nc', 'plain'],
    );
    assert.ok(rows.every((row) => row.length === 3), 'every row has the same columns: track, the one conference, share');
  });

  it('defuses formulas behind a leading tab or carriage return too (OWASP CSV injection)', () => {
    const hostile = sessionsOf({ '\t=cmd|\' /C calc\'!A0': { '\r=1+1': 1, '\t@SUM(A1)': 1, 'a\t=b': 1 } });
    const rows = parseCsv(statsToCsv(computeTrackStats(hostile, { sort: 'name' })));
    assert.equal(rows[0][1], "'\t=cmd|' /C calc'!A0");
    assert.deepEqual(rows.slice(1, -1).map((row) => row[0]).sort(), ["'\r=1+1", "'\t@SUM(A1)", 'a\t=b'].sort());
  });

  it('uses the labels it is given', () => {
    const rows = parseCsv(statsToCsv(computeTrackStats(SAMPLE), { labels: { trackColumn: 'トラック', noTrack: 'トラックなし', totalRow: '合計' } }));
    assert.equal(rows[0][0], 'トラック');
    assert.equal(rows.at(-2)?.[0], 'トラックなし');
    assert.equal(rows.at(-1)?.[0], '合計');
  });
});

describe('the table of one conference', () => {
  const oneConference = SAMPLE.filter((session) => session.conference === 'KubeCon 2019');

  it('shows one percentage column in percent mode: the conference’s, not a share repeating it', () => {
    const { header, rows } = statsToTable(computeTrackStats(oneConference, { valueMode: 'percent' }));
    assert.deepEqual(header, ['Track', 'KubeCon 2019 (%)', 'Total']);
    assert.deepEqual(rows[0], ['Observability', '50%', '2']);
    assert.deepEqual(rows.at(-1), ['Total', '100%', '4']);
  });

  it('shows the counts once in count mode, then the share', () => {
    const { header, rows } = statsToTable(computeTrackStats(oneConference));
    assert.deepEqual(header, ['Track', 'KubeCon 2019', 'Share (%)']);
    assert.deepEqual(rows[0], ['Observability', '2', '50%']);
    assert.deepEqual(parseCsv(statsToCsv(computeTrackStats(oneConference)))[0], ['Track', 'KubeCon 2019', 'Share (%)'], 'the exports write the same columns');
  });

  it('keeps Total and Share (%) for two conferences', () => {
    assert.deepEqual(statsToTable(computeTrackStats(SAMPLE, { valueMode: 'percent' })).header, ['Track', 'KubeCon 2019 (%)', 'KubeCon 2020 (%)', 'Total', 'Share (%)']);
  });
});

describe('statsToMarkdownTable', () => {
  const markdown = new MarkdownIt({ html: false });

  function renderedCells(table: string): string[][] {
    const tokens = markdown.parse(table, {});
    const rows: string[][] = [];
    for (const token of tokens) {
      if (token.type === 'tr_open') rows.push([]);
      if (token.type === 'inline') rows.at(-1)?.push(token.content);
    }
    return rows;
  }

  it('renders as a table with one row per track plus header and total', () => {
    const table = statsToMarkdownTable(computeTrackStats(SAMPLE));
    const rows = renderedCells(table);
    assert.equal(rows.length, 1 + 5 + 1);
    assert.deepEqual(rows[0], ['Track', 'KubeCon 2019', 'KubeCon 2020', 'Total', 'Share (%)']);
    assert.deepEqual(rows[1], ['Observability', '2', '3', '5', '35.7%']);
  });

  it('shows percentages in percent mode', () => {
    const rows = renderedCells(statsToMarkdownTable(computeTrackStats(SAMPLE), { valueMode: 'percent' }));
    assert.deepEqual(rows[1].slice(1, 3), ['50%', '30%']);
  });

  it('keeps pipes and line breaks in names inside their cell', () => {
    const stats = computeTrackStats(sessionsOf({ 'A | B': { 'x|y\nz': 2, 'back\\|slash': 1 } }), { sort: 'name' });
    const table = statsToMarkdownTable(stats);
    const rows = renderedCells(table);
    assert.ok(rows.every((row) => row.length === 3), table);
    assert.deepEqual(
      [rows[0][1], rows[1][0], rows[2][0]].map((cell) => markdown.renderInline(cell)),
      ['A | B', 'back\\|slash', 'x|y z'],
    );
  });
});

describe('statsToJson', () => {
  it('has the CLI shape: conferences with sessions and their tracks with sessions', () => {
    const json = JSON.parse(JSON.stringify(statsToJson(computeTrackStats(SAMPLE))));
    assert.deepEqual(
      json.conferences.map((c: { name: string; sessions: number; tracks: { name: string; sessions: number }[] }) => ({
        name: c.name,
        sessions: c.sessions,
        tracks: c.tracks.map((t) => [t.name, t.sessions]),
      })),
      [
        { name: 'KubeCon 2019', sessions: 4, tracks: [['Observability', 2], ['Security', 1], ['Networking', 1]] },
        { name: 'KubeCon 2020', sessions: 10, tracks: [['Observability', 3], ['Security', 4], ['Storage', 1], ['No track', 2]] },
      ],
    );
  });

  it('marks the no-track row and rounds percentages to one decimal', () => {
    const json = statsToJson(computeTrackStats(SAMPLE), { labels: { noTrack: 'トラックなし' } });
    const untracked = json.conferences[1].tracks.at(-1);
    assert.deepEqual(untracked, { name: 'トラックなし', sessions: 2, percent: 20, noTrack: true });
    assert.equal(json.conferences[1].tracks[0].percent, 30);
    assert.equal(json.conferences[0].tracks[0].percent, 50);
    assert.equal(computeTrackStats(sessionsOf({ C: { a: 1, b: 2 } })).tracks[1].percents[0].toFixed(3), '33.333');
    assert.equal(statsToJson(computeTrackStats(sessionsOf({ C: { a: 1, b: 2 } }))).conferences[0].tracks[1].percent, 33.3);
  });
});

describe('formatValue', () => {
  it('shows counts as whole numbers and percentages with one decimal at most', () => {
    assert.equal(formatValue(12, 'count'), '12');
    assert.equal(formatValue(100 / 3, 'percent'), '33.3%');
    assert.equal(formatValue(50, 'percent'), '50%');
  });
});
