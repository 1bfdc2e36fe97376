/**
 * Speaker resolution: from the speaker mention written next to a quote (a name, a pronoun, a
 * role, "X's office") to the person entity it stands for.
 */
import type { Span } from '../../../model/message.js';
import type { Entity } from '../../../model/quote.js';
import { nameWords, type MentionLink } from '../entities/index.js';
import { segmentSentences } from '../../text/sentences.js';
import type { FoundQuote } from './find.js';
import { descriptionKind, FEMALE_PRONOUNS, isDocumentPhrase, isPronoun, isSentenceSubject, MALE_PRONOUNS, NAME_SUFFIXES, NOT_NAME_TERMS, notHead, ORG_PRONOUNS } from './speaker.js';

/** A found quote with the person it was resolved to and the rules that resolved it. */
export interface AttributedQuote extends FoundQuote {
  readonly personId?: string;
  /** Rule ids: how the mention was found (FoundQuote.attribution), then how it was resolved. */
  readonly rules: readonly string[];
}

/** Words that are never part of a speaker's personal name (`speakers.json` notNameWords). */
const NOT_NAME_WORDS = NOT_NAME_TERMS;

/** A mention that counts people rather than naming one ("One of Sanders", "Some of the senators"): never a sentence's named subject. */
const QUANTIFIED = /^(?:one|some|many|most|all|none|each|several|two|three|both)\s+of\b/iu;

/** How far back (in characters) a pronoun may reach for the previous speaker. */
const PRONOUN_REACH = 1500;

/**
 * Resolve each quote's speaker mention to a person. `links` are this article's mention links;
 * `entities` give kinds and gender. A name or role phrase resolves through the link it overlaps;
 * "he"/"she" to the previous quote's speaker when it is near and compatible, else to the last
 * person named as a sentence subject before the quote.
 */
