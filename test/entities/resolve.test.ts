import { describe, expect, it } from 'vitest';
import { createEntityResolver, recognizeMentions, type AliasFile } from '../../src/pipeline/analyze/entities/index.js';

const resolve = (texts: string[], aliases?: AliasFile) =>
  createEntityResolver({ useLibrary: false, ...(aliases ? { aliases } : {}) })(texts.map((text, i) => ({ id: `a${i}`, text })));

const person = (r: ReturnType<typeof resolve>, form: string) => r.entities.find((e) => e.kind === 'person' && e.forms.includes(form));

describe('recognising titled names', () => {
  it('splits "Northern Prime Minister X" into role and name', () => {
    const [m] = recognizeMentions('Northern Prime Minister Tomas Arkady arrived in Veska.', { useLibrary: false });
    expect(m).toMatchObject({ kind: 'person', name: 'Tomas Arkady', roles: ['Northern Prime Minister'] });
  });

  it('keeps honorifics apart from the name', () => {
    const [m] = recognizeMentions('Ayatollah Sayyid Omar Qasimi spoke first.', { useLibrary: false });
    expect(m).toMatchObject({ name: 'Omar Qasimi', honorifics: ['Ayatollah', 'Sayyid'] });
  });

  it('reads "Leader of the X Y Honorific Name" as a role, honorifics and a name', () => {
    const [m] = recognizeMentions('Leader of the Coastal Union Sheikh Idris Mbeki said so.', { useLibrary: false });
    expect(m).toMatchObject({ name: 'Idris Mbeki', roles: ['Leader of the Coastal Union'], honorifics: ['Sheikh'] });
  });

  it('finds role phrases standing for a person: "the PM", "the Leader", "the prime minister of X"', () => {
    const ms = recognizeMentions('The PM met the Leader. Later the prime minister of Veska left.', { useLibrary: false });
    expect(ms.map((m) => m.roleOnly)).toEqual(['prime minister', 'leader', 'prime minister']);
  });
});

describe('abbreviations inside names', () => {
  it('keeps "St. Selm" and "the St. Selm Harbour Authority" whole: the full stop of "St." ends no name', () => {
    const text = 'Officials in St. Selm said the bridge would reopen. The St. Selm Harbour Authority said it agreed.';
    const names = recognizeMentions(text).map((m) => m.name ?? m.text);
    expect(names).toContain('St. Selm');
    expect(names).toContain('St. Selm Harbour Authority');
    expect(names).not.toContain('Selm');
  });

  it('makes a person of the last words of a full name written alone ("Den Varnholt" after "Roy Den Varnholt"), whatever the tagger says', () => {
    const m = recognizeMentions('The FBI named attorney Roy Den Varnholt as the suspect.\n\nDen Varnholt was a self-described harbour lawyer.').filter((x) => (x.name ?? x.text) === 'Den Varnholt');
    expect(m.map((x) => x.kind)).toEqual(['person']);
  });

  it('makes a person of a given name before a "St." surname ("Cameron St. Selm"), which the tagger reads as a place', () => {
    const m = recognizeMentions('The harbour reservist Cameron St. Selm told reporters he was concerned.').find((x) => (x.name ?? x.text).includes('St. Selm'));
    expect(m).toMatchObject({ kind: 'person', name: 'Cameron St. Selm' });
  });
});

describe('initials before a surname', () => {
  it('make a person of "H.K. Varnholt" whatever the tagger says, but not of a place\'s initials ("U.K. Varnholt")', () => {
    const kinds = new Map(recognizeMentions('National security adviser H.K. Varnholt spoke in Selm. Officials said U.K. Varnholt was closed.').map((m) => [m.name ?? m.text, m.kind] as const));
    expect(kinds.get('H.K. Varnholt')).toBe('person');
    expect(kinds.get('U.K. Varnholt')).not.toBe('person');
  });
});

