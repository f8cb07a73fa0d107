import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import fc from 'fast-check';
import { parseNoteText } from '../../src/core/notes/pipeline';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { compileTrackAliases, canonicalTrack } from '../../src/core/notes/trackAliases';
import { parseOptionsFromSettings } from '../../src/core/notes/noteSettings';
import { wrapText, renderTrackChart } from '../../src/core/stats/chart';
import { conferenceTime, orderConferences, shortConferenceLabels } from '../../src/core/stats/conferenceOrder';
import { computeTrackStats } from '../../src/core/stats/stats';
import { parseStatsBlock, renderStatsBlock } from '../../src/core/stats/statsBlock';
import { findStatsBlocks, publishReport } from '../../src/core/stats/publish';
import { fillTemplate } from '../../src/core/messages';
import { DEFAULT_VIEW_OPTIONS, isStatsViewOptions, parseWebviewMessage } from '../../src/webview/protocol';
import { makeSession } from './helpers/parsedNotes';
import { assertProperty } from './helpers/property';

const texts = { message: (template: string, args: readonly string[]) => fillTemplate(template, args) };
const root = join(__dirname, '..', '..');

function indexOf(files: Record<string, string>, parseOptions = DEFAULT_PARSE_OPTIONS): NoteIndex {
  const index = new NoteIndex();
  index.updateMany(
    Object.entries(files).map(([path, text]) => parseNoteText(text, { uri: `file:///${path}`, pathSegments: path.split('/') }, { parseOptions })),
    [],
  );
  return index;
}

const THREE_KUBECONS = [
  makeSession('file:///na20.md', 0, { conference: 'KubeCon + CloudNativeCon NA 2020 Virtual', track: 'Keynote' }),
  makeSession('file:///eu20.md', 0, { conference: 'KubeCon + CloudNativeCon Europe 2020 Virtual', track: 'Keynote' }),
  makeSession('file:///na19.md', 0, { conference: 'KubeCon + CloudNativeCon NA 2019', track: 'Keynote', date: '2019-11-19' }),
  makeSession('file:///eu20.md', 1, { conference: 'KubeCon + CloudNativeCon Europe 2020 Virtual', track: 'Security', date: '2020-08-17' }),
  makeSession('file:///na20.md', 1, { conference: 'KubeCon + CloudNativeCon NA 2020 Virtual', track: 'Security', date: '2020-11-17' }),
];

describe('conferences in time order', () => {
  it('orders by the sessions\' dates, not by name (EU 2020 before NA 2020)', () => {
    assert.deepEqual(computeTrackStats(THREE_KUBECONS).conferences.map((c) => c.name), [
      'KubeCon + CloudNativeCon NA 2019',
      'KubeCon + CloudNativeCon Europe 2020 Virtual',
      'KubeCon + CloudNativeCon NA 2020 Virtual',
    ]);
  });

  it('falls back to a year in the name, then to the name', () => {
    const names = ['DevConf 2021', 'Alpha Summit', 'DevConf 2019', 'Beta Summit', 'DevConf 2020 Europe'];
    assert.deepEqual(orderConferences(names, (name) => conferenceTime(name, [])), ['DevConf 2019', 'DevConf 2020 Europe', 'DevConf 2021', 'Alpha Summit', 'Beta Summit']);
  });

  it('takes the earliest ISO date and ignores dates it cannot read', () => {
    assert.deepEqual(conferenceTime('X', ['Nov 3', '2020-11-19', undefined, '2020-11-17']), { firstDate: '2020-11-17', year: 2020 });
  });

  it('reads front matter `dates` and `short-name` of a report, also when counting only some statuses', () => {
    const report = (front: string, track: string) => `---\n${front}\n---\n## ${track}\n### A talk\n- status: attended\n`;
    const index = indexOf({
      'na.md': report('conference: KubeCon North America\ndates: 2020-11-17 – 2020-11-20\nshort-name: NA 2020', 'Keynote'),
      'eu.md': report('conference: KubeCon Europe\ndates: [2020-08-17, 2020-08-20]\nShort-Name: EU 2020', 'Keynote'),
    });
    for (const statuses of [undefined, ['attended' as const]]) {
      const stats = computeTrackStats(index, { statuses });
      assert.deepEqual(stats.conferences.map((c) => [c.name, c.label]), [['KubeCon Europe', 'EU 2020'], ['KubeCon North America', 'NA 2020']]);
    }
  });

  it('orders the chosen conferences of a block the same way', () => {
    const stats = computeTrackStats(THREE_KUBECONS, { conferences: ['KubeCon + CloudNativeCon NA 2020 Virtual', 'KubeCon + CloudNativeCon NA 2019'] });
    assert.deepEqual(stats.conferences.map((c) => c.label), ['2019', '2020 Virtual']);
  });
});

