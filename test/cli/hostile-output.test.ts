/**
 * What the CLI writes when stored text is hostile or the disk fails: terminal output carries no
 * control sequences, CSV cells never run as spreadsheet formulas, and a file written with --out is
 * replaced whole or left as it was.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { nodeFileSystem, type OutputFileSystem } from '../../src/cli/output-file.js';

async function cli(args: string[], cwd: string, extra: Partial<CliContext> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd);
  const code = await runCli(args, { ...io.ctx, ...extra });
  return { code, out: io.out(), err: io.err() };
}

const BODY =
  'The regional council of North Calder voted on Tuesday to build a tidal barrier across the mouth of the Orrin river, ending a decade of argument over how to protect the harbour district from storm surges. ' +
  'Council leader Mara Velin said after the vote, which passed by 31 votes to 9, that the barrier would cost 240 million and be finished by 2029.';

/** A file system whose writes fail with ENOSPC once `budget` bytes have been written in all. */
function fullDisk(budget: number): OutputFileSystem {
  let left = budget;
  return {
    ...nodeFileSystem,
    async open(file, flags, mode) {
      const h = await nodeFileSystem.open(file, flags, mode);
      return {
        chmod: (mode) => h.chmod(mode),
        sync: () => h.sync(),
        close: () => h.close(),
        async write(buffer, offset, length) {
          if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          const n = Math.min(left, length);
          left -= n;
          return h.write(buffer, offset, n);
        },
      };
    },
  };
}

