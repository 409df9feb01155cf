import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * English sensitive lexicon, second recall round: subtle disclosures without a topic keyword
 * (hair and name microaggressions, same-sex partner cues, fasting and church routines, canvassing,
 * symptoms in everyday words), and look-alikes whose stems collide and must stay clean
 * ("tokenism" → "token", "othered" → "other", "nativism" → "native", "leafleting" → "leaflet",
 * "fainted" → "faint", "white-passing" → "White Pass").
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string): string[] => understand({ text, lang: 'en' }).sensitive;

describe('English sensitive vocabulary, recall round 2', () => {
  it.each([
    ['ethnic_origin', 'strangers on the bus keep touching my hair without asking, people are so weird'],
    ['ethnic_origin', 'half my teachers mispronounced my name for years and nobody corrected them'],
    ['ethnic_origin', 'landlords go quiet as soon as they hear my accent on the phone'],
    ['ethnic_origin', 'got stopped and searched again on my way home from college'],
    ['ethnic_origin', 'my dad is from Lagos and I want our kids to learn some Yoruba'],
    ['ethnic_origin', 'kids at school used to pull slanted eyes at me'],
    ['ethnic_origin', 'is it weird that I feel not asian enough around my cousins'],
    ['sexual_orientation', 'his husband is picking us up from the airport'],
    ['sexual_orientation', 'my moms are flying in for graduation'],
    ['sexual_orientation', 'can we get married in Bali? we are both women'],
    ['sexual_orientation', "my partner and I can't agree on which of us should carry our first child"],
    ['sexual_orientation', "I'm a guy and my boyfriend wants us to adopt a dog together"],
    ['sexual_orientation', "I'm still not out to my grandparents"],
    ['religion', 'we got the baby christened last weekend at my aunt’s parish'],
    ['religion', "I'm fasting today so I'll eat after sunset"],
    ['religion', 'I try to tithe even when money is tight'],
    ['religion', 'the kids have church choir practice on Wednesdays'],
    ['religion', 'we walk to shul every Saturday morning'],
    ['health', "I've dropped 6 kilos without trying and I'm always thirsty"],
    ['health', 'she skips meals and weighs herself every morning in secret'],
    ['health', 'I keep feeling lightheaded and I fainted at work yesterday'],
    ['health', 'there was blood in my urine this morning, should I worry'],
    ['health', 'my period is late and I feel sick'],
    ['health', 'Officials declared a public health emergency after cases rose sharply in the capital.'],
    ['politics', "I'm going canvassing for our candidate on Saturday morning"],
    ['politics', 'what should I write on a placard for the climate march'],
    ['politics', 'The state premier was accused of misleading the legislative assembly.'],
    ['politics', 'Relations soured after the two governments expelled each other’s diplomats.'],
    ['politics', 'how do I apply for a postal vote before the deadline'],
  ] as const)('%s: %s', (cls, text) => {
    expect(sensitive(text)).toContain(cls);
  });

  it('keeps English look-alikes clean', () => {
    for (const text of [
      'Large language models split text into tokens before predicting the next one',
      'the other native plants in the garden need watering',
      'please read the leaflet in the box before assembling the shelf',
      'faint stars are easier to see away from city lights',
      'the White Pass railway climbs from Skagway into the Yukon',
      'convert this document to pdf and send it to Anna',
      'the premier league season starts in August',
      'we hiked until sunset and camped by the lake',
      'my dad is from Leeds and supports the local team',
      'roast the chicken until the skin is golden brown',
      'the furniture came with assembly instructions in six languages',
      'I bought a canvas tote bag at the market',
    ]) {
      expect(sensitive(text), text).toEqual([]);
    }
  });
});
