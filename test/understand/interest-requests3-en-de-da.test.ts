import { describe, expect, it } from 'vitest';
import {
  AUTOS,
  ENTERTAINMENT,
  EVENTS,
  FINANCE,
  FINANCE_BUSINESS,
  FITNESS,
  FOOD,
  HOME,
  SHOPPING,
  SPORTS,
  TECH,
  TRAVEL,
  BOOKS,
  CAREERS,
  EDUCATION,
  PETS,
  REAL_ESTATE,
  STYLE_FASHION,
  interestsOf,
  topTier1,
} from './interest-support.js';

/**
 * New interest vocabulary in English, German and Danish, third round. The KB gained everyday
 * phrases for sports (cards, shoot-outs, transfer windows, ski jumping), gym and running, pets,
 * clothes, school and university, jobs, renting, banking and tax, car upkeep and fines, phone and
 * PC trouble, house plants and DIY, parcels and gifts, cafés and restaurants, TV, books and
 * markets; these requests pin what was gained. Look-alikes must not fall into the branch a short
 * word suggests ("running late", a "conference" room, German "läuft" on TV, Danish "for" and
 * "holde"), and utility requests (timers, sums, clocks) carry no interest at all.
 */

describe('new interest vocabulary, third round (en, de, da)', () => {
  it.each([
    ['en', 'my fiddle leaf fig has brown leaves, what am I doing wrong', HOME],
    ['en', 'how do I descale the kettle', HOME],
    ['en', 'who scored the hat-trick in the fa cup tie', SPORTS],
    ['en', 'who won the penalty shootout last night', SPORTS],
    ['en', 'make me a leg day workout plan with dumbbells', FITNESS],
    ['en', 'find me a couch to 5k plan', FITNESS],
    ['en', 'how often should my guinea pig see the vet', PETS],
    ['en', 'crate training tips for my new cocker spaniel pup', PETS],
    ['en', 'outfit ideas with a black blazer and loafers', STYLE_FASHION],
    ['en', 'help me revise for my gcse maths exam', EDUCATION],
    ['en', 'can you check my personal statement for ucas', EDUCATION],
    ['en', 'how long is the notice period if I resign', CAREERS],
    ['en', "my letting agent won't give my deposit back", REAL_ESTATE],
    ['en', 'my card got declined, can you freeze my card', FINANCE],
    ['en', 'how do I fill in my self assessment', FINANCE],
    ['en', 'I got a parking fine at the supermarket car park', AUTOS],
    ['en', "my phone won't charge and the battery health is at 70%", TECH],
    ['en', 'best time to visit the norwegian fjords', TRAVEL],
    ['en', 'where can I get a decent flat white around here', FOOD],
    ['en', 'our startup needs a pitch deck for the seed round', FINANCE_BUSINESS],
    ['en', 'when do the boxing day sales start', SHOPPING],
    ['de', 'wie bekomme ich Kalkablagerungen vom Duschkopf weg', HOME],
    ['de', 'meine Orchidee hat gelbe Blätter', HOME],
    ['de', 'wer ist nach diesem Spieltag Tabellenführer', SPORTS],
    ['de', 'wurde der Elfmeter per Videobeweis überprüft', SPORTS],
    ['de', 'wann ist die Vierschanzentournee', SPORTS],
    ['de', 'erstelle mir einen Trainingsplan für Muskelaufbau mit Kurzhanteln', FITNESS],
    ['de', 'wie oft müssen Welpen Gassi gehen', PETS],
    ['de', 'welches Katzenstreu ist am besten', PETS],
    ['de', 'passt eine Strickjacke zur Jogginghose', STYLE_FASHION],
    ['de', 'hilf mir beim Lernzettel für die Klassenarbeit', EDUCATION],
    ['de', 'wie lange dauert die Probezeit bei einem neuen Arbeitsvertrag', CAREERS],
    ['de', 'was ist der Unterschied zwischen Kaltmiete und Warmmiete', REAL_ESTATE],
    ['de', 'ich habe meine Karte verloren, bitte Kreditkarte sperren', FINANCE],
    ['de', 'wie viel Pendlerpauschale bekomme ich bei 30 km', FINANCE],
    ['de', 'ich wurde geblitzt, gibt das Punkte in Flensburg', AUTOS],
    ['de', 'wie setze ich den Laptop auf Werkseinstellungen zurück', TECH],
    ['de', 'wo ist mein Paket, die Sendungsverfolgung zeigt nichts an', SHOPPING],
    ['de', 'wo kann man in Leipzig gut essen', FOOD],
    ['de', 'wann ist der Kinostart vom neuen Bond', ENTERTAINMENT],
    ['de', 'wann senkt die EZB den Leitzins', FINANCE_BUSINESS],
    ['de', 'wann öffnet der Weihnachtsmarkt in Nürnberg', EVENTS],
    ['da', 'hvordan afkalker jeg elkedlen', HOME],
    ['da', 'mine potteplanter får gule blade', HOME],
    ['da', 'hvem blev topscorer i superligaen', SPORTS],
    ['da', 'fik han rødt kort i kampen i går', SPORTS],
    ['da', 'lav et træningsprogram med håndvægte til mig', FITNESS],
    ['da', 'er der plads på spinningholdet i morgen', FITNESS],
    ['da', 'hvor tit skal man lufte hunden', PETS],
    ['da', 'hvilken kattegrus lugter mindst', PETS],
    ['da', 'passer en blazer til jeans', STYLE_FASHION],
    ['da', 'hvordan skriver man et godt speciale', EDUCATION],
    ['da', 'hvor lang er prøvetiden i en ansættelseskontrakt', CAREERS],
    ['da', 'vi skal til fremvisning af et rækkehus på lørdag', REAL_ESTATE],
    ['da', 'hvornår kommer min restskat', FINANCE],
    ['da', 'hvornår skal min bil til syn', AUTOS],
    ['da', 'min telefon oplader ikke længere', TECH],
    ['da', 'hvor er min pakke, postnord siger den er leveret', SHOPPING],
    ['da', 'gode idéer til værtindegave', SHOPPING],
    ['da', 'hvor kan man spise godt i Aarhus', FOOD],
    ['da', 'hvornår kommer næste afsnit af Klovn', ENTERTAINMENT],
    ['da', 'kan du give mig en boganbefaling', BOOKS],
    ['da', 'hvordan starter jeg min egen virksomhed', FINANCE_BUSINESS],
    ['da', 'er der julemarked i Aarhus i weekenden', EVENTS],
  ] as const)('[%s] %s', (lang, text, tier1) => {
    expect(topTier1(text, lang)).toBe(tier1);
  });

  it.each([
    ['en', 'when do the boxing day sales start', SPORTS],
    ['en', "I'm running late for the meeting", FITNESS],
    ['en', 'the meeting is in the conference room', SPORTS],
    ['en', 'can you run this python script for me', FITNESS],
    ['de', 'was läuft heute Abend im Fernsehen', FITNESS],
    ['de', 'wie stärke ich meine Abwehrkräfte', SPORTS],
    ['de', 'die Schale von der Zitrone reiben', STYLE_FASHION],
    ['da', 'det er for koldt i dag', FOOD],
    ['da', 'jeg har brug for hjælp til en mail', FOOD],
    ['da', 'hvor meget koster det for en voksen', FOOD],
    ['da', 'kan du holde styr på mine aftaler', SPORTS],
  ] as const)('look-alike [%s] %s is not %s', (lang, text, wrong) => {
    expect(topTier1(text, lang)).not.toBe(wrong);
  });

  it.each([
    ['en', 'set a timer for ten minutes'],
    ['en', "what's 15 percent of 240"],
    ['en', 'what time is it in sydney'],
    ['de', 'was ist 7 mal 8'],
    ['de', 'stell einen Timer auf zehn Minuten'],
    ['de', 'wie viel sind 20 Prozent von 150'],
    ['da', 'hvad er klokken i New York'],
    ['da', 'sæt en timer på ti minutter'],
    ['da', 'mind mig om at købe mælk i morgen'],
  ] as const)('no interest: [%s] %s', (lang, text) => {
    expect(interestsOf(text, lang)).toEqual([]);
  });
});
