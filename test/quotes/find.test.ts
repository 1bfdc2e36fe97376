import { describe, expect, it } from 'vitest';
import { findQuotes, type FoundQuote } from '../../src/pipeline/analyze/quotes/index.js';

/** The quotes of `text`, as plain strings for readable assertions. */
function read(text: string): { type: string; content: string[]; speaker?: string; cue?: string }[] {
  return findQuotes(text).map((q: FoundQuote) => ({
    type: q.type,
    content: q.segments.map((s) => text.slice(s.start, s.end)),
    ...(q.speaker ? { speaker: q.speaker } : {}),
    ...(q.cue ? { cue: text.slice(q.cue.start, q.cue.end) } : {}),
  }));
}

describe('direct quotes in every quotation-mark style', () => {
  const styles: [string, string, string][] = [
    ['curly double', '“', '”'],
    ['straight double', '"', '"'],
    ['guillemets', '«', '»'],
    ['German low-high', '„', '“'],
    ['curly single', '‘', '’'],
    ['single guillemets', '‹', '›'],
    ['two apostrophes', "''", "''"],
  ];
  for (const [name, open, close] of styles) {
    it(`finds a ${name} quote and its speaker`, () => {
      const text = `${open}The harbour will reopen before the winter storms,${close} Mara Velin said on Tuesday.`;
      const [q] = read(text);
      expect(q).toMatchObject({ type: 'direct', speaker: 'Mara Velin', cue: 'said' });
      expect(q!.content[0]).toContain('The harbour will reopen before the winter storms');
    });
  }

  it('does not take apostrophes for quotation marks', () => {
    const text = "The mayor's office said the city's budget was final.";
    const qs = findQuotes(text);
    expect(qs.every((q) => q.type === 'indirect')).toBe(true);
  });

  it('keeps a quote whose closing mark is missing, running to the paragraph end', () => {
    const text = 'Tomas Arkady said: “The vote will be held next spring whatever the council decides\n\nThe council met on Friday.';
    const qs = findQuotes(text);
    const q = qs.find((x) => x.unclosed);
    expect(q).toBeDefined();
    expect(text.slice(q!.span.start, q!.span.end)).toBe('The vote will be held next spring whatever the council decides');
  });

  it('accepts a straight opening mark closed by a curly one', () => {
    const text = '"We have seen the water rise every single year,” Ilse Brandvik said.';
    expect(read(text)[0]).toMatchObject({ type: 'direct', speaker: 'Ilse Brandvik' });
  });
});

describe('quotes over several paragraphs', () => {
  it('joins paragraphs that re-open a quote left open, one segment per paragraph', () => {
    const text = 'Omar Qasimi told the assembly:\n\n“The first phase is finished and paid for.\n\n“The second phase starts when the bridge opens.”\n\nThe assembly adjourned.';
    const q = findQuotes(text).find((x) => x.type === 'direct')!;
    expect(q.segments).toHaveLength(2);
    expect(text.slice(q.segments[0]!.start, q.segments[0]!.end)).toBe('The first phase is finished and paid for');
    expect(text.slice(q.segments[1]!.start, q.segments[1]!.end)).toBe('The second phase starts when the bridge opens');
    expect(q.speaker).toBe('Omar Qasimi');
  });
});

describe('interrupted quotes', () => {
  it('makes "X," he said. "Y." one quote with two segments', () => {
    const text = '“The budget is balanced,” Lena Ostrova said. “Nobody will pay more tax this year.”';
    const qs = read(text);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ type: 'direct', speaker: 'Lena Ostrova' });
    expect(qs[0]!.content).toEqual(['The budget is balanced', 'Nobody will pay more tax this year']);
  });

  it('makes "X," said Y, the minister, "Z." one quote', () => {
    const text = '“The port stays open,” said Pavel Dunmore, the transport minister, “until the inquiry reports.”';
    const qs = read(text);
    expect(qs).toHaveLength(1);
    expect(qs[0]!.speaker).toBe('Pavel Dunmore');
    expect(qs[0]!.content).toHaveLength(2);
  });

  it('joins an indirect statement split by its reporting clause', () => {
    const text = 'The new reservoir, Rhea Castellan said, will be full by the end of the month.';
    const [q] = read(text);
    expect(q).toMatchObject({ type: 'indirect', speaker: 'Rhea Castellan' });
    expect(q!.content).toEqual(['The new reservoir', 'will be full by the end of the month']);
  });
});

