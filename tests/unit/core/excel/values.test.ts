import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../../../electron/core/excel/csv';
import { cellText, identifierText, parseBool, parseDate, parseDateTime, parseMonth, parseNumber } from '../../../../electron/core/excel/values';
import { neutralise } from '../../../../electron/core/excel/write';
import { CUSTOMER_IMPORT_FIELDS, VOLUME_BASE_FIELDS, metricField } from '../../../../shared/domain/importFields';
import { PRECISION_LOST_MESSAGE } from '../../../../shared/domain/imports';
import { findHeaderRow, normaliseHeader, suggestMapping } from '../../../../shared/domain/headerMatch';
import { textWidth } from '../../../../shared/format';

describe('header text', () => {
  it('normalises full-width, spaces, asterisks and (必填)', () => {
    expect(normaliseHeader(' 客户名称（必填）* ')).toBe('客户名称');
    expect(normaliseHeader('＊身份证号 码【必填】')).toBe('身份证号码');
    expect(normaliseHeader('手机\n号码：')).toBe('手机号码');
    expect(normaliseHeader('ＡＵＭ')).toBe('aum');
  });

  it('maps synonyms, first column wins, unknown columns stay unmapped', () => {
    expect(
      suggestMapping(['序号', '单位名称', '名称', '手机号码', '证件号码', '信用代码', '客户编号', '联系人二手机', '第1联系人', '金额（元）'], CUSTOMER_IMPORT_FIELDS),
    ).toEqual([null, 'name', null, 'mobile', 'idNumber', 'creditCode', 'code', 'contact2.mobile', 'contact1.name', null]);
    const volume = [...VOLUME_BASE_FIELDS, metricField('销量'), metricField('存款')];
    expect(suggestMapping(['客户编码', '年月', '销量（条）', '日均存款'], volume)).toEqual(['customerCode', 'month', 'metric:销量', 'metric:存款']);
  });

  it('finds the header under title rows', () => {
    const rows = [['2026年11月客户名单'], [], ['制表：城关营销部', '', ''], ['序号', '户名', '手机号'], ['1', '张三', '13800000000']];
    expect(findHeaderRow(rows, CUSTOMER_IMPORT_FIELDS)).toBe(3);
    expect(findHeaderRow([['无关'], ['也无关']], CUSTOMER_IMPORT_FIELDS)).toBe(-1);
  });
});

describe('cell values', () => {
  it('dates from serials, Date cells and Chinese spellings', () => {
    expect(parseDate(46348)).toEqual({ ok: true, value: '2026-11-22' });
    expect(parseDate(new Date(Date.UTC(2026, 10, 22)))).toEqual({ ok: true, value: '2026-11-22' });
    for (const s of ['2026-11-22', '2026/11/22', '2026年11月22日', '20261122', '2026.11.22', '２０２６－１１－２２']) {
      expect(parseDate(s)).toEqual({ ok: true, value: '2026-11-22' });
    }
    expect(parseDate(20261122)).toEqual({ ok: true, value: '2026-11-22' });
    const bad = parseDate('2026-02-30');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('2026-02-30');
    expect(parseDate('下周一').ok).toBe(false);
    expect(parseDateTime('2026-11-22 9:05')).toEqual({ ok: true, value: '2026-11-22 09:05' });
    expect(parseDateTime(0.5)).toEqual({ ok: true, value: '12:00' });
    expect(parseDateTime(new Date(Date.UTC(1899, 11, 30, 9, 30)))).toEqual({ ok: true, value: '09:30' });
    expect(parseMonth('2026年1月')).toEqual({ ok: true, value: '2026-01' });
    expect(parseMonth('202611')).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonth(new Date(Date.UTC(2026, 10, 1)))).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonth('2026-13').ok).toBe(false);
  });

  it('numbers Excel rounded are refused, exact ones kept', () => {
    expect(identifierText(110105199003071230)).toEqual({ ok: false, message: PRECISION_LOST_MESSAGE });
    expect(identifierText('1.10105E+17')).toEqual({ ok: false, message: PRECISION_LOST_MESSAGE });
    expect(identifierText(123456789012345)).toEqual({ ok: false, message: PRECISION_LOST_MESSAGE });
    expect(identifierText(13800001234)).toEqual({ ok: true, value: '13800001234' });
    expect(identifierText('110105199003071239')).toEqual({ ok: true, value: '110105199003071239' });
    expect(cellText(12.3)).toBe('12.3');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText("'=1+1")).toBe('=1+1');
    expect(parseNumber('￥1,234.50元')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('十二').ok).toBe(false);
    expect(parseBool('是')).toEqual({ ok: true, value: true });
    expect(parseBool('×')).toEqual({ ok: true, value: false });
    expect(parseBool('也许').ok).toBe(false);
  });

  it('neutralises formula starters', () => {
    for (const s of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['普通文字', '138****0000', "'already"]) expect(neutralise(s)).toBe(s);
  });

  it('counts CJK as two columns', () => {
    expect(textWidth('客户A')).toBe(5);
    expect(textWidth('ＡＢ')).toBe(4);
  });
});

describe('CSV', () => {
  it('detects UTF-8 (with or without BOM) and GB18030', () => {
    const text = '客户名称,手机号\r\n张三,13800000000\r\n';
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\uFEFF' + text, 'utf8')).encoding).toBe('utf-8');
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    // Rare characters only GB18030 (not GBK) can hold survive too.
    expect(decodeText(iconv.encode('䶮,𠀀', 'gb18030')).text).toBe('䶮,𠀀');
  });

  it('parses quotes, embedded delimiters and line breaks, and keeps text as written', () => {
    expect(parseCsv('a,b,c\r\n"x,1","he said ""hi""","line1\nline2"\r\n007,110105199003071239,\r\n\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x,1', 'he said "hi"', 'line1\nline2'],
      ['007', '110105199003071239', ''],
    ]);
    expect(parseCsv('名称\t手机\n张三\t138\n')).toEqual([
      ['名称', '手机'],
      ['张三', '138'],
    ]);
  });
});
