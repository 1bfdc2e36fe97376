/**
 * Statements across languages (#18): renderings of one statement in French, German and Spanish
 * join the English one when the speaker is the same person and their content words translate
 * (through an injected lexicon of a few fictional entries, so the test does not depend on the
 * installed dictionaries), names and numbers agree; a different statement of the same speaker and
 * the same words by another speaker stay apart; words matched by translation carry the English
 * word as their gloss; a language with no dictionary is said once on the envelope, never failing.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStatements, type StatementArticle, type StoryStatements } from '../../src/pipeline/analyze/statements/index.js';
import { createLexicon, type Lexicon, type LexiconSource } from '../../src/pipeline/text/lexicon/index.js';
import type { Envelope } from '../../src/model/envelope.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const enc = (n: number): string => {
  let s = '';
  do {
    s = B64[n % 64]! + s;
    n = Math.floor(n / 64);
  } while (n > 0);
  return s;
};

/** A plain dictd dictionary (`file`.index + `file`.dict) from headword -> English phrases. */
function dictd(file: string, entries: Record<string, string>): Record<string, Uint8Array> {
  let text = '';
  const lines: string[] = [];
  for (const [head, english] of Object.entries(entries)) {
    const body = `${head} <n>\n${english}\n`;
    lines.push(`${head}\t${enc(Buffer.byteLength(text))}\t${enc(Buffer.byteLength(body))}`);
    text += body;
  }
  lines.sort((a, b) => Buffer.compare(Buffer.from(a.split('\t')[0]!), Buffer.from(b.split('\t')[0]!)));
  return { [`${file}.index`]: Buffer.from(lines.join('\n') + '\n'), [`${file}.dict`]: Buffer.from(text) };
}

const FILES = {
  ...dictd('freedict-fra-eng', {
    pont: 'bridge', rouvrir: 'reopen', jour: 'day', conducteur: 'driver', perdre: 'lose', voiture: 'car', inondation: 'flood',
    recevoir: 'receive', aide: 'help, aid', état: 'state', augmenter: 'raise, increase', péage: 'toll', routier: 'road', année: 'year',
  }),
  ...dictd('freedict-deu-eng', {
    brücke: 'bridge', tag: 'day', wieder: 'again', geöffnet: 'opened', fahrer: 'driver', flut: 'flood', auto: 'car',
    verloren: 'lost', erhält: 'receives', hilfe: 'help', staat: 'state',
  }),
  ...dictd('freedict-spa-eng', { puente: 'bridge', día: 'day', abrir: 'open', conductor: 'driver', coche: 'car', inundación: 'flood', ayuda: 'help', estado: 'state' }),
};

const lexiconOf = (files: Record<string, Uint8Array>): Lexicon => {
  const source: LexiconSource = { read: (name) => files[name], has: (name) => name in files };
  return createLexicon({ source });
};

const EN: StatementArticle = {
  id: 'art_en',
  site: 'Tarn Courier',
  language: 'en',
  text:
    'Interior Minister Anselm Rovic said on Friday: "The bridge at Kesh will reopen in 14 days, and every driver who lost a car in the flood will receive help from the state."\n' +
    'Rovic also said: "We will not raise the road toll this year."',
};
const FR: StatementArticle = {
  id: 'art_fr',
  site: 'Le Veilleur',
  language: 'fr',
  text:
    "Anselm Rovic a déclaré : « Le pont de Kesh rouvrira dans 14 jours, et chaque conducteur qui a perdu une voiture dans l'inondation recevra une aide de l'État. »\n" +
    'Anselm Rovic a déclaré : « Nous n’augmenterons pas le péage routier cette année. »',
};
const DE: StatementArticle = {
  id: 'art_de',
  site: 'Der Wächter',
  language: 'de',
  text: 'Innenminister Anselm Rovic sagte am Freitag: „Die Brücke bei Kesh wird in 14 Tagen wieder geöffnet, und jeder Fahrer, der bei der Flut ein Auto verloren hat, erhält Hilfe vom Staat.“',
};
const ES: StatementArticle = {
  id: 'art_es',
  site: 'El Vigía',
  language: 'es',
  text:
    'Anselm Rovic dijo: «El puente de Kesh volverá a abrir en 14 días, y cada conductor que perdió un coche en la inundación recibirá ayuda del Estado».\n' +
    'Irene Duval dijo: «El puente de Kesh volverá a abrir en 14 días, y cada conductor que perdió un coche en la inundación recibirá ayuda del Estado».',
};

