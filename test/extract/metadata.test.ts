// Metadata precedence: JSON-LD → OpenGraph → <meta> → the page (<time>, <title>, <h1>) → URL → hints.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { parseDate, dateFromUrl } from '../../src/pipeline/extract/dates.js';
import { primaryLanguage } from '../../src/pipeline/extract/metadata.js';
import type { DocumentHints } from '../../src/model/document.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const BODY = `<article><p>${'The harbour authority said the new ferry would run every twenty minutes, starting next week. '.repeat(4)}</p></article>`;

function page(head: string, body = BODY, hints: DocumentHints = {}, htmlAttrs = '') {
  return extract({ value: htmlDocument(`<html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`, hints), messages: [] }).value;
}

const JSON_LD = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","datePublished":"2024-05-14T07:15:00+01:00","dateModified":"2024-05-15","author":{"@type":"Person","name":"Ada Ld"},"publisher":{"@type":"Organization","name":"LD Publisher"},"inLanguage":"fr"}</script>`;
const OG = `<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site"><meta property="article:published_time" content="2024-05-13T10:00:00Z"><meta property="article:modified_time" content="2024-05-16T10:00:00Z"><meta property="og:locale" content="es_ES">`;
const META = `<meta name="author" content="Meta Author"><meta name="date" content="2024-05-12"><title>Title element | OG Site</title>`;
const TIME = `<time datetime="2024-05-11T08:00:00Z">11 May</time>`;

describe('metadata precedence', () => {
  it('prefers JSON-LD over OpenGraph, meta, time and hints', () => {
    const a = page(JSON_LD + OG + META, TIME + BODY, { title: 'Hint title', author: 'Hint Author', published: '2024-01-01' });
    expect(a.title).toBe('LD headline');
    expect(a.byline).toBe('Ada Ld');
    expect(a.published).toMatchObject({ value: '2024-05-14T07:15:00+01:00', precision: 'datetime', source: 'json-ld' });
    expect(a.modified).toMatchObject({ value: '2024-05-15', precision: 'day', source: 'json-ld' });
    expect(a.siteName).toBe('OG Site');
  });

  it('falls back to OpenGraph, then to other meta names', () => {
    const og = page(OG + META, TIME + BODY);
    expect(og.title).toBe('OG title');
    expect(og.published).toMatchObject({ value: '2024-05-13T10:00:00Z', source: 'opengraph' });
    expect(og.modified).toMatchObject({ source: 'opengraph' });
    expect(og.byline).toBe('Meta Author');
    const meta = page(META, TIME + BODY);
    expect(meta.published).toMatchObject({ value: '2024-05-12', precision: 'day', source: 'meta' });
  });

  it('reads a <time> element when no metadata has a date', () => {
    const a = page('<title>Plain</title>', `<header>${TIME}</header>${BODY}`);
    expect(a.published).toMatchObject({ value: '2024-05-11T08:00:00Z', source: 'time-element' });
  });

  it('reads the date from the URL, then from the hints', () => {
    const fromUrl = page('<title>Plain</title>', BODY, { url: 'https://news.example/2023/10/02/story-title', published: '2024-01-01' });
    expect(fromUrl.published).toEqual({ value: '2023-10-02', precision: 'day', source: 'url', raw: '2023/10/02' });
    const fromHint = page('<title>Plain</title>', BODY, { url: 'https://news.example/story-title', published: '2024-01-01T10:00:00Z' });
    expect(fromHint.published).toMatchObject({ value: '2024-01-01T10:00:00Z', source: 'hint' });
  });

  it('reads a written date from the byline or dateline before the hints', () => {
    const body = `<article><p class="byline">By Jo Reed</p><p class="dateline">Published 4:00 am CST, Wednesday, November 20, 2019</p>${BODY}</article>`;
    const a = page('<title>Plain</title>', body, { url: 'https://news.example/story', published: '2024-01-01' });
    expect(a.published).toEqual({ value: '2019-11-20T04:00:00-06:00', precision: 'datetime', source: 'text', raw: '4:00 am CST, Wednesday, November 20, 2019', zone: 'CST' });
    const pt = page('<title>Plain</title>', `<article><div class="post-date">segunda-feira, 22 de janeiro de 2018</div>${BODY}</article>`, {}, ' lang="pt-BR"');
    expect(pt.published).toMatchObject({ value: '2018-01-22', precision: 'day', source: 'text' });
    // A weekday alone is not a date.
    const vague = page('<title>Plain</title>', `<article><div class="post-date">Monday</div>${BODY}</article>`);
    expect(vague.published).toBeUndefined();
  });

  it('warns when no date is found anywhere', () => {
    const out = extract({ value: htmlDocument(`<html><body>${BODY}</body></html>`), messages: [] });
    expect(out.value.published).toBeUndefined();
    expect(out.messages.map((m) => m.ruleId)).toContain('no-published-date');
  });

  it('falls back to hints for title, byline, site name and language', () => {
    const a = page('', BODY, { title: 'Hint title', author: 'Hint Author', siteName: 'Hint Site', language: 'pt-BR' });
    expect(a).toMatchObject({ title: 'Hint title', byline: 'Hint Author', siteName: 'Hint Site', declaredLanguage: 'pt' });
  });

  it('takes the language from <html lang>, then og:locale, then JSON-LD', () => {
    expect(page(JSON_LD + OG, BODY, {}, ' lang="en-GB"').declaredLanguage).toBe('en');
    expect(page(JSON_LD + OG).declaredLanguage).toBe('es');
    expect(page(JSON_LD).declaredLanguage).toBe('fr');
  });

  it('strips the site name from a title and skips titles that are only the site name', () => {
    expect(page('<title>Headline here | OG Site</title><meta property="og:site_name" content="OG Site">').title).toBe('Headline here');
    expect(page('<title>Riverside Weekly - Headline here</title>', BODY, { url: 'https://riverside-weekly.example/a' }).title).toBe('Headline here');
    expect(page('<title>My Blog</title><meta property="og:site_name" content="My Blog">', '<h1>Real headline</h1>' + BODY).title).toBe('Real headline');
  });

  it('resolves the canonical URL against the page URL and keeps the page URL', () => {
    const a = page('<link rel="canonical" href="/news/a">', BODY, { url: 'https://news.example/news/a?utm=1' });
    expect(a.canonicalUrl).toBe('https://news.example/news/a');
    expect(a.url).toBe('https://news.example/news/a?utm=1');
  });

  it('ignores broken JSON-LD and author URLs', () => {
    const a = page('<script type="application/ld+json">{ not json</script><meta name="author" content="https://social.example/someone"><meta property="og:title" content="Still here">');
    expect(a.title).toBe('Still here');
    expect(a.byline).toBeUndefined();
  });

  it('lists several JSON-LD authors, from @graph too', () => {
    const ld = `<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"Article","headline":"H","author":[{"name":"A One"},{"name":"B Two"}]}]}</script>`;
    expect(page(ld).byline).toBe('A One, B Two');
  });
});

