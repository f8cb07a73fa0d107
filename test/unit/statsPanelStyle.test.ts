// The statistics panel's stylesheet, as the webview applies it: the rules behind what the UI tests look at in the
// real workbench (test/ui), checked here without one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', '..', 'media', 'stats.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of the rule whose selector list is exactly `selector`, as property → value. */
function declarations(selector: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = match[1].split(',').map((part) => part.trim());
    if (!selectors.includes(selector)) continue;
    for (const declaration of match[2].split(';')) {
      const colon = declaration.indexOf(':');
      if (colon > 0) found.set(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
    }
  }
  return found;
}

describe('the statistics panel stylesheet', () => {
  it('keeps the words of the table headers whole (合計 does not wrap one character per line)', () => {
    const th = declarations('th');
    assert.equal(th.get('white-space'), 'nowrap');
    assert.equal(th.get('word-break'), 'keep-all');
  });

  it('points a track out with the theme’s selection colour behind it and its bars outlined in the focus colour', () => {
    assert.match(declarations('.chart .track.highlighted .track-band').get('fill') ?? '', /^var\(--vscode-list-activeSelectionBackground\b/);
    assert.match(declarations('.chart .bar.highlighted').get('stroke') ?? '', /^var\(--vscode-focusBorder\)/);
  });

  it('outlines a focused bar in the theme’s focus colour, at least 3 px wide', () => {
    const focused = declarations('.chart .bar:focus-visible');
    assert.match(focused.get('stroke') ?? '', /^var\(--vscode-focusBorder\)/);
    assert.ok(Number.parseFloat(focused.get('stroke-width') ?? '0') >= 3, focused.get('stroke-width'));
  });
});
