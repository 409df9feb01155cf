/**
 * Tier-1 IAB Content Taxonomy 3.1 ids the interest tests assert on, in one place (the eval's
 * coarse labels map to these: see ../shared/eval/coarse-labels.json).
 */
export const AUTOS = '1';
export const FINANCE_BUSINESS = '52';
export const FOOD = '210';
/** Fitness sits under Healthy Living, not Sports: running lands here. */
export const FITNESS = '223';
export const HOME = '274';
export const FINANCE = '391';
export const SHOPPING = '473';
export const SPORTS = '483';
export const TECH = '596';
export const TRAVEL = '653';
export const GAMING = '680';
export const EVENTS = '8VZQHL';
export const ENTERTAINMENT = 'JLBCU7';
