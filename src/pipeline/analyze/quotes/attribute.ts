/**
 * Speaker resolution: from the speaker mention written next to a quote (a name, a pronoun, a
 * role, "X's office") to the person entity it stands for.
 */
import type { Span } from '../../../model/message.js';
import type { Entity } from '../../../model/quote.js';
import { nameWords, type MentionLink } from '../entities/index.js';
import type { FoundQuote } from './find.js';
import { isDocumentPhrase, isPronoun, notHead } from './speaker.js';

/** A found quote with the person it was resolved to and the rules that resolved it. */
export interface AttributedQuote extends FoundQuote {
  readonly personId?: string;
  /** Rule ids: how the mention was found (FoundQuote.attribution), then how it was resolved. */
  readonly rules: readonly string[];
}

/** How far back (in characters) a pronoun may reach for the previous speaker. */
const PRONOUN_REACH = 1500;

/**
 * Resolve each quote's speaker mention to a person. `links` are this article's mention links;
 * `entities` give kinds and gender. A name or role phrase resolves through the link it overlaps;
 * "he"/"she" to the previous quote's speaker when it is near and compatible, else to the last
 * person named as a sentence subject before the quote.
 */
export function attributeQuotes(text: string, quotes: readonly FoundQuote[], links: readonly MentionLink[], entities: ReadonlyMap<string, Entity>): AttributedQuote[] {
  const people = links.filter((l) => entities.get(l.entityId)?.kind === 'person').sort((a, b) => a.span.start - b.span.start);
  // A name inside quoted words ("“Trump ordered the end of DACA,” he said") is the speaker's topic, not the narrative's subject.
  const quotedSegments = quotes.flatMap((q) => (q.type === 'direct' ? q.segments : []));
  const narrative = people.filter((l) => !quotedSegments.some((g) => g.start <= l.span.start && l.span.end <= g.end));
  // A named speaker may be an organisation ("YouTube said", "the Justice Department wrote"), and the library
  // sometimes types a person as a place ("Caitlin Rivers"): a name written as the subject of a reporting verb speaks.
  const named = links.filter((l) => entities.has(l.entityId)).sort((a, b) => a.span.start - b.span.start);
  const bySurname = surnameIndex(entities, links);
  const out: AttributedQuote[] = [];
  let previous: { personId: string; at: number } | undefined;
  for (const q of quotes) {
    const rules: string[] = [q.attribution];
    let personId: string | undefined;
    const m = q.speakerMention;
    if (m) {
      const word = text.slice(m.start, m.end);
      if (isPronoun(word)) {
        const female = /^she$/iu.test(word);
        const male = /^he$/iu.test(word);
        const fits = (id: string): boolean => {
          const e = entities.get(id);
          return e?.kind === 'person' && !(male && e.gender === 'female');
        };
        // A person made the subject of a sentence since the previous quote takes over ("Jones disagreed. The plan, she said, …").
        const newSubject = previous ? subjectSince(text, narrative, previous.at, m.start, fits) : undefined;
        if (newSubject && (male || female)) {
          personId = newSubject;
          rules.push('pronoun-new-subject');
        } else if (previous && m.start - previous.at < PRONOUN_REACH && fits(previous.personId) && (male || female)) {
          personId = previous.personId;
          rules.push('pronoun-previous-speaker');
        } else if (male || female) {
          const subject = lastSubject(text, narrative, m.start, fits);
          if (subject) {
            personId = subject;
            rules.push('pronoun-last-subject');
          }
        }
      } else {
        // The speaker is the phrase's head: "a spokesperson for Obama", "Facebook's stock", "one of Sanders' aides"
        // name someone else (or no one), and "DeSantis' communications director, Helen Ferré," names her.
        const covers = (l: MentionLink | undefined): MentionLink | undefined => (l && !notHead(text, m, l.span) ? l : undefined);
        const link = covers(overlapping(people, m)) ?? covers(overlapping(named, m)) ?? apposed(text, people, m);
        if (link) {
          personId = link.entityId;
          rules.push(`mention-${link.rule}`);
        } else {
          // "Hanage told us": a surname the recogniser left unlinked in this article (the full name is in
          // another article of the story, or the library did not tag the lone word) names the one person so called.
          const id = bySurname(text.slice(m.start, m.end));
          if (id) {
            personId = id;
            rules.push('mention-surname-in-story');
          }
          // "“…,” the statement continued.": a document's words are its author's, the speaker of the quote before it.
          else if (isDocumentPhrase(text.slice(m.start, m.end)) && previous && m.start - previous.at < PRONOUN_REACH) {
            personId = previous.personId;
            rules.push('document-previous-speaker');
          }
        }
      }
    }
    if (!personId && !m && q.attribution === 'none') rules.push('unattributed');
    if (personId) previous = { personId, at: q.span.end };
    out.push({ ...q, ...(personId ? { personId } : {}), rules });
  }
  return out;
}

