import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import type { Session } from '../../src/core/notes/model';
import { renderTrackChart, textWidthUnits, truncateText, type TrackChartOptions } from '../../src/core/stats/chart';
import { computeTrackStats, type TrackStatsOptions } from '../../src/core/stats/stats';
import { makeSession } from './helpers/parsedNotes';

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

describe('renderTrackChart', () => {
  describe('structure', () => {
    it('draws one bar per track and conference, grouped by track in the stats order', () => {
      const stats = computeTrackStats(SAMPLE, { sort: 'count' });
      const bars = byClass(parseSvg(renderTrackChart(stats)), 'bar');

      assert.equal(bars.length, stats.tracks.length * stats.conferences.length);
      const expected = stats.tracks.flatMap((row) => stats.conferences.map((conference) => `${row.name ?? '(none)'} / ${conference.name}`));
      assert.deepEqual(
        bars.map((bar) => `${bar.getAttribute('data-track') || '(none)'} / ${bar.getAttribute('data-conference')}`),
        expected,
      );
    });

    it('follows the sort order of the stats', () => {
      const tracksInChart = (sort: 'count' | 'name') => byClass(render({ sort }), 'track-label').map((label) => label.textContent);
      assert.deepEqual(tracksInChart('count'), ['Observability', 'Security', 'Networking', 'Storage', 'No track']);
      assert.deepEqual(tracksInChart('name'), ['Networking', 'Observability', 'Security', 'Storage', 'No track']);
    });

    it('makes bar widths proportional to the values, the biggest within the plot', () => {
      const stats = computeTrackStats(SAMPLE);
      const root = parseSvg(renderTrackChart(stats, { width: 700 }));
      const bars = byClass(root, 'bar');
      const values = stats.tracks.flatMap((row) => row.counts);
      const perUnit = numberAttribute(bars[0], 'width') / values[0];
      bars.forEach((bar, i) => assert.ok(Math.abs(numberAttribute(bar, 'width') - values[i] * perUnit) < 0.02, `bar ${i}`));

      const axis = byClass(root, 'axis')[0];
      const widest = Math.max(...bars.map((bar) => numberAttribute(bar, 'x') + numberAttribute(bar, 'width')));
      assert.ok(widest <= numberAttribute(axis, 'x2') + 0.01);
      assert.ok(numberAttribute(axis, 'x2') <= 700);
    });

    it('shows each bar\'s value next to it', () => {
      const stats = computeTrackStats(SAMPLE);
      const labels = byClass(render(), 'value').map((label) => label.textContent);
      assert.deepEqual(labels, stats.tracks.flatMap((row) => row.counts.map(String)));
    });

    it('in percent mode, sizes and labels bars by each conference\'s share', () => {
      const stats = computeTrackStats(SAMPLE);
      const root = parseSvg(renderTrackChart(stats, { valueMode: 'percent' }));
      const bars = byClass(root, 'bar');
      const percents = stats.tracks.flatMap((row) => row.percents);
      const perPercent = numberAttribute(bars[0], 'width') / percents[0];
      bars.forEach((bar, i) => assert.ok(Math.abs(numberAttribute(bar, 'width') - percents[i] * perPercent) < 0.02, `bar ${i}`));
      assert.deepEqual(byClass(root, 'value').slice(0, 2).map((label) => label.textContent), ['50%', '30%']);
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

    it('makes every bar focusable with a name and the data the webview needs', () => {
      const bars = byClass(render(), 'bar');
      for (const bar of bars) {
        assert.equal(bar.getAttribute('tabindex'), '0');
        assert.equal(bar.getAttribute('role'), 'graphics-symbol');
        const track = bar.getAttribute('data-track') ?? 'No track';
        assert.match(bar.getAttribute('aria-label') ?? '', new RegExp(`^${track} — ${bar.getAttribute('data-conference')}: \\d+$`));
        assert.equal(childTitle(bar), bar.getAttribute('aria-label'));
      }
      const untracked = bars.filter((bar) => !bar.hasAttribute('data-track'));
      assert.deepEqual(untracked.map((bar) => bar.getAttribute('aria-label')), ['No track — KubeCon 2019: 0', 'No track — KubeCon 2020: 2']);
    });

    it('cuts long names with an ellipsis and keeps the full name in a <title>', () => {
      const long = 'A very long track name about cloud native observability at scale';
      const root = render({}, { width: 600 }, sessionsOf({ Conf: { [long]: 1, Short: 1 } }));
      const [first, second] = byClass(root, 'track-label');
      assert.ok(first.firstChild?.nodeValue?.endsWith('…'));
      assert.ok(long.startsWith(first.firstChild?.nodeValue?.slice(0, -1) ?? '-'));
      assert.equal(childTitle(first), long);
      assert.equal(second.textContent, 'Short');
      assert.equal(childTitle(second), undefined, 'names that fit have no extra title');
    });
  });

  describe('text width estimate', () => {
    it('counts CJK and full-width characters double', () => {
      assert.equal(textWidthUnits('abc'), 3);
      assert.equal(textWidthUnits('基調講演'), 8);
      assert.equal(textWidthUnits('ＡＢ'), 4);
    });

    it('truncates Japanese at half as many characters as Latin text', () => {
      assert.equal(truncateText('基調講演とパネル', 9), '基調講演…');
      assert.equal(truncateText('abcdefghijkl', 9), 'abcdefgh…');
      assert.equal(truncateText('short', 9), 'short');
    });

    it('never splits a surrogate pair', () => {
      const cut = truncateText('𠮷野家𠮷野家𠮷野家', 7);
      assert.equal(cut, '𠮷野家…');
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut));
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

    it('light and dark use different text colours', () => {
      const textFill = (palette: 'light' | 'dark') => byClass(render({}, { palette }), 'track-label')[0].getAttribute('fill');
      assert.notEqual(textFill('light'), textFill('dark'));
    });
  });

  describe('security (property)', () => {
    const hostileFragments = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' onload='alert(1)",
      '</svg><svg onload=alert(1)>',
      '</title><script>x</script>',
      '&amp; & &#x3C; &lt;',
      ']]>',
      '<![CDATA[',
      '<!-- -->',
      '<?xml version="1.0"?>',
      '\u0000\u0001\u0008\u000b\u000c\u001f\u007f',
      '\uD800 lone \uDFFF',
      '\uFFFE\uFFFF',
      '基調講演：クラウドネイティブの未来',
      '\t\r\n',
      '{0} {1}',
      'x'.repeat(500),
    ];
    const hostileText = fc
      .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ unit: 'binary', maxLength: 20 })), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(''));
    const hostileSessions = fc.array(
      fc.record({ conference: hostileText, track: fc.option(hostileText, { nil: undefined }), title: hostileText }),
      { minLength: 1, maxLength: 8 },
    );

    it('always yields well-formed XML made only of the renderer\'s own elements and attributes, with names kept verbatim', () => {
      fc.assert(
        fc.property(
          hostileSessions,
          hostileText,
          fc.constantFrom('vscode' as const, 'light' as const, 'dark' as const),
          fc.constantFrom('count' as const, 'percent' as const),
          (fields, title, palette, valueMode) => {
            const sessions = fields.map((field, i) => makeSession('file:///hostile.md', i, field));
            const stats = computeTrackStats(sessions, { valueMode });
            const root = parseSvg(renderTrackChart(stats, { palette, title, description: title, idPrefix: title }));

            assert.equal(root.tagName, 'svg');
            for (const element of [root, ...descendants(root)]) {
              assert.ok(ALLOWED_ELEMENTS.has(element.tagName), `element <${element.tagName}>`);
              for (const attribute of Array.from(element.attributes)) assert.ok(ALLOWED_ATTRIBUTES.has(attribute.name), `attribute ${attribute.name}`);
            }
            const bars = byClass(root, 'bar');
            assert.equal(bars.length, stats.tracks.length * stats.conferences.length);
            bars.forEach((bar, i) => {
              const row = stats.tracks[Math.floor(i / stats.conferences.length)];
              const conference = stats.conferences[i % stats.conferences.length];
              assert.equal(bar.getAttribute('data-conference'), xmlSafe(conference.name));
              assert.equal(bar.getAttribute('data-track'), row.name === undefined ? null : xmlSafe(row.name));
            });
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