describe('mixed and indirect speech', () => {
  it('finds a mixed quote: indirect speech around a quoted phrase', () => {
    const text = 'Idris Mbeki called the decision “a betrayal of every fisherman on the coast” and left the hall.';
    const [q] = read(text);
    expect(q).toMatchObject({ type: 'mixed', speaker: 'Idris Mbeki', cue: 'called' });
  });

  const verbs = ['said', 'stressed', 'noted', 'emphasised', 'underlined', 'reiterated', 'maintained', 'warned', 'argued', 'added'];
  for (const verb of verbs) {
    it(`finds indirect speech after "${verb} that"`, () => {
      const text = `Sana Rahimi ${verb} that the new tariff would hurt small farmers in the north.`;
      const [q] = read(text);
      expect(q).toMatchObject({ type: 'indirect', speaker: 'Sana Rahimi', cue: verb });
      expect(q!.content[0]).toBe('that the new tariff would hurt small farmers in the north');
    });
  }

  it('finds "told X that …" with the addressee skipped', () => {
    const [q] = read('Jonah Whitlock told reporters in Port Aldin that the strike would end on Monday.');
    expect(q).toMatchObject({ speaker: 'Jonah Whitlock', cue: 'told' });
    expect(q!.content[0]).toBe('that the strike would end on Monday');
  });

  it('finds "according to X, …" and "…, according to X."', () => {
    const a = read('According to the harbour authority, the ferry will resume service next week.');
    expect(a[0]).toMatchObject({ speaker: 'the harbour authority', cue: 'According to' });
    expect(a[0]!.content[0]).toBe('the ferry will resume service next week');
    const b = read('The ferry will resume service next week, according to the harbour authority.');
    expect(b[0]!.content[0]).toBe('The ferry will resume service next week');
    expect(b[0]!.speaker).toBe('the harbour authority');
  });

  it("finds \"X's office said …\" with the office as the speaker mention", () => {
    const [q] = read('Velin’s office said the mayor would not attend the ceremony in Tarsk.');
    expect(q).toMatchObject({ speaker: 'Velin’s office', cue: 'said' });
  });

  it('finds "…, he said." after the content', () => {
    const [q] = read('The bridge will be closed for repairs until March, he said.');
    expect(q).toMatchObject({ type: 'indirect', speaker: 'he' });
    expect(q!.content[0]).toBe('The bridge will be closed for repairs until March');
  });

  it('does not take a noun for a reporting verb', () => {
    expect(findQuotes('The report on the harbour was published on Friday.')).toHaveLength(0);
    expect(findQuotes('Their plans for the new bridge were approved.')).toHaveLength(0);
  });

  it('names a speaker introduced by a colon before a quote paragraph', () => {
    const text = 'Councillor Mara Velin:\n\n“We will rebuild the pier before the summer season.”';
    const [q] = read(text);
    expect(q).toMatchObject({ type: 'direct', speaker: 'Councillor Mara Velin' });
  });

  it('gives a quote paragraph the speaker of the paragraph before it', () => {
    const text = 'Mayor Tomas Arkady said the pier would be rebuilt.\n\n“We owe it to the fishermen and to their families.”';
    const qs = findQuotes(text);
    expect(qs[1]!.speaker).toBe('Mayor Tomas Arkady');
    expect(qs[1]!.attribution).toBe('previous-quote');
  });
});

describe('reports through nouns, adjectives and prepositional phrases', () => {
  it("takes the 'that' clause of a report noun, with its possessor as speaker", () => {
    const text = "Mara Velin's claim that the harbour toll doubled last year drew a quick reply from the port authority.";
    const q = read(text).find((x) => x.cue === 'claim');
    expect(q).toMatchObject({ type: 'indirect', speaker: 'Mara Velin' });
    expect(q!.content[0]).toMatch(/^that the harbour toll doubled last year/u);
  });

  it("takes the 'that' clause of an attitude adjective, with the copula's subject as speaker", () => {
    const text = 'Harbour officials are confident that the new quay will open before the winter storms.';
    const q = read(text).find((x) => x.cue === 'confident');
    expect(q).toMatchObject({ type: 'indirect', speaker: 'Harbour officials' });
    expect(q!.content[0]).toMatch(/^that the new quay will open/u);
  });

  it('takes the object of a prepositional report phrase up to the clause break', () => {
    const text = 'Tomas Arkady railed against the new harbour toll, which took effect in May.';
    const q = read(text).find((x) => x.cue === 'railed against');
    expect(q).toMatchObject({ type: 'indirect', speaker: 'Tomas Arkady', content: ['the new harbour toll'] });
  });

  it('skips a prepositional phrase that no one holds (a description, not a report)', () => {
    const text = 'It stands in contrast to the flood of new voters showing up at the polls to vote for the mayor.';
    expect(read(text).some((x) => x.cue === 'vote for')).toBe(false);
  });
});

describe('reports inside reports', () => {
  it('keeps one quote for a report of a report', () => {
    const text = 'The council said Mara Velin believes the harbour toll will be repealed next year.';
    const qs = read(text);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ speaker: 'The council', cue: 'said' });
  });
});

describe('speakers of quotations no cue claimed', () => {
  it('names the subject of a sentence closed by a colon before the quotation', () => {
    const text = 'Tomas Arkady interjected: “So the quay will stay closed all winter?”';
    expect(read(text)[0]).toMatchObject({ type: 'direct', speaker: 'Tomas Arkady' });
  });

  it("takes the reporting verb of the quotation's own sentence over the previous speaker", () => {
    const text = '“We will reopen,” Mara Velin said.\n\n“Not before spring,” the harbour master, Tomas Arkady, told the program “Port Talk” after the meeting, which ran late.';
    const qs = read(text);
    expect(qs.map((q) => q.speaker)).toEqual(['Mara Velin', 'Tomas Arkady']);
  });

  it('names the speaker followed by a parenthesis and an adjunct', () => {
    const text = '“The toll is unfair,” said Senator Jane Doe (D-Ohio) in an interview.';
    expect(read(text)[0]).toMatchObject({ type: 'direct', speaker: 'Senator Jane Doe' });
  });

  it('reads the subject after an opening adverbial phrase', () => {
    const text = 'During the harbour debate, Mara Velin made a call to reopen the quay, calling the closure “a slow disaster.”';
    const q = read(text).find((x) => x.cue === 'calling');
    expect(q?.speaker).toBe('Mara Velin');
  });
});

describe('headlines that name their speaker', () => {
  it('attributes a "Name: statement" headline to the name, but not a label', () => {
    const text = 'Mayor Velin: Harbour Will Reopen Before Winter.\n\nUpdate: the council meets again on Friday evening.';
    const qs = read(text);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ speaker: 'Mayor Velin', content: ['Harbour Will Reopen Before Winter'] });
  });
});
