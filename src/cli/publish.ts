// `conference-notes publish REPORT --out DIR`: the report with every `conference-stats` block replaced by an image (SVG,
// or PNG with --format png) and the Markdown table, written into DIR with the images beside it. The report is only
// read, and an existing output file is replaced only with --force.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { NoteIndex } from '../core/notes/noteIndex';
import { CHART_MESSAGES } from '../core/stats/chart';
import { PUBLISH_FORMATS, publishReport, type PublishedImage, type PublishFormat } from '../core/stats/publish';
import { STATS_MESSAGES, type StatsLabels } from '../core/stats/stats';
import { svgToPng } from './pngImage';
import { CLI_MESSAGES as M, cliText } from './text';

interface PublishArguments {
  readonly report: string;
  readonly out: string;
  readonly notes: readonly string[];
  readonly theme: 'light' | 'dark';
  readonly format: PublishFormat;
  readonly force: boolean;
}

type Io = { out(text: string): void; err(text: string): void };

function parsePublishArguments(argv: readonly string[]): PublishArguments | string {
  const positional: string[] = [];
  const notes: string[] = [];
  let out: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  let format: PublishFormat = 'svg';
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : undefined);
    if (argument === '--out' || argument === '-o') out = value() ?? '';
    else if (argument === '--notes') notes.push(value() ?? '');
    else if (argument === '--force') force = true;
    else if (argument === '--theme') {
      const given = value();
      if (given !== 'light' && given !== 'dark') return cliText(M.invalidChoice, argument, 'light, dark');
      theme = given;
    } else if (argument === '--format') {
      const given = value();
      const chosen = PUBLISH_FORMATS.find((each) => each === given);
      if (!chosen) return cliText(M.invalidChoice, argument, PUBLISH_FORMATS.join(', '));
      format = chosen;
    } else if (argument.startsWith('-')) return cliText(M.unknownOption, argument);
    else positional.push(argument);
  }
  if (positional.length !== 1 || !out || notes.includes('')) return cliText(M.publishUsage);
  return { report: positional[0], out, notes: notes.length > 0 ? notes : [path.dirname(positional[0])], theme, format, force };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

function localized<K extends string>(messages: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(messages).map(([key, text]) => [key, cliText(text)])) as Record<K, string>;
}

/** Runs `publish`; `readIndex` reads the notes the charts count, as the other commands read them. */
export async function runPublish(argv: readonly string[], io: Io, readIndex: (paths: readonly string[]) => Promise<NoteIndex | undefined>): Promise<number> {
  const parsed = parsePublishArguments(argv);
  if (typeof parsed === 'string') {
    io.err(`conference-notes: ${parsed}\n${cliText(M.seeHelp)}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await fs.readFile(parsed.report, 'utf8');
  } catch (error) {
    io.err(`conference-notes: ${cliText(M.cannotRead, parsed.report, (error as Error).message)}\n`);
    return 1;
  }
  const index = await readIndex(parsed.notes);
  if (!index) return 1;
  const fileName = path.basename(parsed.report);
  const result = publishReport(text, index, {
    reportName: fileName.replace(/\.[^.]+$/, ''),
    palette: parsed.theme,
    format: parsed.format,
    labels: localized(STATS_MESSAGES) as StatsLabels,
    chartMessages: localized(CHART_MESSAGES),
  });
  const target = path.resolve(parsed.out, fileName);
  if (target === path.resolve(parsed.report)) {
    io.err(`conference-notes: ${cliText(M.publishSameFile)}\n`);
    return 1;
  }
  const imageFile = (image: PublishedImage) => path.join(parsed.out, image.fileName);
  const files = [target, ...result.images.map(imageFile)];
  if (!parsed.force) {
    for (const file of files) {
      if (await exists(file)) {
        io.err(`conference-notes: ${cliText(M.publishExists, file)}\n`);
        return 1;
      }
    }
  }
  // Every image is drawn before anything is written: a PNG that cannot be drawn leaves no half-published copy.
  const writes: { file: string; content: string | Uint8Array }[] = [{ file: target, content: result.markdown }];
  try {
    for (const image of result.images) writes.push({ file: imageFile(image), content: parsed.format === 'png' ? await svgToPng(image.svg) : image.svg });
  } catch (error) {
    io.err(`conference-notes: ${(error as Error).message}\n`);
    return 1;
  }
  for (const problem of result.problems) io.err(`${cliText(M.publishBlockProblem, parsed.report, problem.line + 1, cliText(problem.message, ...problem.args))}\n`);
  await fs.mkdir(parsed.out, { recursive: true });
  for (const write of writes) {
    await fs.writeFile(write.file, write.content);
    io.err(`${cliText(M.wrote, write.file)}\n`);
  }
  return 0;
}
