export * from './account.js';
export * from './campaign.js';
export * from './content.js';
export * from './decision.js';
export * from './event.js';
export * from './policy.js';
export * from './sensitive.js';
