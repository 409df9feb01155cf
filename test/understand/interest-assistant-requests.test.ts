import { describe, expect, it } from 'vitest';
import { FOOD, HOME, TRAVEL, interestsOf, topTier1 } from './interest-support.js';

/**
 * Everyday assistant requests about the smart home, car rental, telling the bank about a trip,
 * restaurant reviews and queues, spending and bills: the top interest must land in the right
 * tier-1 branch, in every language. Look-alikes (a light novel, a stolen card, renting a flat,
 * alarms and timers) must not be pulled there.
 */
const FINANCE = ['391', '52'];

describe('assistant requests land in the right tier-1 branch', () => {
  it.each([
    // smart home
    [HOME, 'en', 'turn the hallway lights off please'],
    [HOME, 'en', 'set the thermostat to 68 tonight'],
    [HOME, 'en', 'switch off the lights in the kitchen'],
    [HOME, 'en', 'lower the shades in the bedroom'],
    [HOME, 'en', 'start the roomba in the living room'],
    [HOME, 'en', 'lock the front door for me'],
    [HOME, 'es', 'enciende la luz del dormitorio'],
    [HOME, 'es', 'baja las persianas del salón'],
    [HOME, 'pt', 'apaga a luz da cozinha'],
    [HOME, 'pt', 'liga o ar condicionado do quarto'],
    [HOME, 'fr', 'éteins les lumières du salon'],
    [HOME, 'fr', 'ferme les volets de la chambre'],
    [HOME, 'it', 'spegni la luce della cucina'],
    [HOME, 'it', 'abbassa le tapparelle in camera'],
    [HOME, 'de', 'mach das Licht im Wohnzimmer aus'],
    [HOME, 'de', 'dreh die Heizung im Bad runter'],
    [HOME, 'de', 'schließ die Rollläden'],
    [HOME, 'da', 'tænd lyset i køkkenet'],
    [HOME, 'da', 'skru op for varmen i stuen'],
    [HOME, 'da', 'rul persiennerne ned i soveværelset'],
    [HOME, 'nl', 'doe het licht in de keuken uit'],
    [HOME, 'id', 'nyalakan lampu kamar'],
    [HOME, 'tr', 'ışıkları kapat lütfen'],
    // car rental, telling the bank about a trip, sights
    [TRAVEL, 'en', 'I want to hire a car at the airport in Lisbon'],
    [TRAVEL, 'en', 'book me a rental for next weekend'],
    [TRAVEL, 'en', 'let my bank know I will be in Peru next month'],
    [TRAVEL, 'en', 'put a travel notice on my account for my trip to Thailand'],
    [TRAVEL, 'en', 'what are the top tourist attractions in Prague'],
    [TRAVEL, 'es', 'quiero alquilar un coche en Málaga'],
    [TRAVEL, 'es', 'avisa a mi banco de que estaré en el extranjero'],
    [TRAVEL, 'pt', 'preciso de um carro alugado em Faro'],
    [TRAVEL, 'fr', 'je voudrais louer une voiture à Nice'],
    [TRAVEL, 'fr', "préviens ma banque que je serai à l'étranger"],
    [TRAVEL, 'it', 'vorrei noleggiare una macchina a Palermo'],
    [TRAVEL, 'it', "avvisa la banca che sarò all'estero a luglio"],
    [TRAVEL, 'de', 'ich möchte einen Mietwagen in Hamburg'],
    [TRAVEL, 'de', 'gib meiner Bank Bescheid, dass ich im Ausland bin'],
    [TRAVEL, 'da', 'jeg skal leje en bil i Aarhus'],
    [TRAVEL, 'da', 'giv banken besked om at jeg er i udlandet'],
    [TRAVEL, 'nl', 'ik wil een auto huren in Porto'],
    [TRAVEL, 'id', 'saya mau sewa mobil di Bali'],
    [TRAVEL, 'tr', "İzmir'de araba kiralamak istiyorum"],
    // restaurant reviews and queues
    [FOOD, 'en', 'how crowded is the ramen place right now'],
    [FOOD, 'en', 'is there a wait at the steakhouse tonight'],
    [FOOD, 'en', 'what are the reviews like for the new pizzeria'],
    [FOOD, 'en', 'is Olive Garden busy on Friday nights'],
    [FOOD, 'it', 'recensioni del ristorante in piazza'],
  ] as const)('%s [%s] %s', (tier1, lang, text) => {
    expect(topTier1(text, lang)).toBe(tier1);
  });

  it.each([
    ['en', 'how much did I spend on takeout this month'],
    ['en', 'list my recent transactions on my checking account'],
    ['en', 'what is the balance on my water bill'],
    ['en', 'how many yen can I get for 200 dollars'],
    ['en', 'did I pay the internet bill already'],
    ['es', '¿cuánto he gastado este mes en restaurantes?'],
    ['pt', 'quanto gastei no supermercado esta semana?'],
    ['fr', "combien j'ai dépensé ce mois-ci ?"],
    ['it', 'quanto ho speso questo mese?'],
    ['de', 'wie viel habe ich diesen Monat ausgegeben'],
    ['da', 'hvor meget har jeg brugt på mad i denne måned'],
    ['da', 'vis mit kontoudtog'],
    ['nl', 'hoeveel heb ik deze week uitgegeven'],
  ] as const)('finance [%s] %s', (lang, text) => {
    expect(FINANCE).toContain(topTier1(text, lang));
  });
});

describe('look-alikes stay where they belong', () => {
  it.each([
    ['en', 'the northern lights in Norway', HOME],
    ['en', 'she wrote a light novel about a knight', HOME],
    ['en', 'what are the best stores for winter coats', HOME],
    ['en', 'tell my bank my card was stolen', TRAVEL],
    ['en', 'how much does it cost to rent an apartment in Berlin', TRAVEL],
    ['en', 'which convertible should I buy', '391'],
    ['it', 'il cameriere era gentilissimo', HOME],
  ] as const)('[%s] %s is not %s', (lang, text, not) => {
    expect(topTier1(text, lang)).not.toBe(not);
  });

  it('keeps utility requests without interest', () => {
    for (const text of [
      'set an alarm for 6 am',
      'remind me to pay the electric bill',
      "what's the weather in Rome tomorrow",
      'set a timer for the oven',
    ]) {
      expect(interestsOf(text, 'en'), text).toEqual([]);
    }
  });
});