/**
 * A lookup from a name mention to the one entity of the story whose name ends with the mention's
 * last word: people first, then organisations; a word two people share, or a lower-case phrase,
 * resolves to none. People linked in this article win over the story's others of that surname.
 */
function surnameIndex(entities: ReadonlyMap<string, Entity>, links: readonly MentionLink[]): (mention: string) => string | undefined {
  const here = new Set(links.map((l) => l.entityId));
  return (mention) => {
    const tokens = mention.split(/\s+/u);
    const last = tokens[tokens.length - 1] ?? '';
    // A name: every word capitalised (a role phrase or description, "the company", resolves through its link only).
    if (!tokens.every((w) => /^\p{Lu}/u.test(w)) || !/^\p{Lu}\p{Ll}/u.test(last)) return undefined;
    const key = nameWords(last)[0];
    if (!key) return undefined;
    for (const kind of ['person', 'organization'] as const) {
      const hits = [...entities.values()].filter((e) => e.kind === kind && nameWords(e.name).at(-1) === key);
      const local = hits.filter((e) => here.has(e.id));
      if (local.length === 1) return local[0]!.id;
      if (hits.length === 1) return hits[0]!.id;
      if (hits.length > 1) return undefined;
    }
    return undefined;
  };
}

/** A person named in apposition right after a description ("DeSantis' communications director, Helen Ferré,"). */
function apposed(text: string, people: readonly MentionLink[], m: Span): MentionLink | undefined {
  const gap = /^\s*,\s*/u.exec(text.slice(m.end, m.end + 6));
  if (!gap) return undefined;
  const at = m.end + gap[0].length;
  return people.find((l) => l.span.start === at && /^\s*[,.;)]/u.test(text.slice(l.span.end, l.span.end + 2)));
}

/** The person link inside or overlapping the mention, preferring the one that covers most of it. */
function overlapping(people: readonly MentionLink[], m: Span): MentionLink | undefined {
  let best: MentionLink | undefined;
  let bestOverlap = 0;
  for (const l of people) {
    const ov = Math.min(l.span.end, m.end) - Math.max(l.span.start, m.start);
    if (ov > bestOverlap) {
      best = l;
      bestOverlap = ov;
    }
  }
  return best;
}

/** The last person in subject position (opening a sentence, or in apposition to its opening phrase) between `from` and `to`. */
function subjectSince(text: string, people: readonly MentionLink[], from: number, to: number, fits: (id: string) => boolean): string | undefined {
  let found: string | undefined;
  for (const l of people) {
    if (l.span.start <= from || l.span.end > to || !fits(l.entityId)) continue;
    const before = text.slice(Math.max(0, l.span.start - 80), l.span.start);
    const opening = /(?:^|[.!?”"\n])\s*$/u.test(before);
    const apposition = /(?:^|[.!?”"\n])\s*(?:The|A|An)\s[^.,;]{1,60},\s*$/u.test(before);
    if (opening || apposition) found = l.entityId;
  }
  return found;
}

/** The last person mentioned at the start of a sentence (a subject) before `at`, else the last person mentioned. */
function lastSubject(text: string, people: readonly MentionLink[], at: number, fits: (id: string) => boolean): string | undefined {
  let fallback: string | undefined;
  for (let i = people.length - 1; i >= 0; i--) {
    const l = people[i]!;
    if (l.span.end > at || !fits(l.entityId)) continue;
    if (l.span.start === 0 || /[.!?”"\n]\s*$/u.test(text.slice(Math.max(0, l.span.start - 4), l.span.start))) return l.entityId;
    fallback ??= l.entityId;
  }
  return fallback;
}