describe('short conference labels', () => {
  it('drops the words every name starts with, keeping what tells them apart', () => {
    assert.deepEqual(shortConferenceLabels(['KubeCon + CloudNativeCon NA 2020 Virtual', 'KubeCon + CloudNativeCon Europe 2020 Virtual']), ['NA 2020 Virtual', 'Europe 2020 Virtual']);
  });

  it('never cuts inside a word, and keeps names that would become empty or equal', () => {
    assert.deepEqual(shortConferenceLabels(['KubeConEU', 'KubeConNA']), ['KubeConEU', 'KubeConNA']);
    assert.deepEqual(shortConferenceLabels(['PyCon', 'PyCon 2020']), ['PyCon', 'PyCon 2020']);
    assert.deepEqual(shortConferenceLabels(['Only One Conference']), ['Only One Conference']);
  });

  it('shows the short label in the legend and the full name in its <title>', () => {
    const svg = renderTrackChart(computeTrackStats(THREE_KUBECONS), { palette: 'light' });
    assert.match(svg, /<text[^>]*>Europe 2020 Virtual<title>KubeCon \+ CloudNativeCon Europe 2020 Virtual<\/title><\/text>/);
  });
});

describe('track label wrapping', () => {
  it('breaks at the last space that fits, on as many lines as the name needs, cutting nothing', () => {
    assert.deepEqual(wrapText('Observability and Operations at Scale in Production', 20), ['Observability and', 'Operations at Scale', 'in Production']);
    assert.deepEqual(wrapText('Short', 20), ['Short']);
  });

  it('breaks CJK text without spaces by width', () => {
    assert.deepEqual(wrapText('クラウドネイティブ基調講演とパネル', 10), ['クラウドネ', 'イティブ基', '調講演とパ', 'ネル']);
  });
});

describe('track aliases', () => {
  const report = (conference: string, track: string) => `---\nconference: ${conference}\n---\n## ${track}\n### A talk\n`;
  const files = { 'a.md': report('Conf 2019', 'Keynotes'), 'b.md': report('Conf 2020', 'KEYNOTE SESSIONS'), 'c.md': report('Conf 2021', 'ｋｅｙｎｏｔｅ') };

  it('counts every alias, in any case or width, as the canonical track in the index and the stats', () => {
    const parseOptions = parseOptionsFromSettings((key) => (key === 'trackAliases' ? { Keynote: ['Keynotes', 'Keynote Sessions'] } : undefined));
    const index = indexOf(files, parseOptions);
    assert.deepEqual(index.tracks('Conf 2020').map((track) => track.name), ['Keynote'], 'the tree groups by the canonical name');
    const stats = computeTrackStats(index);
    assert.deepEqual(stats.tracks.map((row) => [row.name, row.counts]), [['Keynote', [1, 1, 1]]]);
  });

  it('leaves names apart without the setting', () => {
    assert.equal(computeTrackStats(indexOf(files)).tracks.length, 3);
  });

  it('ignores a setting of the wrong shape, and keeps the first canonical name claiming an alias', () => {
    assert.equal(parseOptionsFromSettings((key) => (key === 'trackAliases' ? ['Keynote'] : undefined)).trackAliases, undefined);
    assert.equal(canonicalTrack('Talks', compileTrackAliases({ Sessions: ['Talks'], Other: ['talks'] })), 'Sessions');
  });
});

