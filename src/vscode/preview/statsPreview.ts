// The `conference-stats` block in VS Code's built-in Markdown preview: a markdown-it plugin (returned from activate as
// `extendMarkdownIt`) that renders each block with the core's static HTML and SVG — no script — from the live index;
// open previews are refreshed when the index changes. In the editor: Problems entries for bad options, completion and
// hover for the options. Also the Publish Report command.
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import { CHART_MESSAGES } from '../../core/stats/chart';
import { findStatsBlocks, PUBLISH_FORMATS, publishReport, type PublishFormat } from '../../core/stats/publish';
import { STATS_MESSAGES } from '../../core/stats/stats';
import { isStatsBlockKey, parseStatsBlock, renderStatsBlock, STATS_BLOCK_KEYS, STATS_BLOCK_LANGUAGE, STATS_BLOCK_MESSAGES, type StatsBlockKey, type StatsBlockTexts } from '../../core/stats/statsBlock';
import { fileExists } from '../files';
import { localizeMessages } from '../localize';
import type { NoteWorkspace } from '../noteWorkspace';

/** Index changes are batched into one preview refresh: typing in a note re-renders once per pause. */
const REFRESH_DELAY_MS = 300;

function blockTexts(): StatsBlockTexts {
  return { message: (template, args) => vscode.l10n.t(template, ...args), labels: localizeMessages(STATS_MESSAGES), chart: localizeMessages(CHART_MESSAGES) };
}

/** Draws a chart of the core renderer as PNG: the statistics panel's canvas (the host has none), given by activation. */
export type PngDrawer = (svg: string) => Promise<Uint8Array<ArrayBuffer>>;

export interface StatsPreviewApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** `drawPng` draws Publish Report's PNG images (the statistics panel's canvas). */
export function registerStatsPreview(context: vscode.ExtensionContext, notes: NoteWorkspace, drawPng: PngDrawer): StatsPreviewApi {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshPreviews = () => {
    if (refreshTimer !== undefined) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, REFRESH_DELAY_MS);
  };
  const indexListener = notes.index.onDidChange(refreshPreviews);
  context.subscriptions.push({ dispose: () => { indexListener.dispose(); if (refreshTimer !== undefined) clearTimeout(refreshTimer); } });

  const problems = vscode.languages.createDiagnosticCollection('conference-stats');
  const check = (document: vscode.TextDocument) => {
    if (document.languageId !== 'markdown') return;
    const texts = blockTexts();
    problems.set(
      document.uri,
      findStatsBlocks(document.getText()).flatMap((block) =>
        parseStatsBlock(block.content).problems.map((problem) => {
          const line = document.lineAt(block.contentLine + problem.line);
          const diagnostic = new vscode.Diagnostic(line.range, texts.message(problem.message, problem.args), vscode.DiagnosticSeverity.Error);
          diagnostic.source = STATS_BLOCK_LANGUAGE;
          diagnostic.code = problem.code;
          return diagnostic;
        }),
      ),
    );
  };
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(
    problems,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => problems.delete(document.uri)),
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, { provideCompletionItems: (document, position) => completions(notes, document, position) }, ':', ' ', ','),
    vscode.languages.registerHoverProvider({ language: 'markdown' }, { provideHover: (document, position) => hover(document, position) }),
    vscode.commands.registerCommand('conferenceNotes.publishReport', (uri?: vscode.Uri, format?: unknown, folder?: unknown) =>
      publish(notes, drawPng, uri, { format: PUBLISH_FORMATS.find((each) => each === format), folder: folder instanceof vscode.Uri ? folder : undefined }),
    ),
  );

  let blockCount = 0;
  return {
    extendMarkdownIt(md) {
      const fallback = md.renderer.rules.fence;
      md.renderer.rules.fence = (tokens, index, options, env, self) => {
        const token = tokens[index];
        if (token.info.trim().split(/\s+/)[0] !== STATS_BLOCK_LANGUAGE) {
          return fallback ? fallback(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
        }
        // The preview may render before the first scan: it is refreshed when the notes are read.
        if (!notes.hasScanned) void notes.ready().then(refreshPreviews);
        return renderStatsBlock(notes.index, token.content, { texts: blockTexts(), idPrefix: `conference-stats-${++blockCount}` });
      };
      return md;
    },
  };
}

/** The block whose options hold `line`, if any. */
function blockAt(document: vscode.TextDocument, line: number) {
  return findStatsBlocks(document.getText()).find((block) => line >= block.contentLine && line < block.endLine + (block.endLine === document.lineCount - 1 ? 1 : 0));
}

function optionDescription(key: StatsBlockKey): string {
  return vscode.l10n.t(STATS_BLOCK_MESSAGES[key]);
}

