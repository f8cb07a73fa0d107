// Hostile user templates: huge, deeply nested or full of blanks, they render quickly or are refused with a message.
import * as assert from 'node:assert/strict';
import { MAX_TEMPLATE_LENGTH, renderTemplate } from '../../src/core/templates/render';
import { fillTemplate } from '../../src/core/messages';

const modes = ['snippet', 'text'] as const;

describe('templates: limits', () => {
  for (const mode of modes) {
    it(`refuses a template over the size limit with a message, without rendering it (${mode})`, () => {
      const result = renderTemplate(`# \${title}\n${'x'.repeat(MAX_TEMPLATE_LENGTH)}`, { title: 'T' }, { mode });
      assert.equal(result.text, '');
      assert.deepEqual(result.messages.map((message) => fillTemplate(message.message, message.args)), ['The template is 257 KB; templates over 256 KB are not used.']);
    });

    it(`renders nesting far beyond the limit as text with a message, without a RangeError (${mode})`, () => {
      const depth = 15_000;
      const template = `${'${title:${1:'.repeat(depth)}x${'}}'.repeat(depth)}`;
      const result = renderTemplate(template, {}, { mode });
      assert.ok(result.messages.some((message) => message.code === 'nesting-too-deep'));
      assert.ok(result.text.length > 0);
    });
  }

  // The backtracking pattern this replaced took over a minute here, far past mocha's timeout; speed itself is the
  // benchmark's business, so the test checks the result on the huge input.
  it('strips trailing blanks of front-matter lines, even after a line of 200,000 blanks', () => {
    const blanks = ' '.repeat(200_000);
    const result = renderTemplate(`---\n${blanks}k: v   \ntitle: \${title}  \r\n---\nbody  \n`, {}, { mode: 'text' });
    assert.deepEqual(result.text.split('\n'), ['---', `${blanks}k: v`, 'title:\r', '---', 'body  ', '']);
  });
});
