import * as assert from 'node:assert/strict';
import { fieldKeysOf, noteLanguage, writingStyleOf } from '../../src/core/templates/noteLanguage';

describe('the language text is written in: noteLanguage, fieldKeysOf, writingStyleOf', () => {
  const japaneseReport = [
    '# クラウドネイティブ会議 2025 レポート',
    '',
    '## Kubernetes',
    '',
    '### eBPF で作るオブザーバビリティ',
    '',
    'Cilium と Hubble を使った監視の事例。本番環境での運用の話が中心でした。',
    'https://example.com/slides/observability-with-ebpf-and-cilium',
  ].join('\n');

  it('reads a Japanese report with English product names and links as Japanese', () => {
    assert.equal(noteLanguage(japaneseReport), 'ja');
  });

  it('reads an English report as English, also when it quotes a Japanese title', () => {
    const english = '# DevConf 2024\n\n## Cloud\n\n### Scaling Postgres\n\nA talk about sharding and replicas, with the slides of 「分散」 in the appendix.\n';
    assert.equal(noteLanguage(english), 'en');
  });

  it('cannot tell the language of a note with too little text, nor read Chinese as Japanese', () => {
    assert.equal(noteLanguage('# C\n'), undefined);
    assert.equal(noteLanguage(''), undefined);
    assert.equal(noteLanguage('# 云原生大会\n\n## 数据库\n\n分布式数据库的实践与运维经验分享。'), undefined, 'no kana and no Latin letters: nothing to go by');
  });

  it('finds the keys the note writes its fields with, as written, ignoring prose', () => {
    const keys = fieldKeysOf('---\nconference: X\n---\n\n### Talk\n\n- **登壇者:** 山田\n- 状態：参加\n- Note: not a field\n時間:: 10:00\n');
    assert.deepEqual([...keys], [['conference', 'conference'], ['speakers', '登壇者'], ['status', '状態'], ['time', '時間']]);
  });

  it('writes each field with the note’s key, other fields in the keys’ language, placeholders in the text’s', () => {
    const withJapaneseKeys = writingStyleOf('# Conf\n\n## Track\n\n### Talk\n\n- 登壇者: Ada Lovelace\n\nAll about engines and punch cards.\n', 'en');
    assert.equal(withJapaneseKeys.keys.speakers, '登壇者');
    assert.equal(withJapaneseKeys.keys.status, '状態');
    assert.equal(withJapaneseKeys.language, 'en', 'the text is English');

    const mixed = writingStyleOf(japaneseReport + '\n- Speakers: 山田\n', 'ja');
    assert.equal(mixed.keys.speakers, 'Speakers', 'the key as the note writes it');
    assert.equal(mixed.keys.status, 'status', 'English keys beside English keys');
    assert.equal(mixed.language, 'ja');
  });

  it('does not let English front matter keys make a Japanese report’s keys English', () => {
    const style = writingStyleOf(`---\nconference: 秋のカンファレンス\ndates: 2024-10-01\n---\n\n${japaneseReport}`, 'en');
    assert.equal(style.keys.speakers, '登壇者');
    assert.equal(style.keys.status, '状態');
  });

  it('falls back to the note’s language, then to the display language', () => {
    assert.deepEqual(writingStyleOf(japaneseReport, 'en'), { language: 'ja', keys: { speakers: '登壇者', track: 'トラック', status: '状態', slides: 'スライド', video: '動画', tags: 'タグ' } });
    assert.equal(writingStyleOf('', 'ja').keys.status, '状態');
    assert.equal(writingStyleOf('', 'ja-JP').language, 'ja');
    assert.equal(writingStyleOf('', 'en').keys.speakers, 'speakers');
  });
});
