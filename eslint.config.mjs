// @ts-check
/**
 * ESLint for the whole repository (flat config, ESLint 10): JS recommended rules everywhere, typescript-eslint's
 * type-aware recommended rules (recommendedTypeChecked) for every file a tsconfig.json covers (all of them: see the
 * root tsconfig.json for the scripts, jest configs and domain tests), Next's recommended and core-web-vitals rules
 * plus React's hooks rules for the dashboard. Generated and built files are never linted.
 */
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/dist-*/',
    '**/.next/',
    '**/.next-*/',
    '**/.turbo/',
    '**/coverage/',
    'apps/api/src/generated/',
    // openapi-typescript's output (npm run contract), checked against the API by contract-file.spec.ts instead.
    'packages/api-contract/schema.d.ts',
    'apps/web/next-env.d.ts',
    'tests/output/',
    '.test-results/',
    '.data/',
    '.bench-profile/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    name: 'upright/rules',
    rules: {
      // As TypeScript's noUnusedParameters reads them: a leading underscore marks a parameter or binding kept on
      // purpose (a NestJS `@Body() _body: NoBodyDto` that makes the route refuse bodies, a callback's position), and a
      // property taken out with a rest sibling (`const { [key]: _, ...rest } = object`) is how an object loses a key.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'upright/commonjs',
    files: ['**/jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    name: 'upright/tests',
    files: ['apps/api/test/**', 'packages/domain/src/**/*.test.ts', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // The specs assert the API's wire JSON at run time: supertest types every `response.body` as `any`, and so does
    // jest for its asymmetric matchers (`expect.any(String)`, `expect.objectContaining(...)`). Casting each body to
    // the contract type would assert, unchecked, what the spec is there to check. Only the specs: their helpers
    // (test/harness.ts, test/factories) are typed and keep these rules.
    name: 'upright/specs-read-untyped-json',
    files: ['apps/api/test/**/*.spec.ts', 'tests/e2e/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    name: 'upright/web',
    files: ['apps/web/**/*.{ts,tsx}'],
    ignores: ['apps/web/server/**'],
    extends: [nextPlugin.configs['core-web-vitals'], reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    settings: { next: { rootDir: 'apps/web/' } },
    rules: {
      // React discards what an event handler returns, and the dashboard's async handlers (onSubmit, onClick) catch
      // their own errors and show them; the rule's other checks (arguments, conditionals, spreads) stay on.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
);
