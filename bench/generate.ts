// Deterministic synthetic workspaces for the benchmark. Every note is a pure function of its number (a seeded
// PRNG, no clock, no Math.random), so the 1,000-note workspace is exactly the first 1,000 notes of the 10,000-note
// one and every run on every machine measures the same bytes. The mix imitates real conference notes: mostly
// one-file-per-session notes with front matter, some whole-conference reports with tracks and sessions as
// headings, some notes with no front matter that only layout inference reads (one talk per file with the speaker
// in an H3 title, day files with `### Title by Speaker` sessions, meetup pages with a day and lettered talks), code
// fences full of `#` comment lines, a few Japanese notes and a few CRLF files, 1–14 KB each.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Bump whenever the generated text changes: workspaces written by another version are regenerated. */
export const GENERATOR_VERSION = 3;

/** Where the workspaces live (git-ignored). */
const WORKSPACES_DIR = path.join(__dirname, '.workspaces');

/** One generated note. */
interface GeneratedNote {
  /** Path relative to the workspace root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** Sessions the parser must find in it: the benchmark checks the index against the sum. */
  readonly sessions: number;
}

/** A workspace on disk, as recorded in its manifest. */
export interface BenchWorkspace {
  readonly root: string;
  /** Relative paths, `/`-separated, in note order. */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly sessions: number;
}