function completions(notes: NoteWorkspace, document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
  if (!blockAt(document, position.line)) return undefined;
  const before = document.lineAt(position.line).text.slice(0, position.character);
  const colon = before.indexOf(':');
  if (colon < 0) {
    return (Object.keys(STATS_BLOCK_KEYS) as StatsBlockKey[]).map((key) => {
      const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
      item.insertText = `${key}: `;
      item.documentation = optionDescription(key);
      return item;
    });
  }
  const key = before.slice(0, colon).trim().toLowerCase();
  if (!isStatsBlockKey(key)) return undefined;
  const values =
    key === 'conferences' ? notes.index.conferences().map((conference) => conference.name)
      : key === 'tracks' ? [...new Set(notes.index.conferences().flatMap((conference) => notes.index.tracks(conference.name).flatMap((track) => (track.name === undefined ? [] : [track.name]))))]
        : STATS_BLOCK_KEYS[key] ?? [];
  return values.map((value) => new vscode.CompletionItem(value, vscode.CompletionItemKind.Value));
}

function hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  if (!blockAt(document, position.line)) return undefined;
  const text = document.lineAt(position.line).text;
  const key = /^\s*([A-Za-z]+)\s*:/.exec(text)?.[1].toLowerCase();
  if (!key || !isStatsBlockKey(key) || position.character > text.indexOf(':')) return undefined;
  const values = STATS_BLOCK_KEYS[key];
  const markdown = new vscode.MarkdownString();
  markdown.appendText(optionDescription(key));
  if (values) markdown.appendMarkdown('\n\n').appendText(values.join(' | '));
  return new vscode.Hover(markdown);
}

/** The image format the user picks: SVG, or PNG for blogs that take no SVG. */
async function pickFormat(): Promise<PublishFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: PublishFormat })[] = [
    { label: vscode.l10n.t('SVG images'), detail: vscode.l10n.t('Sharp at any size; most blogs and static sites show them.'), format: 'svg' },
    { label: vscode.l10n.t('PNG images'), detail: vscode.l10n.t('For blogs that take no SVG. The Track Statistics panel opens to draw them.'), format: 'png' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish Report: Images'), placeHolder: vscode.l10n.t('Image format of the charts') }))?.format;
}

/**
 * Writes the published copy and its images into a folder the user picks; existing files are replaced only after asking.
 * `answers` (the command's second and third arguments, for keybindings and tests) skip the questions of the image
 * format and the folder.
 */
async function publish(notes: NoteWorkspace, drawPng: PngDrawer, given: vscode.Uri | undefined, answers: { format?: PublishFormat; folder?: vscode.Uri }): Promise<void> {
  const document = given ? await vscode.workspace.openTextDocument(given) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a markdown report to publish.'));
    return;
  }
  const imageFormat = answers.format ?? (await pickFormat());
  if (!imageFormat) return;
  const [folder] = answers.folder ? [answers.folder] :
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: vscode.l10n.t('Publish Report: Folder of the Copy'), openLabel: vscode.l10n.t('Publish Here'), defaultUri: vscode.Uri.joinPath(document.uri, '..') })) ?? [];
  if (!folder) return;
  await notes.ready();
  const fileName = document.uri.path.split('/').pop() ?? 'report.md';
  const result = publishReport(document.getText(), notes.index, {
    reportName: fileName.replace(/\.[^.]+$/, ''),
    format: imageFormat,
    labels: localizeMessages(STATS_MESSAGES),
    chartMessages: localizeMessages(CHART_MESSAGES),
  });
  const target = vscode.Uri.joinPath(folder, fileName);
  if (target.toString() === document.uri.toString()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Choose another folder: publishing never replaces the report itself.'));
    return;
  }
  const images = result.images.map((image) => ({ uri: vscode.Uri.joinPath(folder, image.fileName), svg: image.svg }));
  const existing = (await Promise.all([target, ...images.map((image) => image.uri)].map(async (uri) => ((await fileExists(uri)) ? uri : undefined)))).filter((uri) => uri !== undefined);
  if (existing.length > 0) {
    const replace = vscode.l10n.t('Replace');
    const names = existing.map((uri) => uri.path.split('/').pop()).join(', ');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('Replace {0}?', names), { modal: true }, replace)) !== replace) return;
  }
  // Every image is drawn before anything is written: a PNG that cannot be drawn leaves no half-published copy.
  const encoder = new TextEncoder();
  const writes = [{ uri: target, content: encoder.encode(result.markdown) }];
  for (const image of images) writes.push({ uri: image.uri, content: imageFormat === 'png' ? await drawPng(image.svg) : encoder.encode(image.svg) });
  for (const write of writes) await vscode.workspace.fs.writeFile(write.uri, write.content);
  if (result.problems.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Published {0}; {1} blocks with problems were left as written.', target.path, String(result.problems.length)));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Published {0} with {1} images.', target.path, String(result.images.length)));
  }
}
