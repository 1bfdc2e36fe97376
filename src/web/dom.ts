/**
 * Building the page: elements with text children only. Every string from the API (article text,
 * titles, outlet names, quotes) goes in as a text node, never parsed as markup; links from data
 * are kept only when they are http(s).
 */
import type { DateValue } from '../model/article.js';
import { readPublished } from '../model/published.js';

/** A child of an element: text, an element, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes an element may be given; `on*` handlers are functions, never strings. */
export interface Attrs {
  readonly class?: string;
  readonly id?: string;
  readonly title?: string;
  /** A `<time>` element's machine-readable instant. */
  readonly datetime?: string;
  readonly href?: string;
  readonly rel?: string;
  readonly accept?: string;
  readonly type?: string;
  readonly name?: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly for?: string;
  readonly role?: string;
  /** The text's language and direction (`auto`: from its first strong letter, for right-to-left scripts). */
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl' | 'auto';
  readonly tabindex?: number;
  readonly multiple?: boolean;
  readonly hidden?: boolean;
  readonly data?: Readonly<Record<string, string>>;
  readonly aria?: Readonly<Record<string, string>>;
  readonly onclick?: (e: MouseEvent) => void;
  readonly onmouseenter?: (e: MouseEvent) => void;
  readonly onmouseleave?: (e: MouseEvent) => void;
  readonly onfocus?: (e: FocusEvent) => void;
  readonly onblur?: (e: FocusEvent) => void;
  readonly onsubmit?: (e: SubmitEvent) => void;
  readonly onchange?: (e: Event) => void;
}

/** An element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs) as [string, unknown][]) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'data') for (const [k, v] of Object.entries(value as Record<string, string>)) el.dataset[k] = v;
    else if (key === 'aria') for (const [k, v] of Object.entries(value as Record<string, string>)) el.setAttribute(`aria-${k}`, v);
    else if (key === 'href') el.setAttribute('href', safeHref(String(value)));
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Append children to `el`, strings as text nodes. */
export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A link target that cannot run script: in-app (`#/…`, `/…`) or http(s); anything else becomes `#`. */
export function safeHref(href: string): string {
  if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) return href;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '#';
  } catch {
    return '#';
  }
}

/** Replace the children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A section with a heading. */
/** A labelled input of a filter form. */
export function field(name: string, label: string, type: string, value: string, placeholder = ''): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, label), h('input', { name, type, value, placeholder }));
}

/** A filter form: submitting puts its non-empty fields in the query of the URL fragment `route` (`#/`, `#/quotes`). */
export function queryForm(route: string, ...children: Child[]): HTMLFormElement {
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        const q = new URLSearchParams();
        for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v.trim() !== '') q.set(k, v.trim());
        location.hash = `${route}?${q.toString()}`;
      },
    },
    ...children,
  );
  return form;
}

export function section(title: string, cls: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `panel ${cls}` }, h('h2', {}, title), ...children);
}

/**
 * A date as the reader's locale shows it: an instant in the browser's zone with the zone's name
 * (`16 Mar 2026, 15:42 CET`); a date-only value as its day, never given a time; a time the page
 * wrote without a zone as written, said so. The ISO text when it does not parse.
 */
export function formatDate(date: DateValue | string | undefined): string {
  if (!date) return '';
  const p = readPublished(date);
  if (!p) {
    const iso = typeof date === 'string' ? date : date.value;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }
  if (p.precision === 'day') {
    const day = new Date(p.ms).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    return p.localTime ? `${day}, ${p.localTime} (zone unknown)` : day;
  }
  return new Date(p.ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** A tooltip for a publication time: how the page wrote it, and the instant in UTC. */
export function dateTitle(date: DateValue | string | undefined): string | undefined {
  const p = readPublished(date);
  if (!p) return undefined;
  return p.utc ? `As the page wrote it: ${p.value} · UTC: ${p.utc}` : p.localTime ? `The page gives ${p.localTime} without a zone` : 'The page gives only the day';
}
