// Globs as VS Code reads them (`*`, `**`, `?`, `{}`, `[]`, no extglob), matched in bounded time whatever the pattern:
// the exclude and fileDefaults settings come with the notes (a cloned repository's .vscode/settings.json), so no
// pattern may freeze the extension or the CLI. A glob over the size bound is reported once and ignored.
import * as assert from 'node:assert/strict';
import { fileSearchExclude, compileExcludes } from '../../src/core/notes/excludes';
import { compileGlob, escapeGlob, MAX_GLOB_LENGTH } from '../../src/core/notes/glob';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { folderSettingsFromFile } from '../../src/core/notes/noteSettings';
import { parseNote } from '../../src/core/notes/parser';
import { cliText } from '../../src/cli/text';

/** [glob, path, whether VS Code's glob.match says it matches]. */
const VS_CODE_CASES: readonly (readonly [string, string, boolean])[] = [
  ['**/node_modules', 'node_modules', true],
  ['**/node_modules', 'web/node_modules', true],
  ['**/node_modules', 'web/node_modules2', false],
  ['*.md', 'a.md', true],
  ['*.md', 'notes/a.md', false],
  ['*', '.hidden', true],
  ['**/*.md', 'a.md', true],
  ['**/*.md', 'x/y/a.md', true],
  ['notes/**', 'notes', true],
  ['notes/**', 'notes/a/b.md', true],
  ['notes/**', 'notesx', false],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**/b', 'a/xb', false],
  ['**', 'any/path/at/all.md', true],
  ['**/**/x.md', 'deep/x.md', true],
  ['?.md', 'a.md', true],
  ['?.md', 'ab.md', false],
  ['?', '/', false],
  ['day[1-3].md', 'day2.md', true],
  ['day[1-3].md', 'day4.md', false],
  ['day[!1-3].md', 'day4.md', true],
  ['day[^1-3].md', 'day1.md', false],
  ['[]].md', '].md', true],
  ['[-a].md', '-.md', true],
  ['*.{md,markdown}', 'a.markdown', true],
  ['*.{md,markdown}', 'a.txt', false],
  ['{drafts/**,*.tmp.md}', 'drafts/x.md', true],
  ['{drafts/**,*.tmp.md}', 'x.tmp.md', true],
  ['{drafts/**,*.tmp.md}', 'x.md', false],
  ['a{,b}.md', 'a.md', true],
  ['a{,b}.md', 'ab.md', true],
  ['  **/x.md  ', 'x.md', true], // surrounding white space is ignored
  ['a/', 'a', true], // a trailing slash is ignored
  ['a\\*b', 'a\\xb', true], // no escape character: a backslash is itself
  ['a\\*b', 'a*b', false],
  // No extglob: these are the characters they are written with.
  ['+(a|aa)b.md', '+(a|aa)b.md', true],
  ['+(a|aa)b.md', 'aab.md', false],
  ['@(x).md', 'x.md', false],
  ['!(x).md', 'y.md', false],
  // What VS Code cannot use matches nothing.
  ['', 'a.md', false],
  [']x', 'x', false],
  ['[z-a].md', 'b.md', false],
];

