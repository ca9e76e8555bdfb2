export { generateCustomers, type GenerateOptions } from './generate';
export { seedBranch, managerUserName, DEFAULT_MANAGER_PASSWORD, type SeedOptions, type SeedResult } from './seedBranch';
export { Rng } from './prng';
