import assert from 'node:assert/strict';
import { FRONT_MATTER_MAX_CHARS, readFrontMatter } from '../../src/core/notes/frontMatter';

describe('readFrontMatter', () => {
  it('finds no front matter unless the text starts with a --- line', () => {
    for (const text of ['# Title\n---\na: b\n---\n', '\n---\na: b\n---\n', '']) {
      const result = readFrontMatter(text);
      assert.deepEqual([result.data, result.bodyOffset, result.bodyLine, result.problem], [{}, 0, 0, undefined]);
    }
  });

  it('reads flat front matter and tells where the body starts', () => {
    const text = '---\ntitle: Signing\nspeakers: [Ada, Grace]\ntags:\n  - a\n  - b\n...\n# Body\n';
    const result = readFrontMatter(text);
    assert.deepEqual({ ...result.data }, { title: 'Signing', speakers: ['Ada', 'Grace'], tags: ['a', 'b'] });
    assert.deepEqual({ ...result.keyLines }, { title: 1, speakers: 2, tags: 3 });
    assert.equal(text.slice(result.bodyOffset), '# Body\n');
    assert.equal(result.bodyLine, 7);
  });

  it('reads full YAML (quotes, nesting, comments, block scalars) through the YAML parser', () => {
    const full = readFrontMatter('---\ntitle: "Signing: keyless"  # quoted\nspeakers:\n- Ada\n- "Grace"\nextra:\n  nested: true\nabstract: |\n  two\n  lines\n---\n');
    assert.equal(full.problem, undefined);
    assert.equal(full.data.title, 'Signing: keyless');
    assert.deepEqual(full.data.speakers, ['Ada', 'Grace']);
    assert.deepEqual(full.data.extra, { nested: 'true' });
    assert.equal(full.data.abstract, 'two\nlines\n');
    assert.deepEqual({ ...full.keyLines }, { title: 1, speakers: 2, extra: 5, abstract: 7 });
  });

  it('keeps every value as written text', () => {
    for (const text of ['---\ndate: 2020-11-17\nversion: 1.10\nlevel: 3\nflag: yes\n---\n', '---\ndate: 2020-11-17\nversion: 1.10\nlevel: 3\nflag: yes # comment\n---\n']) {
      assert.deepEqual({ ...readFrontMatter(text).data }, { date: '2020-11-17', version: '1.10', level: '3', flag: 'yes' }, text);
    }
  });

  it('treats __proto__ as an ordinary key', () => {
    const result = readFrontMatter('---\n__proto__: polluted\n---\n');
    assert.equal(result.data.__proto__, 'polluted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reports invalid YAML at its document line and keeps the body', () => {
    const text = '---\ntitle: ok\nspeakers: [Ada, Grace\nstatus: attended\n---\n# Body\n';
    const result = readFrontMatter(text);
    assert.equal(result.problem?.code, 'yaml-invalid');
    assert.ok(result.problem && result.problem.line >= 2 && result.problem.line <= 3, `line ${result.problem?.line}`);
    assert.deepEqual(result.data, {});
    assert.equal(text.slice(result.bodyOffset), '# Body\n');
  });

  it('reports a duplicate key as invalid YAML', () => {
    assert.equal(readFrontMatter('---\ntrack: A\ntrack: B\n---\n').problem?.code, 'yaml-invalid');
  });

  it('caps alias expansion', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++) levels.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
    const result = readFrontMatter(`---\n${levels.join('\n')}\n---\nbody\n`);
    assert.equal(result.problem?.code, 'yaml-alias-limit');
    assert.deepEqual(result.data, {});
  });

  it('ignores front matter over the size limit without parsing it', () => {
    const result = readFrontMatter(`---\nabstract: ${'x'.repeat(FRONT_MATTER_MAX_CHARS)}\n---\n# Body\n`);
    assert.equal(result.problem?.code, 'front-matter-too-large');
    assert.equal(result.bodyLine, 3);
  });

  it('reports unclosed and non-mapping front matter', () => {
    const unclosed = readFrontMatter('---\ntitle: x\n# Body\n');
    assert.equal(unclosed.problem?.code, 'front-matter-unclosed');
    assert.equal(unclosed.bodyOffset, 0);
    assert.equal(readFrontMatter('---\n- a\n- b\n---\n').problem?.code, 'front-matter-not-mapping');
  });

  it('reads a long line of spaces as YAML does (a backtracking pattern would not finish)', () => {
    const spaces = ' '.repeat(60_000);
    const scalar = readFrontMatter(`---\nkey${spaces}x\n---\n`);
    assert.deepEqual([scalar.problem?.code, Object.keys(scalar.data)], ['front-matter-not-mapping', []]);
    const mapping = readFrontMatter(`---\nkey: x${spaces}y\n---\n`);
    assert.equal(mapping.problem, undefined);
    assert.ok(mapping.data.key === `x${spaces}y`, 'the value keeps its inner spaces');
  });

  it('reads TOML front matter between +++ lines as text values, dates as written', () => {
    const text = '+++\ntitle = "DroidKaigi 2031 参加レポート"\ndate = 2031-09-14T18:00:00+09:00\nday = 2031-09-15\ndraft = true\nweight = 3\ntags = ["Android", "イベント"]\n\n[params]\nimage = "a.png"\n+++\n# Body\n';
    const result = readFrontMatter(text);
    assert.equal(result.problem, undefined);
    assert.deepEqual(JSON.parse(JSON.stringify(result.data)), {
      title: 'DroidKaigi 2031 参加レポート', date: '2031-09-14T18:00:00+09:00', day: '2031-09-15', draft: 'true', weight: '3', tags: ['Android', 'イベント'],
      params: { image: 'a.png' },
    });
    assert.deepEqual({ ...result.keyLines }, { title: 1, date: 2, day: 3, draft: 4, weight: 5, tags: 6 });
    assert.equal(text.slice(result.bodyOffset), '# Body\n');
    assert.equal(result.bodyLine, 11);
  });

  it('reports invalid or unclosed TOML front matter and keeps the body', () => {
    const invalid = readFrontMatter('+++\ntitle = "ok"\ntitle = "twice"\n+++\n# Body\n');
    assert.deepEqual([invalid.problem?.code, invalid.problem?.line, invalid.data, invalid.bodyLine], ['toml-invalid', 2, {}, 4]);
    const unclosed = readFrontMatter('+++\ntitle = "x"\n# Body\n');
    assert.deepEqual([unclosed.problem?.code, unclosed.bodyOffset], ['toml-unclosed', 0]);
    assert.deepEqual(readFrontMatter('++ not front matter\n').problem, undefined);
  });
});
