import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { 'cli/main': 'src/cli/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  dts: false,
});
