import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { FIELD_LINES, fieldLineSnippet, reportTemplate, SESSION_KINDS, sessionFileTemplate, sessionSnippet, trackSectionSnippet } from '../../src/core/templates/builtIn';
import { templateLanguageFor } from '../../src/core/templates/noteLanguage';
import { formatDate } from '../../src/core/templates/dates';
import { freeFileName, slugifyFileName } from '../../src/core/templates/fileNames';
import { blockSeparators, insertionPlan, trackAtLine, type InsertionPlan } from '../../src/core/templates/insertion';
import { renderTemplate, type TemplateValues } from '../../src/core/templates/render';
import { parseSnippet, type SnippetNode, snippetProblems } from '../../src/core/templates/snippetSyntax';
import { assertProperty } from './helpers/property';

const snippet = (template: string, values: TemplateValues = {}) => renderTemplate(template, values, { mode: 'snippet' });
const text = (template: string, values: TemplateValues = {}) => renderTemplate(template, values, { mode: 'text' });

/** What VS Code inserts for a snippet when every tabstop keeps its placeholder text (choices: first option). */
function inserted(snippetText: string): string {
  const { nodes, problems } = parseSnippet(snippetText);
  assert.deepEqual(problems, [], `snippet parses cleanly: ${snippetText}`);
  const expand = (list: readonly SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text': return node.value;
          case 'tabstop': return '';
          case 'placeholder': return expand(node.children);
          case 'choice': return node.options[0];
          case 'variable': return assert.fail(`VS Code would resolve variable ${node.name} in ${snippetText}`);
        }
      })
      .join('');
  return expand(nodes);
}

/** Tabstop indices in the order the user visits them (their first appearance sorted by number, `$0` last). */
function tabOrder(snippetText: string): string[] {
  const byIndex = new Map<number, string>();
  const visit = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'placeholder' && !byIndex.has(node.index)) byIndex.set(node.index, inserted(node.children.map((child) => snippetText.slice(child.start, child.end)).join('')));
      if (node.kind === 'choice' && !byIndex.has(node.index)) byIndex.set(node.index, `choice:${node.options.join('|')}`);
      if (node.kind === 'tabstop' && !byIndex.has(node.index)) byIndex.set(node.index, '');
      if (node.kind === 'placeholder') visit(node.children);
    }
  };
  visit(parseSnippet(snippetText).nodes);
  return [...byIndex].sort(([a], [b]) => (a === 0 ? Infinity : a) - (b === 0 ? Infinity : b)).map(([, label]) => label);
}

function frontMatterOf(document: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(document);
  assert.ok(match, 'document starts with front matter');
  return parseYaml(match[1]) as Record<string, unknown>;
}

describe('templates: snippet syntax', () => {
  it('parses tabstops, nested placeholders, choices with escapes and variables', () => {
    const { nodes, problems } = parseSnippet('$1 ${2:a ${3:b}} ${4|x\\,y,z|} ${title:Untitled} $0');
    assert.deepEqual(problems, []);
    const kinds = nodes.filter((node) => node.kind !== 'text').map((node) => node.kind);
    assert.deepEqual(kinds, ['tabstop', 'placeholder', 'choice', 'variable', 'tabstop']);
    const choice = nodes.find((node) => node.kind === 'choice');
    assert.deepEqual(choice?.kind === 'choice' && choice.options, ['x,y', 'z']);
  });

  it('keeps an unclosed "${" as text and reports where it is', () => {
    const { nodes, problems } = parseSnippet('a ${1:b');
    assert.deepEqual(nodes.map((node) => node.kind), ['text']);
    assert.deepEqual(problems.map((problem) => [problem.code, problem.args]), [['invalid-placeholder', ['2']]]);
  });

  it('keeps absurdly deep or unclosed nesting as text, without overflowing the stack', () => {
    const source = '${1:'.repeat(5000);
    const { nodes, problems } = parseSnippet(source);
    assert.deepEqual(nodes.map((node) => node.kind === 'text' && node.value), [source]);
    assert.deepEqual(new Set(problems.map((problem) => problem.code)), new Set(['invalid-placeholder', 'nesting-too-deep']));
    const deep = `${'${1:'.repeat(150)}x${'}'.repeat(150)}`;
    assert.ok(parseSnippet(deep).problems.some((problem) => problem.code === 'nesting-too-deep'));
  });

  it('flags snippets unfit to ship: gaps in numbering, conflicting placeholders, stray braces', () => {
    assert.deepEqual(snippetProblems('### ${1:Title}\n${2|a,b|}\n$0'), []);
    assert.deepEqual(snippetProblems('${1:a} ${3:c}').map((problem) => problem.code), ['tabstop-gap']);
    assert.deepEqual(snippetProblems('${1:a} ${1:b}').map((problem) => problem.code), ['conflicting-placeholder']);
    assert.deepEqual(snippetProblems('${1:a}}').map((problem) => problem.code), ['unmatched-brace']);
    assert.deepEqual(snippetProblems('${1:a').map((problem) => problem.code), ['invalid-placeholder']);
  });
});

