// Conferences of one series, recognised from their names (or a series name given for them) and listed in time order.
import assert from 'node:assert/strict';
import { conferenceTime } from '../../src/core/stats/conferenceOrder';
import { seriesKey, seriesUpTo } from '../../src/core/stats/series';

const KUBECON = ['KubeCon + CloudNativeCon NA 2019', 'KubeCon + CloudNativeCon Europe 2020 Virtual', 'KubeCon + CloudNativeCon NA 2020 Virtual'];

describe('conference series', () => {
  it('recognises one series across regions, years and "Virtual", in any width and case', () => {
    const keys = new Set([...KUBECON, 'ＫｕｂｅＣｏｎ ＋ ＣｌｏｕｄＮａｔｉｖｅＣｏｎ Japan 2025'].map((name) => seriesKey(name)));
    assert.equal(keys.size, 1);
    assert.notEqual(seriesKey('RubyKaigi 2024'), seriesKey('KubeCon + CloudNativeCon NA 2019'));
    assert.notEqual(seriesKey('PyCon US 2024'), seriesKey('DjangoCon US 2024'));
  });

  it('lets a series name the user gives decide', () => {
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
});
