import { homeSchema, type HomeToday } from '../domain/home';
import { method, type MethodDef } from './define';

export const homeApi = {
  'home.today': method<HomeToday>()(homeSchema, 'user'),
} satisfies Record<string, MethodDef>;
