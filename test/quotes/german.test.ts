import { describe, expect, it } from 'vitest';
import { createQuotes, findGermanQuotes, lineParagraphs, quoteFinder, type FoundQuote } from '../../src/pipeline/analyze/quotes/index.js';
import { findQuotes } from '../../src/pipeline/analyze/quotes/index.js';

/** The quotes of a German `text`, as plain strings for readable assertions. */
function read(text: string): { type: string; content: string; speaker?: string }[] {
  return findGermanQuotes(text, lineParagraphs(text)).map((q: FoundQuote) => ({
    type: q.type,
    content: q.segments.map((s) => text.slice(s.start, s.end)).join(' … '),
    ...(q.speaker ? { speaker: q.speaker } : {}),
  }));
}

describe('German direct quotes', () => {
  it('finds „…“ and »…« quotations with the speaker of their sentence', () => {
    const text = 'Die Bürgermeisterin Lene Varholt sagte am Montag: „Der Hafen wird vor dem Winter wieder geöffnet.“ »Wir haben genug Geld dafür«, sagte der Kämmerer Piet Orlan.';
    expect(read(text)).toEqual([
      { type: 'direct', content: 'Der Hafen wird vor dem Winter wieder geöffnet', speaker: 'Die Bürgermeisterin Lene Varholt' },
      { type: 'direct', content: 'Wir haben genug Geld dafür', speaker: 'der Kämmerer Piet Orlan' },
    ]);
  });

  it('leaves out names and titles in quotation marks', () => {
    const text = 'Die Zeitung „Nordhafener Bote“ zeigte den Film „Stille Wasser“ unter dem Motto „Alle an Bord“.';
    expect(read(text)).toEqual([]);
  });

  it('gives a quotation of several sentences the speaker named after its closing mark', () => {
    const text = 'Der Lotse Arno Kell sagte: „Das Wasser steigt.“ Die Fähre fuhr trotzdem. „Das war kein guter Tag. Wir hatten Glück“, sagte die Kapitänin Mira Tolle nach der Fahrt.';
    expect(read(text).map((q) => q.speaker)).toEqual(['Der Lotse Arno Kell', 'die Kapitänin Mira Tolle']);
  });

  it('gives a quotation with no frame to the speaker of the quote before it', () => {
    const text = 'Der Lotse Arno Kell sagte: „Das Wasser steigt.“ Am Abend fuhren die Boote aus. „Wir bleiben wachsam.“';
    expect(read(text).map((q) => q.speaker)).toEqual(['Der Lotse Arno Kell', 'Der Lotse Arno Kell']);
  });
});

