// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['node_modules/', 'coverage/', '.cache/', 'bench/results/', '.scratch*'] },
	js.configs.recommended,
	...tseslint.configs.strict,
	{
		languageOptions: { parserOptions: { projectService: false } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-console': 'off',
		},
	},
	{
		// A test that indexes past what it just asserted exists may say so with `!`.
		files: ['test/**'],
		rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
	},
	{
		// The engine is platform-neutral: it must never reach for Discord.
		files: ['src/corpus/**', 'src/extract/**', 'src/index/**', 'src/answer/**', 'src/build/**', 'src/render/**', 'src/console/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ group: ['discord.js', '@discordjs/*'], message: 'The engine never imports discord.js.' }] }],
		},
	},
);
