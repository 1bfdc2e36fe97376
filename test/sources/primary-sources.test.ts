/**
 * What a story's families rest on: a statement several families relay, an official readout, a
 * wire credited by rewrites, or their own reporting; and per claim, the primary sources behind it.
 * Fictional articles throughout, run through the statements and citations analyses.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/model/claim.js';
import { createPrimarySources } from '../../src/pipeline/analyze/sources/index.js';
import { primarySourcesOf } from '../../src/pipeline/synthesize/index.js';
import { storyArticle, storyOf } from '../support/stories.js';

const relay = (id: string, opening: string) =>
  storyArticle(id, `fam_${id}`, [
    opening,
    '"Lena is exhausted and her doctors have told her to rest until the new year," Ekberg said in a statement.',
    '"She is heartbroken to let her fans down and every ticket will be refunded in full," he said.',
    'Ekberg said the singer would return to the studio in the spring to finish her fourth album.',
    '"Nothing matters more to her than being able to sing again at full strength," he added.',
  ]);

const venue = storyArticle('art_hall', 'fam_hall', [
  'The Karsund Arena was already preparing for a sold-out weekend when the news of Lena Varro\'s cancelled tour arrived.',
  'Staff spent Tuesday taking down the stage rigging that had been delivered from Halvik a day earlier.',
  '"We had two hundred people working on these shows, and we will have to find other work for them," arena manager Ida Holm said.',
  'Local hotels said bookings for the weekend had doubled since the dates were announced in March.',
  'Several fans who had travelled from the coast said they would stay in town anyway and visit the old harbour.',
  'The arena said it hoped to schedule another concert on the same dates before the end of the month.',
]);

describe('primary sources of a story', () => {
  it('finds that three outlets relaying one publicist’s statement rest on one primary source, the fourth on its own reporting', () => {
    const story = storyOf([
      relay('art_a', 'Singer Lena Varro has cancelled her autumn tour on doctors\' advice, her publicist Tomas Ekberg said on Monday.'),
      relay('art_b', 'Lena Varro will not tour this autumn, publicist Tomas Ekberg said on Monday, citing exhaustion.'),
      relay('art_c', 'Pop star Lena Varro has called off all 24 dates of her autumn tour, according to her publicist, Tomas Ekberg.'),
      venue,
    ]);
    const p = primarySourcesOf(story);
    expect(p.familyCount).toBe(4);
    expect(p.count).toBe(2);
    const statement = p.sources.find((s) => s.kind === 'statement');
    expect(statement?.speaker?.name).toMatch(/Ekberg/);
    expect([...(statement?.families ?? [])].sort()).toEqual(['fam_art_a', 'fam_art_b', 'fam_art_c']);
    expect(statement?.evidence.some((e) => /of its words are in \d+ sentence\(s\) relaying Tomas Ekberg/.test(e.reason))).toBe(true);
    const own = p.sources.find((s) => s.families.includes('fam_hall'));
    expect(own?.kind).toBe('own-reporting');
    expect(p.summary).toMatch(/^4 independent sources, resting on 2 primary sources: .*Ekberg.*\(3\)/);
  });

  it('counts four outlets of their own reporting as four primary sources', () => {
    const own = (id: string, n: number) =>
      storyArticle(id, `fam_${id}`, [
        `Crews in district ${n} cleared fallen trees from the coast road on Sunday after the storm.`,
        `Residents of district ${n} said the power had been back since the morning.`,
        `The district ${n} school will open again on Wednesday, its head teacher wrote to parents.`,
      ]);
    const p = primarySourcesOf(storyOf([own('art_1', 1), own('art_2', 2), own('art_3', 3), own('art_4', 4)]));
    expect(p.count).toBe(4);
    expect(p.sources.filter((s) => s.families.length > 0).every((s) => s.kind === 'own-reporting')).toBe(true);
  });

  /** Two families quoting Brandt, each crediting `domain` for the visit, and the venue's own story. */
  const creditedTo = (domain: string, prefix: string) => {
    const quoting = (id: string, opening: string, extra: string) =>
      storyArticle(id, `fam_${id}`, [
        opening,
        '"Our two ports will be joined by rail before the end of the decade," Brandt said.',
        '"We will not let the strait be closed to our ships again," Brandt said at the meeting.',
        extra,
      ]);
    return storyOf([
      quoting(`${prefix}1`, 'Chancellor Oskar Brandt met the visiting trade minister in Halvik on Monday.', `Brandt thanked the minister for the visit, ${domain} reported.`),
      quoting(`${prefix}2`, 'Chancellor Oskar Brandt received the trade minister in Halvik on Monday.', `The meeting lasted two hours, according to ${domain}.`),
      venue,
    ]);
  };

  it('calls a statement the families credit to the speaker’s own website an official readout', () => {
    const p = primarySourcesOf(creditedTo('Brandt.gov', 'art_r'));
    const src = p.sources.find((s) => s.families.includes('fam_art_r1'));
    expect(src?.kind).toBe('readout');
    expect(src?.label).toMatch(/Brandt's remarks, as published by Brandt\.gov \(official readout\)/);
    expect(src?.families).toContain('fam_art_r2');
  });

  it('does not call a statement credited to a newspaper on a country domain an official readout', () => {
    const src = primarySourcesOf(creditedTo('Halvikpost.ir', 'art_c')).sources.find((s) => s.families.includes('fam_art_c1'));
    expect(src?.kind).not.toBe('readout');
    expect(src?.label ?? '').not.toMatch(/official readout/);
  });

  it('rests two rewrites credited to one wire on the wire', () => {
    const wire = (id: string, lines: string[]) => storyArticle(id, `fam_${id}`, lines);
    const p = primarySourcesOf(
      storyOf([
        wire('art_w1', ['HALVIK (AFP) - A ferry ran aground off the Halvik lighthouse on Sunday night with 140 passengers aboard.', 'Coast guard boats took everyone ashore by dawn, officials said.']),
        wire('art_w2', ['A passenger ferry struck rocks near Halvik late on Sunday, forcing a night-time rescue of everyone aboard.', 'All 140 passengers were safe by the morning.', '— AFP']),
        venue,
      ]),
    );
    const src = p.sources.find((s) => s.kind === 'wire');
    expect(src?.label).toBe('Agence France-Presse (wire)');
    expect([...(src?.families ?? [])].sort()).toEqual(['fam_art_w1', 'fam_art_w2']);
    expect(p.count).toBe(2);
  });

  it('has a family that credits part of its text to a wire draw on the wire, not rest on it', () => {
    const own = storyArticle('art_own', 'fam_own', [
      'Divers from the Halvik club spent Monday checking the hull of the ferry that ran aground off the lighthouse.',
      'The club’s chair said the rocks there had claimed two fishing boats in the past decade.',
      'Agence France-Presse contributed to this report.',
    ]);
    const p = primarySourcesOf(storyOf([own, venue]));
    const wire = p.sources.find((s) => s.kind === 'wire');
    expect(wire?.families).toEqual([]);
    expect(wire?.drawnOnBy).toEqual(['fam_own']);
    expect(wire?.evidence[0]?.reason).toMatch(/credits part of its text to Agence France-Presse.*contributed-credit/);
  });
});

