import type { Core } from '../../../electron/core/app';
import type { InputOf } from '../../../shared/api/contract';
import { customerInputOf, type Customer, type CustomerInput } from '../../../shared/domain/customers';
import { creditCodeCheckChar, idCardCheckChar } from '../../../shared/validators';
import { call, expectOk } from './core';

/** A valid 18-digit ID number: the given 17 digits plus their check digit. */
export function idNumber(first17 = '11010519900307123'): string {
  return first17 + idCardCheckChar(first17);
}

/** The same number with a wrong last character. */
export function badIdNumber(first17 = '11010519900307123'): string {
  const right = idCardCheckChar(first17);
  return first17 + (right === '0' ? '1' : '0');
}

export function creditCode(first17 = '91330100MA2AB1234'): string {
  return first17 + creditCodeCheckChar(first17);
}

/** Sequential distinct mobiles: 13900000001, 13900000002 … */
let mobileSeq = 0;
export function nextMobile(): string {
  mobileSeq += 1;
  return `139${String(mobileSeq).padStart(8, '0')}`;
}

export function person(name: string, extra: Partial<CustomerInput> = {}): CustomerInput {
  return { name, kind: '个人', mobile: nextMobile(), ...extra };
}

export function company(name: string, extra: Partial<CustomerInput> = {}): CustomerInput {
  return { name, kind: '企业', creditCode: creditCode(), phone: '0571-88886666', ...extra };
}

export async function createCustomer(
  core: Core,
  token: string,
  data: CustomerInput,
  options: Omit<InputOf<'customers.create'>, 'data'> = {},
): Promise<Customer> {
  return expectOk(await call(core, token, 'customers.create', { data, ...options }));
}

/** The form as the UI would send it back for `c`: every editable field, contacts with their ids. */
export function formOf(c: Customer): CustomerInput {
  return customerInputOf(c);
}
