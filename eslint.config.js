import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {globals: {...globals.node}},
    plugins: {'react-hooks': reactHooks},
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Secrets must never reach a log: the app writes through its own redacting logger.
      'no-console': 'error',
    },
  },
  {
    // Scripts and tests may print; the emulator and commands write through process streams.
    files: ['scripts/**', 'test/**'],
    rules: {'no-console': 'off'},
  },
  {
    // The emulator and the client meet only over HTTP (DESIGN.md): neither may import the other.
    files: ['source/emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/*', '**/api'],
              message: 'The emulator must not share code with the client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/emulator/*', '**/emulator'],
              message: 'The client must not share code with the emulator.',
            },
          ],
        },
      ],
    },
  },
);
