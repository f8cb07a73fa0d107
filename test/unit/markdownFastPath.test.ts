import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFrontMatter } from '../../src/core/notes/frontMatter';
import { collapseWhitespace, readBlockOutlineWithMarkdownIt, readMarkdownStructure } from '../../src/core/notes/markdown';
import { readBlockOutlineFast, type BlockOutline } from '../../src/core/notes/markdownFastPath';
import { assertProperty } from './helpers/property';

// Documents are built line by line from pieces that exercise every rule the fast reader reproduces, in realistic
// and in awkward spellings: indentation of 0–6 columns with spaces and tabs, markers with too much or no space
// after them, fences that never close, underlines after paragraphs and after blank lines.

const indents = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '      ', '\t', ' \t', '  \t ');
const words = fc.constantFrom(
  'Scaling the control plane', 'notes', 'Keynote: the future', 'a *b* `c` [d](e)', '![img](x.png) \\# not', '字幕 と 資料',
  'クラスタの台数が増える', 'Tom &amp; Jerry', 'trailing #', 'x  ', '\u3000全角', 'a\u00a0b', '<div>html</div>', '<!-- comment -->',
  '[ref]: https://example.com/x', '| a | b |', '|---|---|', '1. not first', 'speakers: Priya Raman, Kenji Sato',
  'status: attended', '登壇者：山田 太郎', 'track:: Security', 'see [room:: 101] there', '@TitleHeading("Workshop")',
  '**Speakers:** Aiko Sato', '#hashtag', '=', '-', '--', '2023-01-01', '*', '+', '7)', '***bold***',
);
const text = fc.tuple(indents, words).map(([indent, value]) => indent + value);
const atxHeading = fc
  .tuple(
    fc.constantFrom('', '', ' ', '   ', '    ', '\t'),
    fc.integer({ min: 1, max: 7 }),
    fc.constantFrom(' ', ' ', '  ', '\t', ''),
    fc.constantFrom('Track', 'Session *one*', 'セッション', '', 'a # b', 'Q&A', '`code`'),
    fc.constantFrom('', '', ' #', ' ##', '#', ' # ', ' #x', '  '),
  )
  .map(([indent, level, gap, title, closing]) => `${indent}${'#'.repeat(level)}${gap}${title}${closing}`);
const underline = fc
  .tuple(fc.constantFrom('', ' ', '   ', '    ', '  '), fc.constantFrom('=', '-', '==', '---', '===', '- - -', '***', '___', '* * *', '-- -', '=-'), fc.constantFrom('', ' ', '\t'))
  .map(([indent, marks, trail]) => indent + marks + trail);
const fence = fc
  .tuple(fc.constantFrom('', '', ' ', '   ', '    ', '  '), fc.constantFrom('```', '```', '~~~', '````', '~~~~', '``'), fc.constantFrom('', '', 'bash', ' yaml ', 'js `x`', '~', '```'))
  .map(([indent, marker, info]) => indent + marker + info);
const listItem = fc
  .tuple(
    fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '     ', '\t'),
    fc.constantFrom('-', '-', '*', '+', '1.', '1)', '2.', '10.', '0)', '1234567890.'),
    fc.constantFrom(' ', ' ', ' ', '  ', '    ', '     ', '\t', '', ' \t'),
    fc.oneof(words, atxHeading, fence, fc.constantFrom('', '- nested', '1. nested', '---', 'speakers: Wei Zhang')),
  )
  .map(([indent, marker, gap, content]) => `${indent}${marker}${gap}${content}`);
const blank = fc.constantFrom('', '', '', ' ', '   ', '\t');
const frontMatterLine = fc.constantFrom('---', 'type: session', 'track: Security', 'speakers: [A, B]', '...');
const blockquote = fc.tuple(fc.constantFrom('', ' ', '   ', '    '), fc.constantFrom('>', '> ', '>> '), words).map(([indent, marker, value]) => indent + marker + value);

function lineArbitrary(withBlockquotes: boolean): fc.Arbitrary<string> {
  const pieces = [
    { arbitrary: text, weight: 6 },
    { arbitrary: blank, weight: 5 },
    { arbitrary: atxHeading, weight: 3 },
    { arbitrary: listItem, weight: 5 },
    { arbitrary: fence, weight: 2 },
    { arbitrary: underline, weight: 2 },
    { arbitrary: frontMatterLine, weight: 1 },
  ];
  return withBlockquotes ? fc.oneof(...pieces, { arbitrary: blockquote, weight: 2 }) : fc.oneof(...pieces);
}

/** A document: lines joined by `\n`, with or without a final line end (or a last line of blanks only). */
function documentArbitrary(withBlockquotes: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(lineArbitrary(withBlockquotes), { maxLength: 30 }), fc.constantFrom('', '\n', '\n', '\n\n', '\n  '))
    .map(([lines, end]) => lines.join('\n') + end);
}

/** What `parseNote` hands to the structure reader: BOM dropped, LF line ends, the body after front matter. */
function noteBody(text: string): { body: string; bodyLine: number } {
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const frontMatter = readFrontMatter(source);
  return { body: source.slice(frontMatter.bodyOffset), bodyLine: frontMatter.bodyLine };
}

function assertSameOutlineOrDeclined(body: string, lineOffset: number): void {
  const fast = readBlockOutlineFast(body, lineOffset);
  if (fast !== undefined) assert.deepStrictEqual(fast, readBlockOutlineWithMarkdownIt(body, lineOffset), JSON.stringify(body));
}

