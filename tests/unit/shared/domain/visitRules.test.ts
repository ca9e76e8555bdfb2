import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkVisitTimes,
  durationMinutes,
  findOverlap,
  formatDuration,
  isWorkingDay,
  overlapsWithin,
  parseDate,
  parseTimeOfDay,
  parseVisitTime,
  toApiTime,
  weekMonday,
  workingDaysOfWeek,
} from '../../../../shared/domain/visitRules';

const NOW = '2024-06-05 18:00';

describe('parseTimeOfDay: what people type in the bulk grid', () => {
  it.each([
    ['0930', '09:30'],
    ['930', '09:30'],
    ['9:30', '09:30'],
    ['09:30', '09:30'],
    ['9：30', '09:30'],
    ['９３０', '09:30'],
    ['9.30', '09:30'],
    ['9点30', '09:30'],
    ['9', '09:00'],
    ['1405', '14:05'],
    ['0000', '00:00'],
    ['23:59', '23:59'],
    [' 1015 ', '10:15'],
  ])('%s → %s', (raw, want) => {
    expect(parseTimeOfDay(raw)).toBe(want);
  });

  it.each(['2460', '2400', '9:3', '9:300', 'abc', '', '12345', '-930', '9:60'])('rejects %s', (raw) => {
    expect(parseTimeOfDay(raw)).toBeNull();
  });
});

describe('parseDate and parseVisitTime', () => {
  it('reads the common ways a date is written and refuses impossible dates', () => {
    expect(parseDate('2024-06-03')).toBe('2024-06-03');
    expect(parseDate('2024/6/3')).toBe('2024-06-03');
    expect(parseDate('2024年6月3日')).toBe('2024-06-03');
    expect(parseDate('20240603')).toBe('2024-06-03');
    expect(parseDate('2024-02-30')).toBeNull();
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });

  it('reads a full local time or a bare time with a date, always to the stored form', () => {
    expect(parseVisitTime('2024-06-03T09:30')).toBe('2024-06-03 09:30');
    expect(parseVisitTime('2024-06-03 09:30')).toBe('2024-06-03 09:30');
    expect(parseVisitTime('2024-06-03T09:30:45')).toBe('2024-06-03 09:30');
    expect(parseVisitTime('0930', '2024-06-03')).toBe('2024-06-03 09:30');
    expect(parseVisitTime('0930')).toBeNull();
    expect(parseVisitTime('2024-06-03T25:00')).toBeNull();
    expect(toApiTime('2024-06-03 09:30')).toBe('2024-06-03T09:30');
  });
});

describe('duration', () => {
  it('counts minutes, also across midnight and month ends', () => {
    expect(durationMinutes('2024-06-03 09:30', '2024-06-03 10:15')).toBe(45);
    expect(durationMinutes('2024-06-30 23:50', '2024-07-01 00:20')).toBe(30);
    expect(durationMinutes('2024-06-03 10:00', '2024-06-03 09:00')).toBe(-60);
    expect(formatDuration(135)).toBe('2小时15分钟');
    expect(formatDuration(40)).toBe('40分钟');
    expect(formatDuration(480)).toBe('8小时');
  });
});

