/**
 * Settling an article's publication date: page metadata first (including a date the clean stage
 * read from furniture), else the first absolute calendar date in the first paragraph. Relative
 * dates ("on Monday") need an anchor and are left to a later stage.
 */
import * as chrono from 'chrono-node';
import type { CleanArticle, DateValue } from '../../model/article.js';
import type { Message } from '../../model/message.js';
import { readPublished } from '../../model/published.js';

// chrono's strict parsers (no "yesterday", no "on Monday") by ISO 639-1 code; English for the rest.
const PARSERS: Readonly<Record<string, chrono.Chrono>> = {
  en: chrono.strict,
  de: chrono.de.strict,
  fr: chrono.fr.strict,
  es: chrono.es.strict,
  pt: chrono.pt.strict,
  nl: chrono.nl.strict,
  it: chrono.it.strict,
  ru: chrono.ru.strict,
  uk: chrono.uk.strict,
  sv: chrono.sv.strict,
  fi: chrono.fi.strict,
};

// Even strict parsers resolve "three days ago" against the reference; an absolute date writes its year.
const WRITTEN_YEAR = /(?<!\d)\d{4}(?!\d)/;

// A fixed reference: only fully stated dates are accepted, so the reference never shows through.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** The resolved date (if any) and the message that explains it. */
export interface ResolvedDate {
  readonly value?: DateValue;
  readonly message: Message;
}

/** Resolve the publication date of a clean article whose language is `language` (ISO 639-1). */
export function resolvePublished(article: CleanArticle, language: string): ResolvedDate {
  if (article.published) {
    const p = article.published;
    const when = readPublished(p);
    const what =
      when?.utc !== undefined
        ? `time ${p.value} (${when.utc.slice(11, 16)} UTC${p.zone ? `; zone ${p.zone} read as ${when.offset}` : ''})`
        : when?.localTime !== undefined
          ? `date ${when.day} (the page gives the time ${when.localTime} without a zone, so it is compared by day)`
          : `date ${p.value}`;
    return {
      value: p,
      message: {
        stage: 'text',
        ruleId: 'published-from-metadata',
        reason: `The publication ${what} comes from the page (${p.source}).`,
        severity: 'info',
        data: { source: p.source, precision: when?.precision ?? p.precision, ...(when?.utc ? { utc: when.utc } : {}) },
      },
    };
  }
  const first = article.paragraphs[0];
  if (first) {
    const paragraph = article.text.slice(first.start, first.end);
    const parser = PARSERS[language] ?? chrono.strict;
    for (const r of parser.parse(paragraph, REFERENCE)) {
      const s = r.start;
      if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day') || !WRITTEN_YEAR.test(r.text)) continue;
      const value = `${String(s.get('year')).padStart(4, '0')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
      const span = { start: first.start + r.index, end: first.start + r.index + r.text.length };
      return {
        value: { value, precision: 'day', source: 'text', raw: r.text },
        message: {
          stage: 'text',
          ruleId: 'published-from-text',
          reason: `No date in the page metadata; took ${value}, the first full date in the first paragraph.`,
          severity: 'info',
          span,
          layer: 'text',
          excerpt: r.text,
        },
      };
    }
  }
  return {
    message: {
      stage: 'text',
      ruleId: 'no-publication-date',
      reason: 'No publication date in the page metadata, its furniture or its first paragraph; the article is undated.',
      severity: 'warning',
    },
  };
}
