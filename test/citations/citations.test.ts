import { beforeAll, describe, expect, it } from 'vitest';
import type { CitationGraph } from '../../src/model/framing.js';
import { createCitations } from '../../src/pipeline/analyze/citations/index.js';
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';
import { EXAMPLE_DIR, SEEDS_DIR, storiesOf } from '../support/stories.js';
import { article, story } from '../naming/story.js';

const citations = createCitations();

/** The cited node ids of one outlet, with the cues. */
function cited(g: CitationGraph, from: string): string[] {
  return g.edges.filter((e) => e.from === from).flatMap((e) => e.evidence.map((v) => `${e.to} <${v.cue}>`));
}
const one = (text: string, extra: Partial<StoryArticle> = {}): string[] => cited(citations(story({ ...article('a', 'Alpha', text), ...extra })), 'Alpha');

describe('citation cues', () => {
  it('finds a listed agency after "reported"', () => {
    expect(one('Three people died, reported AFP.')).toEqual(['AFP <reported>']);
  });
  it('finds a source behind "according to the official ... website"', () => {
    expect(one('The talks went well, he said, according to the official IRNA website.')).toEqual(['IRNA <according to>']);
  });
  it('finds a web domain as the subject of a reporting verb', () => {
    expect(one('The meeting ended late, Example.ir reported.')).toEqual(['Example.ir <reported>']);
  });
  it('finds unnamed state media after "told"', () => {
    expect(one('The minister told state TV that talks would resume.')).toEqual(['state TV <reported>']);
  });
  it('finds an agency credited in parentheses after a dateline', () => {
    expect(one('OSLO (Reuters) - Talks resumed.')).toEqual(['Reuters <dateline>']);
  });
  it('finds a capitalised name ending in a media word after "according to"', () => {
    expect(one('According to the Varden Press Agency, the port reopened.')).toEqual(['Varden Press Agency <according to>']);
  });
  it('finds an acronym described as an agency before a reporting verb, across an inserted phrase', () => {
    expect(one("Morvia's state news agency, MNA, on Friday called it a victory.")).toEqual(['MNA <reported>']);
  });
  it('finds a source line left in the text', () => {
    expect(one('The port reopened.\nSource » Tidewire')).toEqual(['Tidewire <credit>']);
  });
  it('does not take a photo courtesy line for a citation', () => {
    expect(one('A ship waits. Photo courtesy of Tidewire')).toEqual([]);
  });
  it('finds a French attribution', () => {
    expect(one("Selon l'agence Reuters, le port a rouvert.")).toEqual(['Reuters <selon>']);
  });
  it('finds "in a translation by"', () => {
    expect(one('"We will open it," he said, according to a translation by the Tidewire news agency.')).toEqual(['Tidewire <translation>']);
  });
  it('does not take an agency that carried out an act for a source', () => {
    expect(one('The MNA carried out more inspections in March than ever before.')).toEqual([]);
    expect(one('The vote was carried by MNA, the agency said.')).toEqual(['MNA <reported>']);
  });
  it('ignores people and places as subjects of "said"', () => {
    expect(one('Morvia said the talks failed. Anna Brel said nothing.')).toEqual([]);
  });
  it('keeps an outlet naming itself out of the graph', () => {
    expect(cited(citations(story(article('a', 'Tidewire', 'Tidewire could not verify the figures, Tidewire reported.'))), 'Tidewire')).toEqual([]);
  });
  it('counts source and agency credits but not photo credits', () => {
    const g = citations(
      story({
        ...article('a', 'Alpha', 'Text.'),
        credits: [
          { name: 'Reuters', role: 'source', span: { start: 0, end: 7 } },
          { name: 'AFP', role: 'photo', span: { start: 0, end: 3 } },
        ],
      }),
    );
    expect(cited(g, 'Alpha')).toEqual(['Reuters <credit:source>']);
    expect(g.nodes.map((n) => n.id)).not.toContain('AFP');
  });
  it('joins a name and its initials into one node (named by the shorter), and a cited story outlet to its outlet node', () => {
    const g = citations(
      story(
        article('a', 'Alpha', 'According to the Varden Press Agency, ships waited. VPA reported delays.'),
        article('b', 'MNA - Morvia News Agency', 'The port reopened.'),
        article('c', 'Gamma', 'The state agency MNA described it as a victory.'),
      ),
    );
    expect(g.edges.find((e) => e.from === 'Alpha')).toMatchObject({ to: 'VPA', count: 2 });
    expect(g.edges.find((e) => e.from === 'Gamma')?.to).toBe('MNA - Morvia News Agency');
    expect(g.nodes.find((n) => n.id === 'MNA - Morvia News Agency')?.kind).toBe('outlet');
  });
});

