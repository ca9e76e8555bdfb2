/**
 * The worker script of the job threads (electron.vite.config.ts builds it as
 * out/main/worker.js). It names what the threads may run: the tasks (tasks.ts) and the
 * helper roles a task starts threads for (a big customer import's check and search
 * helpers, see imports/parallel/pipeline.ts). Each is loaded only when a thread's role
 * asks for it: this file and the modules it imports at once stay small.
 */
import type { CheckHelperInput } from './imports/parallel/checkHelper';
import type { SearchHelperInput } from './imports/parallel/searchPool';
import { serveThread, type HelperTable } from './jobs/thread';
import { tasks } from './tasks';

const helpers = {
  search: async () => {
    const { serveNameSearch, warmNameSearch } = await import('./imports/parallel/searchPool');
    // pinyin-pro's dictionary is built while a spare stands by.
    return { warm: warmNameSearch, serve: (port, input: SearchHelperInput) => serveNameSearch(port, input.names) };
  },
  check: async () => {
    const { serveCustomerChecks } = await import('./imports/parallel/checkHelper');
    return { serve: (port, input: CheckHelperInput) => void serveCustomerChecks(port, input) };
  },
} satisfies HelperTable;

serveThread(tasks, helpers);
