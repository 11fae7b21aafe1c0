// Jest runs the TypeScript sources as ES modules; type checking is `tsc --noEmit`'s job
// (npm test runs both), so ts-jest only transpiles, which keeps the suite fast.
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/spec/support/summary-reporter.cjs'],
};

export default config;
