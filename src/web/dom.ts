/**
 * Building the page: elements with text children only. Every string from the API (article text,
 * titles, outlet names, quotes) goes in as a text node, never parsed as markup; links from data
 * are kept only when they are http(s).
 */

/** A child of an element: text, an element, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes an element may be given; `on*` handlers are functions, never strings. */
export interface Attrs {
  readonly class?: string;
  readonly id?: string;
  readonly title?: string;
  readonly href?: string;
  readonly rel?: string;
  readonly accept?: string;
  readonly type?: string;
  readonly name?: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly for?: string;
  readonly role?: string;
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
export function section(title: string, cls: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `panel ${cls}` }, h('h2', {}, title), ...children);
}

/** A date as the reader's locale shows it (the ISO text when it does not parse). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Date(t).toLocaleString('en-GB', dateOnly ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' });
}
