// Track and conference names are note text, and the Markdown-table export goes into a report a blog engine renders:
// no name may become HTML, a link or an image there, and each still reads as written.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { computeTrackStats, statsToMarkdownTable } from '../../src/core/stats/stats';
import { makeNote } from './helpers/parsedNotes';

const HOSTILE_NAMES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![pixel](https://tracker.example/p.png)',
  '<https://evil.example>',
  '<javascript:alert(1)>',
  'javascript:alert(1)',
  'https://evil.example/path',
  'www.evil.example',
  'mail me: someone@evil.example',
  '[ref]: https://evil.example',
  'Tom & Jerry &amp; &lt;b&gt;',
  'a | b',
  'back\\slash\\|pipe',
];

function exported(): string {
  const notes = HOSTILE_NAMES.map((name, index) => makeNote(`file:///${index}.md`, `Conf ${name}`, [{ track: name }]));
  return statsToMarkdownTable(computeTrackStats(notes.flatMap((note) => note.sessions), { sort: 'name' }));
}

// The most permissive renderer a blog may use: raw HTML allowed, bare URLs linked.
const permissive = new MarkdownIt({ html: true, linkify: true });

describe('statsToMarkdownTable: injection', () => {
  it('renders no element but the table’s own, and no link or image, even with HTML and linkify enabled', () => {
    const html = permissive.render(exported());
    const tags = new Set([...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((match) => match[1].toLowerCase()));
    assert.deepEqual([...tags].sort(), ['table', 'tbody', 'td', 'th', 'thead', 'tr']);
  });

  it('shows every name as written, in its own cell', () => {
    const rendered = permissive.parse(exported(), {});
    const text = (inline: string) => permissive.renderInline(inline).replace(/<[^>]+>/g, '');
    const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const cells: string[][] = [];
    for (const token of rendered) {
      if (token.type === 'tr_open') cells.push([]);
      if (token.type === 'inline') cells.at(-1)?.push(decode(text(token.content)));
    }
    assert.ok(cells.every((row) => row.length === cells[0].length), 'no name splits or merges cells');
    assert.deepEqual(cells.slice(1, -1).map((row) => row[0]).sort(), [...HOSTILE_NAMES].sort());
    assert.deepEqual(cells[0].slice(1, -2).sort(), HOSTILE_NAMES.map((name) => `Conf ${name}`).sort());
  });
});
