import { describe, expect, it } from 'vitest';
import {
  calendarProblems,
  isWorkingDayIn,
  monthlyReportDue,
  nextWorkingDay,
  overdueCutoff,
  parseCalendarList,
  workingDaysOfWeekIn,
  type WorkCalendar,
} from '../../../../shared/domain/calendar';
import { addDays } from '../../../../shared/domain/visitRules';

// 2026 National Day: 10-01 … 10-08 off, Saturday 10-10 a working day (调休).
const NATIONAL_DAY: WorkCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'],
  workdays: ['2026-10-10'],
};

describe('working days', () => {
  it('are Monday to Friday without a calendar', () => {
    const empty = { holidays: [], workdays: [] };
    expect(workingDaysOfWeekIn(empty, '2026-12-07')).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    expect(isWorkingDayIn(empty, '2026-12-12')).toBe(false);
  });

  it('drop holidays and add 调休 weekend days', () => {
    expect(workingDaysOfWeekIn(NATIONAL_DAY, '2026-09-28')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    expect(workingDaysOfWeekIn(NATIONAL_DAY, '2026-10-05')).toEqual(['2026-10-09', '2026-10-10']);
    expect(isWorkingDayIn(NATIONAL_DAY, '2026-10-10')).toBe(true);
    expect(isWorkingDayIn(NATIONAL_DAY, '2026-10-11')).toBe(false);
  });

  it('roll a day off forward to the next working day', () => {
    expect(nextWorkingDay(NATIONAL_DAY, '2026-10-01')).toBe('2026-10-09');
    expect(nextWorkingDay(NATIONAL_DAY, '2026-10-09')).toBe('2026-10-09');
    expect(nextWorkingDay(NATIONAL_DAY, '2026-10-10')).toBe('2026-10-10');
  });
});

describe('monthly report due date (by the 5th, later after holidays)', () => {
  it('is the 5th when that is a working day, across the year end too', () => {
    expect(monthlyReportDue(NATIONAL_DAY, '2026-10')).toBe('2026-11-05');
    expect(monthlyReportDue(NATIONAL_DAY, '2026-12')).toBe('2027-01-05');
  });
  it('moves past a holiday and a weekend', () => {
    expect(monthlyReportDue(NATIONAL_DAY, '2026-09')).toBe('2026-10-09');
    // 2026-12-05 is a Saturday.
    expect(monthlyReportDue({ holidays: [], workdays: [] }, '2026-11')).toBe('2026-12-07');
  });
});

describe('overdue cut-off', () => {
  it('is today − interval when the due day is a working day', () => {
    expect(overdueCutoff({ holidays: [], workdays: [] }, '2026-12-09', 7)).toBe('2026-12-02');
  });
  it('spares a customer whose due day fell in the holiday until the first working day after it has passed', () => {
    // Weekly customer visited 09-24: due 10-01, rolled to 10-09. On 10-09 not yet overdue; on 10-10 overdue.
    const lastVisit = '2026-09-24';
    const overdueOn = (today: string) => lastVisit < overdueCutoff(NATIONAL_DAY, today, 7);
    expect(overdueOn('2026-10-05')).toBe(false);
    expect(overdueOn('2026-10-09')).toBe(false);
    expect(overdueOn('2026-10-10')).toBe(true);
    // Without the calendar it would have been overdue since 10-02.
    expect(lastVisit < overdueCutoff({ holidays: [], workdays: [] }, '2026-10-02', 7)).toBe(true);
  });
  it('agrees with the definition on every day of a season', () => {
    for (let i = 0; i < 120; i++) {
      const today = addDays('2026-08-01', i);
      const cutoff = overdueCutoff(NATIONAL_DAY, today, 14);
      // The last day not overdue is the cutoff; the day before it is overdue.
      expect(nextWorkingDay(NATIONAL_DAY, addDays(cutoff, 14)) >= today).toBe(true);
      expect(nextWorkingDay(NATIONAL_DAY, addDays(cutoff, 13)) < today).toBe(true);
    }
  });
});

describe('parseCalendarList', () => {
  it('reads dates and ranges in the forms of the State Council notice and Excel', () => {
    const r = parseCalendarList('2026-10-01~2026-10-03\n2026/10/4-2026/10/5  # 国庆\n20261006，2026年10月7日\n2026-10-08 至 2026-10-08\n');
    expect(r.problems).toEqual([]);
    expect(r.days).toEqual(NATIONAL_DAY.holidays);
  });
  it('names the line and piece it cannot read and keeps the rest', () => {
    const r = parseCalendarList('2026-01-01\n国庆节\n2026-02-30\n2026-10-08~2026-10-01');
    expect(r.days).toEqual(['2026-01-01']);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(r.problems[0].message).toContain('第2行');
    expect(r.problems[0].message).toContain('国庆节');
    expect(r.problems[2].message).toContain('结束日期早于开始日期');
  });
});

describe('calendarProblems', () => {
  it('refuses a weekday as 调休 and a day in both lists', () => {
    expect(calendarProblems(NATIONAL_DAY)).toEqual([]);
    const p = calendarProblems({ holidays: ['2026-10-10'], workdays: ['2026-10-10', '2026-10-12'] });
    expect(p.map((x) => x.message)).toEqual(['调休上班日：2026-10-10 同时列为节假日，请只保留一处', '调休上班日：2026-10-12 不是周六或周日，工作日本来就上班']);
  });
});
