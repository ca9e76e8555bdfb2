// Local ESLint rules that keep the core's layers apart (see eslint.config.js).
import genericCore from './generic-core.js';
import noCycle from './no-cycle.js';

export default { meta: { name: 'branchdesk-layering' }, rules: { 'generic-core': genericCore, 'no-cycle': noCycle } };
