import { z } from 'zod';
import '../api/zodLocale';
import { isMonday, isValidDate } from './visitRules';


export const id = z.number().int().positive();

export const text = (max: number, label: string) => z.string().trim().max(max, { message: `${label}不能超过${max}个字` });

/** Optional text; null (as a JSON export writes it) means empty. */
export const optText = (max: number, label: string) => text(max, label).nullable().optional();

export const dateSchema = (label: string) =>
  z.string().trim().refine(isValidDate, { message: `${label}须为有效日期，格式 YYYY-MM-DD` });

export const mondaySchema = z.string().trim().refine(isMonday, { message: '周须用该周星期一的日期表示（YYYY-MM-DD）' });

export const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

/** Times are checked by the visit rules (they know `0930` and say which field is wrong), not here. */
export const timeText = z.string().trim().max(30, { message: '时间格式不正确' });



export interface Page<T> {
  rows: T[];
  total: number;
}