const run = (articles: readonly StatementArticle[], lexicon: Lexicon | null): Envelope<StoryStatements> =>
  createStatements({ useLibrary: false, lexicon })({ value: { storyId: 'sty_cross', articles }, messages: [] });

const all = (r: StoryStatements) => [...r.statements, ...r.single];
const person = (r: StoryStatements, surname: string) => r.entities.find((e) => e.kind === 'person' && e.name.endsWith(surname))?.id;

describe('statements across languages', () => {
  const env = run([EN, FR, DE, ES], lexiconOf(FILES));
  const r = env.value;
  const rovic = person(r, 'Rovic');
  const bridge = all(r).find((s) => s.personId === rovic && s.renderings.some((x) => x.text.includes('bridge at Kesh')));

  it('aligns the French, German and Spanish renderings of one statement with the English one, the English rendering as anchor', () => {
    expect(rovic).toBeDefined();
    expect(bridge).toBeDefined();
    expect(bridge!.renderings[0]!.quote.articleId).toBe('art_en');
    expect(bridge!.renderings[0]!.language).toBeUndefined();
    expect(Object.fromEntries(bridge!.renderings.slice(1).map((x) => [x.quote.articleId, x.language]))).toEqual({ art_fr: 'fr', art_de: 'de', art_es: 'es' });
    for (const x of bridge!.renderings.slice(1)) expect(x.similarity).toBeGreaterThanOrEqual(0.4);
  });

  it('glosses each word matched by translation with the English word, and shows the words that differ', () => {
    const de = bridge!.renderings.find((x) => x.quote.articleId === 'art_de')!;
    const same = de.alignment.filter((w) => w.op === 'same');
    expect(same).toEqual(expect.arrayContaining([expect.objectContaining({ word: 'Brücke', gloss: 'bridge' }), expect.objectContaining({ word: 'Staat', gloss: 'state' })]));
    // Names and numbers match as written: no gloss.
    expect(same.find((w) => w.word === 'Kesh')?.gloss).toBeUndefined();
    expect(same.find((w) => w.word === '14')?.gloss).toBeUndefined();
    expect(de.alignment.some((w) => w.op === 'added')).toBe(true);
    expect(de.alignment.some((w) => w.op === 'missing')).toBe(true);
  });

  it("pairs the speaker's second statement with its own translation, not with the first", () => {
    const toll = all(r).find((s) => s.personId === rovic && s.renderings.some((x) => x.text.includes('road toll')));
    expect(toll).toBeDefined();
    expect(toll!.id).not.toBe(bridge!.id);
    expect(toll!.renderings.map((x) => x.quote.articleId).sort()).toEqual(['art_en', 'art_fr']);
    expect(toll!.renderings.find((x) => x.quote.articleId === 'art_fr')!.text).toContain('péage');
  });

  it('keeps the same words said by another speaker apart', () => {
    const duval = person(r, 'Duval');
    expect(duval).toBeDefined();
    const hers = all(r).filter((s) => s.personId === duval);
    expect(hers).toHaveLength(1);
    expect(hers[0]!.renderings).toHaveLength(1);
    expect(bridge!.renderings.every((x) => x.quote.personId === rovic)).toBe(true);
  });

  it('without a translation, a rendering in another language does not join on a shared name and number alone', () => {
    const bare = run([EN, FR], lexiconOf({})).value;
    const s = all(bare).find((x) => x.renderings.some((y) => y.text.includes('bridge at Kesh')))!;
    expect(s.renderings.map((x) => x.quote.articleId)).toEqual(['art_en']);
  });

  it('says on the envelope which language has no dictionary, once, and still groups the statements', () => {
    const partial = run([EN, FR, DE], lexiconOf(Object.fromEntries(Object.entries(FILES).filter(([k]) => k.startsWith('freedict-fra')))));
    const missing = partial.messages.filter((m) => m.ruleId === 'lexicon-missing');
    expect(missing.map((m) => m.data?.['language'])).toEqual(['de']);
    expect(missing[0]!.reason).toContain('dict-freedict-deu-eng');
    const s = all(partial.value).find((x) => x.renderings.some((y) => y.text.includes('bridge at Kesh')))!;
    expect(s.renderings.map((x) => x.quote.articleId)).toContain('art_fr');
  });

  it("matches a name's adjective and a cognate the dictionary lacks by their first letters", () => {
    const en: StatementArticle = { id: 'art_en3', site: 'Tarn Courier', language: 'en', text: 'Anselm Rovic said: "Our coast guard will patrol the estuary together with Varesian boats from June."' };
    const es: StatementArticle = { id: 'art_es3', site: 'El Vigía', language: 'es', text: 'Anselm Rovic dijo: «Nuestra guardia costera patrullará el estuario junto con barcos varesios a partir de junio».' };
    const files = dictd('freedict-spa-eng', { guardia: 'guard', barco: 'boat', junio: 'June' });
    const s = all(run([en, es], lexiconOf(files)).value).find((x) => x.renderings.some((y) => y.text.includes('coast guard')))!;
    const rendering = s.renderings.find((x) => x.quote.articleId === 'art_es3');
    expect(rendering).toBeDefined();
    expect(rendering!.alignment).toEqual(
      expect.arrayContaining([expect.objectContaining({ word: 'estuario', gloss: 'estuary' }), expect.objectContaining({ word: 'varesios', gloss: 'Varesian' })]),
    );
  });

  it('takes a speaker quoted only in another language, in another spelling, for the English speaker of that surname', () => {
    const en: StatementArticle = { id: 'art_en4', site: 'Tarn Courier', language: 'en', text: 'Harbour Minister Selim Qadir said: "The bridge at Kesh will reopen in 14 days, and every driver who lost a car in the flood will receive help from the state."' };
    const fr: StatementArticle = { id: 'art_fr4', site: 'Le Veilleur', language: 'fr', text: "Selim Kadir a déclaré : « Le pont de Kesh rouvrira dans 14 jours, et chaque conducteur qui a perdu une voiture dans l'inondation recevra une aide de l'État. »" };
    const env = run([en, fr], lexiconOf(FILES));
    const qadir = person(env.value, 'Qadir');
    const s = all(env.value).find((x) => x.renderings.some((y) => y.quote.articleId === 'art_en4'))!;
    expect(s.personId).toBe(qadir);
    expect(s.renderings.map((x) => x.quote.articleId)).toEqual(['art_en4', 'art_fr4']);
    expect(env.messages.find((m) => m.ruleId === 'statement-speaker-across-languages')?.data?.['forms']).toEqual([expect.stringContaining('Kadir'), 'Selim Qadir']);
  });

  it('does not take a speaker for one of two English speakers sharing the surname', () => {
    const en: StatementArticle = {
      id: 'art_en5',
      site: 'Tarn Courier',
      language: 'en',
      text: 'Harbour Minister Selim Qadir said: "The bridge at Kesh will reopen in 14 days, and every driver who lost a car in the flood will receive help from the state."\nOpposition leader Omar Qadir said: "We will not raise the road toll this year."',
    };
    const fr: StatementArticle = { id: 'art_fr5', site: 'Le Veilleur', language: 'fr', text: "Selim Kadir a déclaré : « Le pont de Kesh rouvrira dans 14 jours, et chaque conducteur qui a perdu une voiture dans l'inondation recevra une aide de l'État. »" };
    const env = run([en, fr], lexiconOf(FILES));
    expect(env.messages.filter((m) => m.ruleId === 'statement-speaker-across-languages')).toEqual([]);
    const s = all(env.value).find((x) => x.renderings.some((y) => y.quote.articleId === 'art_en5' && y.text.includes('bridge')))!;
    expect(s.renderings.map((x) => x.quote.articleId)).toEqual(['art_en5']);
  });

  it('reads no dictionary for a story in one language, and marks no rendering as translated', () => {
    const files: string[] = [];
    const lexicon = createLexicon({ source: { read: (name) => (files.push(name), FILES[name as keyof typeof FILES]) } });
    const one = run([EN, { ...EN, id: 'art_en2', site: 'Other Paper' }], lexicon).value;
    expect(files).toEqual([]);
    expect(all(one).flatMap((s) => s.renderings).every((x) => x.language === undefined && x.alignment.every((w) => w.gloss === undefined))).toBe(true);
  });
});

describe.skipIf(!existsSync('/usr/share/dictd/freedict-fra-eng.index') || !existsSync('/usr/share/dictd/freedict-deu-eng.index'))(
  'statements across languages with the installed FreeDict dictionaries (skipped: dict-freedict-fra-eng or dict-freedict-deu-eng not installed)',
  () => {
    it('aligns the French and German renderings with the English one', () => {
      const r = run([EN, FR, DE], createLexicon()).value;
      const rovic = person(r, 'Rovic');
      const s = all(r).find((x) => x.personId === rovic && x.renderings.some((y) => y.text.includes('bridge at Kesh')))!;
      expect(s.renderings.map((x) => x.quote.articleId).sort()).toEqual(['art_de', 'art_en', 'art_fr']);
    });
  },
);
