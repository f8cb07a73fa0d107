// Conferences of one series, recognised from their names (or front matter `series`) and listed in time order.
import assert from 'node:assert/strict';
import { conferenceTime } from '../../src/core/stats/conferenceOrder';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { parseNote } from '../../src/core/notes/parser';
import { seriesKey, seriesNamesOf, seriesUpTo } from '../../src/core/stats/series';

const KUBECON = ['KubeCon + CloudNativeCon NA 2019', 'KubeCon + CloudNativeCon Europe 2020 Virtual', 'KubeCon + CloudNativeCon NA 2020 Virtual'];

describe('conference series', () => {
  it('recognises one series across regions, years and "Virtual", in any width and case', () => {
    const keys = new Set([...KUBECON, 'ＫｕｂｅＣｏｎ ＋ ＣｌｏｕｄＮａｔｉｖｅＣｏｎ Japan 2025'].map((name) => seriesKey(name)));
    assert.equal(keys.size, 1);
    assert.notEqual(seriesKey('RubyKaigi 2024'), seriesKey('KubeCon + CloudNativeCon NA 2019'));
    assert.notEqual(seriesKey('PyCon US 2024'), seriesKey('DjangoCon US 2024'));
  });

  it('lets front matter `series` name the series', () => {
    assert.equal(seriesKey('Open Source Summit Japan 2024', 'Linux Foundation events'), seriesKey('Embedded Linux Conference 2023', 'linux foundation EVENTS'));
    assert.notEqual(seriesKey('Open Source Summit Japan 2024', 'Linux Foundation events'), seriesKey('Open Source Summit Japan 2023'));
  });

  it('lists the series up to a conference in time order, dates before names', () => {
    const dates: Record<string, string> = {
      'KubeCon + CloudNativeCon NA 2019': '2019-11-18',
      'KubeCon + CloudNativeCon Europe 2020 Virtual': '2020-08-17',
      'KubeCon + CloudNativeCon NA 2020 Virtual': '2020-11-17',
      'KubeCon + CloudNativeCon Europe 2021 Virtual': '2021-05-04',
    };
    const names = [...Object.keys(dates).reverse(), 'RubyKaigi 2020'];
    const timeOf = (name: string) => conferenceTime(name, [dates[name]]);
    assert.deepEqual(seriesUpTo('KubeCon + CloudNativeCon NA 2020 Virtual', names, timeOf), KUBECON);
    assert.deepEqual(seriesUpTo('RubyKaigi 2020', names, timeOf), ['RubyKaigi 2020']);
  });

  it('reads `series` from a report’s front matter and groups by it', () => {
    const report = (name: string, conference: string, series: string | undefined, date: string) => parseNote(
      `---\ntype: report\nconference: ${conference}\n${series ? `series: ${series}\n` : ''}---\n\n# ${conference}\n\n## Main\n\n### A talk\n\n- date: ${date}\n\nNotes.\n`,
      { uri: `file:///notes/${name}.md`, pathSegments: [`${name}.md`], options: DEFAULT_PARSE_OPTIONS },
    );
    const index = new NoteIndex();
    index.updateMany([
      report('osj', 'Open Source Summit Japan 2024', 'LF Open Source', '2024-10-28'),
      report('ossna', 'OSS North America 2023', 'LF Open Source', '2023-05-10'),
      report('rk', 'RubyKaigi 2024', undefined, '2024-05-15'),
    ], []);
    const names = index.conferences().map((group) => group.name);
    const timeOf = (name: string) => conferenceTime(name, index.sessionsOfConference(name).map((session) => session.date));
    assert.deepEqual(seriesUpTo('Open Source Summit Japan 2024', names, timeOf, seriesNamesOf(index)), ['OSS North America 2023', 'Open Source Summit Japan 2024']);
    assert.deepEqual(seriesUpTo('RubyKaigi 2024', names, timeOf, seriesNamesOf(index)), ['RubyKaigi 2024']);
  });
});
