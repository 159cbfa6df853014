export * from './diagnostic';
export * from './codes/types';
export * from './findings';
