import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * English sensitive recall: conditions, procedures and care settings; parliaments, parties, unions,
 * diplomacy, war and politicians' names; orientation and ethnic-origin disclosures. Everyday
 * sentences whose words share a stem with a new term ("append" / appendicitis, "colour" /
 * colourism, "capital" / capitalism, "mobile" / mobilisation, "campaign report") must stay clean.
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string): string[] => understand({ text, lang: 'en' }).sensitive;

describe('English sensitive vocabulary', () => {
  it.each([
    ['health', 'my little one has croup and barks like a seal all night'],
    ['health', 'pretty sure I have shingles, the rash only shows up on one side'],
    ['health', 'the GP thinks it might be gallstones'],
    ['health', 'spent six hours in A&E with my dad last night'],
    ['health', 'my gran moved into a nursing home after her fall'],
    ['health', 'booked an appointment with a psychotherapist for next week'],
    ['health', 'she is terminally ill and we are arranging palliative care'],
    ['health', 'I had a hysterectomy in March and I am still tired'],
    ['health', 'my grandad is on oxygen at home since the winter'],
    ['health', 'The ward was overwhelmed after a norovirus outbreak at the care home.'],
    ['health', 'Herd immunity requires a high share of the population to be vaccinated.'],
    ['health', 'Sepsis kills more people each year than many cancers combined.'],
    ['health', 'she had appendicitis and needed surgery the same night'],
    ['politics', 'Backbenchers rebelled against the whip in the Commons vote.'],
    ['politics', 'The shadow cabinet met to discuss the budget response.'],
    ['politics', 'The teachers union called a general strike for Thursday.'],
    ['politics', 'Both sides signed a peace deal brokered by neighbouring states.'],
    ['politics', 'The foreign secretary held talks with her counterpart in Nairobi.'],
    ['politics', 'UN peacekeepers were sent to monitor the ceasefire line.'],
    ['politics', 'The new mayor was sworn in as thousands watched.'],
    ['politics', 'Riot police used tear gas to disperse the crowd.'],
    ['politics', 'The candidate promised to raise taxes on the wealthiest households.'],
    ['politics', 'Romney ended his bid after a poor showing in the primaries.'],
    ['politics', 'Drone strikes hit several villages in the war-torn region.'],
    ['politics', 'who are the tories going to pick as their next leader'],
    ['politics', 'is council tax going up again this year'],
    ['sexual_orientation', 'honestly I think I might be bi and I have no idea how to tell anyone'],
    ['sexual_orientation', "I've always been attracted to women, even at school"],
    ['sexual_orientation', 'still figuring out my sexuality at 30'],
    ['ethnic_origin', 'colourism in my family hurts more than strangers being rude'],
    ['ethnic_origin', 'the landlord said no because we are black, I could tell'],
    ['ethnic_origin', 'my dad is black and my mum is white, people always ask'],
    ['ethnic_origin', 'Ethnic tensions flared after the election in the north.'],
    ['religion', 'the Jesuits ran my school and mass was every Friday'],
  ] as const)('%s: %s', (cls, text) => {
    expect(sensitive(text)).toContain(cls);
  });

  it('keeps everyday English requests clear of stem collisions', () => {
    for (const text of [
      'append a new row to the spreadsheet',
      'abort the download, the file is too big',
      'what colour should I paint the hallway',
      'what is the capital of Australia',
      'best mobile phone plan for travelling',
      'translate this sentence into Italian',
      'when does my phone contract end',
      'we found a huge shell on the beach',
      'close the blinds in the living room',
      'send the campaign report to Priya by noon',
      'our new email campaign goes live on Monday',
      'free radicals and antioxidants in green tea',
      'that maze in Labyrinth still gives me chills',
      'show me my progress on the reading goal',
      'the population of Lisbon in 2020',
      'I have a quick question about my order',
      'book tickets for the rugby union final',
      'we sat in the nosebleed seats but the concert was great',
      'she appears in a cast of newcomers in the new play',
      'is the Basque country worth a road trip',
    ]) {
      expect(sensitive(text), text).toEqual([]);
    }
  });
});
