/**
 * Documents: raw inputs after ingest, before any interpretation.
 *
 * A Document is one unit of decoded content (an HTML page, a text file, one feed item, one WARC
 * response, one JSONL line) with where it came from. A document is its content and its origin (its
 * URL, else its outlet): the same bytes from the same origin, or from none, are one document, so
 * ingesting the same input twice adds nothing; the same bytes from another origin are another.
 */

/** Where a document came from. Nested for containers: a file inside a zip inside a folder. */
export interface Origin {
  /** What kind of source produced it. */
  readonly kind: 'file' | 'url' | 'stdin' | 'archive-entry' | 'warc-record' | 'feed-item' | 'jsonl-line';
  /** What a user typed or would recognise: a path, a URL, `-`, `archive.zip!a/b.html`, `feed.xml#3`. */
  readonly locator: string;
  /** Path or URL of the outermost input, as given on the command line. */
  readonly input: string;
  /** WARC-Record-ID, for `warc-record`. */
  readonly recordId?: string;
  /** 1-based line or item number inside the container, for `jsonl-line` and `feed-item`. */
  readonly index?: number;
}

/** Media types the engine knows how to extract. Sniffed from the bytes, not the file name. */
export type MediaType = 'text/html' | 'text/plain' | 'text/markdown';

/**
 * Facts about the document known before extraction, from its container: a feed item's title and
 * date, a JSONL record's fields, HTTP headers. Extraction prefers page metadata but falls back to these.
 */
export interface DocumentHints {
  readonly url?: string;
  readonly title?: string;
  /** ISO 8601 date or datetime when the container says the article was published (feed pubDate, JSONL field). */
  readonly published?: string;
  /**
   * ISO 8601 datetime when the page was captured (WARC-Date, HTTP fetch time). Not a publication date:
   * later stages use it only as a last resort, and say so.
   */
  readonly capturedAt?: string;
  readonly author?: string;
  readonly siteName?: string;
  readonly language?: string;
}

export interface Document {
  /**
   * `doc_` + the first 16 hex digits of {@link contentHash}; for the same content from a further
   * origin (another URL or outlet), of the hash of the content hash and that origin
   * (`originDocumentId` in `pipeline/ingest/document.ts`).
   */
  readonly id: string;
  /** SHA-256 (hex) of the decoded content, normalised to NFC. Equal content, equal hash. */
  readonly contentHash: string;
  readonly origin: Origin;
  readonly mediaType: MediaType;
  /** The decoded content (HTML source or plain text). */
  readonly content: string;
  /** The encoding the bytes were decoded from (`utf-8`, `windows-1256`…), and how it was decided. */
  readonly encoding: { readonly name: string; readonly source: 'bom' | 'header' | 'meta' | 'detected' | 'declared' | 'default' };
  /** Size in bytes of the raw input. */
  readonly byteLength: number;
  readonly hints: DocumentHints;
  /** ISO 8601 datetime when the input was read (from the injected clock). */
  readonly ingestedAt: string;
}