/** Milliseconds `work` takes. */
function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe('globs (VS Code syntax, bounded matching time)', () => {
  it('match as VS Code matches files.exclude, search.exclude and fileDefaults globs', () => {
    const wrong = VS_CODE_CASES.filter(([glob, path, expected]) => compileGlob(glob).matches(path) !== expected);
    assert.deepEqual(wrong, []);
  });

  it('match a file name against nested extglobs, backtracking traps and huge alternatives in bounded time', () => {
    const traps = [
      '+(a|aa)+(a|aa)+(a|aa)+(a|aa)+(a|aa)+(a|aa)b.md', // minimatch took minutes per name on this one
      '**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b.md', // a regular expression backtracks polynomially
      `**/*a${'?'.repeat(40)}*.md`, // the automaton of "an a, 40 characters from the end" is exponential
      `{${Array.from({ length: 60 }, (_, i) => `**/*a${i}*`).join(',')}}`,
      `${'**/a*'.repeat(80)}`.slice(0, MAX_GLOB_LENGTH),
      `${'{a,aa}'.repeat(80)}b`.slice(0, MAX_GLOB_LENGTH),
      `${'[a-z]*'.repeat(80)}`.slice(0, MAX_GLOB_LENGTH),
    ];
    const names = Array.from({ length: 2000 }, (_, i) => `${'a/'.repeat(i % 5)}${'a'.repeat(20 + (i % 60))}.md`);
    const slowest = Math.max(...traps.map((glob) => {
      const compiled = compileGlob(glob);
      return timed(() => names.forEach((name) => compiled.matches(name)));
    }));
    // Each trap takes tens of milliseconds for the 2,000 names; the bound leaves room for a slow machine.
    assert.ok(slowest < 2000, `slowest trap: ${Math.round(slowest)} ms for ${names.length} names`);
    assert.equal(compileGlob(traps[0]).matches('aaaaaaaaaaaab.md'), false, 'an extglob is not interpreted');
  });

  it('leave out a folder whose name holds glob characters only by that name', () => {
    for (const name of ['my [templates]', 'a{b,c}', 'what?', 'star*', 'x]y']) {
      const glob = compileGlob(escapeGlob(name));
      assert.equal(glob.matches(name), true, name);
      assert.equal(glob.matches(`${name}x`), false, name);
    }
    assert.equal(compileGlob(escapeGlob('star*')).matches('starry'), false);
  });

  it('hand VS Code\'s file search only globs its own engine matches quickly, as one valid group', () => {
    const excludes = compileExcludes(['**/node_modules', '**/*.code-search', 'drafts/**', '**/*a*a*a*b', '**/*.{tmp,bak}', 'a,b']);
    assert.equal(fileSearchExclude(excludes), '{**/node_modules,**/*.code-search,drafts/**}');
    assert.equal(fileSearchExclude(compileExcludes(['**/*a*a*b'])), undefined);
    // What the search is not given is still excluded by our own matching.
    assert.deepEqual(excludes.withoutExcluded(['xaaab', 'x.tmp', 'keep.md', 'a,b/c.md']), ['keep.md']);
  });

  it('apply fileDefaults globs with VS Code\'s syntax: * stays within a folder, ** crosses folders', () => {
    const options = {
      ...DEFAULT_PARSE_OPTIONS,
      fileDefaults: [
        { files: 'talks/*.md', frontMatter: { type: 'session', track: 'Main stage' } },
        { files: 'talks/**/{lt,lightning}-*.md', frontMatter: { type: 'session', track: 'Lightning' } },
      ],
    };
    const trackOf = (path: string) => parseNote('# A talk\n', { uri: `memory:/${path}`, pathSegments: path.split('/'), options }).sessions[0]?.track;
    assert.equal(trackOf('talks/keynote.md'), 'Main stage');
    assert.equal(trackOf('talks/day1/lt-short.md'), 'Lightning');
    assert.equal(trackOf('talks/day1/keynote.md'), undefined);
  });
});

describe('glob settings over the size bound', () => {
  const long = `**/${'x'.repeat(MAX_GLOB_LENGTH)}.md`;
  const shown = (problem: { message: string; args: readonly string[] }) => cliText(problem.message, ...problem.args);

  it('are reported once, naming the setting and the glob, and ignored while the other globs still apply', () => {
    for (const [setting, value] of [
      ['files.exclude', { [long]: true, '**/drafts': true }],
      ['search.exclude', { [long]: true, '**/drafts': true }],
      ['conferenceNotes.exclude', [long, '**/drafts']],
    ] as const) {
      const settings = folderSettingsFromFile({ [setting]: value });
      assert.deepEqual(settings.problems.map((problem) => problem.code), ['glob-too-long'], setting);
      const message = shown(settings.problems[0]);
      assert.ok(message.includes(setting) && message.includes(long.slice(0, 40)), message);
      assert.equal(settings.excludes.excludes('notes/drafts/a.md'), true, `${setting}: the other glob applies`);
      assert.equal(settings.excludes.excludes(`${'x'.repeat(MAX_GLOB_LENGTH)}.md`), false, `${setting}: the long glob excludes nothing`);
      assert.equal(settings.excludes.excludes('.git/a.md'), true, `${setting}: the default excludes still apply`);
    }
  });

  it('in fileDefaults drop only that glob; the other globs of the entry and the other entries apply', () => {
    const settings = folderSettingsFromFile({
      'conferenceNotes.trackHeadingLevel': 3,
      'conferenceNotes.fileDefaults': [
        { files: [long, 'talks/*.md'], frontMatter: { track: 'Main stage' } },
        { files: long, frontMatter: { track: 'Never' } },
      ],
    });
    assert.deepEqual(settings.problems.map((problem) => [problem.code, problem.args[0]]), [
      ['glob-too-long', 'conferenceNotes.fileDefaults'],
      ['glob-too-long', 'conferenceNotes.fileDefaults'],
    ]);
    assert.deepEqual(settings.parseOptions.fileDefaults, [{ files: ['talks/*.md'], frontMatter: { track: 'Main stage' } }]);
    assert.equal(settings.parseOptions.trackHeadingLevel, 3, 'the rest of the settings apply');
  });

  it('are not reported when every glob is within the bound', () => {
    assert.deepEqual(folderSettingsFromFile({ 'conferenceNotes.exclude': [`**/${'x'.repeat(MAX_GLOB_LENGTH - 10)}`] }).problems, []);
  });
});