describe('resolving name forms across articles', () => {
  it('merges full name, honorific + surname, title + surname and surname only, with evidence', () => {
    const r = resolve([
      'Northern Supreme Leader Omar Qasimi said the port would open.',
      'Ayatollah Qasimi met the envoy. Qasimi then left. President Pavel Dunmore stayed.',
    ]);
    const e = person(r, 'Omar Qasimi')!;
    expect(e.forms).toEqual(expect.arrayContaining(['Omar Qasimi', 'Qasimi']));
    expect(e.roles).toContain('Northern Supreme Leader');
    expect(e.evidence!.map((x) => x.rule)).toEqual(expect.arrayContaining(['title-and-surname']));
    expect(person(r, 'Pavel Dunmore')!.id).not.toBe(e.id);
  });

  it('merges transliteration variants of a given name (Mohammed/Mohammad/Muhammad, Ebrahim/Ibrahim)', () => {
    const r = resolve(['Minister Mohammed Velin spoke.', 'Minister Muhammad Velin replied.', 'President Ebrahim Tarsk and President Ibrahim Tarsk']);
    const velin = person(r, 'Mohammed Velin')!;
    expect(velin.forms).toContain('Muhammad Velin');
    expect(velin.evidence!.find((x) => x.rule === 'spelling-variant')?.detail).toMatch(/Mohammed ≈ Muhammad|Muhammad ≈ Mohammed/);
    expect(person(r, 'Ebrahim Tarsk')!.forms).toContain('Ibrahim Tarsk');
  });

  it('treats "al-", "Al-" and no prefix, and apostrophes in names, as one name', () => {
    const r = resolve(['Premier Idris Sha’ al-Rahimi arrived.', 'Premier Idris Sha al-Rahimi left. Premier Al-Rahimi returned. Rahimi smiled.']);
    const e = person(r, 'Idris Sha’ al-Rahimi')!;
    expect(e.forms).toEqual(expect.arrayContaining(['Idris Sha al-Rahimi', 'Al-Rahimi', 'Rahimi']));
  });

  it('does not merge two people who share a surname but not a given name', () => {
    const r = resolve(['Minister Lena Ostrova spoke.', 'Governor Mara Ostrova answered.']);
    expect(person(r, 'Lena Ostrova')!.id).not.toBe(person(r, 'Mara Ostrova')!.id);
  });

  it('leaves a bare surname shared by two people to the one named in the same article', () => {
    const r = resolve(['Minister Lena Ostrova spoke. Ostrova left early.', 'Governor Mara Ostrova answered.']);
    expect(person(r, 'Lena Ostrova')!.forms).toContain('Ostrova');
    expect(person(r, 'Mara Ostrova')!.forms).not.toContain('Ostrova');
  });

  it('does not merge two people who share a title', () => {
    const r = resolve(['President Pavel Dunmore and President Rhea Castellan met.']);
    expect(person(r, 'Pavel Dunmore')!.id).not.toBe(person(r, 'Rhea Castellan')!.id);
  });

  it('resolves a role phrase to the person holding that role in the article, using roles seen in other articles', () => {
    const r = resolve(['Northern Supreme Leader Omar Qasimi spoke.', 'The Leader met Prime Minister Tomas Arkady. Ayatollah Qasimi thanked the PM.']);
    const leader = person(r, 'Omar Qasimi')!;
    expect(leader.forms).toContain('The Leader');
    expect(person(r, 'Tomas Arkady')!.forms).toContain('the PM');
    expect(leader.evidence!.some((x) => x.rule === 'role-holder' && x.forms.includes('The Leader'))).toBe(true);
  });

  it('lets an alias file add a form and keep two forms apart', () => {
    const aliases: AliasFile = {
      entities: [{ name: 'Omar Qasimi', forms: ['the Guide'] }],
      distinct: [['Lena Ostrova', 'Ostrova']],
    };
    const r = resolve(['Omar Qasimi spoke. The Guide left.', 'Minister Lena Ostrova spoke. Ostrova left.'], aliases);
    expect(person(r, 'Omar Qasimi')!.evidence![0]!.rule).toBe('alias-file');
    expect(person(r, 'Lena Ostrova')!.forms).not.toContain('Ostrova');
  });
});
