#!/usr/bin/env node
// The `parallax` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('parallax: the CLI is not built yet. Run `npm run build` (or `npm ci`) in the project folder first.');
  process.exit(2);
}
await import(entry.href);
