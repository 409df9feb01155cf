#!/usr/bin/env node
// The published entry: runs the compiled CLI (built by `npm ci` through the prepare script).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
