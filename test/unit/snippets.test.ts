// The markdown snippets shipped in snippets/markdown.json: every body must be valid snippet syntax (a broken
// snippet fails the build here, not silently in the editor) and must say what the built-in templates say.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_LINES, fieldLineSnippet, reportTemplate, sessionSnippet } from '../../src/core/templates/builtIn';
import { renderTemplate } from '../../src/core/templates/render';
import { parseSnippet, snippetProblems, walkNodes } from '../../src/core/templates/snippetSyntax';

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = JSON.parse(readFileSync(join(__dirname, '..', '..', 'snippets', 'markdown.json'), 'utf8')) as Record<string, SnippetDefinition>;
const bodyOf = (definition: SnippetDefinition) => (Array.isArray(definition.body) ? definition.body.join('\n') : definition.body);
const prefixesOf = (definition: SnippetDefinition) => (Array.isArray(definition.prefix) ? definition.prefix : [definition.prefix]);

describe('markdown snippets', () => {
  for (const [name, definition] of Object.entries(snippets)) {
    it(`"${name}" is valid snippet syntax with consecutively numbered tabstops`, () => {
      assert.deepEqual(snippetProblems(bodyOf(definition)), []);
      assert.ok(prefixesOf(definition).length > 0 && prefixesOf(definition).every((prefix) => /^[a-z][a-z-]*$/.test(prefix)), 'has plain prefixes');
      assert.ok(definition.description.trim().length > 0, 'has a description');
    });

    it(`"${name}" uses no snippet variables (VS Code would turn ours into bare placeholders)`, () => {
      const variables: string[] = [];
      walkNodes(parseSnippet(bodyOf(definition)).nodes, (node) => {
        if (node.kind === 'variable') variables.push(node.name);
      });
      assert.deepEqual(variables, []);
    });
  }

  it('gives every snippet its own prefixes', () => {
    const all = Object.values(snippets).flatMap(prefixesOf);
    assert.deepEqual(all.filter((prefix, index) => all.indexOf(prefix) !== index), []);
  });

  it('matches the built-in templates, in English and Japanese', () => {
    const reportSnippet = (language: 'en' | 'ja') => renderTemplate(reportTemplate(language), {}, { mode: 'snippet' }).text.trimEnd();
    const expected: Record<string, string> = {
      Session: sessionSnippet(3, 'session', 'en'),
      'Session (Japanese)': sessionSnippet(3, 'session', 'ja'),
      Keynote: sessionSnippet(3, 'keynote', 'en'),
      'Keynote (Japanese)': sessionSnippet(3, 'keynote', 'ja'),
      'Lightning talk': sessionSnippet(3, 'lightning-talk', 'en'),
      'Lightning talk (Japanese)': sessionSnippet(3, 'lightning-talk', 'ja'),
      'Conference report': reportSnippet('en'),
      'Conference report (Japanese)': reportSnippet('ja'),
      ...Object.fromEntries(FIELD_LINES.map((field) => [`Field: ${field}`, fieldLineSnippet(field, 'en')])),
    };
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(expected).sort());
    for (const [name, body] of Object.entries(expected)) assert.equal(bodyOf(snippets[name]), body, name);
  });

  it('offers the report skeleton with 概要 and まとめ in Japanese', () => {
    const body = bodyOf(snippets['Conference report (Japanese)']);
    assert.match(body, /^## 概要$/m);
    assert.match(body, /^## まとめ$/m);
  });

  it('offers the status field as a choice of every status a user sets', () => {
    assert.equal(bodyOf(snippets['Field: status']), '- status: ${1|planned,attended,watched,to-watch,skipped|}');
  });
});