describe('markdown fast path: same outline as markdown-it', () => {
  it('reads generated notes exactly as markdown-it does, or declines', () => {
    const note = fc.tuple(fc.constantFrom('', '\ufeff'), documentArbitrary(true), fc.boolean()).map(([bom, document, crlf]) => bom + (crlf ? document.replace(/\n/g, '\r\n') : document));
    assertProperty(
      fc.property(note, (text) => {
        const { body, bodyLine } = noteBody(text);
        assertSameOutlineOrDeclined(body, bodyLine);
      }),
      { numRuns: 3000 },
    );
  });

  it('never declines a note without block quotes, and reads it as markdown-it does', () => {
    assertProperty(
      fc.property(documentArbitrary(false), fc.nat(50), (body, lineOffset) => {
        const fast = readBlockOutlineFast(body, lineOffset);
        assert.ok(fast, `declined ${JSON.stringify(body)}`);
        assert.deepStrictEqual(fast, readBlockOutlineWithMarkdownIt(body, lineOffset), JSON.stringify(body));
      }),
      { numRuns: 3000 },
    );
  });

  it('declines text that markdown-it would rewrite first (CR line ends, NUL) rather than read it differently', () => {
    assertProperty(
      fc.property(documentArbitrary(false), fc.constantFrom('\r\n', '\r', '\0'), (document, odd) => {
        const text = `${document}${odd}# Heading`;
        assert.equal(readBlockOutlineFast(text), undefined);
      }),
      { numRuns: 200 },
    );
  });
});

describe('markdown fast path: what the index reads', () => {
  const outline = (body: string, lineOffset = 0): BlockOutline => {
    const fast = readBlockOutlineFast(body, lineOffset);
    assert.ok(fast, 'the fast path reads this note');
    return fast;
  };
  const headingsOf = (body: string): string[] => outline(body).headings.map((heading) => `${heading.level}@${heading.line} ${heading.source}`);

  it('takes ATX and setext headings, closing #s removed, and none from code', () => {
    const body = [
      '# Conference report #', // 0
      '', // 1
      'Cloud', // 2
      '=====', // 3
      '', // 4
      '```bash', // 5
      '# a comment, not a heading', // 6
      '```', // 7
      '    ## indented code', // 8
      '', // 9
      'Observability', // 10
      '---', // 11
      '', // 12
      '---', // 13
      '### Tracing#', // 14
    ].join('\n');
    assert.deepEqual(headingsOf(body), ['1@0 Conference report', '1@2 Cloud', '2@10 Observability', '3@14 Tracing#']);
  });

  it('hides everything after an unclosed fence, which ends the content at the last line', () => {
    const result = outline('## Talk\n\n~~~\n## not a heading\n\n', 4);
    assert.deepEqual(result.headings, [{ level: 2, source: 'Talk', line: 4 }]);
    assert.deepEqual(result.paragraphs, []);
    assert.equal(result.lastContentLine, 4 + 4);
  });

  it('marks the first paragraph of every list item, nested ones included, and strips the item indentation', () => {
    const result = outline(['- speakers: Priya Raman', '  - status: attended', '', '  Later paragraph', '  of the item', '1. track: Security'].join('\n'));
    assert.deepEqual(result.paragraphs, [
      { content: 'speakers: Priya Raman', line: 0, listItem: true },
      { content: 'status: attended', line: 1, listItem: true },
      { content: 'Later paragraph\nof the item', line: 3, listItem: false },
      { content: 'track: Security', line: 5, listItem: true },
    ]);
    assert.equal(result.lastContentLine, 5);
  });

  it('leaves headings inside list items out of the outline', () => {
    assert.deepEqual(headingsOf('- # Not a track\n\n# Track'), ['1@2 Track']);
  });

  it('hands very deep lists and very long notes to markdown-it, with the same structure in the end', () => {
    const deep = `${Array.from({ length: 30 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n\n# After`;
    const long = `${'line\n\n'.repeat(40_000)}## Last`;
    for (const body of [deep, long]) {
      assert.equal(readBlockOutlineFast(body), undefined);
      const structure = readMarkdownStructure(body);
      assert.deepEqual(structure.headings.map((heading) => heading.text), [body === deep ? 'After' : 'Last']);
      assert.equal(structure.paragraphs.length, body === deep ? 30 : 40_000);
    }
  });

  it('hands notes with block quotes to markdown-it, and the structure reader still reads them', () => {
    const body = '# Talk\n\n> ## quoted, not a session\n> speakers:: Wei Zhang\n';
    assert.equal(readBlockOutlineFast(body), undefined);
    const structure = readMarkdownStructure(body);
    assert.deepEqual(structure.headings.map((heading) => heading.text), ['Talk']);
    assert.deepEqual(structure.paragraphs, [{ content: 'speakers:: Wei Zhang', line: 3, listItem: false }]);
  });
});

describe('heading text', () => {
  it('collapses every kind of whitespace the way a reader sees it, and leaves tidy text as it is', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      if (!/\s/.test(character)) continue;
      assert.equal(collapseWhitespace(`${character}Cloud${character}${character}Native${character}`), 'Cloud Native', `U+${code.toString(16)}`);
      assert.equal(collapseWhitespace(`Cloud${character}Native`), 'Cloud Native', `U+${code.toString(16)}`);
    }
    assert.equal(collapseWhitespace('クラウド ネイティブ'), 'クラウド ネイティブ');
  });
});
