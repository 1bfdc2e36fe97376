/**
 * Story reports on real news against this project's own story-level gold (eval/gold/README.md):
 * the gold events' articles, with the fields a user has (title, text, url, publication date and
 * outlet where known), are written as JSON Lines, ingested into a fresh SQLite store by `runIngest`
 * and grouped by `runStories` (what `parallax ingest` does), in publication order and reversed (a
 * backfill); each event is read from the story holding most of its articles, in the report's JSON
 * (`reportStory`, what `parallax report --format json` writes). Scored per order, floors on the
 * worst:
 * - quotes: recall of the gold quotations among the report's statements, whatever their speaker (all,
 *   and those with a named speaker); named-speaker accuracy of the matched ones (a null speaker on a
 *   named gold quote is a wrong speaker, not a missed quote), its precision over those the report
 *   gives a speaker, and how often a quote whose gold names no one keeps a null speaker;
 * - date and place of the event;
 * - fact alignment: a fact stated by two or more of the story's articles is one claim holding its
 *   passages in every one of them, and no passage of another fact;
 * - false omissions: an outlet said to leave out a claim whose fact the gold finds in its article;
 * - conflicts: recall of the gold disagreements, precision of the conflicts reported;
 * - loaded terms: own-voice loaded uses the report names, against the gold's;
 * - ROUGE-1/2/L F1 of headline + summary against multi-outlet's neutral title + summary, beside the
 *   first source's title + lead.
 * Passages are matched by their words (the report's spans are in the cleaned text, the gold's in
 * the raw text): same article, and most of the shorter passage's words in the other.
 * `STORIES_REAL_REPORTS=DIR` writes each event's report (publication order) and the stored texts
 * to DIR/<event>.json, for reading the misses.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoryReport } from '../../src/model/report.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { reportStory } from '../../src/pipeline/synthesize/index.js';
import { openStore } from '../../src/store/index.js';
import { readJsonlGz } from '../data.js';
import { GOLD_DIR, textSha1, type GoldSpan, type StoryGold } from '../gold/anchor.js';
import type { EvalSet } from '../types.js';
import { userLine } from '../stories.js';

interface Row {
  id: string;
  event_id?: string;
  title: string | null;
  text: string | null;
  lead?: string | null;
  outlet?: string | null;
  source?: string | null;
  url: string | null;
  published?: string | null;
  date?: string | null;
}

interface EventRow {
  event_id: string;
  neutral_title: string;
  neutral_summary: string;
}

/** One gold article as a user would ingest it. */
interface Input {
  readonly id: string;
  readonly event: string;
  readonly raw: string;
  readonly title?: string;
  readonly lead?: string;
  readonly url?: string;
  readonly published?: string;
  readonly outlet?: string;
}

/** Lowercase alphanumeric words (ROUGE's tokens; also how passages are compared). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of `a`'s words found in `b` (as a multiset). */
export function containment(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return 0;
  const bag = new Map<string, number>();
  for (const w of b) bag.set(w, (bag.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of a) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(w, n - 1);
    }
  }
  return hit / a.length;
}