describe('primary sources of a claim', () => {
  it('rests a claim quoted by three families on the one statement, and one also told in an outlet’s own voice on two sources', () => {
    const a = storyArticle('art_a', 'fam_a', ['Ekberg said the tour was off.', 'The arena was busy.']);
    const b = storyArticle('art_b', 'fam_b', ['Ekberg said the tour was cancelled.', 'Fans waited.']);
    const c = storyArticle('art_c', 'fam_c', ['The tour is cancelled, Ekberg said.', 'Tickets are refunded.']);
    const d = storyArticle('art_d', 'fam_d', ['The tour was cancelled on Monday.', 'The arena staff went home.']);
    const quote = (articleId: string, start: number, end: number) => ({ articleId, personId: 'per_ekberg', content: [{ start, end }], spans: [{ start, end }] });
    const support = (x: typeof a, quoted: boolean) => ({ articleId: x.id, familyId: x.familyId, site: x.site, span: x.sentences[0]!, text: x.text.slice(x.sentences[0]!.start, x.sentences[0]!.end), similarity: 1, quoted });
    const claim = (id: string, supports: ReturnType<typeof support>[]): Claim => ({ id, storyId: 's', text: 't', supports, sourceCount: supports.length, singleSource: false, conflicts: [] });
    const p = createPrimarySources()(storyOf([a, b, c, d]), {
      quotes: [quote('art_a', 0, 29), quote('art_b', 0, 35), quote('art_c', 0, 34)],
      people: new Map([['per_ekberg', 'Tomas Ekberg']]),
      citations: { nodes: [], edges: [] },
      claims: [claim('clm_quoted', [support(a, true), support(b, true), support(c, true)]), claim('clm_mixed', [support(a, true), support(d, false)])],
    });
    const quoted = p.claims.find((x) => x.claimId === 'clm_quoted');
    expect(quoted?.familyCount).toBe(3);
    expect(quoted?.primarySources).toHaveLength(1);
    expect(p.sources.find((s) => s.id === quoted?.primarySources[0])?.speaker?.name).toBe('Tomas Ekberg');
    expect(p.claims.find((x) => x.claimId === 'clm_mixed')?.primarySources).toHaveLength(2);
  });
});