export function attributeQuotes(
  text: string,
  quotes: readonly FoundQuote[],
  links: readonly MentionLink[],
  entities: ReadonlyMap<string, Entity>,
  adopt?: (name: string) => string | undefined,
): AttributedQuote[] {
  const people = links.filter((l) => entities.get(l.entityId)?.kind === 'person').sort((a, b) => a.span.start - b.span.start);
  // A name inside quoted words ("“Trump ordered the end of DACA,” he said") is the speaker's topic, not the narrative's subject.
  const quotedSegments = quotes.flatMap((q) => (q.type === 'direct' ? q.segments : []));
  const narrative = people.filter((l) => !quotedSegments.some((g) => g.start <= l.span.start && l.span.end <= g.end));
  // A named speaker may be an organisation ("YouTube said", "the Justice Department wrote"), and the library
  // sometimes types a person as a place ("Caitlin Rivers"): a name written as the subject of a reporting verb speaks.
  const named = links.filter((l) => entities.has(l.entityId)).sort((a, b) => a.span.start - b.span.start);
  const organisations = named.filter((l) => entities.get(l.entityId)?.kind === 'organization' && !quotedSegments.some((g) => g.start <= l.span.start && l.span.end <= g.end));
  const isOrganisation = (id: string): boolean => entities.get(id)?.kind === 'organization';
  const isPerson = (id: string): boolean => entities.get(id)?.kind === 'person';
  const authors = named.filter((l) => entities.get(l.entityId)?.kind !== 'place');
  const bySurname = surnameIndex(entities, links);
  const out: AttributedQuote[] = [];
  // The previous quote's speaker, and whether it spoke through a document or "it" ("the statement said", "It continued").
  let previous: { personId: string; at: number; document: boolean } | undefined;
  // The end of the last quote from a document whose issuer the article names in words that name no one
  // ("The Virginia Democrats … issued a joint statement"): "It added" after it is that document too.
  let unnamedDocumentAt: number | undefined;
  const near = (at: number): boolean => previous !== undefined && at - previous.at < PRONOUN_REACH;
  for (const q of quotes) {
    const rules: string[] = [q.attribution];
    let personId: string | undefined;
    let document = false;
    const m = q.speakerMention;
    if (m) {
      const word = text.slice(m.start, m.end);
      if (ORG_PRONOUNS.has(word.toLowerCase())) {
        // "It said" / "It continued,": an organisation made the subject since the previous quote, else the previous
        // speaker when that was an organisation or spoke through a document, else the organisation last named as a subject.
        const unnamed = unnamedDocumentAt !== undefined && unnamedDocumentAt > (previous?.at ?? -1) && m.start - unnamedDocumentAt < PRONOUN_REACH ? unnamedDocumentAt : undefined;
        const from = unnamed ?? previous?.at;
        const since = from !== undefined ? subjectSince(text, organisations, from, m.start, () => true) : undefined;
        if (since) {
          personId = since;
          rules.push('it-new-subject');
        } else if (unnamed !== undefined) {
          unnamedDocumentAt = q.span.end;
          rules.push('it-unnamed-document');
        } else if (previous && near(m.start) && (previous.document || isOrganisation(previous.personId))) {
          personId = previous.personId;
          document = previous.document;
          rules.push('it-previous-speaker');
        } else {
          const org = lastSubject(text, organisations.filter((l) => m.start - l.span.end < PRONOUN_REACH), m.start, () => true);
          if (org) {
            personId = org;
            rules.push('it-last-organisation');
          }
        }
      } else if (isPronoun(word)) {
        const female = FEMALE_PRONOUNS.has(word.toLowerCase());
        const male = MALE_PRONOUNS.has(word.toLowerCase());
        const fits = (id: string): boolean => {
          const e = entities.get(id);
          return e?.kind === 'person' && !(male && e.gender === 'female') && !(female && e.gender === 'male');
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
      } else if (/\b(?:a|an|one|another)\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3}\s+who\s+\p{Ll}+(?:\s+\p{Ll}+)?\s+(?:to|with)\s+$/iu.test(text.slice(Math.max(0, m.start - 80), m.start))) {
        // "One witness who spoke to a local NBC station said": the one spoken to is no speaker, and the unnamed witness is no one's name.
        rules.push('relative-clause-object');
      } else {
        // The speaker is the phrase's head: "a spokesperson for Obama", "Facebook's stock", "one of Sanders' aides"
        // name someone else (or no one), and "DeSantis' communications director, Helen Ferré," names her.
        // Of the names inside the phrase, the one that heads it: "The FBI in Newark" is the FBI's, not Newark's.
        const head = (l: MentionLink): boolean => !notHead(text, m, l.span);
        // "counsel to the president Jay Sekulow": a name in the phrase speaks before a role that only stands for someone.
        const byRole = (l: MentionLink): boolean => l.rule === 'role-holder' || l.rule === 'role-only-candidate';
        const link = overlapping(people, m, (l) => head(l) && !byRole(l)) ?? overlapping(people, m, head) ?? overlapping(named, m, head) ?? apposed(text, people, m);
        // "the Massachusetts Democrat said", "the department said": a description points back like a pronoun
        // (to the person or organisation just quoted or made the subject), not to whoever holds that title.
        const kind = descriptionKind(word);
        const anaphor = kind && (!link || link.rule === 'role-holder' || link.rule === 'role-only-candidate') ? describedSpeaker(kind, m.start) : undefined;
        if (anaphor) {
          personId = anaphor.id;
          rules.push(anaphor.rule);
        } else if (link) {
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
          // "Hanage told us", "said Jamelle Bouie": a personal name the recogniser left unlinked speaks as a person of its own.
          // A lone capitalised word may be any word ("Prior to …", "Swedish …", "Councillors said"): it is taken as a
          // name only right after the quotation it reports ("“…,” Hanage told us") or after its verb ("said Hanage").
          else if (adopt && !kind && isPersonalName(word) && !surnameKnown(entities, word) && (/\s/u.test(word) || /[”"’]\s*$/u.test(text.slice(Math.max(0, m.start - 3), m.start)) || q.attribution === 'name-after-cue') && !links.some((l) => l.span.start < m.end && m.start < l.span.end)) {
            const adopted = adopt(word);
            if (adopted) {
              personId = adopted;
              rules.push('mention-unlinked-name');
            }
          }
          // "“…,” the statement continued.": a document's words are its author's: whoever the article said issued it
          // ("Russia's Foreign Ministry issued a statement", "a statement released by Pelosi"), else the speaker of the quote before it.
          else if (isDocumentPhrase(text.slice(m.start, m.end))) {
            const { author, introduced } = documentAuthor(text, m, authors, quotedSegments);
            const quoting = author ? undefined : documentQuoter(text, m, out);
            if (author) {
              personId = author;
              document = true;
              rules.push('document-author');
            } else if (quoting) {
              // "“…,” the two said in a statement. … “…,” the statement continued.": the statement is
              // the one introduced by an earlier quote's cue, so its words are that quote's speaker's.
              personId = quoting;
              document = true;
              rules.push('document-quoted-author');
            } else if (introduced) {
              // "The Virginia Democrats … issued a joint statement …. “…,” the statement said.": the article says
              // who issued it in words that name no one the story knows; the last speaker did not write it.
              unnamedDocumentAt = q.span.end;
              rules.push('document-author-unnamed');
            } else if (previous && m.start - previous.at < PRONOUN_REACH) {
              personId = previous.personId;
              document = true;
              rules.push('document-previous-speaker');
            }
          }
        }
      }
    }
    if (!personId && !m && q.attribution === 'none') rules.push('unattributed');
    if (personId) previous = { personId, at: q.span.end, document };
    out.push({ ...q, ...(personId ? { personId } : {}), rules });
  }
  return out;

  /** The person or organisation a description written as a speaker points back to (see `descriptionKind`). */
  function describedSpeaker(kind: 'person' | 'organization', at: number): { id: string; rule: string } | undefined {
    const fits = kind === 'person' ? isPerson : isOrganisation;
    const since = previous ? subjectSince(text, kind === 'person' ? narrative : organisations, previous.at, at, fits) : undefined;
    if (since) return { id: since, rule: 'description-new-subject' };
    if (previous && near(at) && fits(previous.personId)) return { id: previous.personId, rule: 'description-previous-speaker' };
    const pool = (kind === 'person' ? narrative : organisations).filter((l) => at - l.span.end < PRONOUN_REACH);
    const last = lastSubject(text, pool, at, fits);
    return last ? { id: last, rule: 'description-last-subject' } : undefined;
  }
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
      const hits = [...entities.values()].filter((e) => e.kind === kind && surnameOf(e.name) === key);
      const local = hits.filter((e) => here.has(e.id));
      if (local.length === 1) return local[0]!.id;
      if (hits.length === 1) return hits[0]!.id;
      if (hits.length > 1) return undefined;
    }
    return undefined;
  };
}

