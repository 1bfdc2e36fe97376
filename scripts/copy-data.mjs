// Build step: copy the stages' JSON data files (rules, word lists, thresholds) from src/ to dist/,
// since tsc copies only what is imported as a module.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import path from 'node:path';

function copyJson(from, to) {
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    if (statSync(src).isDirectory()) copyJson(src, path.join(to, name));
    else if (name.endsWith('.json')) {
      mkdirSync(to, { recursive: true });
      cpSync(src, path.join(to, name));
    }
  }
}
copyJson('src', 'dist');