describe('dates', () => {
  it('normalises ISO 8601 variants', () => {
    expect(parseDate('2019-11-20T04:00:00-0600', 'meta')?.value).toBe('2019-11-20T04:00:00-06:00');
    // A time without a zone stays a day, the time kept beside it.
    expect(parseDate('2019-11-20 04:00:00', 'meta')).toMatchObject({ value: '2019-11-20', precision: 'day', localTime: '04:00' });
    expect(parseDate('2019-11-20T04:00:00.000Z', 'meta')?.value).toBe('2019-11-20T04:00:00Z');
    expect(parseDate('20191120', 'meta')).toMatchObject({ value: '2019-11-20', precision: 'day' });
  });

  it('reads RFC 2822 and written-out dates', () => {
    expect(parseDate('Tue, 19 Nov 2019 09:30:00 GMT', 'meta')).toMatchObject({ value: '2019-11-19T09:30:00Z', precision: 'datetime' });
    expect(parseDate('November 20, 2019', 'meta')).toMatchObject({ value: '2019-11-20', precision: 'day' });
  });

  it('refuses impossible or implausible dates', () => {
    expect(parseDate('2019-02-30', 'meta')).toBeUndefined();
    expect(parseDate('0001-01-01', 'meta')).toBeUndefined();
    expect(parseDate('yesterday', 'meta')).toBeUndefined();
    expect(parseDate('', 'meta')).toBeUndefined();
  });

  it('finds dates in URL paths only in plausible shapes', () => {
    expect(dateFromUrl('https://a.example/2019/11/20/title')?.value).toBe('2019-11-20');
    expect(dateFromUrl('https://a.example/news/2019-11-20-title')?.value).toBe('2019-11-20');
    expect(dateFromUrl('https://a.example/article/20191120/title')?.value).toBe('2019-11-20');
    expect(dateFromUrl('https://a.example/2019/11/title')).toBeUndefined();
    expect(dateFromUrl('https://a.example/id/12345678901')).toBeUndefined();
    expect(dateFromUrl('not a url')).toBeUndefined();
  });

  it('reduces language tags to their primary subtag', () => {
    expect(primaryLanguage('en-US')).toBe('en');
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('FA')).toBe('fa');
    expect(primaryLanguage('english please')).toBeUndefined();
  });
});
