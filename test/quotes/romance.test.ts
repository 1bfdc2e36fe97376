/**
 * French and Spanish quotes through the quotes stage (`createQuotes` with the article's language):
 * fictional articles by fictional outlets, each pattern of languages/fr.json and languages/es.json
 * and the near-misses (a title in guillemets is no quote; a quote with no speaker stays unattributed).
 */
import { describe, expect, it } from 'vitest';
import { createQuotes, quoteFinder } from '../../src/pipeline/analyze/quotes/index.js';

/** The quotes of `text` in `language` as plain strings: type, content pieces, speaker mention and resolved person. */
function read(text: string, language: string): { type: string; content: string; speaker?: string; person?: string }[] {
  const out = createQuotes({ useLibrary: false })([{ value: { id: 'a', text, language }, messages: [] }]);
  const names = new Map(out.entities.map((e) => [e.id, e.name] as const));
  return out.articles[0]!.value.quotes.map((q) => ({
    type: q.type,
    content: (q.segments ?? [q.span]).map((s) => text.slice(s.start, s.end)).join(' … '),
    ...(q.speakerMention ? { speaker: text.slice(q.speakerMention.start, q.speakerMention.end) } : {}),
    ...(q.personId ? { person: names.get(q.personId) } : {}),
  }));
}

// A fictional local paper, Le Veilleur de Vellonne.
const FRENCH = [
  "La maire de Vellonne, Claire Astier, a déclaré lundi que le pont serait rouvert avant l'été.",
  '« Nous ne laisserons personne sur le quai », a-t-elle ajouté devant le conseil municipal.',
  "« Les travaux ont pris trop de retard », a déclaré Paul Renaud, président de l'association des riverains.",
  'Selon le préfet Marc Olivier, les crédits sont disponibles depuis mars.',
  "D'après l'agence Portinfo, trois entreprises ont déposé une offre.",
  'Les riverains attendent une réponse depuis des mois, selon le journal local.',
  'Le chantier, baptisé « Pont neuf », doit durer deux ans.',
  '« Personne ne sait quand la circulation reprendra. »',
  'M. Renaud a affirmé que la consultation avait été « bâclée ».',
  'Le ministre des transports a indiqué : « L’État paiera sa part. »',
  "— Nous serons prêts avant l'hiver, dit le ministre.",
].join('\n');

// A fictional regional paper, El Faro de Puerto Lema.
const SPANISH = [
  'El alcalde de Puerto Lema, Andrés Quiroga, dijo el martes que el muelle abrirá en mayo.',
  '«No vamos a cerrar el puerto», afirmó la concejala Lucía Ferrer ante la prensa.',
  '“Faltan dos grúas y un dique”, señaló el ingeniero Tomás Vidal.',
  'Según la Autoridad Portuaria, las obras costarán doce millones.',
  'El barco, bautizado «Estrella del Sur», llegará el viernes.',
  '«Nadie nos ha explicado nada.»',
  'El Sr. Quiroga aseguró que el plan «no tiene vuelta atrás».',
  '—Estaremos listos antes del verano —dijo Quiroga—. Lo prometo.',
].join('\n');

