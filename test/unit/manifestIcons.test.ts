// The icons of the Sessions view's title bar say what their commands do.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const iconOf = (command: string) => (manifest.contributes.commands as { command: string; icon?: string }[]).find((entry) => entry.command === command)?.icon;

describe('the Sessions view title bar icons', () => {
  it('shows Group Sessions By… as a tree of groups, not as a filter', () => {
    const icon = iconOf('conferenceNotes.groupBy');
    assert.ok(icon === '$(list-tree)' || icon === '$(group-by-ref-type)', icon);
    assert.notEqual(icon, iconOf('conferenceNotes.filter'));
  });
});
