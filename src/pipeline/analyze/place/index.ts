/**
 * Place: where a story's event happened, voted by its independent sources with the evidence.
 */
export { createEventPlace, placeCues, PLACE_RULES, type EventPlaceFinder, type EventPlaceOptions, type PlaceCue, type PlaceRules } from './place.js';