describe('trend chart', () => {
  it('draws one line per track through its values in time order, with a named point per conference', () => {
    const svg = renderTrackChart(computeTrackStats(THREE_KUBECONS), { kind: 'trend', palette: 'light' });
    const keynote = /<g class="trend-line" data-track="Keynote">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    const points = [...keynote.matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(points, [
      'Keynote — KubeCon + CloudNativeCon NA 2019: 1',
      'Keynote — KubeCon + CloudNativeCon Europe 2020 Virtual: 1',
      'Keynote — KubeCon + CloudNativeCon NA 2020 Virtual: 1',
    ]);
    const security = /<g class="trend-line" data-track="Security">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    assert.match(security, /NA 2019: 0/, 'a track missing from a conference is drawn at 0 there');
    assert.match(svg, /<text class="conference-label"[^>]*>NA 2019<title>/);
  });

  it('shows shares with values: percent', () => {
    const svg = renderTrackChart(computeTrackStats(THREE_KUBECONS, { valueMode: 'percent' }), { kind: 'trend' });
    assert.match(svg, /Security — KubeCon \+ CloudNativeCon NA 2020 Virtual: 50%/);
  });
});

describe('conference-stats block options', () => {
  it('reads every option, with comments and any case', () => {
    const { options, problems } = parseStatsBlock('conferences: A 2019, B 2020\nshow: chart  # only the chart\nSort: name\nvalues: percent\nstatus: attended, watched\nchart: trend\ntracks: C#, Go');
    assert.deepEqual(problems, []);
    assert.deepEqual(options, {
      conferences: ['A 2019', 'B 2020'], show: { chart: true, table: false }, sort: 'name', values: 'percent',
      statuses: ['attended', 'watched'], chart: 'trend', tracks: ['C#', 'Go'],
    });
    assert.deepEqual(parseStatsBlock('show: chart, table').options.show, { chart: true, table: true });
  });

  it('names the line of an unknown key, a bad value, a line without a key, a repeated key and a missing value', () => {
    const { problems } = parseStatsBlock('constructor: x\ncolour: red\nsort: size\njust text\nsort: name\nchart: bars, trend\ntracks:');
    assert.deepEqual(problems.map((problem) => [problem.code, problem.line, ...problem.args.slice(0, 1)]), [
      ['unknown-key', 0, 'constructor'], ['unknown-key', 1, 'colour'], ['invalid-value', 2, 'sort'], ['not-an-option', 3, 'just text'], ['duplicate-key', 4, 'sort'],
      ['invalid-value', 5, 'chart'], ['empty-value', 6, 'tracks'],
    ]);
  });

  it('renders a bad block as a visible error box, never a chart', () => {
    const html = renderStatsBlock(THREE_KUBECONS, 'sort: size', { texts });
    assert.match(html, /class="conference-stats-error"/);
    assert.match(html, /Line 1: Option &quot;sort&quot; takes count \| name, not &quot;size&quot;\./);
    assert.doesNotMatch(html, /<svg/);
  });

  it('renders the chart and the table for the chosen conferences and statuses', () => {
    const sessions = [...THREE_KUBECONS, makeSession('file:///na19.md', 1, { conference: 'KubeCon + CloudNativeCon NA 2019', track: 'Storage', status: 'attended' })];
    const html = renderStatsBlock(sessions, 'status: attended\nshow: table', { texts });
    assert.doesNotMatch(html, /<svg/);
    assert.match(html, /<td>Storage<\/td><td style="text-align:right">1<\/td>/);
    assert.doesNotMatch(html, /Keynote/, 'sessions without the status are not counted');
  });

  it('never turns a name into markup (property)', () => {
    const hostile = fc.oneof(fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</svg><iframe>', '&lt;b&gt;', '\u2028', "'"), fc.string({ unit: 'binary', maxLength: 12 }));
    const allowed = new Set(['div', 'svg', 'title', 'desc', 'g', 'rect', 'text', 'line', 'polyline', 'circle', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
    assertProperty(
      fc.property(fc.array(fc.record({ conference: hostile, track: hostile }), { minLength: 1, maxLength: 5 }), fc.constantFrom('bars', 'trend'), (fields, chart) => {
        const sessions = fields.map((field, i) => makeSession('file:///hostile.md', i, field));
        const html = renderStatsBlock(sessions, `chart: ${chart}`, { texts });
        const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => match[1]);
        for (const tag of tags) assert.ok(allowed.has(tag), `element <${tag}>`);
        assert.equal(tags.filter((tag) => tag === 'script').length, 0);
      }),
      { numRuns: 200 },
    );
  });
});

const BLOCK = '```conference-stats\nshow: both\n```';

describe('publish', () => {
  it('finds blocks as markdown reads fences: not inside another fence, an unclosed one to the end', () => {
    const text = '````md\n```conference-stats\n```\n````\n\n~~~conference-stats\nsort: name\n~~~\n```conference-stats\nshow: table';
    assert.deepEqual(findStatsBlocks(text).map((block) => [block.startLine, block.endLine, block.content]), [[5, 7, 'sort: name'], [8, 9, 'show: table']]);
  });

  for (const example of ['kubecon-eu-2025', 'oss-japan-2025']) {
    it(`replaces the block of examples/${example} with an image and the table, and keeps every other line`, () => {
      const source = readFileSync(join(root, 'examples', example, 'report.md'), 'utf8');
      const text = `${source}\n${BLOCK}\n`;
      const index = indexOf({ [`${example}/report.md`]: source });
      const result = publishReport(text, index, { reportName: 'report' });
      assert.equal(result.images.length, 1);
      assert.equal(result.images[0].fileName, 'report-chart-1.svg');
      assert.match(result.images[0].svg, /^<svg /);
      assert.ok(result.markdown.startsWith(source), 'the text before the block is unchanged');
      assert.match(result.markdown, /!\[Sessions per track\]\(report-chart-1\.svg\)\n\n\| Track \|/);
      assert.doesNotMatch(result.markdown, /conference-stats/);
      const [conference] = index.conferences();
      assert.ok(result.markdown.includes(conference.name.replace(/[\\|[\]]/g, '\\$&').replace(/&/g, '&amp;')));
    });
  }

  it('keeps a block with a bad option as written and reports it with the note\'s line', () => {
    const result = publishReport(`# R\n\n\`\`\`conference-stats\ncolour: red\n\`\`\`\n`, [], { reportName: 'r' });
    assert.deepEqual(result.problems.map((problem) => [problem.code, problem.line]), [['unknown-key', 3]]);
    assert.equal(result.images.length, 0);
    assert.match(result.markdown, /colour: red/);
  });

  const seed = join(root, '..', 'shared', 'seed', 'kubecon-na-2020-report.md');
  it('publishes the seed report with a block added after its chart sentence', function () {
    if (!existsSync(seed)) this.skip();
    const source = readFileSync(seed, 'utf8');
    const index = indexOf({ 'kubecon/kubecon-na-2020-report.md': source });
    const result = publishReport(`${source}\n${BLOCK}\n`, index, { reportName: 'kubecon-na-2020-report' });
    assert.equal(result.images.length, 1);
    assert.deepEqual(result.problems, []);
    const tableRows = result.markdown.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(tableRows.length, computeTrackStats(index).tracks.length + 3, 'a row per track, the header, its alignment row and the total');
  });
});

describe('conference-notes publish', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'publish-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const code = await runCli(args, { out: () => undefined, err: (text) => (err += text) });
    return { code, err };
  }

  it('writes the copy and the image, never changes the report, and replaces an existing output only with --force', async () => {
    const report = join(folder, 'report.md');
    const source = `${readFileSync(join(root, 'examples', 'kubecon-eu-2025', 'report.md'), 'utf8')}\n${BLOCK}\n`;
    writeFileSync(report, source);
    const out = join(folder, 'blog');
    const args = ['publish', report, '--out', out, '--notes', join(root, 'examples', 'kubecon-eu-2025')];

    assert.equal((await cli(args)).code, 0);
    assert.equal(readFileSync(report, 'utf8'), source, 'the report is unchanged');
    assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /!\[Sessions per track\]\(report-chart-1\.svg\)/);
    assert.match(readFileSync(join(out, 'report-chart-1.svg'), 'utf8'), /KubeCon \+ CloudNativeCon Europe 2025/);

    writeFileSync(join(out, 'report.md'), 'edited by hand');
    const refused = await cli(args);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /--force/);
    assert.equal(readFileSync(join(out, 'report.md'), 'utf8'), 'edited by hand');
    assert.equal((await cli([...args, '--force'])).code, 0);
    assert.notEqual(readFileSync(join(out, 'report.md'), 'utf8'), 'edited by hand');
  });

  it('refuses to write over the report itself and explains its usage', async () => {
    const report = join(folder, 'report.md');
    writeFileSync(report, BLOCK);
    assert.equal((await cli(['publish', report, '--out', folder, '--force'])).code, 1);
    assert.equal(readFileSync(report, 'utf8'), BLOCK);
    assert.equal((await cli(['publish', report])).code, 2);
  });
});

describe('the panel\'s chart option', () => {
  it('keeps the trend choice through a webview message and accepts states saved before it existed', () => {
    const options = { ...DEFAULT_VIEW_OPTIONS, chartKind: 'trend' };
    assert.deepEqual(parseWebviewMessage({ type: 'optionsChanged', options }), { type: 'optionsChanged', options });
    assert.ok(isStatsViewOptions({ hiddenConferences: [], sort: 'count', valueMode: 'count', exportPalette: 'light' }));
    assert.equal(isStatsViewOptions({ ...DEFAULT_VIEW_OPTIONS, chartKind: 'pie' }), false);
  });
});
