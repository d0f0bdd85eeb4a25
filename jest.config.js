/** Unit tests run pure code without Strapi; integration tests boot a real Strapi on a throwaway Postgres. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }];

module.exports = {
  testSequencer: '<rootDir>/tests/helpers/sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/config/src/**/*.test.ts', '<rootDir>/kit/src/**/*.test.ts', '<rootDir>/database/src/**/*.test.ts', '<rootDir>/plugins/*/server/src/**/*.test.ts', '<rootDir>/web/src/lib/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup-integration.ts'],
    },
    {
      // Real Chromium against the real admin panel (needs the admin build: `npm run build`).
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup-integration.ts'],
    },
  ],
};