/**
 * Who issued the document a speaker phrase names ("the statement said"): the last earlier mention
 * of that document noun with an indefinite or possessive determiner ("issued a statement", "her
 * statement", "a statement released by …"), within pronoun reach and outside quotes, unless a
 * reporting verb follows it (then it is the document speaking again, not its introduction). Its
 * author is the name after "by" or "from" when there is one; in a sentence the document opens ("In
 * a statement released Friday, the ministry said"), the subject after the opening phrase; else the
 * last person or organisation of that sentence (as the text stage ends sentences) before the noun
 * that is neither a possessor ("Trump's speech") nor after a preposition. `introduced` is true when
 * the introduction was found, whether or not it names anyone the story knows.
 */
function documentAuthor(text: string, m: Span, authors: readonly MentionLink[], quoted: readonly Span[]): { author?: string; introduced: boolean } {
  const noun = text.slice(m.start, m.end).split(/\s+/u).at(-1)!.toLowerCase();
  const lo = Math.max(0, m.start - PRONOUN_REACH);
  let intro: number | undefined;
  let introStart = 0;
  for (const x of text.slice(lo, m.start).matchAll(documentIntro(noun))) {
    const at = lo + x.index + x[0].length - noun.length;
    if (!quoted.some((g) => g.start <= at && at < g.end)) {
      intro = at;
      introStart = lo + x.index;
    }
  }
  // "The new statement said: …" is the document speaking again, not its introduction.
  if (intro === undefined || REPORTED_AFTER.test(text.slice(intro + noun.length, intro + noun.length + 24))) return { introduced: false };
  const window = text.slice(Math.max(0, intro - 400), intro);
  // The intro's sentence as the text stage ends sentences ("N.J., was" and "Sen. Warner" end none).
  const lastLine = window.lastIndexOf('\n') + 1;
  const sentences = segmentSentences(window, [{ start: lastLine, end: window.length }]);
  const sentStart = intro - window.length + (sentences.at(-1)?.start ?? lastLine);
  // "a statement released by Pelosi", "a statement from the White House".
  const by = /^\s*(?:[\p{Ll}-]+\s+){0,2}(?:by|from)\s+/u.exec(text.slice(intro + noun.length, intro + noun.length + 40));
  if (by) {
    const at = intro + noun.length + by[0].length;
    const link = authors.find((l) => l.span.start >= at && l.span.start <= at + 6);
    if (link) return { author: link.entityId, introduced: true };
  }
  // "In a June statement, police described …", "In a statement released on Friday, the ministry said …": a
  // sentence opened by the document names its issuer as the subject after the opening phrase's comma.
  if (/^\s*(?:in|with)\s+$/iu.test(text.slice(sentStart, introStart))) {
    const rest = text.slice(intro + noun.length, intro + noun.length + 160);
    const comma = /^[^.!?;:\n]*?,\s*/u.exec(rest);
    if (comma) {
      const from = intro + noun.length + comma[0].length;
      // The subject opens the main clause: "police", "the Foreign Ministry", "Russia's Foreign Ministry".
      const link = authors.find((l) => l.span.start >= from && l.span.start <= from + 4 && !quoted.some((g) => g.start <= l.span.start && l.span.end <= g.end));
      if (link && !/^(?:['’]s?|s['’])/u.test(text.slice(link.span.end, link.span.end + 2))) return { author: link.entityId, introduced: true };
    }
  }
  let found: string | undefined;
  for (const l of authors) {
    if (l.span.start < sentStart || l.span.end > intro || quoted.some((g) => g.start <= l.span.start && l.span.end <= g.end)) continue;
    if (/^(?:['’]s?|s['’])/u.test(text.slice(l.span.end, l.span.end + 2))) continue;
    if (/\b(?:to|of|for|with|from|at|on|in|against|about|by|than|and)\s+(?:the\s+)?$/iu.test(text.slice(Math.max(0, l.span.start - 16), l.span.start))) continue;
    found = l.entityId;
  }
  return found ? { author: found, introduced: true } : { introduced: true };
}