describe('templates: rendering variables', () => {
  const values: TemplateValues = {
    title: 'Opening Keynote',
    track: 'Keynote',
    conference: 'DevConf 2024',
    speakers: ['Ada Lovelace', 'Alan Turing'],
    time: '09:30',
    room: 'Hall A',
    day: 'Day 1',
    tags: ['ai', 'ethics'],
    language: 'en',
  };

  it('fills every known variable in text mode', () => {
    const result = text('${conference} / ${track} / ${title} by ${speakers} at ${time} in ${room} (${day}; ${tags}; ${language})', values);
    assert.equal(result.text, 'DevConf 2024 / Keynote / Opening Keynote by Ada Lovelace, Alan Turing at 09:30 in Hall A (Day 1; ai, ethics; en)');
    assert.deepEqual(result.unknownVariables, []);
    assert.deepEqual(result.messages, []);
  });

  it('accepts variables written without braces', () => {
    assert.equal(text('# $title', values).text, '# Opening Keynote');
  });

  it('escapes $, } and backslashes of values in snippet mode', () => {
    assert.equal(snippet('### ${title}', { title: 'Costs $10 {really} C:\\path' }).text, '### Costs \\$10 {really\\} C:\\\\path');
  });

  it('inserts a title typed as snippet syntax literally, in both modes', () => {
    const hostile = '${1:x} $2 ${TM_FILENAME} \\$';
    assert.equal(inserted(snippet('### ${title}', { title: hostile }).text), `### ${hostile}`);
    assert.equal(text('### ${title}', { title: hostile }).text, `### ${hostile}`);
  });

  it('does not let a value close the placeholder it is in', () => {
    const result = snippet('${1:${title}} $2', { title: 'a}b' });
    assert.equal(inserted(result.text), 'a}b ');
    assert.deepEqual(tabOrder(result.text), ['a}b', '']);
  });

  it('inserts any value without special characters breaking the snippet', () => {
    const hostileText = fc.string({ unit: fc.constantFrom('$', '}', '{', '\\', ':', '|', ',', '/', '1', 'a', 'あ', '😀'), minLength: 1 });
    assertProperty(
      fc.property(hostileText, hostileText, (title, speakers) => {
        const result = snippet('### ${title}\n\n- speakers: ${1:${speakers}}\n- status: ${2|planned,attended|}', { title, speakers });
        assert.equal(inserted(result.text), `### ${title}\n\n- speakers: ${speakers}\n- status: planned`);
      }),
    );
  });

  it('folds line breaks in values to single spaces', () => {
    const title = 'Line one\n  line two\r\nthree\u2028four';
    assert.equal(text('### ${title}\nnext', { title }).text, '### Line one line two three four\nnext');
    assert.equal(inserted(snippet('### ${title}', { speakers: 'x', title }).text), '### Line one line two three four');
  });

  it('leaves unknown variables visible as written, escaped in snippets, and reports each once', () => {
    const template = '${foo} $bar ${foo:default} ${TM_FILENAME} $CLIPBOARD';
    const asSnippet = snippet(template, values);
    assert.equal(asSnippet.text, '\\${foo\\} \\$bar \\${foo:default\\} \\${TM_FILENAME\\} \\$CLIPBOARD');
    assert.equal(inserted(asSnippet.text), template);
    assert.deepEqual(asSnippet.unknownVariables, ['foo', 'bar', 'TM_FILENAME', 'CLIPBOARD']);
    assert.deepEqual(asSnippet.messages.map((message) => [message.code, message.args]), [
      ['unknown-variable', ['foo']], ['unknown-variable', ['bar']], ['unknown-variable', ['TM_FILENAME']], ['unknown-variable', ['CLIPBOARD']],
    ]);
    const asText = text(template, values);
    assert.equal(asText.text, template);
    assert.deepEqual(asText.unknownVariables, ['foo', 'bar', 'TM_FILENAME', 'CLIPBOARD']);
  });

  it('does not apply transforms to known variables: left as written and reported', () => {
    const result = snippet('${title/(.*)/${1:/upcase}/}', values);
    assert.equal(inserted(result.text), '${title/(.*)/${1:/upcase}/}');
    assert.deepEqual(result.unknownVariables, []);
    assert.deepEqual(result.messages.map((message) => message.code), ['unsupported-transform']);
  });

  it('turns variables without a value into placeholders that come first in the tab order', () => {
    const result = snippet('## ${track}\n### ${title:Session title}\n${1:Notes} ${title} $0', { track: 'Cloud' });
    assert.equal(result.text, '## Cloud\n### ${1:Session title}\n${2:Notes} ${1:Session title} $0');
    assert.deepEqual(snippetProblems(result.text), []);
  });

  it('does not expand a variable inside its own default again', () => {
    assert.equal(text('${title:${speakers:${title}}}').text, '');
    assert.equal(inserted(snippet('${title:${speakers:${title}}}').text), 'title');
  });

  it('treats empty and blank values as not given', () => {
    assert.equal(snippet('- speakers: ${speakers}', { speakers: '  ' }).text, '- speakers: ${1:speakers}');
    assert.equal(snippet('- speakers: ${speakers}', { speakers: ['', ' '] }).text, '- speakers: ${1:speakers}');
    assert.equal(text('### ${title:Untitled}', { title: '' }).text, '### Untitled');
  });

  it('writes final text in text mode: placeholder text, first choice, nothing for bare tabstops', () => {
    assert.equal(text('${1:Notes}|${2|attended,skipped|}|$3|${title}|$0').text, 'Notes|attended|||');
  });

  it('writes front matter values as YAML, so titles with colons or quotes stay valid', () => {
    const title = 'Keynote: "Cloud" #1 — yes';
    const result = text('---\ntitle: ${title}\ntime: ${time}\nconference: ${conference}\n---\n\n# ${title}\n', { title, time: '10:30' });
    assert.deepEqual(frontMatterOf(result.text), { title, time: '10:30', conference: null });
    assert.ok(result.text.includes(`\n# ${title}\n`), 'the body keeps the title as written');
    assert.ok(result.text.includes('\nconference:\n'), 'an empty value leaves no trailing blank');
  });

  it('escapes YAML-quoted front matter values for snippets too', () => {
    const result = snippet('---\ntitle: ${title}\n---\n', { title: 'A: $1 }' });
    assert.deepEqual(frontMatterOf(inserted(result.text)), { title: 'A: $1 }' });
  });
});

