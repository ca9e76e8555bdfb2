// PLACEHOLDER — being written by the customers helper.
import type { HandlerMap } from '../context';

type CustomerMethods =
  | 'customers.list'
  | 'customers.get'
  | 'customers.create'
  | 'customers.update'
  | 'customers.delete'
  | 'customers.restore'
  | 'customers.transfer'
  | 'customers.history'
  | 'customers.checkDuplicates'
  | 'customers.nextCode';

const todo = () => {
  throw new Error('not implemented');
};
export const customerHandlers: HandlerMap<CustomerMethods> = {
  'customers.list': todo,
  'customers.get': todo,
  'customers.create': todo,
  'customers.update': todo,
  'customers.delete': todo,
  'customers.restore': todo,
  'customers.transfer': todo,
  'customers.history': todo,
  'customers.checkDuplicates': todo,
  'customers.nextCode': todo,
};