/** A reporting verb right after a document noun: the document is a speaker there ("the new statement said:"). */
const REPORTED_AFTER = /^\s+(?:\p{Ll}+ly\s+)?(?:said|says|read|reads|stated|states|added|adds|continued|continues|noted|notes|warned|warns)\b/u;

/** Where a document is first introduced: 'a statement', 'its joint letter', 'a brief written statement'. */
function documentIntro(noun: string): RegExp {
  return new RegExp(`\\b(?:a|an|its|his|her|their|joint|new|written|brief|short)\\s+(?:[\\p{Ll}-]+\\s+)?${noun}\\b`, 'giu');
}

/**
 * The speaker of the earlier quote whose cue introduced the document a definite phrase names ("“…,”
 * the two said in a statement." … "the statement continued"): the last "a/an/in a … statement"
 * before the phrase (however far: "the statement" refers to the latest one introduced) that lies
 * in the sentence of an attributed quote's cue.
 */
function documentQuoter(text: string, m: Span, earlier: readonly AttributedQuote[]): string | undefined {
  const noun = text.slice(m.start, m.end).split(/\s+/u).at(-1)!.toLowerCase();
  let intro: number | undefined;
  for (const x of text.slice(0, m.start).matchAll(documentIntro(noun))) intro = x.index + x[0].length - noun.length;
  if (intro === undefined) return undefined;
  for (let k = earlier.length - 1; k >= 0; k--) {
    const q = earlier[k]!;
    if (!q.personId) continue;
    // The intro between the pieces of an interrupted quote ("“…,” the two said in a statement. “…”").
    if (intro > q.span.start && intro < q.span.end && !q.segments.some((g) => g.start <= intro && intro < g.end)) return q.personId;
    // …or right after the quote, in its sentence ("“…,” the two said in a statement.").
    if (intro >= q.span.end && intro - q.span.end < 120 && !/[.!?]\s/u.test(text.slice(q.span.end, intro))) return q.personId;
    if (!q.cue) continue;
    // The intro in the cue's sentence: between the cue and the next sentence end after it.
    const from = Math.min(q.cue.start, q.span.end);
    const end = text.slice(q.cue.end).search(/[.!?](?:\s|$)/u);
    const to = end < 0 ? text.length : q.cue.end + end;
    if (intro >= from && intro <= to) return q.personId;
  }
  return undefined;
}

