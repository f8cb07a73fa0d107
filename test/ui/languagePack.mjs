// A minimal language pack for the UI tests' server. The Marketplace is out of reach, so the workbench cannot fetch the
// real Japanese language pack; a pack that contributes the language with no translations of its own is enough for
// VS Code to run in that display language (`vscode.env.language`), so every string of ours comes from our Japanese
// bundles, while VS Code's own strings stay English.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the pack into `extensionsDir` as an installed extension and returns its folder. */
export function writeLanguagePack(extensionsDir, languageId) {
  const name = `test-language-pack-${languageId}`;
  const folder = join(extensionsDir, `conference-notes-tests.${name}-0.0.1`);
  mkdirSync(join(folder, 'translations'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({
    name,
    publisher: 'conference-notes-tests',
    version: '0.0.1',
    engines: { vscode: '*' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId,
        languageName: languageId,
        localizedLanguageName: languageId,
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  }, null, 2));
  writeFileSync(join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  return folder;
}
