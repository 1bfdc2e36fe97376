/**
 * Query parameters: one description per parameter, used both to validate requests and to write
 * the OpenAPI document, so the two cannot disagree.
 */
import { createError } from '../errors.js';

/** One query parameter an endpoint accepts. */
export type ParamSpec =
  | { readonly name: string; readonly description: string; readonly kind: 'integer'; readonly min: number; readonly max: number; readonly default?: number }
  | { readonly name: string; readonly description: string; readonly kind: 'string'; readonly maxLength: number }
  | { readonly name: string; readonly description: string; readonly kind: 'date' }
  | { readonly name: string; readonly description: string; readonly kind: 'enum'; readonly values: readonly string[] };

/** Parsed parameter values by name; absent parameters are undefined. */
export type ParamValues = Readonly<Record<string, string | number | undefined>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Validate a request's query against `specs`: unknown or repeated parameters, malformed values
 * and out-of-range numbers throw REQUEST_INVALID naming the parameter.
 */
export function parseParams(specs: readonly ParamSpec[], query: Readonly<Record<string, readonly string[]>>): ParamValues {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: Record<string, string | number | undefined> = {};
  for (const [name, values] of Object.entries(query)) {
    const spec = byName.get(name);
    if (!spec) throw invalid(`unknown parameter "${name}"${specs.length > 0 ? ` (accepted: ${specs.map((s) => s.name).join(', ')})` : ''}`);
    if (values.length !== 1) throw invalid(`parameter "${name}" is given ${values.length} times`);
    out[name] = parseValue(spec, values[0] ?? '');
  }
  for (const spec of specs) {
    if (out[spec.name] === undefined && spec.kind === 'integer' && spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out;
}

function parseValue(spec: ParamSpec, raw: string): string | number {
  switch (spec.kind) {
    case 'integer': {
      if (!/^-?\d{1,16}$/.test(raw)) throw invalid(`"${spec.name}" must be an integer`);
      const n = Number(raw);
      if (n < spec.min || n > spec.max) throw invalid(`"${spec.name}" must lie in ${spec.min}..${spec.max}`);
      return n;
    }
    case 'string':
      if (raw.trim() === '') throw invalid(`"${spec.name}" is empty`);
      if (raw.length > spec.maxLength) throw invalid(`"${spec.name}" is longer than ${spec.maxLength} characters`);
      return raw;
    case 'date':
      if (!ISO_DATE.test(raw) || Number.isNaN(Date.parse(raw))) throw invalid(`"${spec.name}" must be an ISO 8601 date such as 2024-05-01`);
      return raw;
    case 'enum':
      if (!spec.values.includes(raw)) throw invalid(`"${spec.name}" must be one of ${spec.values.join(', ')}`);
      return raw;
  }
}

/** The OpenAPI 3.1 parameter object for a query parameter. */
export function openApiParameter(spec: ParamSpec): Record<string, unknown> {
  const schema: Record<string, unknown> =
    spec.kind === 'integer'
      ? { type: 'integer', minimum: spec.min, maximum: spec.max, ...(spec.default !== undefined ? { default: spec.default } : {}) }
      : spec.kind === 'string'
        ? { type: 'string', minLength: 1, maxLength: spec.maxLength }
        : spec.kind === 'date'
          ? { type: 'string', description: 'ISO 8601 date or datetime' }
          : { type: 'string', enum: [...spec.values] };
  return { name: spec.name, in: 'query', required: false, description: spec.description, schema };
}

function invalid(detail: string) {
  return createError('REQUEST_INVALID', { detail });
}