/**
 * True when `phrase` is written like a personal name: one to four words, each capitalised or an
 * initial ("T.J."), ending in a capitalised surname, opening with no determiner, title-less, with no
 * possessive, digit or all-capital word ("The Oregonian", "N.J.", "R-Utah", "On Wednesday" are not).
 */
export function isPersonalName(phrase: string): boolean {
  const words = phrase.split(/\s+/u).filter((w) => w !== '');
  if (words.length === 0 || words.length > 4) return false;
  if (!words.every((w) => /^(?:\p{Lu}\.)+$|^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$/u.test(w) && !/['’]s$/u.test(w))) return false;
  if (!/^\p{Lu}\p{Ll}{2,}/u.test(words.at(-1)!)) return false;
  return !words.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()));
}

/** True when some entity of the story has the mention's last word as its surname (then a lone name is ambiguous, not new). */
function surnameKnown(entities: ReadonlyMap<string, Entity>, mention: string): boolean {
  const key = nameWords(mention.split(/\s+/u).at(-1) ?? '')[0];
  return key !== undefined && [...entities.values()].some((e) => e.forms.some((f) => surnameOf(f) === key));
}

/** The surname key of a full name: its last name word before a suffix or place tail ("James Leonard Jr" → leonard, "Elijah Cummings of Maryland" → cummings). */
function surnameOf(name: string): string | undefined {
  const words = name.split(/\s+/u);
  const cut = words.findIndex((w, k) => k > 0 && NAME_SUFFIXES.has(w.toLowerCase().replace(/[.,]/gu, '')));
  return nameWords((cut > 0 ? words.slice(0, cut) : words).join(' ')).at(-1);
}

/** A person named in apposition right after a description ("DeSantis' communications director, Helen Ferré,"). */
function apposed(text: string, people: readonly MentionLink[], m: Span): MentionLink | undefined {
  // "One of Sanders’ highest-profile supporters, Ocasio-Cortez,": a phrase cut at a possessive goes on to its noun first.
  const gap = /['’]s?$/u.test(text.slice(m.start, m.end)) ? /^(?:\s+[\p{L}-]+){1,4}\s*,\s*/u.exec(text.slice(m.end, m.end + 60)) : /^\s*,\s*/u.exec(text.slice(m.end, m.end + 6));
  if (!gap) return undefined;
  const at = m.end + gap[0].length;
  return people.find((l) => l.span.start === at && /^\s*[,.;)]/u.test(text.slice(l.span.end, l.span.end + 2)));
}

/** The person link inside or overlapping the mention that `keep` accepts, preferring the one that covers most of it. */
function overlapping(people: readonly MentionLink[], m: Span, keep: (l: MentionLink) => boolean): MentionLink | undefined {
  let best: MentionLink | undefined;
  let bestOverlap = 0;
  for (const l of people) {
    const ov = Math.min(l.span.end, m.end) - Math.max(l.span.start, m.start);
    if (ov > bestOverlap && keep(l)) {
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
    const opening = /(?:^|[.!?”"\n])\s*$/u.test(before) || isSentenceSubject(text, l.span);
    const apposition = /(?:^|[.!?”"\n])\s*(?:The|A|An|One\s+of|Some\s+of)\s[^.,;]{1,60},\s*$/u.test(before);
    // "Then there was New Jersey Sen. Bob Menendez's response. He …": a person brought on stage by "there was" is the next "he".
    const presented = /(?:^|[.!?”"\n])\s*(?:(?:Then|And|But|Also)\s+)?there\s+(?:was|were|is|came)\s+[^.!?,;]{0,40}$/iu.test(before) && /^(?:['’]s?\b|\s*[.!?])/u.test(text.slice(l.span.end, l.span.end + 3));
    // "The move was cheered by Rep. Adam Schiff, a California Democrat. He said …": a passive's agent is the one acting.
    // The passive is the sentence's main clause: no comma or relative pronoun before it ("…, who had been courted by Warren, …").
    const head = before.slice(Math.max(0, before.search(/[^.!?”"\n]*$/u)));
    const agent = /\s(?:was|were|is|are|been)\s+(?:\p{Ll}+ly\s+)?\p{Ll}+(?:ed|en)\s+by\s+$/u.test(before) && !/[,;]|\b(?:who|which|that)\b/u.test(head);
    if ((opening || apposition || presented || agent) && !QUANTIFIED.test(text.slice(l.span.start, l.span.end))) found = l.entityId;
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
