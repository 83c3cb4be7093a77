/**
 * API tests run against a real PostgreSQL: `npm test` at the root creates a throwaway database, applies the
 * migrations and passes it in DATABASE_URL. NestJS 12 (and a few of its dependencies) ship ESM only, so
 * swc compiles them to CommonJS for jest.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'api',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|load-esm|uid|@fastify/cookie|cookie|content-disposition)/)',
  ],
  // Every answer the tests receive is checked against the OpenAPI document; a test that got a violating one fails.
  setupFilesAfterEnv: ['<rootDir>/test/contract.setup.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
};
