import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'web/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/*', '**/adapters/*', '**/http/*', '**/cli/*'], message: 'core must stay pure' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/app/**',
      'src/adapters/**',
      'src/http/**',
      'src/cli/**',
      'src/demo/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'src/index.ts',
      '*.ts',
      '*.js',
      'bin/**',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
);
