/**
 * Browser tests: the product as users see it, in Debian's Chromium. `npm test` at the root starts the API and
 * dashboard on free ports with a throwaway database and passes their URLs (E2E_BASE_URL, E2E_API_URL).
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  maxWorkers: 1,
};