describe('French quotes', () => {
  const quotes = read(FRENCH, 'fr');

  it('finds « … » quotations with the cue after them: a-t-il déclaré, a déclaré X', () => {
    expect(quotes).toContainEqual({ type: 'direct', content: 'Nous ne laisserons personne sur le quai', speaker: 'elle', person: 'Claire Astier' });
    expect(quotes).toContainEqual({ type: 'direct', content: 'Les travaux ont pris trop de retard', speaker: 'Paul Renaud', person: 'Paul Renaud' });
  });

  it('takes the clause after "a déclaré que" / "a affirmé que" with the subject before the verb (an apposition between them)', () => {
    expect(quotes).toContainEqual({ type: 'indirect', content: "que le pont serait rouvert avant l'été", speaker: 'Claire Astier', person: 'Claire Astier' });
    expect(quotes).toContainEqual({ type: 'indirect', content: 'que la consultation avait été « bâclée »', speaker: 'Renaud', person: 'Paul Renaud' });
    expect(quotes).toContainEqual({ type: 'direct', content: 'bâclée', speaker: 'Renaud', person: 'Paul Renaud' });
  });

  it('attributes a clause under selon / d’après to the source the frame names, before or after it', () => {
    expect(quotes).toContainEqual({ type: 'indirect', content: 'les crédits sont disponibles depuis mars', speaker: 'Marc Olivier', person: 'Marc Olivier' });
    expect(quotes).toContainEqual({ type: 'indirect', content: 'trois entreprises ont déposé une offre', speaker: "l'agence Portinfo" });
    expect(quotes).toContainEqual({ type: 'indirect', content: 'Les riverains attendent une réponse depuis des mois', speaker: 'le journal local' });
  });

  it('reads a colon introduction and dash dialogue with its incise', () => {
    expect(quotes).toContainEqual({ type: 'direct', content: 'L’État paiera sa part', speaker: 'Le ministre des transports' });
    expect(quotes).toContainEqual({ type: 'direct', content: "Nous serons prêts avant l'hiver", speaker: 'le ministre' });
  });

  it('takes no title in guillemets for a quote, and leaves a quote with no speaker unattributed', () => {
    expect(quotes.some((q) => q.content.includes('Pont neuf'))).toBe(false);
    expect(quotes).toContainEqual({ type: 'direct', content: 'Personne ne sait quand la circulation reprendra' });
    expect(quotes).toHaveLength(11);
  });
});

describe('Spanish quotes', () => {
  const quotes = read(SPANISH, 'es');

  it('finds « » and “ ” quotations with the cue after them: afirmó X, señaló X', () => {
    expect(quotes).toContainEqual({ type: 'direct', content: 'No vamos a cerrar el puerto', speaker: 'Lucía Ferrer', person: 'Lucía Ferrer' });
    expect(quotes).toContainEqual({ type: 'direct', content: 'Faltan dos grúas y un dique', speaker: 'Tomás Vidal', person: 'Tomás Vidal' });
  });

  it('takes the clause after "dijo que" / "aseguró que" and the clause under según', () => {
    expect(quotes).toContainEqual({ type: 'indirect', content: 'que el muelle abrirá en mayo', speaker: 'Andrés Quiroga', person: 'Andrés Quiroga' });
    expect(quotes).toContainEqual({ type: 'indirect', content: 'que el plan «no tiene vuelta atrás»', speaker: 'Quiroga', person: 'Andrés Quiroga' });
    expect(quotes).toContainEqual({ type: 'indirect', content: 'las obras costarán doce millones', speaker: 'la Autoridad Portuaria' });
  });

  it('reads dash dialogue around its incise (—…—dijo X—. …)', () => {
    expect(quotes).toContainEqual({ type: 'direct', content: 'Estaremos listos antes del verano … Lo prometo', speaker: 'Quiroga', person: 'Andrés Quiroga' });
  });

  it('takes no name in guillemets for a quote, and leaves a quote with no speaker unattributed', () => {
    expect(quotes.some((q) => q.content.includes('Estrella del Sur'))).toBe(false);
    expect(quotes).toContainEqual({ type: 'direct', content: 'Nadie nos ha explicado nada' });
  });
});

describe('the quotes stage reads French and Spanish with their own rules', () => {
  it('uses the French and Spanish finders for fr and es (and their regional forms), the English one otherwise', () => {
    const text = '« Le port restera ouvert », a déclaré Claire Astier.';
    expect(quoteFinder('fr-CA')(text, [{ start: 0, end: text.length }])[0]?.speaker).toBe('Claire Astier');
    expect(quoteFinder('es')('«El puerto seguirá abierto», dijo Andrés Quiroga.', [{ start: 0, end: 48 }])[0]?.speaker).toBe('Andrés Quiroga');
    expect(quoteFinder('en')(text, [{ start: 0, end: text.length }])[0]?.speaker).not.toBe('Claire Astier');
  });
});
