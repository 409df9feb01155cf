import { describe, expect, it } from 'vitest';
import {
  AUTOS,
  FINANCE,
  FITNESS,
  FOOD,
  HOME,
  SHOPPING,
  SPORTS,
  TECH,
  TRAVEL,
  interestsOf,
  topTier1,
} from './interest-support.js';

/**
 * Everyday assistant requests in English and German, second round: money transfers and ISAs,
 * car upkeep and fuel, heating and the garden, returns and opening hours, festivals and radio,
 * national TV shows, tube and S-Bahn, ferries, cricket and cycling stages, desserts. The top
 * interest must sit in the expected tier-1 branch; utility requests (time zones, countdowns,
 * conversions, coin flips, small talk) carry no interest, and look-alikes ("funktioniert" is not
 * funk, "unternehmen" at the weekend is not business, a music "track" of lights is not smart home).
 */
/** Entertainment (Movies, Television, Music) and Events. */
const ENTERTAINMENT = ['JLBCU7', '8VZQHL'];

describe('everyday requests, second round (en, de)', () => {
  it.each([
    // money: transfers, payment apps, savings wrappers, indices, spending
    ['en', 'send 30 quid to my brother', FINANCE],
    ['en', 'set up a standing order for the rent', FINANCE],
    ['en', 'should I open a cash isa or pay into my pension', FINANCE],
    ['en', 'how is the ftse 100 doing today', FINANCE],
    ['de', 'überweise meiner Mutter 40 Euro', FINANCE],
    ['de', 'wie steht der MDAX heute', FINANCE],
    ['de', 'lohnt sich ein ETF-Sparplan auf den MSCI World', FINANCE],
    ['de', 'wie viel habe ich letzte Woche im Supermarkt ausgegeben', FINANCE],
    ['de', 'wie funktioniert eine Echtzeitüberweisung', FINANCE],
    ['en', 'do I need to tell HMRC about my etsy income', FINANCE],
    // cars: maintenance, fuel
    ['en', 'when is my MOT due', AUTOS],
    ['en', 'where is the cheapest unleaded near me', AUTOS],
    ['de', 'wann muss mein Auto zum TÜV', AUTOS],
    ['de', 'wo kann ich heute günstig tanken', AUTOS],
    ['de', 'wann sollte man auf Winterreifen wechseln', AUTOS],
    // home: heating, damp, garden, cleaning, trades
    ['en', 'my combi boiler pressure keeps dropping', HOME],
    ['en', 'how do I stop condensation on the bedroom windows', HOME],
    ['en', 'when should I prune my roses', HOME],
    ['en', 'how do I get a coffee stain out of the sofa', HOME],
    ['de', 'wie entlüfte ich den Heizkörper im Bad', HOME],
    ['de', 'wann pflanzt man Tomaten ins Hochbeet', HOME],
    ['de', 'was kostet eine Wärmepumpe für ein Einfamilienhaus', HOME],
    ['de', 'unsere Tür quietscht, was hilft', HOME],
    // shopping: returns, opening hours, offers
    ['en', 'how do I print a return label for my order', SHOPPING],
    ['en', 'does argos do click and collect on sundays', SHOPPING],
    ['de', 'wo ist die nächste Packstation', SHOPPING],
    ['de', 'wann ist in Köln verkaufsoffener Sonntag', SHOPPING],
    // music: festivals, study beats, radio, bands
    ['en', 'put on some lofi for my essay', ENTERTAINMENT],
    ['en', 'who is headlining download festival', ENTERTAINMENT],
    ['en', 'switch to capital fm', ENTERTAINMENT],
    ['de', 'wann gibt es Karten für Rock am Ring', ENTERTAINMENT],
    ['de', 'spiel das neue Album von Die Ärzte', ENTERTAINMENT],
    ['de', 'mach mal SWR3 an', ENTERTAINMENT],
    // TV and podcasts
    ['en', 'when is the love island final', ENTERTAINMENT],
    ['en', 'how much is the tv licence this year', ENTERTAINMENT],
    ['de', 'wann läuft die nächste Folge Bauer sucht Frau', ENTERTAINMENT],
    ['de', 'gib mir eine Podcast Empfehlung für die Autofahrt', ENTERTAINMENT],
    ['en', 'theatre tickets for saturday afternoon', ENTERTAINMENT],
    // travel: tube, S-Bahn, ferries, landmarks
    ['en', 'is the northern line running on sunday', TRAVEL],
    ['en', 'how long is the ferry from dover to calais', TRAVEL],
    ['en', 'is there a rail replacement bus this weekend', TRAVEL],
    ['de', 'fährt die S-Bahn heute trotz Bauarbeiten', TRAVEL],
    ['de', 'wie lange dauert die Fähre nach Helgoland', TRAVEL],
    ['de', 'günstige Flüge nach Teneriffa im März', TRAVEL],
    ['de', 'was kann man an einem Wochenende in Leipzig unternehmen', TRAVEL],
    // sports and fitness
    ['en', 'what was the score in the ashes test', SPORTS],
    ['en', 'who do arsenal play next', SPORTS],
    ['de', 'wer hat die Bergetappe gewonnen', SPORTS],
    ['de', 'wann ist das nächste Länderspiel', SPORTS],
    ['en', 'book me into a pilates class tomorrow', FITNESS],
    ['de', 'gibt es morgen einen Yogakurs im Fitnessstudio', FITNESS],
    // food
    ['en', 'why are my meringues weeping', FOOD],
    ['de', 'Rezept für Käsekuchen ohne Boden', FOOD],
    ['de', 'wie lange kocht ein Ei wachsweich', FOOD],
    // tech
    ['en', "I can't log into my gmail account", TECH],
    ['de', 'ich habe mein Passwort vergessen, wie setze ich es zurück', TECH],
  ] as const)('[%s] %s', (lang, text, tier1) => {
    expect([tier1].flat()).toContain(topTier1(text, lang));
  });

  it.each([
    ['en', 'what time is it in new york'],
    ['en', 'how many days until christmas'],
    ['en', 'what is 20 percent of 85'],
    ['en', 'how many tablespoons in a cup'],
    ['en', 'flip a coin for me'],
    ['en', 'hi, how are you doing'],
    ['de', 'wie spät ist es in Tokio'],
    ['de', 'wie viele Tage noch bis Ostern'],
    ['de', 'wie viele Esslöffel sind 100 ml'],
    ['de', 'wirf eine Münze'],
    ['de', 'was ist 7 mal 8'],
  ] as const)('no interest: [%s] %s', (lang, text) => {
    expect(interestsOf(text, lang)).toHaveLength(0);
  });

  it('keeps look-alikes out of the wrong branch', () => {
    for (const [text, lang, not] of [
      ['wie funktioniert die Kaffeemaschine', 'de', 'JLBCU7'],
      ['was kann man am Wochenende in Dresden unternehmen', 'de', '52'],
      ['play lights down low by the band', 'en', HOME],
      ['I am training for a half marathon', 'en', TRAVEL],
    ] as const) {
      expect(topTier1(text, lang), text).not.toBe(not);
    }
  });
});
