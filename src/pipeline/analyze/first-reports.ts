/**
 * Who reported first: a story's outlets in the order they first published it, by the normalised
 * publication instant of each outlet's earliest article, with the precision each time has. Reports
 * that cannot be told apart are said to be so: the same minute, or the same day when one of them
 * gives only a day ("same day, time unknown"); undated reports come last, unranked. A day-only
 * report sorts at the start of its day (it may have come before any timed report of that day).
 */
import type { DateValue } from '../../model/article.js';
import { readPublished, relatePublished, showPublished, type PublishedTime, type ShowOptions } from '../../model/published.js';
import type { StoredStory } from '../../store/stories.js';
import { hostOf } from '../dedup/outlets.js';

/** One article as this list needs it (a `StoryArticle` fits, and so does a stored article's fields). */
export interface ReportedArticle {
  readonly id: string;
  /** The outlet as a reader knows it. */
  readonly site: string;
  /** The publication date: a stored `DateValue` (keeps a zone-less time) or its value string. */
  readonly published?: DateValue | string;
  readonly familyId?: string;
}

/** One outlet's first report of the story. */
export interface FirstReport {
  /** 1-based place; outlets that cannot be told apart share a place. Undefined for undated reports. */
  readonly rank?: number;
  readonly site: string;
  /** The outlet's earliest article of the story. */
  readonly articleId: string;
  readonly familyId?: string;
  /** How many articles of the story the outlet has. */
  readonly articles: number;
  /** The publication date as stored (with the page's own offset), when known. */
  readonly published?: string;
  /** The normalised instant (`…Z`), for a datetime. */
  readonly utc?: string;
  /** `datetime` (minute known, zone known), `day` (date only, or a time without a zone), `none` (undated). */
  readonly precision: 'datetime' | 'day' | 'none';
  /** A time the page wrote without a zone, shown but not compared. */
  readonly localTime?: string;
  /** Why this report shares the place of the one listed before it: the same minute, or the same day with one time unknown. */
  readonly tie?: { readonly with: string; readonly relation: 'same-minute' | 'same-day' };
}

interface Dated {
  readonly article: ReportedArticle;
  readonly time?: PublishedTime;
}

/**
 * The story's outlets ordered by their first report. Ties in the sort fall to the outlet name, so
 * the order does not depend on input order.
 */
export function firstReports(articles: readonly ReportedArticle[]): FirstReport[] {
  const bySite = new Map<string, Dated[]>();
  for (const article of articles) {
    const list = bySite.get(article.site) ?? [];
    list.push({ article, time: readPublished(article.published) });
    bySite.set(article.site, list);
  }
  const order = (x: Dated, y: Dated): number => {
    if (!x.time || !y.time) return x.time ? -1 : y.time ? 1 : x.article.id.localeCompare(y.article.id);
    return x.time.ms - y.time.ms || x.article.site.localeCompare(y.article.site) || x.article.id.localeCompare(y.article.id);
  };
  const firsts = [...bySite.values()].map((list) => ({ first: [...list].sort(order)[0]!, count: list.length }));
  firsts.sort((x, y) => order(x.first, y.first));

  const out: FirstReport[] = [];
  let rank = 0;
  let previous: Dated | undefined;
  for (const { first, count } of firsts) {
    const { article, time } = first;
    let tie: FirstReport['tie'];
    if (time) {
      const relation = previous ? relatePublished(previous.time!, time) : undefined;
      if (previous && (relation === 'same-minute' || relation === 'same-day')) tie = { with: previous.article.site, relation };
      else rank++;
      previous = first;
    }
    const value = typeof article.published === 'string' ? article.published : article.published?.value;
    out.push({
      ...(time ? { rank } : {}),
      site: article.site,
      articleId: article.id,
      ...(article.familyId !== undefined ? { familyId: article.familyId } : {}),
      articles: count,
      ...(value !== undefined && time ? { published: value } : {}),
      ...(time?.utc ? { utc: time.utc } : {}),
      precision: time ? time.precision : 'none',
      ...(time?.localTime ? { localTime: time.localTime } : {}),
      ...(tie ? { tie } : {}),
    });
  }
  return out;
}

/** How one entry's time reads for a reader: in the reader's zone, or the day with "time unknown". */
export function showReportTime(entry: FirstReport, options: ShowOptions = {}): string {
  if (entry.precision === 'none' || entry.published === undefined) return 'undated';
  if (entry.precision === 'datetime') return showPublished(entry.published, options);
  const day = entry.published.slice(0, 10);
  return entry.localTime ? `${day} ${entry.localTime} (zone unknown)` : `${day} (time unknown)`;
}

/** One line per outlet: `1.  2026-03-16 15:42 +01:00  Northwire  art_…  (same minute as X)`. */
export function formatFirstReports(entries: readonly FirstReport[], options: ShowOptions = {}): string[] {
  const times = entries.map((e) => showReportTime(e, options));
  const width = Math.max(0, ...times.map((t) => t.length));
  const siteWidth = Math.min(28, Math.max(0, ...entries.map((e) => e.site.length)));
  return entries.map((e, i) => {
    const place = e.rank === undefined ? '  -' : `${String(e.rank).padStart(2)}${e.tie ? '=' : '.'}`;
    const site = e.site.length > siteWidth ? `${e.site.slice(0, siteWidth - 1)}…` : e.site.padEnd(siteWidth);
    const tie = e.tie ? (e.tie.relation === 'same-minute' ? `  same minute as ${e.tie.with}` : `  same day as ${e.tie.with}, which came first unknown`) : '';
    const more = e.articles > 1 ? `  (+${e.articles - 1} later)` : '';
    return `${place} ${times[i]!.padEnd(width)}  ${site}  ${e.articleId}${more}${tie}`;
  });
}

/** The first reports of a stored story, its outlets named as listings name them (site name, else host, else file name). */
export function firstReportsOfStory(story: StoredStory): FirstReport[] {
  return firstReports(
    story.members.map((m) => ({
      id: m.articleId,
      site: m.article.siteName ?? (m.article.url ? hostOf(m.article.url) : undefined) ?? m.article.locator.split(/[\\/]/).pop() ?? m.article.locator,
      familyId: m.familyId,
      ...(m.article.published !== undefined ? { published: m.article.published } : {}),
    })),
  );
}