/** Of candidate renderings of one quotation, the one sharing most of its words both ways (the first on ties). */
function bestRendering<R extends { readonly text: string }>(quote: string, candidates: readonly R[]): R | undefined {
  const wq = words(quote);
  let best: R | undefined;
  let bestScore = -1;
  for (const r of candidates) {
    const wr = words(r.text);
    const score = containment(wq, wr) + containment(wr, wq);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** Two passages of one article say the same: most of the shorter one's words are in the longer. */
export function samePassage(a: string, b: string, at = 0.6): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return false;
  return wa.length <= wb.length ? containment(wa, wb) >= at : containment(wb, wa) >= at;
}

function ngrams(ws: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= ws.length; i++) {
    const k = ws.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function f1(hit: number, pred: number, ref: number): number {
  if (hit === 0 || pred === 0 || ref === 0) return 0;
  const p = hit / pred;
  const r = hit / ref;
  return (2 * p * r) / (p + r);
}

/** ROUGE-1, ROUGE-2 and ROUGE-L F1 (lowercase alphanumeric tokens, no stemming), as 0..100. */
export function rouge(candidate: string, reference: string): { r1: number; r2: number; rl: number } {
  const c = words(candidate);
  const r = words(reference);
  const overlap = (n: number): number => {
    const a = ngrams(c, n);
    const b = ngrams(r, n);
    let hit = 0;
    for (const [k, v] of a) hit += Math.min(v, b.get(k) ?? 0);
    return f1(hit, Math.max(0, c.length - n + 1), Math.max(0, r.length - n + 1));
  };
  // Longest common subsequence, one row at a time.
  let prev = new Array<number>(r.length + 1).fill(0);
  for (let i = 1; i <= c.length; i++) {
    const row = new Array<number>(r.length + 1).fill(0);
    for (let j = 1; j <= r.length; j++) row[j] = c[i - 1] === r[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    prev = row;
  }
  return { r1: 100 * overlap(1), r2: 100 * overlap(2), rl: 100 * f1(prev[r.length]!, c.length, r.length) };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'senator', 'rep', 'gov', 'governor', 'president', 'the', 'former', 'prime', 'minister', 'secretary', 'judge', 'attorney', 'general', 'spokesman', 'spokeswoman', 'spokesperson', 'chief', 'sir', 'lord', 'rev']);

/** The report's speaker is the gold's: their last name words meet (titles aside). */
export function sameSpeaker(gold: string, predicted: string): boolean {
  const g = words(gold).filter((w) => !TITLES.has(w));
  const p = words(predicted).filter((w) => !TITLES.has(w));
  if (g.length === 0 || p.length === 0) return false;
  return p.includes(g.at(-1)!) || g.includes(p.at(-1)!);
}

/**
 * How the report's speaker of a found quote stands against the gold's: `right` (same person, or no
 * one named by either), `wrong` (another person, or a name where the gold names no one), `missing`
 * (the gold names someone, the report no one).
 */
export function speakerVerdict(gold: string | null, predicted: string | null): 'right' | 'wrong' | 'missing' {
  if (gold === null) return predicted === null ? 'right' : 'wrong';
  if (predicted === null) return 'missing';
  return sameSpeaker(gold, predicted) ? 'right' : 'wrong';
}

function isoDate(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(raw.trim());
  if (!us) return undefined;
  return `${us[3]!.length === 2 ? `20${us[3]}` : us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
}

/** Every gold file, sorted by event. */
export function loadGold(dir = GOLD_DIR): StoryGold[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as StoryGold);
}

/** The gold events' articles with the fields a user has; refuses articles whose text changed under the offsets. */
function loadInputs(dataRoot: string, golds: readonly StoryGold[]): Map<string, Input> {
  const bySource = new Map<string, Map<string, Row>>();
  const inputs = new Map<string, Input>();
  for (const g of golds) {
    let rows = bySource.get(g.source);
    if (rows === undefined) {
      const [folder, file] = g.source.split('/') as [string, string];
      rows = new Map(readJsonlGz<Row>(path.join(dataRoot, folder), file).map((r) => [r.id, r]));
      bySource.set(g.source, rows);
    }
    for (const a of g.articles) {
      const r = rows.get(a.id);
      if (r === undefined) throw new Error(`${g.event}: article ${a.id} is not in ${g.source}`);
      const raw = r.text ?? '';
      if (textSha1(raw) !== a.sha1) throw new Error(`${g.event}: the text of ${a.id} changed since it was annotated (sha1 ${textSha1(raw)}, gold ${a.sha1})`);
      const published = isoDate(r.published ?? r.date);
      const outlet = r.outlet ?? r.source ?? undefined;
      inputs.set(a.id, {
        id: a.id,
        event: g.event,
        raw,
        ...(r.title ? { title: r.title } : {}),
        ...(r.lead ? { lead: r.lead } : {}),
        ...(r.url ? { url: r.url } : {}),
        ...(published ? { published } : {}),
        ...(outlet ? { outlet } : {}),
      });
    }
  }
  return inputs;
}

/** A stored article: which gold article it came from, and its clean text (the report's spans index it). */
interface Stored {
  readonly gold: string;
  readonly text: string;
}

interface Tally {
  quotes: number;
  quotesFound: number;
  named: number;
  namedFound: number;
  speakerRight: number;
  namedAttributed: number;
  unnamedRight: number;
  anonymousNamed: number;
  dated: number;
  dateRight: number;
  placed: number;
  placeRight: number;
  multiFacts: number;
  factsAligned: number;
  omissions: number;
  omissionsJudged: number;
  omissionsFalse: number;
  conflicts: number;
  conflictsFound: number;
  reportedConflicts: number;
  reportedConflictsRight: number;
  loaded: number;
  loadedFound: number;
  reportedLoaded: number;
  reportedLoadedRight: number;
  rouge: { r1: number; r2: number; rl: number }[];
  leadRouge: { r1: number; r2: number; rl: number }[];
  whole: number;
  events: number;
}

const emptyTally = (): Tally => ({
  quotes: 0, quotesFound: 0, named: 0, namedFound: 0, speakerRight: 0, namedAttributed: 0, unnamedRight: 0, anonymousNamed: 0, dated: 0, dateRight: 0, placed: 0, placeRight: 0,
  multiFacts: 0, factsAligned: 0, omissions: 0, omissionsJudged: 0, omissionsFalse: 0, conflicts: 0, conflictsFound: 0, reportedConflicts: 0,
  reportedConflictsRight: 0, loaded: 0, loadedFound: 0, reportedLoaded: 0, reportedLoadedRight: 0, rouge: [], leadRouge: [], whole: 0, events: 0,
});

/** Score one event's report against its gold, adding to `t`; returns lines naming what went wrong. */
function scoreEvent(gold: StoryGold, report: StoryReport, stored: ReadonlyMap<string, Stored>, inputs: ReadonlyMap<string, Input>, neutral: EventRow | undefined, t: Tally): string[] {
  const raw = (s: GoldSpan): string => inputs.get(s.article)!.raw.slice(s.start, s.end);
  const goldOf = (articleId: string): string | undefined => stored.get(articleId)?.gold;
  const clean = (articleId: string, span: { start: number; end: number }): string => stored.get(articleId)?.text.slice(span.start, span.end) ?? '';
  const inStory = new Set(report.articles.map((a) => goldOf(a.id)).filter((x): x is string => x !== undefined));
  const notes: string[] = [];
  t.events++;
  if (gold.articles.every((a) => inStory.has(a.id))) t.whole++;

  // Quotes.
  const renderings = report.statements.flatMap((s) => s.renderings.map((r) => ({ speaker: s.speaker, gold: goldOf(r.articleId), text: r.text })));
  for (const q of gold.quotes) {
    if (!inStory.has(q.span.article)) continue;
    const text = raw(q.span);
    // The rendering that is most this quotation: a long rendering of another speaker can hold most
    // of a short quotation's common words ("We don't have the luxury of time here") and must not
    // win over the quotation's own rendering because it comes first.
    const hit = bestRendering(text, renderings.filter((r) => r.gold === q.span.article && samePassage(text, r.text)));
    t.quotes++;
    if (q.speaker !== null) t.named++;
    if (hit === undefined) {
      notes.push(`quote missed: ${q.span.article} ${JSON.stringify(text.slice(0, 60))}`);
      continue;
    }
    t.quotesFound++;
    const goldSpeaker = q.speaker === null ? null : raw(q.speaker);
    const verdict = speakerVerdict(goldSpeaker, hit.speaker);
    if (goldSpeaker === null) {
      if (verdict === 'right') t.unnamedRight++;
      else if (q.unnamed === 'anonymous') t.anonymousNamed++;
    } else {
      t.namedFound++;
      if (hit.speaker !== null) t.namedAttributed++;
      if (verdict === 'right') t.speakerRight++;
    }
    if (verdict === 'missing') notes.push(`speaker missing: ${JSON.stringify(text.slice(0, 50))} by ${goldSpeaker}, report says no one`);
    if (verdict === 'wrong') notes.push(`speaker wrong: ${JSON.stringify(text.slice(0, 50))} by ${goldSpeaker ?? `no one named (${q.unnamed ?? 'unstated'})`}, report says ${hit.speaker}`);
  }

  // Date and place.
  if (gold.date !== null) {
    t.dated++;
    if (report.when?.value.slice(0, 10) === gold.date.value) t.dateRight++;
    else notes.push(`date: gold ${gold.date.value}, report ${report.when?.value ?? 'none'}`);
  }
  if (gold.place !== null) {
    t.placed++;
    const said = report.where?.value ?? '';
    const right = said !== '' && gold.place.mentions.some((m) => samePassage(raw(m), said, 0.99));
    if (right) t.placeRight++;
    else notes.push(`place: gold ${[...new Set(gold.place.mentions.map(raw))].join(' / ')}, report ${said || 'none'}`);
  }

  // Facts and claims: which facts each support states (by its passages), and so each claim holds.
  type Support = StoryReport['claims'][number]['supports'][number];
  const supportFacts = new Map<Support, Set<string>>();
  for (const c of report.claims) {
    for (const s of c.supports) {
      const g = goldOf(s.articleId);
      supportFacts.set(s, new Set(gold.facts.filter((f) => f.spans.some((p) => p.article === g && samePassage(raw(p), s.text))).map((f) => f.id)));
    }
  }
  const claimFacts = new Map(report.claims.map((c) => [c.id, new Set(c.supports.flatMap((s) => [...supportFacts.get(s)!]))] as const));
  for (const f of gold.facts) {
    const arts = new Set(f.spans.map((p) => p.article).filter((a) => inStory.has(a)));
    if (arts.size < 2) continue;
    t.multiFacts++;
    const states = (s: Support): boolean => supportFacts.get(s)!.has(f.id);
    // A claim holds the fact when it holds a passage of it in every article stating it, and no
    // support that states another fact and not this one.
    const touching = report.claims.filter((c) => claimFacts.get(c.id)!.has(f.id));
    const aligned = touching.some((c) => {
      if (c.supports.some((s) => !states(s) && supportFacts.get(s)!.size > 0)) return false;
      return [...arts].every((a) => c.supports.some((s) => goldOf(s.articleId) === a && states(s)));
    });
    if (aligned) t.factsAligned++;
    else {
      const spread = touching.map((c) => `${c.supports.length}:${[...new Set(c.supports.filter(states).map((s) => goldOf(s.articleId)!.slice(-1)))].join('')}`);
      notes.push(`fact not aligned: ${f.id} in ${arts.size} articles, claims touching it ${spread.join(' ') || 'none'}: ${f.gist}`);
    }
  }

  // Omissions: an outlet said to leave out a claim whose fact its article states.
  for (const cov of report.coverage) {
    const golds = new Set(cov.articleIds.map(goldOf).filter((x): x is string => x !== undefined));
    for (const claimId of cov.missing) {
      t.omissions++;
      const facts = claimFacts.get(claimId) ?? new Set<string>();
      if (facts.size === 0) continue;
      t.omissionsJudged++;
      const stated = gold.facts.some((f) => facts.has(f.id) && f.spans.some((p) => golds.has(p.article)));
      if (stated) {
        t.omissionsFalse++;
        notes.push(`false omission: ${cov.site} is said to leave out ${[...facts].join(', ')}`);
      }
    }
  }

  // Conflicts: a reported conflict matches a gold one when two of its values' passages, in two
  // articles, are passages of that gold disagreement.
  const reported = report.claims.flatMap((c) => c.conflicts.map((k) => ({ kind: k.kind, passages: k.values.flatMap((v) => v.articleIds.map((a, i) => ({ gold: goldOf(a), text: clean(a, v.spans[i] ?? { start: 0, end: 0 }) }))) })));
  const matches = (g: StoryGold['conflicts'][number], r: (typeof reported)[number]): boolean => {
    const arts = new Set<string>();
    for (const p of g.spans) if (r.passages.some((x) => x.gold === p.article && samePassage(raw(p), x.text, 0.5))) arts.add(p.article);
    return arts.size >= 2;
  };
  const golds = gold.conflicts.filter((c) => new Set(c.spans.map((s) => s.article).filter((a) => inStory.has(a))).size >= 2);
  for (const g of golds) {
    t.conflicts++;
    if (reported.some((r) => matches(g, r))) t.conflictsFound++;
    else notes.push(`conflict missed: ${g.kind} ${g.gist}`);
  }
  for (const r of reported) {
    t.reportedConflicts++;
    if (golds.some((g) => matches(g, r))) t.reportedConflictsRight++;
    else notes.push(`conflict not in gold: ${r.kind} ${r.passages.map((p) => JSON.stringify(p.text.slice(0, 40))).join(' vs ')}`);
  }

  // Loaded terms in the outlets' own voice.
  const uses = report.naming.flatMap((n) => n.outlets.flatMap((o) => o.uses.filter((u) => u.voice === 'own' && u.tone === 'loaded').flatMap((u) => u.occurrences)));
  const loadedHit = (l: StoryGold['loaded'][number], o: (typeof uses)[number]): boolean => goldOf(o.articleId) === l.span.article && samePassage(raw(l.span), o.text, 0.5);
  const loaded = gold.loaded.filter((l) => inStory.has(l.span.article));
  for (const l of loaded) {
    t.loaded++;
    if (uses.some((o) => loadedHit(l, o))) t.loadedFound++;
  }
  for (const o of uses) {
    t.reportedLoaded++;
    if (loaded.some((l) => loadedHit(l, o))) t.reportedLoadedRight++;
    else notes.push(`loaded term not in gold: ${JSON.stringify(o.text)}`);
  }

  // Headline + summary against the editors' neutral title + summary.
  if (neutral !== undefined) {
    const reference = `${neutral.neutral_title}. ${neutral.neutral_summary}`;
    const mine = [report.headline.text, ...report.summary.map((s) => s.text)].join(' ');
    t.rouge.push(rouge(mine, reference));
    const first = inputs.get(gold.articles[0]!.id)!;
    t.leadRouge.push(rouge(`${first.title ?? ''}. ${first.lead ?? first.raw.split('\n')[0] ?? ''}`, reference));
  }
  return notes;
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);
const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

function figuresOf(t: Tally): Record<string, number> {
  return {
    events: t.events,
    events_whole: t.whole,
    quote_recall: ratio(t.quotesFound, t.quotes),
    named_quote_recall: ratio(t.namedFound, t.named),
    // Of the found quotes with a named gold speaker: the report names that speaker (a null speaker is wrong).
    speaker_accuracy: ratio(t.speakerRight, t.namedFound),
    // Of those the report gives a speaker: the right one.
    speaker_precision: ratio(t.speakerRight, t.namedAttributed),
    // Of the found quotes whose gold names no one: the report names no one.
    unnamed_accuracy: ratio(t.unnamedRight, t.quotesFound - t.namedFound),
    anonymous_given_a_name: t.anonymousNamed,
    date_accuracy: ratio(t.dateRight, t.dated),
    place_accuracy: ratio(t.placeRight, t.placed),
    fact_alignment: ratio(t.factsAligned, t.multiFacts),
    omissions: t.omissions,
    omissions_judged: t.omissionsJudged,
    false_omission_share: ratio(t.omissionsFalse, t.omissionsJudged),
    // The share of judged omissions that are right (floors hold figures from below).
    omission_precision: 1 - ratio(t.omissionsFalse, t.omissionsJudged),
    conflict_recall: ratio(t.conflictsFound, t.conflicts),
    conflict_precision: ratio(t.reportedConflictsRight, t.reportedConflicts),
    loaded_recall: ratio(t.loadedFound, t.loaded),
    loaded_precision: ratio(t.reportedLoadedRight, t.reportedLoaded),
    rouge1: mean(t.rouge.map((r) => r.r1)),
    rouge2: mean(t.rouge.map((r) => r.r2)),
    rougeL: mean(t.rouge.map((r) => r.rl)),
    lead_rouge1: mean(t.leadRouge.map((r) => r.r1)),
  };
}

/** Ingest the inputs in `order` into a fresh store, build stories, and score every gold event's report. */
async function runOrder(order: readonly Input[], golds: readonly StoryGold[], inputs: ReadonlyMap<string, Input>, neutral: ReadonlyMap<string, EventRow>, log: (line: string) => void, detail: boolean): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-eval-real-'));
  const store = await openStore(path.join(dir, 'eval.db'));
  try {
    const file = path.join(dir, 'articles.jsonl');
    writeFileSync(file, `${order.map((a) => userLine({ ...a, text: a.raw })).join('\n')}\n`);
    await runIngest({ inputs: [file], store });
    await runStories({ store });
    const stored = new Map<string, Stored>();
    const storyVotes = new Map<string, Map<string, number>>();
    for await (const s of store.articles.iterate()) {
      const input = order[(s.document.origin.index ?? 0) - 1];
      if (input === undefined) continue;
      stored.set(s.article.id, { gold: input.id, text: s.article.text });
      const story = await store.stories.ofArticle(s.article.id);
      if (story === undefined) continue;
      const votes = storyVotes.get(input.event) ?? new Map<string, number>();
      votes.set(story, (votes.get(story) ?? 0) + 1);
      storyVotes.set(input.event, votes);
    }
    const t = emptyTally();
    for (const g of golds) {
      const votes = [...(storyVotes.get(g.event) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (votes.length === 0) throw new Error(`${g.event}: none of its articles is in a story`);
      const report = await reportStory(store, votes[0]![0], 'eval');
      const notes = scoreEvent(g, report, stored, inputs, neutral.get(g.event), t);
      if (process.env.STORIES_REAL_REPORTS && detail) writeFileSync(path.join(process.env.STORIES_REAL_REPORTS, `${g.event}.json`), JSON.stringify({ report, stored: [...stored].filter(([, v]) => g.articles.some((a) => a.id === v.gold)).map(([id, v]) => ({ id, ...v })) }));
      if (detail) for (const n of notes) log(`  ${g.event}: ${n}`);
    }
    return figuresOf(t);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measured (publication / backfill, 30 events): quote recall 0.957 / 0.958 (unattributed quotes
 * reach the report with a null speaker; 0.802 / 0.807 before), named-speaker accuracy 0.829 / 0.831
 * (a null speaker on a named gold quote counts wrong; 0.768 when that count began), of the quotes
 * given a speaker 0.886 / 0.885 right, unnamed quotes kept unnamed 0.882 / 0.879, date 0.920 (0.880 since titled records are kept whole), place 0.857, fact alignment 0.168 / 0.174 (0.234 / 0.239 now), omission precision 0.522 / 0.515 (0.635 now),
 * conflicts none reported (0.105 recall at 0.400 precision since figure disagreements), loaded precision 0.385 / 0.577 and recall 0.063 / 0.065, ROUGE-1 32.7 /
 * 33.9 (the first source's title + lead 40.8). Targets (issue #14): quotes 0.90, speakers 0.93,
 * date 0.90, place 0.85, facts 0.80, false omissions at most 5%, conflicts recall 0.60 at precision
 * 0.70, loaded precision 0.60 and recall 0.40, ROUGE-1 44. Floors sit a little below the worst order.
 */
const FLOORS: Record<string, number> = {
  events_whole: 25,
  quote_recall: 0.96, // 0.957 -> 0.969: a titled record kept whole (a list of a speech's quotes was cut in two)
  named_quote_recall: 0.96,
  // Was 0.86 before a found quote with no speaker counted as a wrong speaker (it was a missed quote then).
  speaker_accuracy: 0.925, // target 0.93 // 0.831 -> 0.840 when a quotation is matched to its best rendering, not the first holding most of its words -> 0.844 ("Ways and Means Committee Chairman X") -> 0.856 (a joint statement is its first-named author's; "the statement continued" goes to the quote that introduced it) -> 0.861 (given names mark gender both ways; "there was X's reply" makes X the next "he") -> 0.863 (an agency or a title joined by "and" is no joint subject) -> 0.870 (newsletter promotions and inline captions cleaned) -> 0.873 (acronyms an article defines; "a DHS spokesperson" unnamed) -> 0.875 ("commended", "lambasted") -> 0.880 ("Embassy" ends an organisation's name) -> 0.882 ("Prior to …,") -> 0.886 ("reported X saying", "quoted X as saying") -> 0.889 ("followed up", "pushed back", "weighed in") -> 0.895 ("Mr"/"Ms" mark gender; "Romney, R-Utah, whose …, said"; embedded posts are their authors' words) -> 0.898 ("The FBI in Newark, N.J., tweeted": the phrase's head speaks) -> 0.900 ('To which she replied,') -> 0.902 ('said the video sharing site') -> 0.904 (a teaser line between a quote and its continuation passed over) -> 0.907 ('Hill, a spokesperson for Obama told'; 'his rival, Sen. Gillibrand of New York, signaled') -> 0.909 (a colon after a clause of its own introduces the subject's quotation) -> 0.914 ('CNN moderator Abby Phillip opened …:', 'Trump's outgoing national security H.R. McMaster') -> 0.916 (', with Kremlin spokesman Dmitry Peskov saying'; chanting protesters) -> 0.918 ('The move was cheered by Rep. Schiff … He said') -> 0.923 ('replied with a tweet urging Apple:', ', with Pelosi remaining optimistic, saying', 'counsel to the president Jay Sekulow') -> 0.925 (a crosshead repeating a quotation is no quote) -> 0.928 ('Cameron St. Andrew' is a person) -> 0.930 ('“…,” said Gen. Dzhabarov, according to a report in the Moscow Times. “…”') -> 0.932 ('Den Hollander' after 'Roy Den Hollander' is that person)
  speaker_precision: 0.94, // 0.93 → 0.953
  unnamed_accuracy: 0.95, // 0.939 -> 0.970 (chanting protesters stay unnamed)
  // 0.920 -> 0.880: a titled record is no longer cut in two (a CNN roundup of primaries whose second half had
  // voted, as a family of its own, for the primary's Tuesday); whole, its one Tuesday vote loses to two outlets'
  // 'Wednesday morning' tweet. The day a reaction was posted still outvotes the event's day there.
  // 0.880 -> 0.920: a family lends half its support for the other days it names (a lead on the follow-up).
  date_accuracy: 0.9,
  place_accuracy: 0.84,
  fact_alignment: 0.22, // 0.168 → 0.220 (shared-core links between sentences) → 0.234 (quotes cut only where the text stage ends a sentence; titled records kept whole)
  omission_precision: 0.62, // 0.515 → 0.530 → 0.567 (an outlet sentence sharing two of the claim's rare words states it) → 0.593 (or the fitted alignment score rates it at least 0.2) → 0.635 (quotes cut only where the text stage ends a sentence; titled records kept whole)
  loaded_precision: 0.44, // 0.385 → 0.462 (general evaluative lexicon, quotation marks as others' voice)
  loaded_recall: 0.21, // 0.063 → 0.224
  rouge1: 35, // 32.7 → 35.3 (title-weighted ranking, headline not repeated) → 35.6 → 36.4 (newsletter promotions and inline captions cleaned)
  rouge2: 13.7, // 12.2 → 14.9; 14.9 → 13.9 with headlines taken from an outlet's title (18c8ce9): on these 30 events R-1 35.3 → 35.1, while on 320 multi-outlet train events (the #14 target set) R-1/R-2 rose 1.2/0.9 and the headline alone against the editors' title 23.7 → 37.2
  rougeL: 22.8, // 21.3 → 23.4
  conflict_recall: 0.1, // 0 → 0.105 (figures that disagree across outlets: a 448- vs 488-page report; two, three or five injured)
  conflict_precision: 0.35, // 0 → 0.400 (of the three not in gold, two are outlets' differing tolls: 49 vs 50 dead, 4 killed with the gunman vs 3)
};

const set: EvalSet = {
  name: 'stories-real',
  dataFolder: '.',
  description: "story reports on real news against the project's own story-level gold (quotes, speakers, date, place, facts, omissions, conflicts, loaded terms, ROUGE), through ingest and stories",
  async run({ dataDir, log, outFile }) {
    const golds = loadGold();
    if (golds.length === 0) {
      log('stories-real: no gold files in eval/gold/stories-real');
      return { figures: {}, floors: {} };
    }
    const inputs = loadInputs(dataDir, golds);
    const neutral = new Map<string, EventRow>();
    if (golds.some((g) => g.source.startsWith('multi-outlet/'))) {
      for (const split of ['val', 'train']) {
        const file = path.join(dataDir, 'multi-outlet', `events.${split}.jsonl.gz`);
        if (!existsSync(file)) continue;
        for (const e of readJsonlGz<EventRow>(path.join(dataDir, 'multi-outlet'), `events.${split}.jsonl.gz`)) neutral.set(e.event_id, e);
      }
    }
    const key = (a: Input): string => a.published ?? '\uffff';
    const publication = [...inputs.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
    const orders: [string, Input[]][] = [
      ['publication', publication],
      ['backfill', [...publication].reverse()],
    ];
    log(`stories-real: ${golds.length} events, ${inputs.size} articles`);
    const results: Record<string, Record<string, number>> = {};
    for (const [name, order] of orders) {
      results[name] = await runOrder(order, golds, inputs, neutral, log, name === 'publication');
      log(`${name}: ${Object.entries(results[name]!).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`).join(', ')}`);
    }
    const figures: Record<string, number> = {};
    const lowerIsBetter = new Set(['false_omission_share', 'anonymous_given_a_name']);
    for (const k of Object.keys(results.publication!)) {
      const vals = orders.map(([n]) => results[n]![k]!);
      figures[k] = lowerIsBetter.has(k) ? Math.max(...vals) : Math.min(...vals);
    }
    if (outFile) writeFileSync(outFile, `${JSON.stringify(results, null, 1)}\n`);
    return { figures, floors: FLOORS };
  },
};

export default set;