describe('templates: dates', () => {
  const tuesday = new Date(2020, 10, 17, 9, 5, 7);

  it('writes ${date} as YYYY-MM-DD and ${date:FORMAT} with the format', () => {
    assert.equal(text('${date}', { date: tuesday }).text, '2020-11-17');
    assert.equal(text('${date:YYYY/MM/DD ddd HH:mm}', { date: tuesday }).text, '2020/11/17 Tue 09:05');
  });

  it('uses Japanese month and weekday names for a Japanese template', () => {
    assert.equal(text('${date:YYYY年M月D日 (ddd)}', { date: tuesday, language: 'ja' }).text, '2020年11月17日 (火)');
    assert.equal(formatDate(tuesday, 'MMMM dddd', 'ja-JP'), '11月 火曜日');
  });

  it('supports every documented token and [literal] text', () => {
    assert.equal(formatDate(tuesday, 'YYYY YY MMMM MMM MM M DD D dddd ddd HH H mm ss [at DD]'), '2020 20 November Nov 11 11 17 17 Tuesday Tue 09 9 05 07 at DD');
  });

  it('formats ISO date strings and keeps any other date as written', () => {
    assert.equal(text('${date:D MMM YYYY}', { date: '2024-05-01' }).text, '1 May 2024');
    assert.equal(text('${date:HH:mm}', { date: '2024-05-01T14:30' }).text, '14:30');
    assert.equal(text('${date:YYYY}', { date: 'Day 2' }).text, 'Day 2');
    assert.equal(text('${date:YYYY}', { date: '2020-02-31' }).text, '2020-02-31');
  });

  it('offers the format as the placeholder when no date is given', () => {
    assert.equal(snippet('${date:YYYY-MM-DD}').text, '${1:YYYY-MM-DD}');
    assert.equal(text('date: ${date:YYYY-MM-DD}').text, 'date: ');
  });
});

