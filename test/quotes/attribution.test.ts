import { describe, expect, it } from 'vitest';
import { createQuotes, type QuoteInput } from '../../src/pipeline/analyze/quotes/index.js';
import type { Envelope } from '../../src/model/envelope.js';

function analyze(texts: string[]) {
  const inputs: Envelope<QuoteInput>[] = texts.map((text, i) => ({ value: { id: `art${i}`, text }, messages: [] }));
  const result = createQuotes({ useLibrary: false })(inputs);
  const name = (id?: string): string | undefined => result.entities.find((e) => e.id === id)?.name;
  return { result, name, texts };
}

/** Quotes of one English article as the product finds them (with the name tagger), and the speaker of the quote holding `part`. */
function speakerOf(text: string) {
  const result = createQuotes()([{ value: { id: 'art0', text, language: 'en' }, messages: [] }]);
  const name = (id?: string): string | undefined => result.entities.find((e) => e.id === id)?.name;
  const quotes = result.articles[0]!.value.quotes;
  return { result, quotes, name, by: (part: string): string | undefined => name(quotes.find((q) => text.slice(q.span.start, q.span.end).includes(part))?.personId) };
}

describe('speaker resolution', () => {
  it('never gives "he" to a woman or "she" to a man by their given names, and lets "there was X\'s reply" bring X on stage', () => {
    const text = [
      'Councillor Kristen Vall said the toll was “a bad deal for every family on the coast.”',
      'Then there was Senator Mark Osric’s reply. He accused the ministry of forcing “a pointless closure” on the port.',
      '“This is about more than 8,000 workers who are being held hostage,” he said.',
      'Councillor Vall did not answer. “We will keep the quays open,” she said.',
    ].join('\n\n');
    // With the name tagger, as the product runs.
    const result = createQuotes()([{ value: { id: 'art0', text, language: 'en' }, messages: [] }]);
    const name = (id?: string): string | undefined => result.entities.find((e) => e.id === id)?.name;
    const quotes = result.articles[0]!.value.quotes;
    const by = (start: string): string | undefined => name(quotes.find((q) => text.slice(q.span.start).startsWith(start))?.personId);
    expect(by('This is about')).toBe('Mark Osric');
    expect(by('We will keep')).toBe('Kristen Vall');
    expect(result.entities.find((e) => e.name === 'Kristen Vall')?.gender).toBe('female');
    expect(result.entities.find((e) => e.name === 'Mark Osric')?.gender).toBe('male');
  });

  it('gives a joint statement to its first-named author, and "the statement continued" to them however far on', () => {
    const filler = 'The port authority said traffic on the northern quay had been light all week. Dockers at the southern gate said they had not been told of any change. '.repeat(12);
    const text = [
      'Harbour Minister Anselm Rovic (Lauvia) and Fisheries Minister Lena Ostrova (Varesia) criticised the customs office in a statement on Friday.',
      '“The customs office has held the trucks at the border for a full week,” the two said in a statement. “Every day of delay costs the fishermen of both countries.”',
      filler,
      'Customs officials said they were following the rules.',
      '“This did not have to happen at all, and it must not happen again,” the statement continued.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    const named = result.articles[0]!.value.quotes.map((q) => [text.slice(q.span.start, q.span.start + 20), name(q.personId)]);
    expect(named.find(([t]) => t!.startsWith('The customs office'))?.[1]).toBe('Anselm Rovic');
    expect(named.find(([t]) => t!.startsWith('This did not'))?.[1]).toBe('Anselm Rovic');
  });

  it('reads an agency or a title joined by "and" as one speaker, not a joint subject', () => {
    const cases: [string, string][] = [
      ['Harbour Chamber of Commerce President and CEO Tomas Arkady said that “the tolls will sink the smaller ferry lines this winter.”', 'Tomas Arkady'],
      ['Coast and Border Guard Commissioner Lena Ostrova said that “every crossing will stay open through the storm season.”', 'Lena Ostrova'],
    ];
    for (const [text, speaker] of cases) {
      const result = createQuotes()([{ value: { id: 'art0', text, language: 'en' }, messages: [] }]);
      const quote = result.articles[0]!.value.quotes[0]!;
      expect(result.entities.find((e) => e.id === quote.personId)?.name).toBe(speaker);
    }
  });

  it('marks no gender by a given name common for both (Taylor, Riley)', () => {
    const text = 'Taylor Brenne said the harbour was “closed for the season.”\n\nRiley Osk said the ferries were “running late all week.”';
    const result = createQuotes()([{ value: { id: 'art0', text, language: 'en' }, messages: [] }]);
    expect(result.entities.filter((e) => e.gender !== undefined).map((e) => e.name)).toEqual([]);
  });

  it('keeps "Both Democrats and Republicans" from being read as a joint author', () => {
    const text = 'Both Greens and Liberals want to add money to the harbour fund, saying “the quays cannot wait another winter.”';
    const { result, name } = analyze([text]);
    expect(result.articles[0]!.value.quotes.map((q) => name(q.personId))).not.toContain('Both Greens');
  });

  it('reads a committee named with "and" before an office title as part of the speaker, not as the speaker', () => {
    const text = 'Harbours and Fisheries Committee Chairwoman Orla Vance detailed the last days of the talks, saying “this got really hot on a number of occasions.”';
    const result = createQuotes()([{ value: { id: 'art0', text, language: 'en' }, messages: [] }]);
    const quote = result.articles[0]!.value.quotes[0]!;
    expect(result.entities.find((e) => e.id === quote.personId)?.name).toBe('Orla Vance');
    // Two people joined by "and" are not read as one name.
    const pair = createQuotes()([{ value: { id: 'art1', text: 'Tomas Arkady and Lena Ostrova met the dockers, saying “the harbour will reopen in spring.”', language: 'en' }, messages: [] }]);
    expect(pair.entities.map((e) => e.name)).not.toContain('Tomas Arkady and Lena Ostrova');
  });

  it('resolves "he said" to the previous speaker, not to the last person named', () => {
    const text = [
      '“The harbour will reopen in spring,” Mayor Tomas Arkady said during his meeting with Governor Lena Ostrova.',
      '“We will not wait for the ministry,” he said.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    const quotes = result.articles[0]!.value.quotes;
    expect(quotes.map((q) => name(q.personId))).toEqual(['Tomas Arkady', 'Tomas Arkady']);
    expect(quotes[1]!.attribution!.some((r) => r.startsWith('pronoun-'))).toBe(true);
  });

  it('gives "she said" and "a-t-elle déclaré" to the person whose apposed name opens the sentence before, not to the previous speaker', () => {
    for (const text of [
      [
        '“The bridge will reopen in two weeks,” Minister Anselm Rovic said on Friday.',
        'The mayor of Kesh, Irene Duval, welcomed the news but wants a second bridge. “The town cannot wait another winter,” she said.',
      ].join('\n\n'),
      [
        'Le ministre Anselm Rovic a déclaré : « Le pont rouvrira dans deux semaines. »',
        'La maire de Kesh, Irene Duval, a salué l’annonce. « La ville ne peut pas attendre un hiver de plus », a-t-elle déclaré.',
      ].join('\n\n'),
    ]) {
      const inputs: Envelope<QuoteInput>[] = [{ value: { id: 'art0', text, language: /«/u.test(text) ? 'fr' : 'en' }, messages: [] }];
      // With the name tagger, as the product runs: the apposed name has no title of its own.
      const result = createQuotes()(inputs);
      const quotes = result.articles[0]!.value.quotes;
      const last = quotes.at(-1)!;
      expect(text.slice(last.span.start, last.span.end)).toMatch(/winter|hiver/u);
      expect(result.entities.find((e) => e.id === last.personId)?.name).toBe('Irene Duval');
    }
  });

  it('resolves "the Leader" and "the PM" to the people holding those roles', () => {
    const text = [
      'Northern Supreme Leader Omar Qasimi met Prime Minister Pavel Dunmore in Veska on Monday.',
      '“The river belongs to both our nations,” the Leader said.',
      'The PM stressed that the new dam would be finished within a year.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    const [first, second] = result.articles[0]!.value.quotes;
    expect(name(first!.personId)).toBe('Omar Qasimi');
    expect(name(second!.personId)).toBe('Pavel Dunmore');
    expect(first!.type).toBe('direct');
    expect(second!.type).toBe('indirect');
  });

  it('resolves a role phrase with the help of another article that names the role holder', () => {
    const { result, name } = analyze([
      'Northern Supreme Leader Omar Qasimi opened the bridge.',
      'The Leader said the toll would be abolished. Ayatollah Qasimi then left for Tarsk.',
    ]);
    const q = result.articles[1]!.value.quotes[0]!;
    expect(name(q.personId)).toBe('Omar Qasimi');
  });

  it("attributes \"X's office said\" to X", () => {
    const { result, name } = analyze(['Governor Lena Ostrova visited the dam. Ostrova’s office said the visit had gone well.']);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toBe('Lena Ostrova');
  });

  it('records a message for a quote without a speaker and for an unclosed quotation mark', () => {
    const { result } = analyze(['“The tide is turning in our favour and everyone can see it now\n\nThe council met on Friday.']);
    const rules = result.articles[0]!.messages.map((m) => m.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['quote-unclosed', 'quote-no-speaker']));
    const m = result.articles[0]!.messages.find((x) => x.ruleId === 'quote-unclosed')!;
    expect(m).toMatchObject({ stage: 'analyze', severity: 'warning', layer: 'text' });
    expect(m.span).toBeDefined();
  });

  it('keeps earlier messages on the envelope and gives quotes stable ids', () => {
    const inputs: Envelope<QuoteInput>[] = [{ value: { id: 'x', text: 'Mara Velin said that the pier would open.' }, messages: [{ stage: 'text', ruleId: 'earlier', reason: 'r', severity: 'info' }] }];
    const a = createQuotes({ useLibrary: false })(inputs);
    const b = createQuotes({ useLibrary: false })(inputs);
    expect(a.articles[0]!.messages[0]!.ruleId).toBe('earlier');
    expect(a.articles[0]!.value.quotes[0]!.id).toMatch(/^qte_[0-9a-f]{16}$/);
    expect(a.articles[0]!.value.quotes[0]!.id).toBe(b.articles[0]!.value.quotes[0]!.id);
  });
});

describe('speakers named by surname in another article, and organisations', () => {
  it('resolves a lone surname to the person another article of the story names in full', () => {
    const { result, name } = analyze([
      'Dr. Ilsa Varnholt, a marine engineer, inspected the Veska dock on Monday.',
      'The dock was closed.\n\n“The pilings are rotten through,” Varnholt told us.',
    ]);
    const [quote] = result.articles[1]!.value.quotes;
    expect(name(quote!.personId)).toBe('Ilsa Varnholt');
    expect(quote!.attribution).toContain('mention-surname-in-story');
  });

  it('gives an organisation its own statement', () => {
    const { result, name } = analyze(['“We will strike until the harbour reopens,” the Veska Dockworkers Union said in a statement.']);
    const [quote] = result.articles[0]!.value.quotes;
    expect(name(quote!.personId)).toBe('Veska Dockworkers Union');
  });

  it('leaves a surname two people of the story share unresolved', () => {
    const { result } = analyze([
      'Dr. Ilsa Varnholt and Mayor Piet Varnholt met on Monday.',
      'The dock was closed.\n\n“The pilings are rotten through,” Varnholt told us.',
    ]);
    expect(result.articles[1]!.value.quotes[0]!.personId).toBeUndefined();
  });
});

describe('the speaker is the head of the speaker phrase', () => {
  it('does not give a spokesperson’s or a possession’s words to the person named inside the phrase', () => {
    const { result, name } = analyze([
      'Mayor Tomas Arkady opened the Veska bridge on Monday.\n\n“The bridge cost twice the estimate,” a spokesperson for Arkady said.\n\n“The budget is safe,” Arkady’s legal team said.',
    ]);
    const quotes = result.articles[0]!.value.quotes;
    expect(quotes.map((q) => name(q.personId))).toEqual([undefined, undefined]);
  });

  it('gives the words of a description in apposition to the name after it', () => {
    const { result, name } = analyze(['“Cases fell for a third day,” said Arkady’s spokeswoman, Dr. Lena Ostrova, on Monday.\n\nMayor Tomas Arkady agreed.']);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toBe('Lena Ostrova');
  });

  it('does not take the one told as the speaker', () => {
    const { result, name } = analyze(['Mayor Tomas Arkady spoke on Monday.\n\n“The harbour will reopen in spring,” former Mayor Lena Ostrova, who ran the port for a decade, told Arkady on Monday.']);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toBe('Lena Ostrova');
  });
});

describe('names inside quoted words', () => {
  it('are not taken as the new subject a pronoun refers to', () => {
    const text = ['“The harbour must reopen,” Mayor Tomas Arkady said on Monday.', '“We were never consulted. Governor Piet Dunmore decided alone,” he said.'].join('\n\n');
    const { result, name } = analyze([text]);
    expect(result.articles[0]!.value.quotes.map((q) => name(q.personId))).toEqual(['Tomas Arkady', 'Tomas Arkady']);
  });
});

describe('party descriptions', () => {
  it('take a description in apposition as the name’s, not as a speaker of its own', () => {
    const { result, name } = analyze(['“The harbour plan fails the workers,” Sen. Brian Tolvar, Ohio Democrat, tweeted on Monday.']);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toBe('Brian Tolvar');
  });
});

describe('documents', () => {
  it('give the words a statement goes on with to the speaker who issued it', () => {
    const text = ['“The harbour will reopen in spring,” Mayor Tomas Arkady said in a statement on Monday.', '“No boat will be left behind,” the letter said.'].join('\n\n');
    const { result, name } = analyze([text]);
    expect(result.articles[0]!.value.quotes.map((q) => name(q.personId))).toEqual(['Tomas Arkady', 'Tomas Arkady']);
  });
});

describe('documents and their authors', () => {
  it('give a statement’s words to whoever the article said issued it, not to the speaker quoted just before', () => {
    const text = [
      '“We will keep the port open,” Mayor Tomas Arkady said on Monday.',
      'The Harbour Workers Union issued a statement on Tuesday rejecting the plan.',
      '“The plan ignores every dock worker in this city,” the statement said.',
      '“We will strike if it passes,” the statement continued.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    const direct = result.articles[0]!.value.quotes.filter((q) => q.type === 'direct');
    expect(direct.map((q) => name(q.personId))).toEqual(['Tomas Arkady', 'Harbour Workers Union', 'Harbour Workers Union']);
  });

  it('gives a document to the issuer its introduction names, and leaves it unnamed when the issuer is named in words that name no one', () => {
    const text = [
      '“We will keep the port open,” Mayor Tomas Arkady said on Monday.',
      'Lena Ostrova, who taught at the Kesh Academy in Olm, N.J., was remembered as “a patient teacher,” according to a statement from the Harbour Workers Union.',
      '“She will be missed by every dock worker,” the statement read.',
      'The dock cooperatives, which employ most of the night shift, issued a joint statement criticising the mayor.',
      '“The mayor never asked the night shift,” the statement said.',
      '“The strike goes on until he listens,” it added.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    const named = result.articles[0]!.value.quotes.map((q) => [text.slice(q.span.start, q.span.start + 16), name(q.personId)] as const);
    // "N.J., was" ends no sentence: the union the intro names issued it.
    expect(named.find(([t]) => t.startsWith('She will be'))?.[1]).toBe('Harbour Workers Union');
    // The cooperatives are no one the story knows: the statement and "It added" are nobody's, not the mayor's.
    const unnamed = named.filter(([t]) => t.startsWith('The mayor never') || t.startsWith('The strike'));
    expect(unnamed).toEqual([
      ['The mayor never ', undefined],
      ['The strike goes ', undefined],
    ]);
    expect(named.find(([t]) => t.startsWith('We will keep'))?.[1]).toBe('Tomas Arkady');
  });

  it('takes the subject after an opening "In a statement," as the document\'s issuer', () => {
    const text = ['“The quay is safe,” Mayor Tomas Arkady said on Monday.', 'In a statement released on Tuesday, the Harbour Workers Union closed its offices for the week.', '“The plan ignores every dock worker,” the statement said.'].join('\n\n');
    const { result, name } = analyze([text]);
    const last = result.articles[0]!.value.quotes.at(-1)!;
    expect(text.slice(last.span.start, last.span.start + 8)).toBe('The plan');
    expect(name(last.personId)).toBe('Harbour Workers Union');
  });

  it('hears the reporting clause after a quotation ending in a question or exclamation mark', () => {
    const text = 'The council met on Monday.\n\n“Why are you ignoring your own harbour?” Mayor Tomas Arkady said on Tuesday.';
    const { result, name } = analyze([text]);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toBe('Tomas Arkady');
  });
});

describe('descriptions and "it" as speakers', () => {
  it('take "the Ohio Democrat" back to the person just made the subject, not to another holder of a title', () => {
    const text = ['“The vote was rushed,” Senator Mara Quill said.', 'Senator Brian Tolvar disagreed on Tuesday.', '“This plan abandons the dock workers,” the Ohio Democrat said.'].join('\n\n');
    const { result, name } = analyze([text]);
    const q = result.articles[0]!.value.quotes[1]!;
    expect(name(q.personId)).toBe('Brian Tolvar');
    expect(q.attribution).toContain('description-new-subject');
  });

  it('takes "it said" to the organisation last made a subject, never to a person', () => {
    const text = [
      '“The port will stay open,” Mayor Tomas Arkady said.',
      'The Harbour Workers Union disagreed on Tuesday.',
      '“The port cannot stay open without its workers,” it said.',
    ].join('\n\n');
    const { result, name } = analyze([text]);
    expect(result.articles[0]!.value.quotes.map((q) => name(q.personId))).toEqual(['Tomas Arkady', 'Harbour Workers Union']);
  });

  it('matches a lone surname to a full name ending in a place', () => {
    const { result, name } = analyze(['Rep. Elias Varga of Maryland criticised the harbour plan on Monday.', '“This plan fails the workers,” Varga said.']);
    expect(name(result.articles[1]!.value.quotes[0]!.personId)).toContain('Elias Varga');
  });
});

describe('speakers the recogniser left unnamed', () => {
  it('gives a quote to a personal name the recogniser did not link ("Varnholt told us")', () => {
    const { result, name } = analyze(['The dock was closed.\n\n“The pilings are rotten through,” Varnholt told us.']);
    const q = result.articles[0]!.value.quotes[0]!;
    expect(name(q.personId)).toBe('Varnholt');
    expect(q.attribution).toContain('mention-unlinked-name');
  });

  it('never makes a person of a capitalised word opening a sentence', () => {
    const { result } = analyze(['The dock was closed.\n\nPrior to the vote, Councillors said the pilings were “rotten through and through, every one of them”.']);
    for (const q of result.articles[0]!.value.quotes) expect(q.attribution).not.toContain('mention-unlinked-name');
  });

  it('hears a reporting clause whose name carries a party tag and an appositive', () => {
    const text = 'The council met.\n\n“The harbour cannot wait another winter,” Rep. Elias Varga (D-Ohio), chairman of the harbour committee, said in a statement.';
    const { result, name } = analyze([text]);
    expect(name(result.articles[0]!.value.quotes[0]!.personId)).toContain('Elias Varga');
  });
});

describe('unnamed sources', () => {
  it('gives no name to "one witness who spoke to a station", neither the station nor anyone before', () => {
    const text = '“The harbour is safe,” Mayor Tomas Arkady said.\n\nOne witness who spoke to the Selm Courier said the water “came up faster than anyone had ever seen”.';
    const { result } = analyze([text]);
    const q = result.articles[0]!.value.quotes.find((x) => x.attribution?.includes('relative-clause-object'));
    expect(q).toBeDefined();
    expect(q!.personId).toBeUndefined();
  });
});

describe('counted descriptions', () => {
  it('give the words of "one of X’s supporters, Name," to the name in apposition, and "she" after it too', () => {
    const text = 'Rally crowds were large on Sunday.\n\nOne of Varnholt’s highest-profile supporters, Senator Mara Quill, struck a conciliatory tone, saying, “In order for us to win, we have to grow.”\n\n“We must be inclusive,” she said.';
    const { result, name } = analyze([text]);
    expect(result.articles[0]!.value.quotes.map((q) => name(q.personId))).toEqual(['Mara Quill', 'Mara Quill']);
  });
});

describe('acronyms and unnamed officials', () => {
  it('gives an acronym the article defines to the full name, a country abbreviation before the name included', () => {
    const text = 'The Kessel Harbour Authority (KHA) closed the pier at noon.\n\nKHA added that some protesters "attempted to board the ferry without tickets at the northern gate."';
    const { quotes, name, result } = speakerOf(text);
    expect(name(quotes[0]!.personId)).toBe('Kessel Harbour Authority');
    expect(result.entities.find((e) => e.name === 'Kessel Harbour Authority')?.evidence?.map((e) => e.rule)).toContain('acronym-defined');
    // A country abbreviation before the name belongs to it; the pieces the name was cut into are one organisation.
    const us = speakerOf('U.S. Ferry and Pier Protection (FPP) suspended crossings.\n\nFPP added that the crossings "will reopen once the pier has been inspected by engineers."');
    expect(us.name(us.quotes.at(-1)!.personId)).toBe('U.S. Ferry and Pier Protection');
  });

  it('leaves "a KHA spokesperson" and "the Kessel official" unnamed, neither the body they speak for nor the last person quoted', () => {
    const text = [
      'The Kessel Harbour Authority (KHA) appealed on Monday.',
      'A KHA spokesperson said in a statement, "We obviously disagree with the decision of the court."',
      'Mayor Tomas Arkady welcomed the ruling. "The harbour belongs to the town," Arkady said.',
      '"We will keep the quays open," the Kessel official said.',
    ].join('\n\n');
    const { by } = speakerOf(text);
    expect(by('We obviously')).toBeUndefined();
    expect(by('The harbour belongs')).toBe('Tomas Arkady');
    expect(by('We will keep')).toBeUndefined();
  });
});

describe('verbs of judgement', () => {
  it('gives a partial quote after "commended" or "lambasted" someone to the subject', () => {
    const text = [
      'Harbour chief Lena Ostrova, for instance, commended the mayor "for taking bipartisan steps toward addressing the ferry crisis."',
      'Councillor Petr Valen lambasted the board for "a pointless closure of the only pier we have."',
    ].join('\n\n');
    const { by } = speakerOf(text);
    expect(by('bipartisan steps')).toBe('Lena Ostrova');
    expect(by('pointless closure')).toBe('Petr Valen');
  });
});

describe('organisations as speakers', () => {
  it('gives "it said" to the embassy that issued a statement since the last quote, not to the ministry quoted before', () => {
    const text = [
      'Kavron’s Foreign Ministry issued a statement. "We reject the fees," the statement said.',
      'The Kavrani Embassy in Estravia also issued a statement Friday criticizing the fees.',
      '"The port once again struck at our trade," it said in a statement posted on its website.',
    ].join('\n\n');
    expect(speakerOf(text).by('The port once')).toBe('Kavrani Embassy');
  });
});

describe('openings before the subject', () => {
  it('reads past "Prior to the mayor’s speech," to the subject who issued the statement', () => {
    const text = 'Prior to the mayor’s speech, Councillor Lena Ostrova, a harbour Democrat, issued a statement in response to "initial reports" that "make clear that his proposal is a compilation of several rejected ideas."';
    expect(speakerOf(text).by('compilation')).toBe('Lena Ostrova');
  });
});

describe('relayed speech', () => {
  it('gives words an outlet "reported X saying" or "quoted X (a description in apposition) as saying" to X, not to the outlet', () => {
    const text = [
      '"I beg and beseech my fellow councillors to come to the floor," The Kessel Courier reported Courtney saying, as he placed his head in his hands.',
      'The Selm Herald quoted Mayor Lena Ostrova as saying that the ferries would stop in March.',
      'The Meridian Post quoted Kavron’s transport minister, Timur Kessa, as saying the first trains could run in 2029.',
      '"My prayers are with the ferry crews tonight," Senator Petr Valen was quoted by the Herald as saying.',
    ].join('\n\n');
    const { by } = speakerOf(text);
    expect(by('beseech')).toBe('Courtney');
    expect(by('ferries would stop')).toBe('Lena Ostrova');
    expect(by('first trains')).toBe('Timur Kessa');
    // A passive names the relaying outlet after "by": the subject speaks.
    expect(by('My prayers')).toBe('Petr Valen');
  });
});

describe('two-word reporting verbs', () => {
  it('gives both halves of a question split by "Ferro followed up" to Ferro, not to the one who answered before', () => {
    const text = '"Why did you close the pier?" Councillor Ana Ferro asked Mayor Lena Ostrova.\n\n"Well, as a matter of fact, I did not close it," Ostrova responded.\n\n"So Mayor Ostrova, I do want to be clear here," Ferro followed up, "you are saying that you never closed the pier?"';
    const { by } = speakerOf(text);
    expect(by('I did not close it')).toBe('Lena Ostrova');
    expect(by('I do want to be clear')).toBe('Ana Ferro');
    expect(by('you are saying')).toBe('Ana Ferro');
  });
});

describe('courtesy titles and gender', () => {
  it('never gives "she" to a man the article calls "Mr", whatever his given name', () => {
    const text = 'Mr Halvard Rusk also said he was "not planning a big push" on the quays, but added a warning to Ms Orla Brenn to "be careful" on that.\n\nThe target of Mr Rusk\'s anger was a statement released by Ms Brenn rejecting the offer before it was made.\n\nShe said the offer was "a compilation of several previously rejected ideas, each of which is unacceptable".';
    const { by } = speakerOf(text);
    expect(by('a compilation of several')).toBe('Orla Brenn');
  });
});

describe('descriptions between a subject and its verb', () => {
  it('reads past a party label and a relative clause to the lawmaker who spoke', () => {
    const text = 'The vote was close.\n\nSen. Daria Holm, R-Utah, whose views on the toll have shifted, said the mayor "put forth a reasonable, good faith proposal that will reopen the port."\n\nRep. Ivo Brandt, D-Calif., said the plan "will not pass the House in this form."';
    const { by } = speakerOf(text);
    expect(by('put forth a reasonable')).toBe('Daria Holm');
    expect(by('will not pass the House')).toBe('Ivo Brandt');
  });
});

describe('embedded posts', () => {
  it('gives a post whose signature the extraction kept ("— Name (@handle) Date") to its author as a direct quote, with no report of its own inside', () => {
    const text = 'The council voted on Friday.\n\nThe severity of this closure demands that officials in both parties set aside politics and reopen the port. pic.twitter.com/AbC123xyz — Mara Quill (@maraquill) April 19, 2019\n\nOthers disagreed.';
    const { quotes, by } = speakerOf(text);
    const post = quotes.find((q) => q.attribution?.includes('embedded-post'));
    expect(post).toBeDefined();
    expect(post!.type).toBe('direct');
    expect(text.slice(post!.span.start, post!.span.end)).toBe('The severity of this closure demands that officials in both parties set aside politics and reopen the port');
    expect(by('The severity of this closure')).toBe('Mara Quill');
    expect(quotes.filter((q) => text.slice(q.span.start, q.span.end).includes('set aside politics'))).toHaveLength(1);
  });
});

describe('the head of a speaker phrase', () => {
  it('gives "The FHB in Selm, N.J., tweeted" to the bureau, not to the place or the state between commas', () => {
    const text = 'The harbour closed.\n\nThe Federal Harbour Bureau (FHB) opened an inquiry.\n\nThe FHB in Selm, N.J., tweeted on Sunday that it was "investigating a collision that occurred at the pier" and was "looking for one vessel."';
    const { by } = speakerOf(text);
    expect(by('investigating a collision')).toBe('Federal Harbour Bureau');
  });

  it('leaves "a top FHB expert at the ministry" and "an FHB Selm-Office spokesperson" unnamed, not the bureau\'s', () => {
    const text = 'Talks stalled on Monday.\n\nThe Federal Harbour Bureau (FHB) opened an inquiry.\n\nThe deal was what a top FHB expert at the ministry called "a domestic political errand."\n\nAn FHB Selm-Office spokesperson at the pier said the harbour deal was "a grave error that must be corrected at once."';
    const { quotes } = speakerOf(text);
    for (const part of ['a domestic political errand', 'a grave error']) {
      const q = quotes.find((x) => text.slice(x.span.start, x.span.end).includes(part));
      expect(q, part).toBeDefined();
      expect(q!.personId, part).toBeUndefined();
    }
  });
});

describe('introductions across paragraphs', () => {
  it('gives a quotation paragraph to the subject of "To which Ostrova replied," in the paragraph before', () => {
    const text = 'Mayor Lena Ostrova spoke to the inquiry on Monday.\n\nAn officer told her the pier was gone.\n\nTo which Ostrova replied,\n\n"I already know the pier is gone."';
    const { quotes, by } = speakerOf(text);
    expect(by('I already know')).toBe('Lena Ostrova');
    expect(quotes.find((q) => q.personId !== undefined && text.slice(q.span.start, q.span.end).includes('I already know'))?.attribution).toContain('colon-introduction');
  });
});

describe('organisations described again', () => {
  it('takes "said the video sharing site" back to the site quoted before, and "according to the Quay Party’s website" to no one else', () => {
    const text = '“Our hearts are broken over the collapse,” said Clipcast Media, in a posted statement.\n\n"Violent footage of the collapse has no place on our service, and we are removing it," said the video sharing site, in a statement to reporters.\n\nThe mayor is missing from 8 ballots, according to the Quay Party’s official website.';
    const { quotes, by } = speakerOf(text);
    expect(by('Violent footage')).toBe('Clipcast Media');
    const q = quotes.find((x) => text.slice(x.span.start, x.span.end).includes('missing from 8 ballots'));
    expect(q).toBeDefined();
    expect(by('missing from 8 ballots')).not.toBe('Clipcast Media');
  });
});

describe('heading lines between paragraphs', () => {
  it('passes over a teaser or crosshead line when a quotation paragraph continues the quote before it', () => {
    const text = 'Before the vote, Councillor Orla Brenn had called the plan “a non-starter.”\n\nHARBOUR PLAN FACES NEW VOTE\n\n“For one thing, this proposal does not include the permanent repairs that the quays need and the town supports.”';
    const { by } = speakerOf(text);
    expect(by('For one thing')).toBe('Orla Brenn');
  });
});

describe('appositives around the name', () => {
  it('reads "Lena Ostrova, a spokesperson for the mayor told reporters" (no closing comma) as Ostrova, and "his rival, Sen. Ivo Brandt of Selm, signaled" as Brandt', () => {
    const text = 'The council met on Monday.\n\nLena Ostrova, a spokesperson for the mayor told reporters in a statement that the mayor "remains close" to the council.\n\nOn Wednesday, his rival, Sen. Ivo Brandt of Selm, signaled that the mayor "is going to have to directly answer to voters" on the toll.';
    const { by } = speakerOf(text);
    expect(by('remains close')).toBe('Lena Ostrova');
    expect(by('directly answer to voters')).toContain('Ivo Brandt');
  });

  it('never takes an opening phrase before "a columnist" or "an official" for the speaker', () => {
    const text = 'The pier closed.\n\nIn September, a Selm Courier columnist claimed the pier was "a credible danger to swimmers".\n\nIn response to an inquiry from The Selm Courier, an HPA spokesman said the pier was "closed for good".';
    const { quotes } = speakerOf(text);
    for (const part of ['a credible danger', 'closed for good']) {
      const q = quotes.find((x) => text.slice(x.span.start, x.span.end).includes(part));
      expect(q, part).toBeDefined();
      expect(q!.personId, part).toBeUndefined();
    }
  });
});

describe('a colon after a clause of its own', () => {
  it('gives the quotation after it to the sentence subject, not to the clause the colon ends', () => {
    const text = 'The rally began late.\n\nMayor Lena Ostrova listed the six councillors who have backed her in the past week during a visit to the harbour with Brandt in Selm: “They have all come out and backed the candidate that they think can win.”';
    const { by } = speakerOf(text);
    expect(by('They have all come out')).toBe('Lena Ostrova');
  });
});

describe('descriptions between a body and a name', () => {
  it('gives a colon-introduced quotation to "Harbour TV moderator Abby Varga", not to the channel', () => {
    const text = 'The debate began late.\n\nHarbour TV moderator Abby Varga opened a line of questioning on the feud between Mayor Lena Ostrova and Councillor Ivo Brandt: “Harbour TV reported yesterday that in 2018 you told him the pier could not be saved. Why did you say that?”';
    const { by } = speakerOf(text);
    expect(by('Harbour TV reported yesterday')).toBe('Abby Varga');
  });
});

describe('participles with a subject of their own', () => {
  it('gives ", with spokesman Dmitri Varga saying …" to Varga, not to the main clause, and leaves chanting protesters unnamed', () => {
    const text = 'Mayor Lena Ostrova spoke first.\n\nThe ministry has dismissed the findings of the report, with ministry spokesman Dmitri Varga saying it contained "no new information".\n\nAbout a dozen protesters carrying harbour signs disrupted the rally, chanting, "Lena has to go."\n\nIn a video of the meeting, Councillor Ivo Brandt is heard yelling: "Get out of my harbour."';
    const { quotes, by } = speakerOf(text);
    expect(by('no new information')).toBe('Dmitri Varga');
    const chant = quotes.find((q) => text.slice(q.span.start, q.span.end).includes('Lena has to go'));
    expect(chant).toBeDefined();
    expect(chant!.personId).toBeUndefined();
    expect(by('Get out of my harbour')).toBe('Ivo Brandt');
  });
});

describe('a passive’s agent', () => {
  it('makes the agent of "The move was cheered by Rep. Ivo Brandt" the next "he", but not one inside a relative clause', () => {
    const text = 'Councillor Tomas Arkady praised the toll.\n\nThe move was cheered by Rep. Ivo Brandt, a harbour Democrat who has led the inquiry into the pier. He said it sent a “strong message to the ministry.”\n\nThe young councillor, who had been courted by Arkady, told Mayor Lena Ostrova she was backing her. “This harbour needs a plan,” she said.';
    const { by } = speakerOf(text);
    expect(by('strong message to the ministry')).toBe('Ivo Brandt');
    expect(by('This harbour needs a plan')).not.toBe('Tomas Arkady');
  });
});

describe('documents, absolute clauses and roles in a speaker phrase', () => {
  it('gives "replied with a post urging X: …" to the subject, ", with Y remaining optimistic, saying …" to Y, and "counsel to the mayor John Brandt" to Brandt', () => {
    const text = [
      'Mayor Lena Ostrova spoke on Monday.',
      'At the time, Mayor Ostrova replied with a post urging the ferry company: "Build your boats in Selm instead of abroad."',
      'Councillors have pushed for tighter rules, with Councillor Tomas Arkady remaining optimistic of a deal, saying an agreement was “imminent” last month.',
      'Signaling that a lawsuit was likely, counsel to the mayor John Brandt said in an email that “the ministry’s attempt to close the port will be answered in court.”',
    ].join('\n\n');
    const { by } = speakerOf(text);
    expect(by('Build your boats in Selm')).toBe('Lena Ostrova');
    expect(by('an agreement was')).toBe('Tomas Arkady');
    expect(by('answered in court')).toBe('John Brandt');
  });
});

describe('crossheads that quote the body', () => {
  it('takes no quote from a heading line that only repeats a quotation the body gives its speaker', () => {
    const text = '"We did not know what day it would be," Mayor Lena Ostrova told reporters.\n\n\'A stunning betrayal\'\n\nBehind closed doors, the mayor insisted the town had the upper hand.\n\nIvo Brandt, the editor of the Selm Courier, called the mayor\'s plan "a stunning betrayal."';
    const { quotes, by } = speakerOf(text);
    expect(quotes.filter((q) => text.slice(q.span.start, q.span.end).toLowerCase().includes('stunning betrayal'))).toHaveLength(1);
    expect(by('stunning betrayal')).not.toBe('Lena Ostrova');
  });
});

describe('a quote sourced to a report', () => {
  it('keeps "“…,” said X, according to a report in Y" as X’s quote and continues it with X’s next quotation', () => {
    const text = 'Councillors reacted.\n\n“This is complete lawlessness from the side of the ministry,” said Gen. Tomas Arkady, deputy head of the harbour committee, according to a report in the Selm Courier. “It is all because the ministry’s projects on the coast are failing, one after the other.”';
    const { quotes, by } = speakerOf(text);
    expect(by('It is all because')).toBe('Tomas Arkady');
    expect(quotes.filter((q) => text.slice(q.span.start, q.span.end).includes('complete lawlessness'))).toHaveLength(1);
  });
});
