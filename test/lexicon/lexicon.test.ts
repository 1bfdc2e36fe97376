/**
 * The bilingual lexicon: dictd files read through an injected source (a tiny fictional dictionary
 * built here), light lemmatisation before lookup, one message for a language with no dictionary,
 * and, when Debian's FreeDict packages are installed, real lookups in French, German and Spanish.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLexicon, decodeDictdNumber, entryTranslations, parseDictdIndex, type LexiconSource } from '../../src/pipeline/text/lexicon/index.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const enc = (n: number): string => {
  let s = '';
  do {
    s = B64[n % 64]! + s;
    n = Math.floor(n / 64);
  } while (n > 0);
  return s;
};

/** A dictd dictionary (index sorted by headword bytes, as dictfmt writes it) from headword -> entry text. */
function dictd(entries: readonly [string, string][], gzip: boolean): Record<string, Uint8Array> {
  let text = '';
  const lines: string[] = [];
  for (const [head, body] of entries) {
    const offset = Buffer.byteLength(text);
    text += body;
    lines.push(`${head}\t${enc(offset)}\t${enc(Buffer.byteLength(body))}`);
  }
  lines.sort((a, b) => Buffer.compare(Buffer.from(a.split('\t')[0]!), Buffer.from(b.split('\t')[0]!)));
  const dict = Buffer.from(text);
  return { 'freedict-fra-eng.index': Buffer.from(lines.join('\n') + '\n'), [gzip ? 'freedict-fra-eng.dict.dz' : 'freedict-fra-eng.dict']: gzip ? gzipSync(dict) : dict };
}

const FICTIONAL: [string, string][] = [
  ['fermer', 'fermer /fɛʀme/ <vt>\n1. close, shut\n2. lock\n'],
  ['mer', 'mer /me/ <n, fem>\nsea\n'],
  ['appartenir', 'appartenir /apaʀtəniʀ/ <v>\nbelong to\n'],
  ['ouvrir', 'ouvrir /uvʀiʀ/ <v>\n1. open, open up\n   Synonym: {déboucher}\n'],
  ['port', 'port <n, masc>\nharbour [Br.] , harbor [Am.]\n      "au port"  - in port\n'],
  ['porte', 'porte <n, fem>\ndoor\n'],
];

const source = (files: Record<string, Uint8Array>): LexiconSource & { reads: string[] } => {
  const reads: string[] = [];
  return { reads, read: (name) => (reads.push(name), files[name]), has: (name) => name in files };
};

describe('dictd format', () => {
  it('decodes dictd base64 numbers', () => {
    expect(decodeDictdNumber('B')).toBe(1);
    expect(decodeDictdNumber('BA')).toBe(64);
    expect(decodeDictdNumber('62d')).toBe(58 * 4096 + 54 * 64 + 29);
  });

  it('finds every entry of a headword by binary search, and nothing for a word between headwords', () => {
    const index = parseDictdIndex(Buffer.from('abc\tA\tB\nmer\tB\tC\nmer\tD\tE\nport\tF\tG\nzone\tH\tI\n'));
    expect(index.get('mer')).toEqual([1, 2, 3, 4]);
    expect(index.get('abc')).toEqual([0, 1]);
    expect(index.get('zone')).toEqual([7, 8]);
    expect(index.get('mere')).toBeUndefined();
    expect(index.get('a')).toBeUndefined();
    expect(index.get('zzz')).toBeUndefined();
  });

  it('keeps the translations of an entry, not its grammar, labels, examples or cross-references', () => {
    expect(entryTranslations('port <n, masc>\nharbour [Br.] , harbor [Am.]\n      "au port"  - in port\n see: {ports}\n')).toEqual(['harbour', 'harbor']);
    expect(entryTranslations('fermer /fɛʀme/ <vt>\n1. close, shut\n2. lock\n')).toEqual(['close', 'shut', 'lock']);
  });
});

describe('createLexicon over an injected source', () => {
  for (const gzip of [true, false]) {
    it(`translates word forms through light lemmatisation (${gzip ? 'gzip' : 'plain'} dictionary)`, () => {
      const lx = createLexicon({ source: source(dictd(FICTIONAL, gzip)) });
      expect(lx.translate('mer', 'fr')).toEqual(['sea']);
      expect(lx.lookup('ferment', 'fr').headwords).toEqual(['fermer']);
      expect(lx.translate('ferment', 'fr')).toEqual(['close', 'shut', 'lock']);
      expect(lx.translate('appartient', 'fr')).toEqual(['belong to']);
      expect(lx.translate("l'ouvrent", 'fr')).toEqual(['open', 'open up']);
      expect(lx.translate('Portes', 'fr')).toEqual(expect.arrayContaining(['door', 'harbour']));
      expect(lx.translate('inconnu', 'fr')).toEqual([]);
    });
  }

  it('reads nothing until a language is looked up, and only that language', () => {
    const src = source(dictd(FICTIONAL, true));
    const lx = createLexicon({ source: src });
    expect(src.reads).toEqual([]);
    lx.translate('mer', 'fr-FR');
    expect(src.reads.every((r) => r.startsWith('freedict-fra-eng'))).toBe(true);
    expect(lx.loaded().map((l) => l.language)).toEqual(['fr']);
  });

  it('says, never failing, that a language has no dictionary, naming its package', () => {
    const lx = createLexicon({ source: source(dictd(FICTIONAL, true)) });
    expect(lx.translate('Hafen', 'de')).toEqual([]);
    const m = lx.missing('de', 'analyze');
    expect(m?.ruleId).toBe('lexicon-missing');
    expect(m?.reason).toContain('dict-freedict-deu-eng');
    expect(lx.missing('fr', 'analyze')).toBeUndefined();
    expect(lx.missing('en', 'analyze')).toBeUndefined();
    expect(lx.missing('xx', 'analyze')?.reason).toContain('"xx"');
  });
});