describe('templates: built-in templates', () => {
  const defaults = { trackHeadingLevel: 2, sessionHeadingLevel: 3 };

  it('gives every built-in snippet valid, consecutively numbered tabstops', () => {
    for (const language of ['en', 'ja'] as const) {
      for (const kind of SESSION_KINDS) {
        for (let level = 1; level <= 6; level++) assert.deepEqual(snippetProblems(sessionSnippet(level, kind, language)), [], `${kind} ${language} ${level}`);
        assert.deepEqual(snippetProblems(trackSectionSnippet(defaults, kind, language)), []);
      }
      assert.deepEqual(snippetProblems(snippet(reportTemplate(language)).text), []);
      assert.deepEqual(snippetProblems(snippet(sessionFileTemplate(language)).text), []);
      for (const field of FIELD_LINES) assert.deepEqual(snippetProblems(fieldLineSnippet(field, language)), []);
    }
  });

  it('builds a session at the requested heading level, tabbing through title, speakers, status, notes', () => {
    const session = sessionSnippet(4, 'session', 'en');
    assert.match(session, /^#### \$\{1:Session title\}\n/);
    assert.deepEqual(tabOrder(session), ['Session title', 'Speaker', 'choice:planned|attended|watched|to-watch|skipped', 'Notes']);
    assert.equal(inserted(session), '#### Session title\n\n- speakers: Speaker\n- status: planned\n\nNotes');
  });

  it('names keynotes and lightning talks by title prefix, with Japanese placeholders in Japanese', () => {
    assert.match(inserted(sessionSnippet(3, 'keynote', 'en')), /^### Keynote: Session title\n/);
    assert.match(inserted(sessionSnippet(3, 'lightning-talk', 'ja')), /^### Lightning Talk: セッションタイトル\n\n- 登壇者: 登壇者名\n- 状態: planned\n/);
  });

  it('fills given values instead of tabstops', () => {
    const session = sessionSnippet(3, 'session', 'en', { speakers: ['Grace Hopper'] });
    assert.deepEqual(tabOrder(session), ['Session title', 'choice:planned|attended|watched|to-watch|skipped', 'Notes']);
    assert.match(session, /\n- speakers: Grace Hopper\n/);
  });

  it('starts a new track section with the track name escaped, or a tabstop for it', () => {
    const named = trackSectionSnippet({ trackHeadingLevel: 3, sessionHeadingLevel: 4 }, 'session', 'en', { track: 'Cost $$ {FinOps}' });
    assert.match(inserted(named), /^### Cost \$\$ \{FinOps\}\n\n#### Session title\n/);
    const unnamed = trackSectionSnippet(defaults, 'session', 'ja');
    assert.deepEqual(tabOrder(unnamed).slice(0, 2), ['トラック', 'セッションタイトル']);
  });

  it('writes an English report: front matter, title, Overview, a first track and session, Summary', () => {
    const report = text(reportTemplate('en'), { conference: 'DevConf: 2024', dates: '2024-05-01 – 2024-05-03' }).text;
    assert.deepEqual(frontMatterOf(report), { conference: 'DevConf: 2024', dates: '2024-05-01 – 2024-05-03' });
    assert.deepEqual(report.split('\n').filter((line) => line.startsWith('#')), ['# DevConf: 2024', '## Overview', '## Track', '### Session title', '## Summary']);
  });

  it('writes a Japanese report with 概要 and まとめ', () => {
    const report = text(reportTemplate('ja'), { conference: 'KubeCon NA 2020' }).text;
    assert.deepEqual(report.split('\n').filter((line) => line.startsWith('#')), ['# KubeCon NA 2020 レポート', '## 概要', '## トラック', '### セッションタイトル', '## まとめ']);
    assert.equal(frontMatterOf(report).conference, 'KubeCon NA 2020');
  });

  it('records non-default heading levels in the report front matter and uses them', () => {
    assert.ok(!/level/.test(reportTemplate('en')), 'default levels are not written');
    const report = text(reportTemplate('en', { trackHeadingLevel: 3, sessionHeadingLevel: 4 }), { conference: 'C' }).text;
    assert.deepEqual(frontMatterOf(report), { conference: 'C', dates: null, 'track-level': 3, 'session-level': 4 });
    assert.deepEqual(report.split('\n').filter((line) => line.startsWith('#')), ['# C', '### Overview', '### Track', '#### Session title', '### Summary']);
  });

  it('leaves out the title heading when tracks are H1, so it is not read as a track', () => {
    const report = text(reportTemplate('en', { trackHeadingLevel: 1, sessionHeadingLevel: 2 }), { conference: 'C' }).text;
    assert.deepEqual(report.split('\n').filter((line) => line.startsWith('#')), ['# Overview', '# Track', '## Session title', '# Summary']);
  });

  it('writes a session note with its front matter filled from the answers', () => {
    const values: TemplateValues = { title: 'Rust: The Good Parts', conference: 'RustConf', track: 'Language', speakers: ['Ferris', 'Crab'], date: new Date(2024, 8, 10) };
    const note = text(sessionFileTemplate('en'), values).text;
    assert.deepEqual(frontMatterOf(note), {
      type: 'session', title: 'Rust: The Good Parts', conference: 'RustConf', track: 'Language', speakers: 'Ferris, Crab', date: '2024-09-10', status: 'planned',
    });
    assert.match(note, /\n---\n\n# Rust: The Good Parts\n\nNotes\n$/);
    assert.match(text(sessionFileTemplate('ja'), values).text, /\n\nメモ\n$/);
  });

  it('picks the template language from the VS Code display language', () => {
    assert.equal(templateLanguageFor('ja'), 'ja');
    assert.equal(templateLanguageFor('ja-JP'), 'ja');
    assert.equal(templateLanguageFor('en-us'), 'en');
    assert.equal(templateLanguageFor('jv'), 'en');
  });
});

describe('templates: file names', () => {
  const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
  const invalidOnSomeSystem = /[\\/:*?"<>|\p{Cc}]|^[. -]|[. -]$/u;

  it('makes readable names from titles', () => {
    assert.equal(slugifyFileName('Keynote: Moving Cloud Native  Beyond HTTP'), 'Keynote-Moving-Cloud-Native-Beyond-HTTP');
    assert.equal(slugifyFileName('  What is "cloud native"? <really> / maybe | C# 100%  '), 'What-is-cloud-native-really-maybe-C-100');
  });

  it('keeps Japanese and emoji', () => {
    assert.equal(slugifyFileName('クラウドネイティブ　入門：実践編'), 'クラウドネイティブ-入門：実践編');
    assert.equal(slugifyFileName('🚀 Launch 👩‍👩‍👧'), '🚀-Launch-👩‍👩‍👧');
  });

  it('avoids Windows reserved names, with or without an extension-like suffix', () => {
    for (const title of ['CON', 'nul', 'Com1', 'lpt9', 'aux.js', 'PRN.']) {
      const name = slugifyFileName(title);
      assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name), `${title} → ${name}`);
    }
    assert.equal(slugifyFileName('Console'), 'Console');
  });

  it('caps long titles at 100 UTF-8 bytes without splitting characters, preferring a word break', () => {
    const english = slugifyFileName('word '.repeat(60));
    assert.ok(utf8Bytes(english) <= 100);
    assert.match(english, /^word(-word)+$/);
    const japanese = slugifyFileName('あ'.repeat(300));
    assert.equal(japanese, 'あ'.repeat(33));
    const families = slugifyFileName('👩‍👩‍👧'.repeat(30));
    assert.ok(utf8Bytes(families) <= 100);
    assert.equal(families, '👩‍👩‍👧'.repeat(Math.floor(100 / utf8Bytes('👩‍👩‍👧'))));
    assert.ok(utf8Bytes(slugifyFileName('x'.repeat(300), { maxBytes: 20 })) <= 20);
  });

  it('never returns an empty name', () => {
    assert.equal(slugifyFileName('?*:|"<>'), 'untitled');
    assert.equal(slugifyFileName('...'), 'untitled');
    assert.equal(slugifyFileName(''), 'untitled');
    assert.equal(slugifyFileName('\u202E\u0000', { fallback: 'session' }), 'session');
  });

  it('gives a valid name for any title', () => {
    assertProperty(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (title) => {
        const name = slugifyFileName(title);
        assert.ok(name.length > 0);
        assert.ok(!invalidOnSomeSystem.test(name), JSON.stringify(name));
        assert.ok(utf8Bytes(name) <= 100);
        assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name));
        assert.doesNotThrow(() => encodeURIComponent(name), 'no lone surrogate');
      }),
    );
  });

  it('picks a free name next to existing files', () => {
    const taken = new Set(['talk.md', 'talk-2.md', 'notes']);
    const exists = (name: string) => taken.has(name);
    assert.equal(freeFileName('other.md', exists), 'other.md');
    assert.equal(freeFileName('talk.md', exists), 'talk-3.md');
    assert.equal(freeFileName('notes', exists), 'notes-2');
  });
});

describe('templates: where Insert Session inserts', () => {
  const levels = { trackHeadingLevel: 2, sessionHeadingLevel: 3 };
  const report = [
    '---', // 0
    'conference: DevConf',
    '---',
    '# DevConf 2024',
    '',
    '## Overview', // 5
    '',
    'Intro text.',
    '',
    '## Keynote',
    '', // 10
    '### Opening',
    '',
    'Notes on opening.',
    '```bash',
    '## not a heading', // 15
    '',
    '```',
    '',
    '### Closing',
    '', // 20
    'Closing notes.',
    '',
    '## **Cloud**',
    '',
    '### K8s at scale', // 25
    '',
    'Para one.',
    '',
    'Para two.',
    '', // 30
    '## Summary',
    '',
    'Good.',
    '',
  ].join('\n');

  function apply(document: string, plan: InsertionPlan, inserted: string): string {
    const lines = document.split('\n');
    const offset = lines.slice(0, plan.line).reduce((sum, line) => sum + line.length + 1, 0) + plan.character;
    return document.slice(0, offset) + plan.prefix + inserted + plan.suffix + document.slice(offset);
  }
  const lineOf = (document: string, line: string) => document.split('\n').indexOf(line);

  it('inserts at the cursor when it is on a blank line between blocks of the chosen track', () => {
    const plan = insertionPlan(report, 18, 'Keynote', levels);
    assert.equal(plan.addTrackHeading, false);
    const result = apply(report, plan, '### New');
    assert.ok(result.includes('```\n\n### New\n\n### Closing\n'), result);
  });

  it('does not split a paragraph or a code block: it inserts after the part the cursor is in', () => {
    for (const cursor of [13, 15, 16]) {
      const result = apply(report, insertionPlan(report, cursor, 'Keynote', levels), '### New');
      assert.ok(result.includes('```\n\n### New\n\n### Closing\n'), `cursor ${cursor}: ${result}`);
    }
  });

  it('inserts before the first session when the cursor is on the track heading', () => {
    const result = apply(report, insertionPlan(report, 9, 'Keynote', levels), '### New');
    assert.ok(result.includes('## Keynote\n\n### New\n\n### Opening\n'), result);
  });

  it('appends to the end of the chosen track when the cursor is elsewhere, matching headings by their text', () => {
    const plan = insertionPlan(report, 7, 'cloud', levels);
    assert.equal(plan.addTrackHeading, false);
    assert.ok(apply(report, plan, '### New').includes('Para two.\n\n### New\n\n## Summary\n'));
  });

  it('adds a new track before a closing Summary or まとめ section', () => {
    const plan = insertionPlan(report, 7, 'Security', levels);
    assert.equal(plan.addTrackHeading, true);
    assert.ok(apply(report, plan, '## Security\n\n### New').includes('Para two.\n\n## Security\n\n### New\n\n## Summary\n'));
    const japanese = '# レポート\n\n## 概要\n\n本文\n\n## まとめ\n\n感想\n';
    assert.equal(apply(japanese, insertionPlan(japanese, 0, 'Keynote', levels), '## Keynote'), '# レポート\n\n## 概要\n\n本文\n\n## Keynote\n\n## まとめ\n\n感想\n');
  });

  it('adds a new track at the end when the report has no closing section', () => {
    const document = '# C\n\n## Cloud\n\n### A\n\ntext';
    assert.equal(apply(document, insertionPlan(document, 0, 'Data', levels), '## Data'), '# C\n\n## Cloud\n\n### A\n\ntext\n\n## Data');
  });

  it('handles an empty, unsaved document', () => {
    assert.deepEqual(insertionPlan('', 0, 'Cloud', levels), { line: 0, character: 0, prefix: '', suffix: '', addTrackHeading: true });
  });

  it('reads setext headings, CRLF line endings and non-default levels', () => {
    const document = 'Conf\r\n====\r\n\r\nCloud\r\n-----\r\n\r\n### A\r\n\r\ntext\r\n';
    const plan = insertionPlan(document, 0, 'Cloud', levels);
    assert.deepEqual(plan, { line: 8, character: 4, prefix: '\n\n', suffix: '', addTrackHeading: false });
    const deeper = '# C\n\n### Cloud\n\n#### A\n\n## Part\n\ntext\n\n### Data\n';
    assert.ok(apply(deeper, insertionPlan(deeper, 0, 'Cloud', { trackHeadingLevel: 3, sessionHeadingLevel: 4 }), '#### New').includes('#### A\n\n#### New\n\n## Part'));
  });

  it('uses the last section when a track appears twice and the cursor is in neither', () => {
    const document = '## Cloud\n\n### A\n\n## Data\n\n### B\n\n## Cloud\n\n### C\n';
    const plan = insertionPlan(document, 4, 'Cloud', levels);
    assert.equal(plan.line, lineOf(document, '### C'));
  });
});

describe('templates: the track at the cursor', () => {
  const levels = { trackHeadingLevel: 2, sessionHeadingLevel: 3 };
  const report = ['# Conf', '', '## Cloud', '', '### A', '```', '## not a heading', '```', '## **Data**', '### B', '', 'Text.', '# Appendix', 'More.'].join('\n');

  it('is the track heading at or above the cursor, its text as shown, until a higher heading ends it', () => {
    assert.deepEqual([0, 2, 4, 6, 7, 8, 11, 12, 13].map((line) => trackAtLine(report, line, levels)), [undefined, 'Cloud', 'Cloud', 'Cloud', 'Cloud', 'Data', 'Data', undefined, undefined]);
  });

  it('follows the report’s heading levels', () => {
    assert.equal(trackAtLine('# C\n\n### Cloud\n\n#### A\n', 4, { trackHeadingLevel: 3, sessionHeadingLevel: 4 }), 'Cloud');
  });
});

describe('templates: an inserted block between blank lines', () => {
  const insert = (text: string, line: number, character: number, block: string) => {
    const lines = text.split('\n');
    const offset = lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
    const { prefix, suffix } = blockSeparators(text, { line, character }, { line, character });
    return text.slice(0, offset) + prefix + block + suffix + text.slice(offset);
  };

  it('adds the blank lines the text around lacks, and no more', () => {
    const text = 'The chart:\n\nThat is all.\n';
    assert.equal(insert(text, 1, 0, '![c](c.svg)'), 'The chart:\n\n![c](c.svg)\n\nThat is all.\n', 'on the blank line between two paragraphs');
    assert.equal(insert(text, 2, 0, '![c](c.svg)'), 'The chart:\n\n![c](c.svg)\n\nThat is all.\n', 'at the start of a paragraph');
    assert.equal(insert(text, 0, 10, '![c](c.svg)'), 'The chart:\n\n![c](c.svg)\n\nThat is all.\n', 'at the end of a paragraph');
    assert.equal(insert('A\n\n\nB', 1, 0, 'X'), 'A\n\nX\n\nB');
    assert.equal(insert('', 0, 0, 'X'), 'X\n', 'an empty document');
    assert.equal(insert('Last line', 0, 9, 'X'), 'Last line\n\nX\n', 'the end of the document');
    assert.equal(insert('Last line\n', 1, 0, 'X'), 'Last line\n\nX\n', 'the empty line ending the document');
  });
});
