import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import type { Session } from '../../src/core/notes/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_MESSAGES, JAPANESE_CHART_TEXTS, renderTrackChart, textWidthUnits, wrapText, type TrackChartOptions } from '../../src/core/stats/chart';
import { computeTrackStats, type TrackStatsOptions } from '../../src/core/stats/stats';
import { trackVariantKey } from '../../src/core/notes/trackAliases';
import { makeSession } from './helpers/parsedNotes';
import { assertProperty } from './helpers/property';

/** The renderer's own vocabulary: anything else in the output came from the input. */
const ALLOWED_ELEMENTS = new Set(['svg', 'title', 'desc', 'g', 'rect', 'text', 'line']);
const ALLOWED_ATTRIBUTES = new Set([
  'xmlns', 'class', 'id', 'width', 'height', 'viewBox', 'role', 'aria-labelledby', 'aria-describedby', 'aria-label',
  'font-family', 'font-size', 'font-weight', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'rx', 'fill', 'fill-opacity',
  'stroke', 'stroke-width', 'text-anchor', 'dominant-baseline', 'tabindex', 'data-track', 'data-conference',
]);

function parseSvg(svg: string): Element {
  const document = new DOMParser({
    onError: (level, message) => {
      // xmldom warns about any U+FFFD as a sign of a decoding problem; it is a valid character a note may hold.
      if (level === 'warning' && message.includes('Unicode replacement character')) return;
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = document.documentElement;
  assert.ok(root, 'a root element');
  return root;
}

function descendants(element: Element): Element[] {
  const found: Element[] = [];
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === child.ELEMENT_NODE) {
      found.push(child as Element, ...descendants(child as Element));
    }
  }
  return found;
}

function byClass(root: Element, className: string): Element[] {
  return descendants(root).filter((element) => element.getAttribute('class') === className);
}

function numberAttribute(element: Element, name: string): number {
  return Number(element.getAttribute(name));
}

function childTitle(element: Element): string | undefined {
  const title = descendants(element).find((child) => child.tagName === 'title');
  return title?.textContent ?? undefined;
}

function sessionsOf(counts: Record<string, Record<string, number>>): Session[] {
  let position = 0;
  return Object.entries(counts).flatMap(([conference, tracks]) =>
    Object.entries(tracks).flatMap(([track, n]) => Array.from({ length: n }, () => makeSession(`file:///${conference}.md`, position++, { conference, track: track === '-' ? undefined : track }))),
  );
}

const SAMPLE = sessionsOf({
  'KubeCon 2019': { Observability: 2, Security: 1, Networking: 1 },
  'KubeCon 2020': { Observability: 3, Security: 4, Storage: 1, '-': 2 },
});
// Counted by hand from SAMPLE, most sessions first (ties by name), the no-track row last; per track 2019, 2020.
const SAMPLE_TRACKS = ['Observability', 'Security', 'Networking', 'Storage', undefined];
const SAMPLE_COUNTS = [2, 3, 1, 4, 1, 0, 0, 1, 0, 2];
/** Each count as a share of its conference's sessions (2019: 4, 2020: 10). */
const SAMPLE_PERCENTS = [50, 30, 25, 40, 25, 0, 0, 10, 0, 20];

function render(statsOptions: TrackStatsOptions = {}, chartOptions: TrackChartOptions = {}, sessions = SAMPLE): Element {
  return parseSvg(renderTrackChart(computeTrackStats(sessions, statsOptions), chartOptions));
}

/** XML 1.0 `Char` production, written out independently of the renderer. */
function isXmlChar(codePoint: number): boolean {
  return codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd || (codePoint >= 0x20 && codePoint <= 0xd7ff) || (codePoint >= 0xe000 && codePoint <= 0xfffd) || codePoint >= 0x10000;
}

function xmlSafe(text: string): string {
  return [...text].filter((char) => isXmlChar(char.codePointAt(0) ?? 0)).join('');
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('renderTrackChart', () => {
  describe('structure', () => {
    it('draws one bar per track and conference, grouped by track in the stats order', () => {
      const bars = byClass(render({ sort: 'count' }), 'bar');
      const expected = SAMPLE_TRACKS.flatMap((track) => ['KubeCon 2019', 'KubeCon 2020'].map((conference) => `${track ?? '(none)'} / ${conference}`));
      assert.deepEqual(
        bars.map((bar) => `${bar.getAttribute('data-track') ?? '(none)'} / ${bar.getAttribute('data-conference')}`),
        expected,
      );
    });

    it('follows the sort order of the stats', () => {
      const tracksInChart = (sort: 'count' | 'name') => byClass(render({ sort }), 'track-label').map((label) => label.textContent);
      assert.deepEqual(tracksInChart('count'), ['Observability', 'Security', 'Networking', 'Storage', 'No track']);
      assert.deepEqual(tracksInChart('name'), ['Networking', 'Observability', 'Security', 'Storage', 'No track']);
    });

    it('makes bar widths proportional to the values, the biggest within the plot', () => {
      const root = render({}, { width: 700 });
      const bars = byClass(root, 'bar');
      const perUnit = numberAttribute(bars[0], 'width') / SAMPLE_COUNTS[0];
      assert.ok(perUnit > 0);
      bars.forEach((bar, i) => assert.ok(Math.abs(numberAttribute(bar, 'width') - SAMPLE_COUNTS[i] * perUnit) < 0.02, `bar ${i}`));

      const axis = byClass(root, 'axis')[0];
      const widest = Math.max(...bars.map((bar) => numberAttribute(bar, 'x') + numberAttribute(bar, 'width')));
      assert.ok(widest <= numberAttribute(axis, 'x2') + 0.01);
      assert.ok(numberAttribute(axis, 'x2') <= 700);
    });

    it('shows each bar\'s value next to it', () => {
      const labels = byClass(render(), 'value').map((label) => label.textContent);
      assert.deepEqual(labels, SAMPLE_COUNTS.map(String));
    });

    it('in percent mode, sizes and labels bars by each conference\'s share', () => {
      const root = render({}, { valueMode: 'percent' });
      const bars = byClass(root, 'bar');
      const perPercent = numberAttribute(bars[0], 'width') / SAMPLE_PERCENTS[0];
      bars.forEach((bar, i) => assert.ok(Math.abs(numberAttribute(bar, 'width') - SAMPLE_PERCENTS[i] * perPercent) < 0.02, `bar ${i}`));
      assert.deepEqual(byClass(root, 'value').map((label) => label.textContent), SAMPLE_PERCENTS.map((percent) => `${percent}%`));
      assert.ok(byClass(root, 'tick').every((tick) => tick.textContent?.endsWith('%')));
      assert.equal(bars[0].getAttribute('aria-label'), 'Observability — KubeCon 2019: 50%');
    });

    it('has a legend entry per conference in the colour of its bars', () => {
      const root = render();
      const entries = byClass(root, 'legend-item');
      assert.deepEqual(entries.map((entry) => entry.getAttribute('data-conference')), ['KubeCon 2019', 'KubeCon 2020']);
      const bars = byClass(root, 'bar');
      for (const entry of entries) {
        const swatch = descendants(entry).find((element) => element.tagName === 'rect');
        const conference = entry.getAttribute('data-conference');
        const colours = new Set(bars.filter((bar) => bar.getAttribute('data-conference') === conference).map((bar) => bar.getAttribute('fill')));
        assert.deepEqual([...colours], [swatch?.getAttribute('fill')]);
      }
      assert.notEqual(byClass(root, 'bar')[0].getAttribute('fill'), byClass(root, 'bar')[1].getAttribute('fill'));
    });

    it('labels the axis with whole-number ticks from 0 past the biggest count', () => {
      const ticks = byClass(render(), 'tick').map((tick) => Number(tick.textContent));
      assert.equal(ticks[0], 0);
      assert.ok(ticks.at(-1)! >= 4, 'the biggest count is 4');
      assert.ok(ticks.every((tick, i) => Number.isInteger(tick) && (i === 0 || tick > ticks[i - 1])));
      const small = byClass(render({}, {}, sessionsOf({ C: { a: 1, b: 2 } })), 'tick').map((tick) => tick.textContent);
      assert.deepEqual(small, ['0', '1', '2'], 'no half sessions');
    });

    it('places tick labels where the scale puts their values', () => {
      const root = render();
      const bars = byClass(root, 'bar');
      const ticks = byClass(root, 'tick');
      const perUnit = numberAttribute(bars[0], 'width') / 2; // Observability at KubeCon 2019: 2 sessions
      const left = numberAttribute(bars[0], 'x');
      for (const tick of ticks) assert.ok(Math.abs(numberAttribute(tick, 'x') - (left + Number(tick.textContent) * perUnit)) < 0.02);
    });

    it('grows in height with the number of tracks and keeps bars from overlapping', () => {
      const many = (count: number) => sessionsOf({ A: Object.fromEntries(Array.from({ length: count }, (_, i) => [`Track ${i}`, i + 1])), B: { 'Track 0': 1 } });
      const small = render({}, {}, many(10));
      const large = render({}, {}, many(60));
      assert.ok(numberAttribute(large, 'height') > numberAttribute(small, 'height') * 4);
      const bars = byClass(large, 'bar').map((bar) => [numberAttribute(bar, 'y'), numberAttribute(bar, 'height')]).sort((a, b) => a[0] - b[0]);
      assert.equal(bars.length, 120);
      bars.slice(1).forEach(([y], i) => assert.ok(y >= bars[i][0] + bars[i][1] - 0.01, `bar ${i + 1} overlaps`));
      assert.ok(bars.every(([, height]) => height >= 4));
      assert.equal(numberAttribute(large, 'height'), Number(large.getAttribute('viewBox')?.split(' ')[3]));
    });

    it('says so instead of drawing an empty plot when there are no sessions', () => {
      const root = render({}, {}, []);
      assert.equal(byClass(root, 'bar').length, 0);
      assert.equal(byClass(root, 'empty')[0].textContent, 'No sessions to chart yet.');
    });
  });

  describe('accessibility', () => {
    it('is an image named by its title and described by a text summary', () => {
      const root = render({}, { title: 'KubeCon: sessions per track', idPrefix: 'stats' });
      assert.equal(root.getAttribute('role'), 'img');
      const title = descendants(root).find((element) => element.getAttribute('id') === root.getAttribute('aria-labelledby'));
      assert.equal(title?.tagName, 'title');
      assert.equal(title?.textContent, 'KubeCon: sessions per track');
      const desc = descendants(root).find((element) => element.getAttribute('id') === root.getAttribute('aria-describedby'));
      assert.equal(desc?.tagName, 'desc');
      assert.equal(desc?.textContent, 'Tracks: 5. Conferences: 2. Sessions: 14. KubeCon 2019: 4 sessions, most in Observability (2). KubeCon 2020: 10 sessions, most in Security (4).');
    });

    it('uses the caller\'s localised texts', () => {
      const root = render({}, { description: '説明', messages: { bar: '{1} の {0}: {2}', noTrack: 'トラックなし' } });
      assert.equal(descendants(root).find((element) => element.tagName === 'desc')?.textContent, '説明');
      assert.equal(byClass(root, 'bar')[0].getAttribute('aria-label'), 'KubeCon 2019 の Observability: 2');
      assert.equal(byClass(root, 'track-label').at(-1)?.textContent, 'トラックなし');
    });

    it('makes every bar but the empty ones a tab stop, each with a name and the data the webview needs', () => {
      const bars = byClass(render(), 'bar');
      assert.deepEqual(bars.map((bar) => bar.getAttribute('tabindex')), SAMPLE_COUNTS.map((count) => (count > 0 ? '0' : null)), 'no tab stop on a bar of 0');
      for (const bar of bars) {
        assert.equal(bar.getAttribute('role'), 'graphics-symbol');
        const track = bar.getAttribute('data-track') ?? 'No track';
        assert.match(bar.getAttribute('aria-label') ?? '', new RegExp(`^${track} — ${bar.getAttribute('data-conference')}: \\d+$`));
        assert.equal(childTitle(bar), bar.getAttribute('aria-label'));
      }
      const untracked = bars.filter((bar) => !bar.hasAttribute('data-track'));
      assert.deepEqual(untracked.map((bar) => bar.getAttribute('aria-label')), ['No track — KubeCon 2019: 0', 'No track — KubeCon 2020: 2']);
    });

    it('makes every trend point with sessions a tab stop the webview opens like a bar: named, with its track and conference', () => {
      const points = byClass(render({}, { kind: 'trend' }), 'point');
      assert.deepEqual(points.map((point) => point.getAttribute('tabindex')), SAMPLE_COUNTS.map((count) => (count > 0 ? '0' : null)), 'no tab stop on a point of 0');
      const bars = byClass(render(), 'bar');
      const described = (marks: Element[]) => marks.map((mark) => [mark.getAttribute('data-track'), mark.getAttribute('data-conference'), mark.getAttribute('aria-label'), mark.getAttribute('role')].join('|')).sort();
      assert.deepEqual(described(points), described(bars), 'the same names and data as the bars');
    });

    it('wraps long names at spaces onto as many lines as they need, cutting nothing, and keeps the full name in a <title>', () => {
      const long = 'A very long track name about cloud native observability at scale';
      const root = render({}, { width: 600 }, sessionsOf({ Conf: { [long]: 1, Short: 1 } }));
      const [first, second] = byClass(root, 'track-label');
      const lines = descendants(first).filter((element) => element.tagName === 'text').map((line) => line.textContent ?? '');
      assert.ok(lines.length >= 3, lines.join(' | '));
      assert.equal(lines.join(' '), long, 'every word is shown');
      assert.ok(!lines.some((line) => line.includes('…')));
      const ys = descendants(first).filter((element) => element.tagName === 'text').map((line) => numberAttribute(line, 'y'));
      assert.ok(ys.every((y, i) => i === 0 || y > ys[i - 1]), 'one line below the other');
      const [firstBar, secondBar] = byClass(root, 'bar');
      assert.ok(numberAttribute(secondBar, 'y') - numberAttribute(firstBar, 'y') >= ys.at(-1)! - ys[0], 'the next track starts below the wrapped label');
      assert.equal(childTitle(first), long);
      assert.equal(second.textContent, 'Short');
      assert.equal(childTitle(second), undefined, 'names that fit have no extra title');
    });

    it('sizes a chart without a given width to its content: narrow for short names, wider for long ones, within bounds', () => {
      const width = (root: Element) => numberAttribute(root, 'width');
      const short = render({}, {}, sessionsOf({ A: { Web: 1 }, B: { Web: 2 } }));
      const long = render({}, {}, sessionsOf({ A: { 'Developer Experience and Platform Engineering': 1 }, B: { Web: 2 } }));
      assert.ok(width(short) < 800, `short names: ${width(short)} px`);
      assert.ok(width(long) > width(short), `long names: ${width(long)} px`);
      const huge = render({}, {}, sessionsOf({ [`${'Very long conference name '.repeat(8)}2024`]: { [`${'Track '.repeat(40)}end`]: 1 }, Other: { Web: 1 } }));
      assert.ok(width(huge) <= 1000, `capped: ${width(huge)} px`);
      assert.equal(width(render({}, { width: 640 })), 640, 'a given width is kept (the panel passes its own)');
      const viewBox = (root: Element) => root.getAttribute('viewBox')?.split(' ').map(Number);
      assert.equal(viewBox(long)?.[2], width(long));
    });

    it('wraps a long title, legend entry and trend column label instead of cutting them', () => {
      const conference = 'International Conference on Cloud Native Observability and Site Reliability 2024';
      const sessions = sessionsOf({ [conference]: { Web: 1 }, 'Other Conference 2025': { Web: 2 } });
      const title = 'Sessions per track at the two biggest conferences of the year, compared side by side';
      const shown = (element: Element) => (element.tagName === 'g' ? descendants(element).filter((child) => child.tagName === 'text').map((line) => line.textContent).join(' ') : element.textContent);
      const bars = render({}, { width: 400, title }, sessions);
      const [titleElement] = byClass(bars, 'chart-title');
      assert.equal(titleElement.tagName, 'g', 'the title takes several lines');
      assert.equal(shown(titleElement), title);
      const legendLabel = descendants(byClass(bars, 'legend-item')[0]).find((element) => element.tagName === 'g' || element.tagName === 'text')!;
      assert.ok(!shown(legendLabel)?.includes('…'), shown(legendLabel) ?? '');
      const trend = render({}, { width: 400, kind: 'trend' }, sessions);
      const labels = byClass(trend, 'conference-label').map(shown);
      assert.ok(labels.every((text) => !text?.includes('…')), labels.join(' | '));
      assert.ok(labels.some((text) => (text ?? '').split(' ').length > 2), 'a conference label wraps onto several lines');
    });

    it('puts an unpainted band behind each track’s bars, for the panel to point the track out', () => {
      const tracks = byClass(render(), 'track');
      assert.equal(tracks.length, SAMPLE_TRACKS.length);
      for (const track of tracks) {
        const band = descendants(track)[0];
        assert.equal(band.getAttribute('class'), 'track-band');
        assert.equal(band.getAttribute('fill'), 'none', 'invisible in exports');
        const bars = descendants(track).filter((element) => element.getAttribute('class') === 'bar');
        for (const bar of bars) {
          assert.ok(numberAttribute(bar, 'y') >= numberAttribute(band, 'y') && numberAttribute(bar, 'y') + numberAttribute(bar, 'height') <= numberAttribute(band, 'y') + numberAttribute(band, 'height') + 0.01);
        }
      }
    });

    it('names, on a tie, the tied track the chart shows first as a conference\'s biggest', () => {
      const description = (sort: 'count' | 'name') => descendants(render({ sort }, {}, sessionsOf({ Conf: { Zeta: 2, Beta: 2, Alpha: 1, '-': 2 } }))).find((element) => element.tagName === 'desc')?.textContent;
      // Shown in this order: Beta and Zeta (2 each, by name), then Alpha; the no-track row last, as in the chart.
      assert.equal(description('count'), 'Tracks: 4. Conferences: 1. Sessions: 7. Conf: 7 sessions, most in Beta (2).');
      assert.equal(description('name'), 'Tracks: 4. Conferences: 1. Sessions: 7. Conf: 7 sessions, most in Beta (2).');
      const untrackedFirst = sessionsOf({ Conf: { '-': 3, Gamma: 3 } });
      assert.match(descendants(render({}, {}, untrackedFirst)).find((element) => element.tagName === 'desc')?.textContent ?? '', /most in Gamma \(3\)\.$/);
    });
  });

  it('writes a Japanese report’s chart with the Japanese the display language would show', () => {
    const bundle = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(JAPANESE_CHART_TEXTS, Object.fromEntries(Object.entries(CHART_MESSAGES).map(([key, english]) => [key, bundle[english]])));
    const root = render({}, { messages: JAPANESE_CHART_TEXTS });
    assert.equal(byClass(root, 'chart-title')[0].textContent, 'トラック別のセッション数');
  });

  describe('text width estimate', () => {
    it('counts CJK and full-width characters double', () => {
      assert.equal(textWidthUnits('abc'), 3);
      assert.equal(textWidthUnits('基調講演'), 8);
      assert.equal(textWidthUnits('ＡＢ'), 4);
    });

    it('wraps Japanese at half as many characters as Latin text', () => {
      assert.deepEqual(wrapText('基調講演とパネル', 9), ['基調講演', 'とパネル']);
      assert.deepEqual(wrapText('abcdefghijkl', 9), ['abcdefghi', 'jkl']);
      assert.deepEqual(wrapText('short', 9), ['short']);
    });

    it('never splits a surrogate pair', () => {
      const lines = wrapText('𠮷野家𠮷野家𠮷野家', 7);
      assert.deepEqual(lines, ['𠮷野家', '𠮷野家', '𠮷野家']);
      for (const line of lines) assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(line));
    });
  });

  describe('palettes', () => {
    it('vscode: theme colours through CSS variables', () => {
      const root = render({}, { palette: 'vscode' });
      assert.match(byClass(root, 'bar')[0].getAttribute('fill') ?? '', /^var\(--vscode-charts-blue\b/);
      assert.match(byClass(root, 'track-label')[0].getAttribute('fill') ?? '', /^var\(--vscode-foreground\b/);
      assert.match(root.getAttribute('font-family') ?? '', /^var\(--vscode-font-family\b/);
      assert.equal(byClass(root, 'background').length, 0, 'the panel background shows through');
    });

    for (const palette of ['light', 'dark'] as const) {
      it(`${palette}: self-contained colours and a background`, () => {
        const svg = renderTrackChart(computeTrackStats(SAMPLE), { palette });
        assert.ok(!svg.includes('var('));
        const background = byClass(parseSvg(svg), 'background')[0];
        assert.match(background.getAttribute('fill') ?? '', /^#[0-9a-f]{6}$/);
      });
    }

    // A user tells conferences apart by colour: ten conferences get ten different colours, each visible on the
    // background; the eleventh repeats the first, lighter.
    for (const palette of ['light', 'dark'] as const) {
      it(`${palette}: a distinct visible colour per conference, repeated lighter after ten`, () => {
        const conferences = Array.from({ length: 11 }, (_, i) => `Conf ${String(i).padStart(2, '0')}`);
        const root = render({}, { palette }, sessionsOf(Object.fromEntries(conferences.map((conference) => [conference, { Talks: 1 }]))));
        const background = byClass(root, 'background')[0].getAttribute('fill') ?? '';
        const bars = byClass(root, 'bar');
        assert.deepEqual(bars.map((bar) => bar.getAttribute('data-conference')), conferences);
        const colours = bars.map((bar) => bar.getAttribute('fill') ?? '');
        assert.equal(new Set(colours.slice(0, 10)).size, 10, colours.join(' '));
        for (const colour of colours.slice(0, 10)) {
          assert.match(colour, /^#[0-9a-f]{6}$/);
          assert.ok(contrastRatio(colour, background) >= 1.5, `${colour} on ${background}`);
        }
        assert.deepEqual(bars.slice(0, 10).map((bar) => bar.getAttribute('fill-opacity')), Array(10).fill(null));
        assert.deepEqual([colours[10], bars[10].getAttribute('fill-opacity')], [colours[0], '0.55']);
        const swatches = byClass(root, 'legend-item').map((entry) => descendants(entry).find((element) => element.tagName === 'rect')?.getAttribute('fill'));
        assert.deepEqual(swatches, colours);
      });
    }

    it('light and dark use different text colours', () => {
      const textFill = (palette: 'light' | 'dark') => byClass(render({}, { palette }), 'track-label')[0].getAttribute('fill');
      assert.notEqual(textFill('light'), textFill('dark'));
    });
  });

  describe('security', () => {
    /** A label's full text: the `<title>` child holds it when the shown text is cut. */
    const fullLabel = (element: Element) => childTitle(element) ?? element.textContent;

    it('keeps a conference named with NEL (U+0085) verbatim (a counterexample the property found)', () => {
      const sessions = [
        makeSession('file:///hostile.md', 0, { conference: '\u0085', track: undefined, title: '' }),
        makeSession('file:///hostile.md', 1, { conference: '<script>alert(1)</script>', track: undefined, title: '' }),
      ];
      const root = parseSvg(renderTrackChart(computeTrackStats(sessions, { valueMode: 'count' }), { palette: 'vscode', title: '<script>alert(1)</script>', description: '<script>alert(1)</script>', idPrefix: '<script>alert(1)</script>' }));
      assert.deepEqual(byClass(root, 'bar').map((bar) => bar.getAttribute('data-conference')), ['\u0085', '<script>alert(1)</script>']);
      assert.deepEqual(byClass(root, 'legend-item').map((entry) => entry.getAttribute('data-conference')), ['\u0085', '<script>alert(1)</script>']);
    });

    it('keeps names with other C1 controls, line and paragraph separators, tabs and line breaks verbatim in attributes and text', () => {
      const names = ['\u0085', 'a\u0085b', 'x\u2028y\u2029z', '\u0080\u009f\u007f', 'tab\there\r\nline'];
      const root = render({}, {}, names.map((name, i) => makeSession('file:///c.md', i, { conference: name, track: name })));
      const bars = byClass(root, 'bar');
      assert.deepEqual(new Set(bars.map((bar) => bar.getAttribute('data-conference'))), new Set(names));
      assert.deepEqual(new Set(bars.map((bar) => bar.getAttribute('data-track'))), new Set(names));
      assert.deepEqual(new Set(byClass(root, 'track-label').map(fullLabel)), new Set(names));
      assert.deepEqual(new Set(byClass(root, 'legend-item').map((entry) => fullLabel(descendants(entry).find((element) => element.tagName === 'text' || element.tagName === 'g')!))), new Set(names));
    });

    it('keeps a name with U+FFFD, a valid character, verbatim (a counterexample the property found)', () => {
      const root = render({}, {}, [makeSession('file:///c.md', 0, { conference: '\uFFFD"', track: undefined, title: 'a' }), makeSession('file:///c.md', 1, { conference: '"', track: undefined, title: '' })]);
      assert.deepEqual(byClass(root, 'bar').map((bar) => bar.getAttribute('data-conference')), ['"', '\uFFFD"']);
    });

    it('writes characters XML forbids even as references (C0 controls, lone surrogates, U+FFFE) nowhere, and keeps the rest', () => {
      const root = render({}, {}, [makeSession('file:///c.md', 0, { conference: 'C\u0000o\u0001n\u001ff\uFFFE\uD800', track: 'T\u000b\u000cr' })]);
      assert.equal(byClass(root, 'bar')[0].getAttribute('data-conference'), 'Conf');
      assert.equal(byClass(root, 'bar')[0].getAttribute('data-track'), 'Tr');
    });

    it('escapes a lone quote, apostrophe or ampersand in an attribute and in text', () => {
      for (const name of ['x" onload="alert(1)', 'Say "Hi"', "it's", 'R&D']) {
        const root = render({}, {}, [makeSession('file:///c.md', 0, { conference: name, track: name })]);
        const [bar] = byClass(root, 'bar');
        assert.deepEqual([bar.getAttribute('data-conference'), bar.getAttribute('data-track'), bar.getAttribute('onload')], [name, name, null]);
        assert.equal(bar.getAttribute('aria-label'), `${name} — ${name}: 1`);
        assert.equal(fullLabel(byClass(root, 'track-label')[0]), name);
      }
    });

    const hostileFragments = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' onload='alert(1)",
      'x" onload="alert(1)',
      '</svg><svg onload=alert(1)>',
      '</title><script>x</script>',
      '&amp; & &#x3C; &lt;',
      ']]>',
      '<![CDATA[',
      '<!-- -->',
      '<?xml version="1.0"?>',
      '\uD800 lone \uDFFF',
      '基調講演：クラウドネイティブの未来',
      '\r\n',
      '{0} {1}',
      'x'.repeat(500),
    ];
    // Every character the escaper treats, each on its own (not only next to a `<` or `>`).
    const escapedCharacters = [
      '"', "'", '&', '<', '>',
      ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)), // C0 controls, tab, LF, CR
      ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)), // DEL and the C1 controls
      '\u2028', '\u2029', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF',
    ];
    const hostileText = fc
      .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.constantFrom(...escapedCharacters), fc.constantFrom('a', ' ', 'é'), fc.string({ unit: 'binary', maxLength: 20 })), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(''));
    const hostileSessions = fc.array(
      fc.record({ conference: hostileText, track: fc.option(hostileText, { nil: undefined }), title: hostileText }),
      { minLength: 1, maxLength: 8 },
    );

    it('always yields well-formed XML made only of the renderer\'s own elements and attributes, with names kept verbatim (property)', () => {
      assertProperty(
        fc.property(
          hostileSessions,
          hostileText,
          fc.constantFrom('vscode' as const, 'light' as const, 'dark' as const),
          fc.constantFrom('count' as const, 'percent' as const),
          (written, title, palette, valueMode) => {
            const sessions = written.map((field, i) => makeSession('file:///hostile.md', i, field));
            const root = parseSvg(renderTrackChart(computeTrackStats(sessions, { valueMode }), { palette, title, description: title, idPrefix: title }));

            assert.equal(root.tagName, 'svg');
            for (const element of [root, ...descendants(root)]) {
              assert.ok(ALLOWED_ELEMENTS.has(element.tagName), `element <${element.tagName}>`);
              for (const attribute of Array.from(element.attributes)) assert.ok(ALLOWED_ATTRIBUTES.has(attribute.name), `attribute ${attribute.name}`);
            }

            // Expected from the input alone: a bar per distinct track and conference, named as written; spellings that
            // differ only in case, width or white space are one track, named as most of its sessions write it.
            const spellings = written.flatMap((field) => (field.track === undefined ? [] : [field.track]));
            const named = (track: string) => {
              const variants = spellings.filter((spelling) => trackVariantKey(spelling) === trackVariantKey(track));
              const uses = (spelling: string) => variants.filter((each) => each === spelling).length;
              return [...new Set(variants)].sort((a, b) => uses(b) - uses(a) || (a < b ? -1 : 1))[0];
            };
            const fields = written.map((field) => ({ ...field, track: field.track === undefined ? undefined : named(field.track) }));
            const conferences = [...new Set(fields.map((field) => field.conference))];
            const tracks = [...new Set(fields.map((field) => field.track))];
            const sessionsOfConference = (conference: string) => fields.filter((field) => field.conference === conference).length;
            const valueText = (track: string | undefined, conference: string) => {
              const count = fields.filter((field) => field.conference === conference && field.track === track).length;
              return valueMode === 'count' ? String(count) : `${Math.round((count / sessionsOfConference(conference)) * 1000) / 10}%`;
            };
            const expectedBars = tracks.flatMap((track) => conferences.map((conference) => {
              const ariaLabel = xmlSafe(`${track ?? 'No track'} — ${conference}: ${valueText(track, conference)}`);
              return JSON.stringify([track === undefined ? null : xmlSafe(track), xmlSafe(conference), ariaLabel, ariaLabel]);
            }));
            const bars = byClass(root, 'bar').map((bar) => JSON.stringify([bar.getAttribute('data-track'), bar.getAttribute('data-conference'), bar.getAttribute('aria-label'), childTitle(bar)]));
            assert.deepEqual(bars.sort(), expectedBars.sort());

            const legend = byClass(root, 'legend-item');
            assert.deepEqual(legend.map((entry) => entry.getAttribute('data-conference')).sort(), conferences.map(xmlSafe).sort());
            assert.deepEqual(legend.map((entry) => fullLabel(descendants(entry).find((element) => element.tagName === 'text' || element.tagName === 'g')!)).sort(), conferences.map(xmlSafe).sort());
            assert.deepEqual(byClass(root, 'track-label').map(fullLabel).sort(), tracks.map((track) => xmlSafe(track ?? 'No track')).sort());
            assert.equal(fullLabel(byClass(root, 'chart-title')[0]), xmlSafe(title));
            const head = (tagName: string) => Array.from(root.childNodes).find((node) => (node as Element).tagName === tagName)?.textContent;
            assert.deepEqual([head('title'), head('desc')], [xmlSafe(title), xmlSafe(title)]);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
