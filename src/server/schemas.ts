/**
 * JSON Schemas (OpenAPI 3.1 components) of the API's responses. They describe the store's records
 * as returned: every text from an article is a JSON string, never markup to render.
 */

type Schema = Readonly<Record<string, unknown>>;

const str = { type: 'string' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const num = { type: 'number' } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, required: readonly string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required: [...required],
});
const page = (item: string): Schema => obj({ items: arr(ref(item)), total: int });

const span = obj({ start: int, end: int });
const nullable = (schema: { readonly type: string }): Schema => ({ ...schema, type: [schema.type, 'null'] });
const KINDS = ['agency', 'state', 'public-broadcaster', 'private', 'aggregator'] as const;

/** Every named schema the document references. */
export const SCHEMAS: Readonly<Record<string, Schema>> = {
  Error: obj({ error: obj({ code: { type: 'string', description: 'Stable code from the error catalogue' }, message: str }) }),
  Span: span,
  Message: obj(
    {
      stage: { type: 'string', enum: ['ingest', 'extract', 'clean', 'text', 'dedup', 'cluster', 'analyze', 'synthesize', 'store'] },
      ruleId: str,
      reason: str,
      severity: { type: 'string', enum: ['error', 'warning', 'info'] },
      span: ref('Span'),
      layer: { type: 'string', enum: ['source', 'extracted', 'text'] },
      excerpt: str,
      data: { type: 'object' },
    },
    ['stage', 'ruleId', 'reason', 'severity'],
  ),
  Origin: { type: 'object', description: 'Where a document came from: kind and locator (path, URL, archive entry).', properties: { kind: str, locator: str }, required: ['kind', 'locator'] },
  Document: {
    type: 'object',
    description: 'An ingested document as stored, with its decoded content as a string.',
    properties: { id: str, origin: ref('Origin'), mediaType: str, content: str },
    required: ['id', 'origin', 'mediaType'],
  },
  StoredDocument: obj({ document: ref('Document'), messages: arr(ref('Message')), articleIds: arr(str) }),
  ArticleSummary: obj(
    {
      id: str,
      documentId: str,
      part: int,
      title: str,
      url: str,
      siteName: str,
      language: str,
      published: str,
      wordCount: int,
      locator: str,
      messageCount: int,
    },
    ['id', 'documentId', 'part', 'language', 'wordCount', 'locator', 'messageCount'],
  ),
  ArticlePage: page('ArticleSummary'),
  Article: {
    type: 'object',
    description: 'A clean article: its text, title, credits, dates, language, paragraphs and sentences (offsets into text).',
    properties: { id: str, documentId: str, title: str, url: str, siteName: str, text: str, language: { type: 'object' } },
    required: ['id', 'text'],
  },
  ArticleOrigin: obj({ documentId: str, origin: ref('Origin'), mediaType: str, ingestedAt: str }),
  StoredArticle: obj({ article: ref('Article'), messages: arr(ref('Message')), document: ref('ArticleOrigin') }),
  StorySummary: obj({ id: str, title: str, articleCount: int, sourceCount: int, firstSeen: str, lastSeen: str }, ['id', 'title', 'articleCount', 'sourceCount']),
  StoryPage: page('StorySummary'),
  Story: obj({ id: str, title: str, articleIds: arr(str), firstSeen: str, lastSeen: str, sourceCount: int }, ['id', 'title', 'articleIds', 'sourceCount']),
  Family: obj({
    id: str,
    storyId: str,
    originalId: str,
    members: arr(
      obj({ articleId: str, derivation: { type: 'string', enum: ['original', 'verbatim', 'partial', 'rewrite'] }, reuse: num, evidence: arr(str) }),
    ),
    creditedTo: {
      ...obj({ key: str, name: str, kind: str, articleIds: arr(str), evidence: arr(str) }),
      description: "The outlet or agency the family's text is credited to when it publishes none of its articles (a wire copy), with each credit as written.",
    },
  }, ['id', 'storyId', 'originalId', 'members']),
  StoryMember: obj({
    articleId: str,
    score: num,
    sharedTerms: arr(str),
    article: ref('ArticleSummary'),
    familyId: str,
    derivation: { type: 'string', enum: ['original', 'verbatim', 'partial', 'rewrite'] },
    reuse: num,
    evidence: arr(str),
  }),
  FirstReport: {
    ...obj(
      {
        rank: int,
        site: str,
        articleId: str,
        familyId: str,
        articles: int,
        published: str,
        utc: str,
        precision: { type: 'string', enum: ['datetime', 'day', 'none'] },
        localTime: str,
        tie: obj({ with: str, relation: { type: 'string', enum: ['same-minute', 'same-day'] } }),
      },
      ['site', 'articleId', 'articles', 'precision'],
    ),
    description:
      "One outlet's first report of a story, in order of the normalised publication instant (utc). `published` keeps the page's own offset; `precision` day means the time is unknown; `tie` says it cannot be told apart from the report listed before it; undated reports come last without a rank.",
  },
  StoredStory: obj({ story: ref('Story'), members: arr(ref('StoryMember')), families: arr(ref('Family')), firstReports: arr(ref('FirstReport')) }, ['story', 'members', 'families']),
  Passage: obj({ original: ref('Span'), copy: ref('Span'), overlap: num, originalText: str, copyText: str }),
  CopyAlignment: obj({ originalId: str, copyId: str, passages: arr(ref('Passage')) }),
  Copies: {
    ...obj({ articleId: str, storyId: { type: ['string', 'null'] }, family: { oneOf: [ref('Family'), { type: 'null' }] }, alignments: arr(ref('CopyAlignment')) }),
    description: "The article's family of copies and the passages each copy shares with the family's original (spans into each article's text).",
  },
  StoredMessage: obj({ documentId: str, articleId: str, message: ref('Message') }, ['documentId', 'message']),
  MessagePage: page('StoredMessage'),
  RuleCount: obj({ stage: str, ruleId: str, severity: str, messages: int, documents: int }),
  RuleCounts: obj({ items: arr(ref('RuleCount')) }),
  Entity: {
    ...obj(
      {
        id: str,
        kind: { type: 'string', enum: ['person', 'organization', 'place'] },
        name: str,
        forms: arr(str),
        roles: arr(str),
        evidence: arr(obj({ rule: str, forms: arr(str), detail: str }, ['rule', 'forms'])),
        gender: { type: 'string', enum: ['female', 'male'] },
      },
      ['id', 'kind', 'name', 'forms', 'roles'],
    ),
  },
  Quote: obj(
    {
      id: str,
      articleId: str,
      type: { type: 'string', enum: ['direct', 'indirect', 'mixed'] },
      span: ref('Span'),
      segments: arr(ref('Span')),
      cue: ref('Span'),
      speakerMention: ref('Span'),
      personId: str,
      attribution: arr(str),
    },
    ['id', 'articleId', 'type', 'span'],
  ),
  AlignedWord: obj({ op: { type: 'string', enum: ['same', 'missing', 'added'] }, word: str, gloss: { type: 'string', description: "In a rendering in another language: the anchor's word this one translates" } }, ['op', 'word']),
  Rendering: obj(
    {
      quote: ref('Quote'),
      site: str,
      text: str,
      anchor: { type: 'boolean' },
      similarity: num,
      match: { type: 'string', enum: ['whole', 'partial'] },
      via: obj({ quoteId: str, score: num }),
      alignment: arr(ref('AlignedWord')),
      language: { type: 'string', description: 'ISO 639-1 code, set when the rendering is in another language than the anchor (a translation)' },
    },
    ['quote', 'site', 'text', 'anchor', 'similarity', 'match', 'alignment'],
  ),
  StatementView: obj(
    { id: str, storyId: str, personId: { type: ['string', 'null'], description: 'null for quotes no speaker was resolved for' }, quoteIds: arr(str), similarity: num, renderings: arr(ref('Rendering')), articleIds: arr(str), sites: arr(str) },
  ),
  PersonView: obj({ entity: ref('Entity'), articleIds: arr(str), mentions: int, quotes: int }),
  StoryQuotes: {
    ...obj({
      storyId: str,
      title: str,
      members: arr(obj({ articleId: str, site: str, familyId: str, derivation: str })),
      statements: arr(ref('StatementView')),
      single: arr(ref('StatementView')),
      unattributed: arr(obj({ quote: ref('Quote'), site: str, text: str })),
      unattributedStatements: arr(ref('StatementView')),
      people: arr(ref('PersonView')),
      entities: arr(ref('Entity')),
    }),
    description: 'Statements rendered by several outlets (`statements`), by one (`single`), quotes without a speaker, and the people of the story. Spans are offsets into each article\'s clean text.',
  },
  SourceSpan: obj({ articleId: str, site: str, field: { type: 'string', enum: ['title'], description: "'title' when the span lies in the article's title (a headline taken from it); absent for its text." }, span: ref('Span'), text: str }, ['articleId', 'site', 'span', 'text']),
  SummarySentence: obj(
    { text: str, claimId: str, sources: arr(ref('SourceSpan')), replacements: arr(obj({ from: str, to: str, namingId: str })), sourceCount: int },
    ['text', 'sources', 'sourceCount'],
  ),
  Support: obj({ articleId: str, familyId: str, site: str, span: ref('Span'), text: str, similarity: num, quoted: { type: 'boolean' } }, ['articleId', 'familyId', 'site', 'span', 'text', 'similarity']),
  Claim: obj({
    id: str,
    storyId: str,
    text: str,
    supports: arr(ref('Support')),
    sourceCount: int,
    singleSource: { type: 'boolean' },
    conflicts: arr(obj({ kind: { type: 'string', enum: ['number', 'date', 'name'] }, values: arr(obj({ value: str, articleIds: arr(str), spans: arr(ref('Span')) })) })),
  }),
  OutletCoverage: obj({ site: str, articleIds: arr(str), familyIds: arr(str), carried: arr(str), missing: arr(str), alone: arr(str) }),
  StoryClaims: obj({ storyId: str, sourceCount: int, claims: arr(ref('Claim')), coverage: arr(ref('OutletCoverage')) }),
  StoryReport: {
    ...obj(
      {
        storyId: str,
        headline: ref('SummarySentence'),
        summary: arr(ref('SummarySentence')),
        when: { type: 'object', description: 'The voted event date with its evidence and the alternatives.' },
        where: { type: 'object', description: 'The voted event place with its evidence and the alternatives.' },
        articles: arr({ type: 'object' }),
        outlets: arr(ref('ReportOutlet')),
        sourceCount: int,
        primarySources: {
          type: 'object',
          description:
            'What the families rest on: familyCount, count (distinct primary sources), summary ("4 independent sources, resting on 2 primary sources: …"), sources (kind readout, statement, wire, outlet or own-reporting; label; families resting on it; drawnOnBy; evidence), families (restsOn, reason, drawsOn) and claims (primarySources per claim).',
        },
        statements: arr({ type: 'object', description: "A speaker's statement with each outlet's rendering and its word alignment; personId and speaker are null for quotes no speaker was resolved for." }),
        people: arr(ref('Entity')),
        claims: arr(ref('Claim')),
        coverage: arr(ref('OutletCoverage')),
        naming: arr({ type: 'object', description: 'The terms each outlet uses for one referent, in its own voice and in quotes.' }),
        citations: { type: 'object', description: 'Who cites whom: nodes and edges with evidence.' },
        timeline: arr(obj({ date: str, text: str, sources: arr(ref('SourceSpan')) })),
        limits: arr(obj({ ruleId: str, text: str })),
      },
      ['storyId', 'headline', 'summary', 'articles', 'outlets', 'sourceCount', 'statements', 'people', 'claims', 'coverage', 'naming', 'citations', 'timeline'],
    ),
    description: "A story's report; every synthesized sentence carries the source spans (offsets into each article's clean text) it rests on.",
  },
  StatementHits: {
    ...obj({
      hits: arr(
        obj({
          storyId: str,
          storyTitle: str,
          speaker: { type: ['string', 'null'], description: 'null for statements no speaker was resolved for' },
          text: str,
          articleId: str,
          sites: arr(str),
          articles: int,
        }),
      ),
      searched: int,
      stale: int,
    }),
    description: 'Statements found across the stored analyses of every story (`searched`); `stale` stories are not analysed yet or changed since.',
  },
  ReportOutlet: {
    ...obj(
      {
        key: str,
        name: str,
        kind: { type: ['string', 'null'], enum: [...KINDS, null] },
        country: { type: ['string', 'null'], description: 'ISO 3166-1 alpha-2' },
        language: { type: ['string', 'null'], description: 'ISO 639-1' },
        articles: arr(str),
        basis: { type: 'string', enum: ['domain', 'credit', 'dateline', 'site-label', 'user', 'unknown'] },
        evidence: str,
      },
      ['key', 'name', 'kind', 'country', 'language', 'articles', 'basis'],
    ),
    description: "One distinct outlet of a story (key `unknown` gathers the articles whose outlet is not known), with how it was recognised and the text or domain that named it.",
  },
  OutletSummary: obj({
    key: str,
    name: str,
    kind: nullable(str),
    country: nullable(str),
    language: nullable(str),
    listed: { type: 'boolean' },
    articles: int,
    stories: int,
    basis: { type: 'object', additionalProperties: int, description: 'Articles per basis (domain, credit, dateline, site-label, user).' },
  }),
  OutletList: {
    ...obj({ outlets: arr(ref('OutletSummary')), stories: int, withoutOutlets: arr(str) }),
    description: 'The outlets of the stored reports, most articles first; `withoutOutlets`: stories whose stored report predates outlets (analyse them again).',
  },
  OutletEvidence: obj({ stories: arr(str), articles: arr(str), claims: arr(str) }, ['stories', 'articles']),
  OutletProfile: {
    ...obj({
      key: str,
      name: str,
      kind: nullable(str),
      country: nullable(str),
      language: nullable(str),
      listed: { type: 'boolean' },
      owner: nullable(str),
      reason: nullable(str),
      source: nullable(str),
      articles: int,
      stories: int,
      basis: { type: 'object', additionalProperties: int },
      weeks: arr(obj({ week: str, stories: int, articles: int, evidence: ref('OutletEvidence') })),
      copies: obj({ count: int, share: num, evidence: ref('OutletEvidence'), of: arr(ref('RelatedOutlet')) }),
      copiedBy: arr(ref('RelatedOutlet')),
      cites: arr(obj({ name: str, count: int, evidence: ref('OutletEvidence') })),
      first: obj({ ranked: int, first: int, rate: nullable(num), evidence: ref('OutletEvidence') }),
      loadedTerms: arr(obj({ term: str, referent: str, count: int, othersPlain: arr(str), evidence: ref('OutletEvidence') })),
      alone: obj({ count: int, carried: int, rate: nullable(num), evidence: ref('OutletEvidence') }),
      leavesOut: obj({ count: int, widelyCarried: int, rate: nullable(num), evidence: ref('OutletEvidence') }),
      languages: arr(obj({ language: str, articles: int, evidence: ref('OutletEvidence') })),
    }),
    description: "One outlet's profile from the stored reports; every figure with the story, article and claim ids it rests on. What each figure means: README, \"Outlet profiles\".",
  },
  RelatedOutlet: obj({ key: str, name: str, count: int, evidence: ref('OutletEvidence') }),
  People: obj({ stories: arr(str), people: arr({ ...obj({ entity: ref('Entity'), articleIds: arr(str), storyIds: arr(str), mentions: int, quotes: int }) }) }),
  IngestUrls: obj({ urls: { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1 } }),
  JobAccepted: obj({ jobId: str }),
  Job: obj(
    {
      id: str,
      kind: { type: 'string', enum: ['upload', 'urls'] },
      state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] },
      createdAt: str,
      startedAt: str,
      finishedAt: str,
      resumedAt: str,
      inputs: int,
      progress: obj({ done: int, total: int, articles: int, failed: int }, ['done', 'articles', 'failed']),
      failures: arr(obj({ input: str, code: str, message: str })),
      summary: obj({ documents: int, added: int, skipped: int, articles: int, empty: int, assigned: int, storiesChanged: int }),
      error: obj({ code: str, message: str }),
    },
    ['id', 'kind', 'state', 'createdAt', 'inputs', 'progress', 'failures'],
  ),
};

/** A `$ref` to a named schema. */
export function schemaRef(name: keyof typeof SCHEMAS & string): Schema {
  return ref(name);
}