describe('files written with --out', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-out-'));
    db = path.join(dir, 'test.db');
    const lines = [0, 1, 2].map((i) => JSON.stringify({ text: `${BODY} Report ${i}.`, title: `Council approves tidal barrier ${i}`, url: `https://outlet-${i}.example/barrier` }));
    writeFileSync(path.join(dir, 'in.jsonl'), `${lines.join('\n')}\n`);
    expect((await cli(['ingest', '--db', db, '-q', path.join(dir, 'in.jsonl')], dir)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leave the previous export whole, and no temporary file, when the disk fills half-way', async () => {
    const out = path.join(dir, 'articles.jsonl');
    writeFileSync(out, 'the previous export\n');
    const r = await cli(['export', '--db', db, '--out', out], dir, { files: fullDisk(1000) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('[OUTPUT_WRITE_FAILED]');
    expect(readFileSync(out, 'utf8')).toBe('the previous export\n');
    expect(readdirSync(dir).filter((f) => f.includes('articles.jsonl'))).toEqual(['articles.jsonl']);
  });

  it('replace the previous export whole, keeping its permissions, when the write succeeds', async () => {
    const out = path.join(dir, 'articles.jsonl');
    writeFileSync(out, 'the previous export\n');
    chmodSync(out, 0o640);
    expect((await cli(['export', '--db', db, '--out', out], dir)).code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.includes('articles.jsonl'))).toEqual(['articles.jsonl']);
  });

  it('leave the previous report whole when the disk fills half-way', async () => {
    const stories = JSON.parse((await cli(['stories', '--db', db, '--json'], dir)).out) as { items: { id: string }[] };
    const story = stories.items[0]!.id;
    const out = path.join(dir, 'story.html');
    writeFileSync(out, '<p>the previous report</p>');
    const r = await cli(['report', story, '--db', db, '--format', 'html', '--out', out], dir, { files: fullDisk(500) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('[OUTPUT_WRITE_FAILED]');
    expect(readFileSync(out, 'utf8')).toBe('<p>the previous report</p>');
    expect(readdirSync(dir).filter((f) => f.includes('story.html'))).toEqual(['story.html']);
    expect((await cli(['report', story, '--db', db, '--format', 'html', '--out', out], dir)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
  }, 60_000);
});

/** A title that clears the screen and retitles the window, and a text that writes the clipboard, reverses columns and sends an 8-bit CSI. */
const HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")\u001b[2J\u001b]0;owned\u0007 Barrier vote';
const HOSTILE_TEXT = `\u001b]52;c;cm0gLXJmIH4K\u0007${BODY} Critics \u202eeht decried\u202c it; \u009b31m loudly\u001b[8m hidden\u001b[0m and\r left.`;
// Raw controls a terminal acts on: C0 but tab, line feed and CRLF, DEL, C1, bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- the test looks for control characters.
const RAW_CONTROL = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('stored text with terminal control sequences', () => {
  let dir: string;
  let db: string;
  let id: string;
  let story: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-hostile-'));
    db = path.join(dir, 'test.db');
    writeFileSync(path.join(dir, 'in.jsonl'), `${JSON.stringify({ text: HOSTILE_TEXT, title: HOSTILE_TITLE, url: 'https://evil.example/a', byline: '@SUM(1+1)' })}\n`);
    expect((await cli(['ingest', '--db', db, '-q', path.join(dir, 'in.jsonl')], dir)).code).toBe(0);
    const shown = JSON.parse((await cli(['articles', '--db', db, '--json'], dir)).out) as { items: { id: string }[] };
    id = shown.items[0]!.id;
    story = (JSON.parse((await cli(['stories', '--db', db, '--json'], dir)).out) as { items: { id: string }[] }).items[0]!.id;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reach no command output as control characters, and are shown without their sequences', async () => {
    for (const args of [['articles'], ['stories'], ['show', id], ['story', story, '--no-sources'], ['copies', id], ['export', '--format', 'csv'], ['report', story]]) {
      const r = await cli([...args, '--db', db], dir);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out + r.err, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const table = (await cli(['articles', '--db', db], dir)).out;
    expect(table).toContain('=HYPERLINK("http://evil.example","click") Barrier vote');
    const shown = (await cli(['show', id, '--db', db], dir)).out;
    // Sequences go whole; a lone control or bidi override is shown as its escape.
    expect(shown).toContain('that the barrier would cost');
    expect(shown).not.toContain('cm0gLXJmIH4K');
    expect(shown).toContain('Critics \\u202eeht decried\\u202c it; \\u009b31m loudly hidden and');
  });

  it('keep their exact characters in JSON output, escaped', async () => {
    const r = await cli(['show', id, '--db', db, '--json'], dir);
    expect(r.out).not.toMatch(RAW_CONTROL);
    const stored = JSON.parse(r.out) as { article: { title: string; text: string } };
    expect(stored.article.title).toBe(HOSTILE_TITLE);
    expect(stored.article.text).toContain('\u202eeht decried\u202c it; \u009b31m');
  });

  it('keep the CLI\'s own colours on a terminal while removing the text\'s', async () => {
    const io = captureCli(dir, {});
    Object.assign(io.ctx.stdout, { isTTY: true });
    expect(await runCli(['show', id, '--db', db], io.ctx)).toBe(0);
    const out = io.out();
    expect(out).toContain('\u001b[1m'); // the title in bold
    expect(out).not.toContain('\u001b[8m'); // the text's "hidden" attribute
    expect(out).not.toContain('\u001b]');
    // eslint-disable-next-line no-control-regex -- the CLI's own SGR codes.
    expect(out.replace(/\u001b\[(?:1|2|22|31|33|39)m/gu, '')).not.toMatch(RAW_CONTROL);
  });

  it('are exported to CSV with formula cells escaped as text', async () => {
    const csv = (await cli(['export', '--db', db, '--format', 'csv'], dir)).out;
    // Rows keep their CRLF ends through the terminal guard.
    expect(csv.split('\r\n')[0]).toMatch(/^id,documentId,/u);
    expect(csv).toContain(',"\'=HYPERLINK(""http://evil.example"",""click"")');
    expect(csv).toContain(',"\'@SUM(1+1)",');
    // No cell starts a formula: every cell after a separator starting with = + - @ is quoted with a leading '.
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/mu);
  });
});
