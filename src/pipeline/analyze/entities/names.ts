/**
 * The name data of the entities stage (names.json: honorifics, roles, particles, transliterations,
 * given-name and organisation word lists), loaded once and shared by recognition, resolution and the
 * gender of given names.
 */
import { readFileSync } from 'node:fs';

interface Terms {
  readonly terms: readonly string[];
  readonly reason: string;
}
export interface NamesFile {
  readonly honorifics: Terms;
  readonly roles: Terms;
  readonly roleAbbreviations: { readonly reason: string; readonly map: Readonly<Record<string, string>> };
  readonly roleHeads: { readonly reason: string; readonly map: Readonly<Record<string, string>> };
  readonly particles: Terms;
  readonly articlePrefixes: Terms;
  readonly transliterations: { readonly reason: string; readonly sets: readonly (readonly string[])[] };
  readonly orgHeads: Terms;
  readonly notNames: Terms;
  readonly femaleNames: Terms;
  readonly nameAbbreviations: Terms;
  readonly placeInitials: Terms;
  readonly genderedHonorifics: { readonly reason: string; readonly female: readonly string[]; readonly male: readonly string[] };
  readonly unisexNames: Terms;
  readonly descriptionHeads: Terms;
  readonly acronymJoiners: Terms;
}

/** The parsed names.json. */
export const NAMES = JSON.parse(readFileSync(new URL('./names.json', import.meta.url), 'utf8')) as NamesFile;