describe('statements given to an outlet or credited to a role', () => {
  const a = storyArticle('art_a', 'fam_a', ['Ekberg said the tour was off for the whole autumn season.', 'The arena was busy.']);
  const b = storyArticle('art_b', 'fam_b', ['Ekberg said the tour was off for the whole autumn season, sadly.', 'Fans waited.']);
  const quote = (x: typeof a, i: number, personId?: string, speaker?: string) => ({ articleId: x.id, ...(personId ? { personId } : {}), ...(speaker ? { speaker } : {}), content: [x.sentences[i]!], spans: [x.sentences[i]!] });
  const people = new Map([['per_ekberg', 'Tomas Ekberg']]);

  it('rests a family whose lead says the statement was given to an outlet on the statement, not the outlet', () => {
    const c = storyArticle('art_c', 'fam_c', ['The singer has cancelled her tour, her publicist told Velmar Weekly.', 'The arena hopes to book another act.', 'Ekberg said the tour was off for the whole autumn season.', 'Tickets will be refunded.']);
    const leadEnd = c.sentences[0]!.end;
    const p = createPrimarySources()(storyOf([a, b, c]), {
      quotes: [quote(a, 0, 'per_ekberg'), quote(b, 0, 'per_ekberg'), quote(c, 2, 'per_ekberg')],
      people,
      citations: {
        nodes: [{ id: 'Velmar Weekly', name: 'Velmar Weekly', kind: 'cited' }],
        edges: [{ from: 'art_c.example', to: 'Velmar Weekly', count: 1, evidence: [{ articleId: 'art_c', span: { start: leadEnd - 20, end: leadEnd - 1 }, text: 'told Velmar Weekly', cue: 'reported' }] }],
      },
    });
    const basis = p.families.find((f) => f.familyId === 'fam_c');
    expect(p.sources.find((s) => s.id === basis?.restsOn)?.speaker?.name).toBe('Tomas Ekberg');
    expect(basis?.reason).toMatch(/given to Velmar Weekly/);
  });

  it('counts a quote credited only to a role for the one shared speaker holding it', () => {
    const d = storyArticle('art_d', 'fam_d', ['Her concerts have been called off until next year, her publicist said on Monday.', 'The arena was quiet.']);
    const run = (roles: Map<string, string[]>) =>
      createPrimarySources()(storyOf([a, b, d]), { quotes: [quote(a, 0, 'per_ekberg'), quote(b, 0, 'per_ekberg'), quote(d, 0, undefined, 'her publicist')], people, roles, citations: { nodes: [], edges: [] } });
    const withRole = run(new Map([['per_ekberg', ['publicist']]]));
    expect(withRole.sources.find((s) => s.families.includes('fam_d'))?.speaker?.name).toBe('Tomas Ekberg');
    const withoutRole = run(new Map([['per_ekberg', ['manager']]]));
    expect(withoutRole.sources.find((s) => s.families.includes('fam_d'))?.kind).toBe('own-reporting');
  });
});
