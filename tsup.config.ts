import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    'cli/main': 'src/cli/main.ts',
    index: 'src/index.ts',
    // Loaded by src/app/understand-pool.ts as a worker thread, from dist/understand-worker.js.
    'understand-worker': 'src/app/understand-worker.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  dts: false,
});