interface Manifest {
  readonly version: number;
  readonly notes: number;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly sessions: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast and good enough to vary text; the same seed always gives the same sequence. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items (fewer if the pool is smaller). */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return chosen;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

const CONFERENCES = [
  'kubecon-na', 'kubecon-eu', 'open-source-summit', 'fosdem', 'pycon-us', 'pycon-jp', 'djangocon-us', 'jsconf',
  'reactconf', 'gophercon', 'rustconf', 'strange-loop', 'qcon-london', 'devoxx-be', 'aws-reinvent', 'google-next',
  'ms-build', 'hashiconf', 'dockercon', 'srecon', 'monitorama', 'velocity', 'oscon', 'cloud-native-days-tokyo',
  'builderscon', 'yapc-japan', 'rubykaigi', 'php-conference-japan', 'droidkaigi', 'try-swift-tokyo',
];
const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024', '2025'];
const TRACKS = [
  'Keynote', 'Observability', 'Security', 'Networking', 'Storage', 'CI/CD', 'Serverless', 'Machine Learning',
  'Developer Experience', 'Platform Engineering', 'Application Development', 'Runtime', 'Community', 'Case Studies',
  'Performance', 'Databases', 'Frontend', 'Mobile', 'Testing', 'Architecture', 'Operations', 'Data Engineering',
  'Maintainer Track', 'Lightning Talks', 'Edge Computing', 'WebAssembly',
];
const JAPANESE_TRACKS = ['基調講演', 'オブザーバビリティ', 'セキュリティ', 'ネットワーク', 'ストレージ', '開発者体験', 'コミュニティ', '事例紹介', '運用'];
const FIRST_NAMES = ['Priya', 'Tomás', 'Hannah', 'Kenji', 'Amara', 'Lukas', 'Sofia', 'Wei', 'Fatima', 'Olu', 'Marta', 'Diego', 'Aiko', 'Sven', 'Leila', 'Ravi', 'Chloé', 'Mateo', 'Yuki', 'Nadia'];
const LAST_NAMES = ['Raman', 'Oliveira', 'Lindqvist', 'Watanabe', 'Okafor', 'Becker', 'Marino', 'Zhang', 'Haddad', 'Adeyemi', 'Nowak', 'García', 'Sato', 'Eriksen', 'Karimi', 'Iyer', 'Martin', 'Silva', 'Tanaka', 'Petrova'];
const JAPANESE_NAMES = ['山田 太郎', '佐藤 花子', '鈴木 一郎', '高橋 美咲', '田中 健', '伊藤 さくら', '渡辺 直樹', '中村 葵'];
const TITLE_OPENERS = ['Scaling', 'Debugging', 'Securing', 'Observing', 'Migrating', 'Testing', 'Operating', 'Building', 'Rethinking', 'Automating', 'Profiling', 'Hardening'];
const TITLE_SUBJECTS = [
  'Multi-Cluster Workloads', 'the Control Plane', 'Service Meshes', 'Event-Driven Systems', 'Stateful Applications',
  'Build Pipelines', 'Edge Deployments', 'Inference Servers', 'Legacy Monoliths', 'Feature Flags', 'Distributed Caches',
  'Supply Chains', 'Developer Portals', 'Time-Series Storage', 'GraphQL Gateways', 'Batch Schedulers',
];
const TITLE_ENDINGS = ['at Scale', 'Without Downtime', 'in Production', 'the Hard Way', 'for Small Teams', 'on a Budget', 'with eBPF', 'in 2025', ''];
const TAGS = ['kubernetes', 'opentelemetry', 'ebpf', 'wasm', 'rust', 'go', 'python', 'sre', 'security', 'gitops', 'llm', 'postgres'];
const STATUSES = ['attended', 'watched', 'to-watch', 'planned', 'skipped'];
const JAPANESE_STATUSES = ['参加', '視聴済み', 'あとで見る', '参加予定'];
const WORDS = (
  'the a of and to in latency throughput cluster node pod operator controller reconcile loop sidecar proxy request ' +
  'trace span metric histogram bucket exemplar sampling budget incident postmortem rollout canary rollback release ' +
  'pipeline artifact signature attestation policy admission webhook quota tenant namespace region zone replica ' +
  'leader election consensus snapshot compaction index query planner cache eviction memory allocation garbage ' +
  'collector thread scheduler runtime kernel syscall network packet retry timeout backoff circuit breaker team ' +
  'ownership platform developer experience golden path template migration was is were showed explained argued ' +
  'demonstrated measured compared reduced improved about with without because while after before during every'
).split(' ');
const JAPANESE_SENTENCES = [
  'クラスタの台数が増えるとコントロールプレーンの負荷が問題になる、という話でした。',
  'サンプリングの設定次第でトレースのコストは大きく変わります。',
  '登壇者はロールバックの手順を事前に練習しておくことを強く勧めていました。',
  '質疑応答では、既存のモノリスからの移行期間について多くの質問が出ました。',
  'デモでは eBPF を使ってシステムコールのレイテンシを可視化していました。',
  'チームの責任範囲を明確にすることが、結局いちばん効くという結論でした。',
  '資料は後日公開されるとのことなので、公開されたらリンクを追記します。',
];
const CODE_SAMPLES = [
  ['```bash', '# install the operator', 'kubectl apply -f operator.yaml', '# wait for the rollout', 'kubectl rollout status deploy/operator', '```'],
  ['```yaml', '# sampling policy', 'processors:', '  tail_sampling:', '    decision_wait: 10s', '    # keep slow requests', '    policies: [{ name: slow, type: latency }]', '```'],
  ['```python', '# retry with backoff', 'for attempt in range(5):', '    # exponential, capped', '    delay = min(2 ** attempt, 30)', '```'],
  ['```', '# Not a heading: a comment in a fence', '## Not a track either', '### Nor a session', '```'],
  ['~~~sh', '# profile the hot path', 'perf record -g ./server', '# then look at the flame graph', '~~~'],
];

// ---------------------------------------------------------------------------------------------------------------
// Text pieces

function sentence(dice: Dice): string {
  const words = Array.from({ length: dice.int(8, 22) }, () => dice.pick(WORDS));
  return `${words[0].charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
}

function paragraph(dice: Dice, japanese: boolean): string {
  const count = dice.int(2, 5);
  return Array.from({ length: count }, () => (japanese ? dice.pick(JAPANESE_SENTENCES) : sentence(dice))).join(japanese ? '' : ' ');
}

function bulletList(dice: Dice, japanese: boolean): string {
  return Array.from({ length: dice.int(2, 5) }, () => `- ${japanese ? dice.pick(JAPANESE_SENTENCES) : sentence(dice)}`).join('\n');
}

function speakerName(dice: Dice, japanese: boolean): string {
  return japanese ? dice.pick(JAPANESE_NAMES) : `${dice.pick(FIRST_NAMES)} ${dice.pick(LAST_NAMES)}`;
}

function speakers(dice: Dice, japanese: boolean): string[] {
  return Array.from({ length: dice.int(1, 3) }, () => speakerName(dice, japanese));
}

function sessionTitle(dice: Dice, note: number, session = 0): string {
  const ending = dice.pick(TITLE_ENDINGS);
  const title = `${dice.pick(TITLE_OPENERS)} ${dice.pick(TITLE_SUBJECTS)}${ending ? ` ${ending}` : ''}`;
  // The note's number and the session's keep every title distinct in the workspace: two sessions of one title in one
  // conference on one day would be one talk (core/notes/sessionIdentity.ts), and the counts would no longer match.
  const id = session === 0 ? `${note}` : `${note}.${session}`;
  return dice.chance(0.1) ? `Keynote: ${title} (${id})` : `${title} (${id})`;
}

function date(dice: Dice, year: string): string {
  return `${year}-${String(dice.int(1, 12)).padStart(2, '0')}-${String(dice.int(1, 28)).padStart(2, '0')}`;
}

/** Body blocks (paragraphs, lists, code, a deeper heading now and then) until the text reaches `bytes`. */
function body(dice: Dice, japanese: boolean, bytes: number, headingLevel: number): string {
  const blocks: string[] = [];
  let size = 0;
  while (size < bytes) {
    const roll = dice.int(0, 9);
    const block =
      roll < 5 ? paragraph(dice, japanese)
        : roll < 7 ? bulletList(dice, japanese)
          : roll < 9 ? dice.pick(CODE_SAMPLES).join('\n')
            : `${'#'.repeat(headingLevel)} ${japanese ? 'メモ' : dice.pick(['Takeaways', 'Questions', 'Demo', 'Notes'])}`;
    blocks.push(block);
    size += Buffer.byteLength(block) + 2;
  }
  return blocks.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The two layouts

function sessionFile(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const conference = dice.pick(CONFERENCES);
  const year = dice.pick(YEARS);
  const title = sessionTitle(dice, number);
  const who = speakers(dice, japanese);
  const lines = ['---', 'type: session'];
  if (dice.chance(0.3)) lines.push(`title: ${title.replace(/:/g, ' -')}`);
  lines.push(`track: ${dice.pick(japanese ? JAPANESE_TRACKS : TRACKS)}`);
  if (dice.chance(0.5)) lines.push(`speakers: [${who.join(', ')}]`);
  else lines.push('speakers:', ...who.map((name) => `  - ${name}`));
  lines.push(`date: ${date(dice, year)}`);
  if (dice.chance(0.5)) lines.push(`status: ${dice.pick(japanese ? JAPANESE_STATUSES : STATUSES)}`);
  if (dice.chance(0.4)) lines.push(`tags: [${dice.some(TAGS, dice.int(1, 3)).join(', ')}]`);
  lines.push('---', '', `# ${title}`, '', body(dice, japanese, sizeOf(dice, 1, 8), 2), '');
  const slug = `talk-${String(number).padStart(5, '0')}`;
  return { path: `${year}/${conference}/${slug}.md`, text: lines.join('\n'), sessions: 1 };
}

function reportFile(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const conference = dice.pick(CONFERENCES);
  const year = dice.pick(YEARS);
  const name = `${conference.replace(/-/g, ' ')} ${year}`;
  const lines: string[] = [];
  if (dice.chance(0.5)) {
    lines.push('---', `conference: ${name}`, `date: ${date(dice, year)}`);
    if (dice.chance(0.5)) lines.push(`tags: [report, ${dice.pick(TAGS)}]`);
    lines.push('---', '');
  }
  lines.push(`# ${name} ${japanese ? 'レポート' : 'report'}`, '', `## ${japanese ? '概要' : 'Overview'}`, '', paragraph(dice, japanese), '');
  // Up to one session (≤ 2 KB) goes past the target, so reports end between 4 and 14 KB.
  const target = sizeOf(dice, 4, 12);
  let sessions = 0;
  let size = Buffer.byteLength(lines.join('\n'));
  for (const track of dice.some(japanese ? JAPANESE_TRACKS : TRACKS, 8)) {
    if (size >= target) break;
    lines.push(`## ${track}`, '');
    for (let count = dice.int(1, 4); count > 0 && size < target; count--) {
      const session = [`### ${sessionTitle(dice, number, ++sessions)}`, ''];
      session.push(`- ${japanese ? '登壇者' : 'speakers'}: ${speakers(dice, japanese).join(', ')}`);
      if (dice.chance(0.7)) session.push(`- ${japanese ? '状態' : 'status'}: ${dice.pick(japanese ? JAPANESE_STATUSES : STATUSES)}`);
      session.push('', body(dice, japanese, dice.int(300, 1400), 4), '');
      lines.push(...session);
      size += Buffer.byteLength(session.join('\n'));
    }
  }
  lines.push(`## ${japanese ? 'まとめ' : 'Summary'}`, '', paragraph(dice, japanese), '');
  return { path: `reports/${conference}-${year}-${String(number).padStart(5, '0')}.md`, text: lines.join('\n'), sessions };
}

// Notes without front matter or settings, in the shapes real repositories use: layout inference reads them.

function unconfiguredTalk(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const lines = [
    `### "${sessionTitle(dice, number)}" by ${speakerName(dice, japanese)}`, '',
    `#### ${japanese ? '概要' : 'Abstract'}`, '', paragraph(dice, japanese), '',
    `#### ${japanese ? 'メモ' : 'Notes'}`, '', body(dice, japanese, sizeOf(dice, 1, 6), 5), '',
  ];
  return { path: `${dice.pick(YEARS)}/${dice.pick(CONFERENCES)}-talks/talk-${String(number).padStart(5, '0')}.md`, text: lines.join('\n'), sessions: 1 };
}

function unconfiguredDay(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const lines: string[] = [];
  const count = dice.int(2, 7);
  for (let session = 1; session <= count; session++) {
    lines.push(`### ${sessionTitle(dice, number, session)} by ${speakerName(dice, japanese)}`, '', body(dice, japanese, dice.int(400, 1600), 4), '');
  }
  const folder = `${dice.pick(CONFERENCES)}_${dice.pick(YEARS)}_${String(number).padStart(5, '0')}`;
  return { path: `days/${folder}/day${dice.int(1, 4)}.md`, text: lines.join('\n'), sessions: count };
}

/** A meetup page: the event as H1, a day heading, lettered talks. */
function unconfiguredMeetup(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const lines = [`# ${dice.pick(CONFERENCES).replace(/-/g, ' ')} ${dice.pick(YEARS)} meetup`, '', `## ${japanese ? '1日目' : 'Day 1'}`, ''];
  const count = dice.int(2, 5);
  for (let session = 0; session < count; session++) {
    lines.push(`### ${String.fromCharCode(0x41 + session)}. ${sessionTitle(dice, number, session + 1)}`, '', paragraph(dice, japanese), '', bulletList(dice, japanese), '');
  }
  lines.push(`## ${japanese ? '所感' : 'To look up'}`, '', bulletList(dice, japanese), '');
  return { path: `meetups/meetup-${String(number).padStart(5, '0')}.md`, text: lines.join('\n'), sessions: count };
}

function unconfiguredFile(dice: Dice, number: number, japanese: boolean): GeneratedNote {
  const roll = dice.int(0, 9);
  return roll < 5 ? unconfiguredTalk(dice, number, japanese) : roll < 8 ? unconfiguredDay(dice, number, japanese) : unconfiguredMeetup(dice, number, japanese);
}

/** A size in bytes between `minKb` and `maxKb`, skewed towards the small end like real notes. */
function sizeOf(dice: Dice, minKb: number, maxKb: number): number {
  const low = dice.int(minKb * 1024, maxKb * 1024);
  const high = dice.int(minKb * 1024, maxKb * 1024);
  return Math.min(low, high);
}

/** Note number `number` of every workspace: 15 % reports, 15 % without front matter, 5 % Japanese, 3 % CRLF. */
function generateNote(number: number): GeneratedNote {
  const dice = new Dice(prng(0x5eed ^ Math.imul(number + 1, 0x9e3779b1)));
  const japanese = dice.chance(0.05);
  const roll = dice.int(0, 99);
  const note = roll < 15 ? reportFile(dice, number, japanese) : roll < 30 ? unconfiguredFile(dice, number, japanese) : sessionFile(dice, number, japanese);
  return dice.chance(0.03) ? { ...note, text: note.text.replace(/\n/g, '\r\n') } : note;
}

// ---------------------------------------------------------------------------------------------------------------
// On disk

function workspaceName(notes: number): string {
  return `v${GENERATOR_VERSION}-${notes}`;
}

const WORKSPACE_NAME = /^v\d+-\d+$/;

async function readManifest(root: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(root, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * The workspace of `notes` notes, written on first use. The manifest is written last, so a run interrupted
 * mid-write leaves no manifest and the next run starts that workspace over. Workspaces of older generator
 * versions are deleted.
 */
export async function ensureWorkspace(notes: number, log: (message: string) => void): Promise<BenchWorkspace> {
  const root = path.join(WORKSPACES_DIR, workspaceName(notes));
  const existing = await readManifest(root);
  if (existing && existing.version === GENERATOR_VERSION && existing.notes === notes) return { root, ...existing };

  await fs.mkdir(WORKSPACES_DIR, { recursive: true });
  for (const entry of await fs.readdir(WORKSPACES_DIR)) {
    if (WORKSPACE_NAME.test(entry) && !entry.startsWith(`v${GENERATOR_VERSION}-`)) {
      await fs.rm(path.join(WORKSPACES_DIR, entry), { recursive: true, force: true });
    }
  }
  await fs.rm(root, { recursive: true, force: true });
  log(`Generating ${notes.toLocaleString('en')} notes…`);
  const files: string[] = [];
  let bytes = 0;
  let sessions = 0;
  const folders = new Set<string>();
  for (let number = 0; number < notes; number++) {
    const note = generateNote(number);
    const file = path.join(root, ...note.path.split('/'));
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await fs.writeFile(file, note.text);
    files.push(note.path);
    bytes += Buffer.byteLength(note.text);
    sessions += note.sessions;
  }
  const manifest: Manifest = { version: GENERATOR_VERSION, notes, files, bytes, sessions };
  await fs.writeFile(path.join(root, 'manifest.json'), JSON.stringify(manifest));
  return { root, ...manifest };
}