describe('a dictionary from English read backwards', () => {
  // A fictional Arabic-English dictionary with one word, and an English-Arabic one with three: the
  // second answers for the Arabic words the first lacks.
  const forward = dictd([['جسر', 'جسر\nPont\n']], false);
  const files: Record<string, Uint8Array> = {
    'ara-test.index': forward['freedict-fra-eng.index']!,
    'ara-test.dict': forward['freedict-fra-eng.dict']!,
    'eng-ara-test.dict.dz': gzipSync(Buffer.from('Day /dˈeɪ/\nاليوم\nWinter /wˈɪntə/\nالشتاء، البرد\nWait /wˈeɪt/\nإنتظرْ\nStatehouse /stˈeɪthaʊs/\nمبنى المجلس التشريعي\n')),
  };
  const dictionaries = {
    directory: { value: '/nowhere', reason: 'test' },
    languages: {
      ar: {
        file: 'ara-test',
        package: 'ara-test',
        reason: 'test',
        reverse: { file: 'eng-ara-test', package: 'eng-ara-test', reason: 'test', folds: [['أ', 'ا'], ['إ', 'ا'], ['ة', 'ه']] as [string, string][], article: 'ال' },
      },
    },
  };
  const lx = createLexicon({ source: source(files), dictionaries });

  it('finds the English headword whose translation a word is, after its clitics, prefixes and endings are off', () => {
    expect(lx.translate('شتاء', 'ar')).toEqual(['winter']);
    expect(lx.translate('والبرد', 'ar')).toEqual(['winter']);
    // The accusative alif (يوما), the present tense's prefix for a past form opening with alif (تنتظر: انتظر).
    expect(lx.translate('يوما', 'ar')).toEqual(['day']);
    expect(lx.translate('تنتظر', 'ar')).toEqual(['wait']);
    // The dictionary into English still answers first; a phrase of three words is no word's translation.
    expect(lx.translate('جسر', 'ar')).toEqual(['Pont']);
    expect(lx.translate('مبنى', 'ar')).toEqual([]);
    expect(lx.missing('ar', 'analyze')).toBeUndefined();
  });

  it('says which package would add the dictionary read backwards when only it is missing', () => {
    const without = { ...files };
    delete without['eng-ara-test.dict.dz'];
    const lx2 = createLexicon({ source: source(without), dictionaries });
    expect(lx2.translate('جسر', 'ar')).toEqual(['Pont']);
    expect(lx2.translate('شتاء', 'ar')).toEqual([]);
    expect(lx2.missing('ar', 'analyze')?.reason).toContain('eng-ara-test');
  });
});

const installed = (file: string): boolean => existsSync(`/usr/share/dictd/${file}.index`);

describe('installed FreeDict dictionaries', () => {
  const lx = createLexicon();
  it.skipIf(!installed('freedict-fra-eng'))('French (skipped: dict-freedict-fra-eng not installed)', () => {
    expect(lx.translate('mer', 'fr')).toContain('sea');
    expect(lx.translate('appartient', 'fr')).toContain('belong to');
    expect(lx.translate("l'ouvrent", 'fr')).toContain('open');
  });
  it.skipIf(!installed('freedict-deu-eng'))('German, its 12 MB index searched without loading it into a map (skipped: dict-freedict-deu-eng not installed)', () => {
    const t0 = performance.now();
    expect(lx.translate('Hafen', 'de')).toContain('harbour');
    expect(lx.translate('Häfen', 'de')).toContain('harbours');
    expect(lx.translate('öffnet', 'de')).toContain('open');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it.skipIf(!installed('freedict-spa-eng'))('Spanish (skipped: dict-freedict-spa-eng not installed)', () => {
    expect(lx.translate('mar', 'es')).toContain('sea');
    expect(lx.translate('puertas', 'es')).toContain('door');
    expect(lx.translate('firmó', 'es')).toContain('sign');
  });
});
