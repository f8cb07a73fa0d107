// Every user-facing string exists in English and Japanese, and no translation is left over:
// - package.json `%key%` references ↔ package.nls.json ↔ package.nls.ja.json;
// - `vscode.l10n.t('…')` literals in the adapters and every `*_MESSAGES` table (core, CLI) ↔ l10n/bundle.l10n.ja.json.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, file), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** String literals passed as the first argument of `l10n.t(` in adapter code. */
function adapterStrings(): Map<string, string> {
  const found = new Map<string, string>();
  const call = /l10n\.t\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(call)) {
      const literal = JSON.parse(`"${match[2].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
      found.set(literal, relative(root, file));
    }
  }
  return found;
}

/**
 * Values of every exported `*_MESSAGES` table in src/core (the core returns these templates; adapters localise)
 * and of the command line's own table.
 */
async function messageTableStrings(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(join(root, 'src', 'core')), join(root, 'src', 'cli', 'text.ts')]) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, table] of Object.entries(module)) {
      if (!name.endsWith('_MESSAGES') || typeof table !== 'object' || table === null) continue;
      for (const value of Object.values(table)) {
        assert.equal(typeof value, 'string', `${name} in ${relative(root, file)} holds only strings`);
        found.set(value as string, `${relative(root, file)} ${name}`);
      }
    }
  }
  return found;
}

describe('localization (English and Japanese)', () => {
  it('has an English and a Japanese text for every %key% of package.json, and no unused ones', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
    for (const file of ['package.nls.json', 'package.nls.ja.json']) {
      const keys = new Set(Object.keys(readJson(file)));
      assert.deepEqual([...used].filter((key) => !keys.has(key)), [], `keys missing from ${file}`);
      assert.deepEqual([...keys].filter((key) => !used.has(key)), [], `unused keys in ${file}`);
    }
  });

  it('has a Japanese text for every string the code shows, and no unused entry', async () => {
    const bundle = readJson('l10n/bundle.l10n.ja.json');
    const shown = new Map([...adapterStrings(), ...(await messageTableStrings())]);
    const missing = [...shown].filter(([text]) => typeof bundle[text] !== 'string' || bundle[text] === '').map(([text, where]) => `${where}: ${text}`);
    assert.deepEqual(missing, [], 'strings without a Japanese entry in l10n/bundle.l10n.ja.json');
    const unused = Object.keys(bundle).filter((text) => !shown.has(text));
    assert.deepEqual(unused, [], 'entries of l10n/bundle.l10n.ja.json that no code uses');
  });

  it('keeps the {0} placeholders of every translated string', () => {
    const bundle = readJson('l10n/bundle.l10n.ja.json') as Record<string, string>;
    const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();
    const broken = Object.entries(bundle).filter(([english, japanese]) => placeholders(english).join() !== placeholders(japanese).join());
    assert.deepEqual(broken, []);
  });
});
