export * from './contract';
export * from './define';
export * from './result';