describe('checkVisitTimes', () => {
  it('accepts a normal visit and computes its duration', () => {
    const r = checkVisitTimes({ signIn: '0930', signOut: '1015', date: '2024-06-03', now: NOW });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ signIn: '2024-06-03 09:30', signOut: '2024-06-03 10:15', durationMinutes: 45 });
  });

  it('refuses a sign-out before or at the sign-in, naming 签退时间', () => {
    for (const out of ['0900', '0930']) {
      const r = checkVisitTimes({ signIn: '0930', signOut: out, date: '2024-06-03', now: NOW });
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].field).toBe('signOut');
      expect(r.problems[0].message).toMatch(/^签退时间：须晚于签到时间/);
    }
  });

  it('refuses a visit in the future', () => {
    const r = checkVisitTimes({ signIn: '2024-06-05T18:30', signOut: '2024-06-05T19:00', now: NOW });
    expect(r.problems.map((p) => p.field)).toContain('signIn');
    expect(r.problems[0].message).toContain('晚于当前时间');
    const out = checkVisitTimes({ signIn: '2024-06-05T17:30', signOut: '2024-06-05T18:30', now: NOW });
    expect(out.problems).toEqual([expect.objectContaining({ field: 'signOut', message: expect.stringContaining('晚于当前时间') })]);
  });

  it('asks to confirm a visit over 8 hours, and accepts it when confirmed', () => {
    const long = { signIn: '2024-06-03T08:00', signOut: '2024-06-03T16:01', now: NOW };
    const r = checkVisitTimes(long);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toContain('超过8小时');
    expect(r.problems[0].message).toContain('确认');
    expect(checkVisitTimes({ ...long, confirmLong: true }).problems).toEqual([]);
    expect(checkVisitTimes({ ...long, signOut: '2024-06-03T16:00' }).problems).toEqual([]);
  });

  it('says which field is unreadable, and requires a sign-out unless open visits are allowed', () => {
    expect(checkVisitTimes({ signIn: '25:00', date: '2024-06-03', signOut: '1000', now: NOW }).problems[0]).toMatchObject({ field: 'signIn' });
    expect(checkVisitTimes({ signIn: '0930', date: '2024-06-03', signOut: 'xx', now: NOW }).problems[0]).toMatchObject({ field: 'signOut' });
    expect(checkVisitTimes({ signIn: '', now: NOW }).problems[0]).toMatchObject({ field: 'signIn', message: '签到时间：请填写' });
    expect(checkVisitTimes({ signIn: '0930', date: '2024-06-03', now: NOW }).problems[0]).toMatchObject({ field: 'signOut' });
    expect(checkVisitTimes({ signIn: '0930', date: '2024-06-03', now: NOW, allowOpen: true }).problems).toEqual([]);
    expect(checkVisitTimes({ signIn: '0930', date: '2024-06-03', durationMinutes: 25, now: NOW }).signOut).toBe('2024-06-03 09:55');
  });
});

describe('overlaps', () => {
  const a = { start: '2024-06-03 09:00', end: '2024-06-03 10:00' };
  it('finds an overlapping interval, treating touching ends as no overlap', () => {
    expect(findOverlap({ start: '2024-06-03 09:30', end: '2024-06-03 09:45' }, [a])).toBe(a);
    expect(findOverlap({ start: '2024-06-03 08:30', end: '2024-06-03 09:01' }, [a])).toBe(a);
    expect(findOverlap({ start: '2024-06-03 10:00', end: '2024-06-03 10:30' }, [a])).toBeNull();
    expect(findOverlap({ start: '2024-06-03 08:00', end: '2024-06-03 09:00' }, [a])).toBeNull();
    expect(findOverlap({ start: '2024-06-03 08:00', end: '2024-06-03 11:00' }, [a])).toBe(a);
  });

  it('blames the later row of an overlapping pair within a batch', () => {
    const rows = [
      { start: '2024-06-03 09:00', end: '2024-06-03 10:00' },
      { start: '2024-06-03 11:00', end: '2024-06-03 11:30' },
      null,
      { start: '2024-06-03 09:50', end: '2024-06-03 10:20' },
      { start: '2024-06-03 08:00', end: '2024-06-03 08:30' },
      { start: '2024-06-03 10:00', end: '2024-06-03 10:10' },
    ];
    expect(overlapsWithin(rows)).toEqual([
      { index: 3, other: 0 },
      { index: 5, other: 3 },
    ]);
  });
});

describe('calendar', () => {
  it('knows working days and weeks', () => {
    expect(weekMonday('2024-06-05')).toBe('2024-06-03');
    expect(weekMonday('2024-06-09')).toBe('2024-06-03');
    expect(weekMonday('2024-06-03')).toBe('2024-06-03');
    expect(workingDaysOfWeek('2024-06-03')).toEqual(['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07']);
    expect(isWorkingDay('2024-06-07')).toBe(true);
    expect(isWorkingDay('2024-06-08')).toBe(false);
    expect(isWorkingDay('2024-06-09')).toBe(false);
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
  });
});