describe('createCitations on the seeds', () => {
  let seeds: StoryInput;
  beforeAll(async () => {
    seeds = (await storiesOf(SEEDS_DIR))[0]!;
  }, 60_000);

  it('holds AFP and Khamenei.ir cited, and IRNA cited as the outlet of the story it is, each with evidence', () => {
    const g = citations(seeds);
    const ids = g.nodes.filter((n) => n.kind === 'cited').map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['AFP', 'Khamenei.ir']));
    // IRNA publishes one of the seeds: "according to the official IRNA" points at its outlet node, not a second one.
    const irna = seeds.articles.find((a) => a.fileLabel?.startsWith('002'))!.site;
    expect(g.nodes.filter((n) => n.id === irna).map((n) => n.kind)).toEqual(['outlet']);
    // No outlet cites itself (a repost's "Source" line naming its own outlet).
    expect(g.edges.filter((e) => e.from === e.to)).toEqual([]);
    for (const id of ['AFP', irna, 'Khamenei.ir']) {
      const e = g.edges.filter((x) => x.to === id);
      expect(e.length).toBeGreaterThan(0);
      for (const x of e) expect(x.count).toBe(x.evidence.length);
    }
    const text = g.edges.flatMap((e) => e.evidence.filter((v) => !v.cue.startsWith('credit')).map((v) => ({ v, a: seeds.articles.find((a) => a.id === v.articleId)! })));
    for (const { v, a } of text) expect(a.text.slice(v.span.start, v.span.end)).toBe(v.text);
  });
});

describe('createCitations on the fictional example', () => {
  let g: CitationGraph;
  let accord: StoryInput;
  beforeAll(async () => {
    accord = (await storiesOf(EXAMPLE_DIR))[0]!;
    g = citations(accord);
  }, 60_000);

  const articlesCiting = (needle: string): Set<string> =>
    new Set(g.edges.filter((e) => e.to.includes(needle)).flatMap((e) => e.evidence.map((v) => v.articleId)));

  it('has the state agency cited by four articles', () => {
    expect(articlesCiting('KSNA').size).toBe(4);
  });

  it("has the wire agency cited by the repost, the analysis and the French article ('selon l'agence Northwire')", () => {
    const sites = new Set(g.edges.filter((e) => e.to === 'Northwire').map((e) => e.from));
    expect(sites).toEqual(new Set(['Daily Drift', 'The Meridian Post', 'Le Courrier des Ports']));
  });

  it('has the independent paper citing the press agency by its full name', () => {
    // The agency's text file is named by its outlet, HPA, not its file name.
    const e = g.edges.find((x) => x.from === 'The Selm Ledger' && x.to === 'HPA');
    expect(e?.evidence[0]?.cue).toBe('according to');
  });

  it('has no outlet citing itself and nothing from the outlets that cite no one', () => {
    expect(g.edges.every((e) => e.from !== e.to)).toBe(true);
    expect(g.edges.filter((e) => e.from === 'Northwire' || e.from === 'Estravia Today' || e.from.startsWith('KSNA'))).toEqual([]);
  });
});