describe('German indirect speech', () => {
  it('takes the clause after a reporting verb and the subject before it (verb second)', () => {
    const [q] = read('Der Sprecher der Hafenbehörde erklärte, die Schleuse sei seit Freitag gesperrt.');
    expect(q).toEqual({ type: 'indirect', content: 'die Schleuse sei seit Freitag gesperrt', speaker: 'Der Sprecher der Hafenbehörde' });
  });

  it('finds the subject after the verb when an adverbial opens the sentence', () => {
    const [q] = read('Am Dienstag sagte der Kapitän Ole Brandt in Nordhafen, dass die Fähre wieder fahre.');
    expect(q).toEqual({ type: 'indirect', content: 'dass die Fähre wieder fahre', speaker: 'der Kapitän Ole Brandt' });
  });

  it('reads a separable reporting verb only with its particle', () => {
    expect(read('Die Reederei teilte am Abend mit, alle Passagiere seien in Sicherheit.')[0]).toEqual({ type: 'indirect', content: 'alle Passagiere seien in Sicherheit', speaker: 'Die Reederei' });
    expect(read('Die Reederei teilte das Schiff in zwei Bereiche, für Gäste und für Fracht.')).toEqual([]);
  });

  it('finds source frames: laut, zufolge, nach Angaben, so, wie … mitteilte', () => {
    const cases: [string, string, string][] = [
      ['Laut Hafenmeister Jens Toll sind drei Kräne beschädigt worden.', 'sind drei Kräne beschädigt worden', 'Hafenmeister Jens Toll'],
      ['Einem Bericht der Nordküsten-Rundschau zufolge wurde die Brücke bereits im Mai gesperrt.', 'wurde die Brücke bereits im Mai gesperrt', 'Einem Bericht der Nordküsten-Rundschau'],
      ['Nach Angaben der Feuerwehr wurden bei dem Brand zwei Lagerhallen zerstört.', 'wurden bei dem Brand zwei Lagerhallen zerstört', 'Angaben der Feuerwehr'],
      ['Die Reparatur werde mindestens drei Wochen dauern, so der Ingenieur Malte Ruud.', 'Die Reparatur werde mindestens drei Wochen dauern', 'der Ingenieur Malte Ruud'],
      ['Wie die Stadtverwaltung mitteilte, bleibt der Markt am Samstag geschlossen.', 'bleibt der Markt am Samstag geschlossen', 'die Stadtverwaltung'],
    ];
    for (const [text, content, speaker] of cases) expect(read(text)[0], text).toEqual({ type: 'indirect', content, speaker });
  });

  it('keeps a subject with an apposition before the verb as the speaker, not the object after it', () => {
    const text = 'Die Leiterin des Hafenamts, Greta Solm, bezeichnete die Sperrung der Schleuse als unvermeidlich.';
    expect(read(text).map((q) => q.speaker)).toEqual(['Die Leiterin des Hafenamts, Greta Solm']);
    const longer = 'Der ehemalige sozialdemokratische Bürgermeister der Gemeinde Nordhafen, Heiner Falk, schätzt den Vorgang als sehr ernst ein.';
    expect(read(longer).map((q) => q.speaker)).toEqual(['Der ehemalige sozialdemokratische Bürgermeister der Gemeinde Nordhafen, Heiner Falk']);
    expect(read('Die neuen Fähren seien zu teuer, sagte der Kämmerer Piet Orlan.').map((q) => q.speaker)).toEqual(['der Kämmerer Piet Orlan']);
  });

  it('takes the agent of a passive report, and the one quoted (not the one quoting) for zitiert', () => {
    expect(read('Von Hafenmeister Jens Toll wurde die neue Hafenordnung als ungerecht und überstürzt bezeichnet.')[0]?.speaker).toBe('Hafenmeister Jens Toll');
    expect(read('Der Lotse Arno Kell wurde von der Agentur Nordpress mit den Worten zitiert, das Wasser steige weiter.')[0]).toEqual({ type: 'indirect', content: 'das Wasser steige weiter', speaker: 'Der Lotse Arno Kell' });
    expect(read('Von der Agentur Nordpress wurde der Lotse Arno Kell mit den Worten zitiert, das Wasser steige weiter.')[0]?.speaker).toBe('der Lotse Arno Kell');
  });

  it('gives a passive report with no agent no speaker from its subject (the one spoken to)', () => {
    expect(read('Den Fischern wurde am Montag mitgeteilt, der Hafen bleibe bis zum Winter geschlossen.')).toEqual([{ type: 'indirect', content: 'der Hafen bleibe bis zum Winter geschlossen' }]);
  });

  it('reads admissions, promises and pointers as reports ("hat eingeräumt, dass …", "hat zugesagt, …")', () => {
    expect(read('Der Reeder Olaf Brink hat eingeräumt, dass die Fähre zu spät repariert wurde.')[0]).toEqual({ type: 'indirect', content: 'dass die Fähre zu spät repariert wurde', speaker: 'Der Reeder Olaf Brink' });
    expect(read('Die Werft hat zugesagt, die Fähre bis Ende Mai instand zu setzen.')[0]).toEqual({ type: 'indirect', content: 'die Fähre bis Ende Mai instand zu setzen', speaker: 'Die Werft' });
  });

  it('keeps a short name in quotation marks inside the source phrase („Frankfurter Rundschau“, der „Spiegel“)', () => {
    expect(read('Nach Angaben der „Nordhafener Rundschau“ soll der Hafen im Mai geschlossen werden.')).toEqual([{ type: 'indirect', content: 'soll der Hafen im Mai geschlossen werden', speaker: 'Angaben der „Nordhafener Rundschau“' }]);
    expect(read('Wie der „Küstenbote“ berichtete, soll die Fähre im Mai wieder fahren.')).toEqual([{ type: 'indirect', content: 'soll die Fähre im Mai wieder fahren', speaker: 'der „Küstenbote“' }]);
  });

  it('continues the previous speaker in a sentence in Konjunktiv I with no cue of its own', () => {
    const text = 'Die Ärztin Runa Falk sagte, das Fieber gehe zurück. Die Kinder könnten bald nach Hause. Man rechne mit einer Woche.';
    expect(read(text)).toEqual([
      { type: 'indirect', content: 'das Fieber gehe zurück', speaker: 'Die Ärztin Runa Falk' },
      { type: 'indirect', content: 'Die Kinder könnten bald nach Hause. Man rechne mit einer Woche', speaker: 'Die Ärztin Runa Falk' },
    ]);
  });
});

describe('the quotes stage dispatches on the article language', () => {
  it('uses the German finder for de (and its regional forms) and the English one otherwise', () => {
    expect(quoteFinder('de')).toBe(findGermanQuotes);
    expect(quoteFinder('de-AT')).toBe(findGermanQuotes);
    expect(quoteFinder('en')).toBe(findQuotes);
    expect(quoteFinder(undefined)).toBe(findQuotes);
  });

  it('finds German indirect speech only when the article says it is German', () => {
    const text = 'Der Sprecher der Hafenbehörde erklärte, die Schleuse sei seit Freitag gesperrt.';
    const stage = createQuotes({ useLibrary: false });
    const de = stage([{ value: { id: 'a', text, language: 'de' }, messages: [] }]).articles[0]!.value.quotes;
    expect(de.map((q) => text.slice(q.span.start, q.span.end))).toEqual(['die Schleuse sei seit Freitag gesperrt']);
    expect(de[0]!.speakerMention && text.slice(de[0]!.speakerMention.start, de[0]!.speakerMention.end)).toBe('Der Sprecher der Hafenbehörde');
  });

  it('resolves a German pronoun speaker to the person of the quote before it', () => {
    const text = 'Die Ärztin Runa Falk sagte am Montag, das Fieber gehe zurück.\n\nSie erklärte außerdem, die Kinder könnten bald nach Hause.';
    const stage = createQuotes({ useLibrary: false });
    const quotes = stage([{ value: { id: 'a', text, language: 'de' }, messages: [] }]).articles[0]!.value.quotes;
    expect(quotes).toHaveLength(2);
    expect(quotes[0]!.personId).toBeDefined();
    expect(quotes[1]!.personId).toBe(quotes[0]!.personId);
    expect(quotes[1]!.attribution).toContain('pronoun-previous-speaker');
  });
});
