import { describe, expect, it } from 'vitest';
import {
  AUTOS,
  ENTERTAINMENT,
  EVENTS,
  FINANCE,
  FINANCE_BUSINESS,
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
 * Everyday Danish and Italian assistant requests (second round): holiday homes, commuting and
 * strikes, theatre and festival tickets, streaming services, phone charging, garden chores,
 * local chains, Italian dishes and football. The top interest must sit in the expected tier-1
 * branch, including word-sense look-alikes (Danish "have" the verb vs "haven" the garden,
 * "koster" vs "kost", Italian "berlino" vs "berlina", "cime di rapa" vs rap); utility requests
 * must carry no interest.
 */
describe('everyday Danish and Italian requests map to the right branch', () => {
  it.each([
    // Danish: holiday homes, commuting, passports
    ['da', 'find et sommerhus ved Vesterhavet til fire personer og en hund', [TRAVEL]],
    ['da', 'hvad koster det at leje en feriebolig på Bornholm i uge 30', [TRAVEL]],
    ['da', 'kører S-togene normalt i morgen tidlig', [TRAVEL]],
    ['da', 'er der forsinkelser på letbanen i Aarhus', [TRAVEL]],
    ['da', 'hvornår går færgen til Samsø', [TRAVEL]],
    ['da', 'skal jeg have mit pas med på en tur til Norge', [TRAVEL]],
    // Danish: events, festivals, streaming
    ['da', 'kan jeg stadig få billetter til Smukfest', [ENTERTAINMENT]],
    ['da', 'hvornår er der billetsalg til Northside', [ENTERTAINMENT]],
    ['da', 'hvad kan man se i Det Kongelige Teater i foråret', [ENTERTAINMENT, EVENTS]],
    ['da', 'er Forbrydelsen stadig på Netflix', [ENTERTAINMENT]],
    ['da', 'hvornår kommer næste sæson af Badehotellet', [ENTERTAINMENT]],
    // Danish: tech, home, autos, shopping, food
    ['da', 'min mobil bliver så varm når jeg lader den om natten', [TECH]],
    ['da', 'hvordan får jeg printeren til at virke med den bærbare', [TECH]],
    ['da', 'hvornår er det bedst at klippe hækken', [HOME]],
    ['da', 'hvad gør jeg ved ukrudt i græsplænen', [HOME]],
    ['da', 'opvaskemaskinen tømmer ikke vandet ud', [HOME]],
    ['da', 'hvad koster et dækskifte hos en mekaniker', [AUTOS]],
    ['da', 'har Rema 1000 åbent juleaften', [SHOPPING]],
    ['da', 'hvornår kommer den nye tilbudsavis fra Salling', [SHOPPING]],
    ['da', 'giv mig en idé til noget med rødbeder og gulerødder i ovnen', [FOOD]],
    ['da', 'hvordan bager man kanelsnegle', [FOOD]],
    ['da', 'hvordan har C25 klaret sig i dag', [FINANCE, FINANCE_BUSINESS]],
    // Italian: travel, metro
    ['it', 'itinerario di dieci giorni in Sicilia con la macchina', [TRAVEL]],
    ['it', 'voli low cost per Lisbona a marzo', [TRAVEL]],
    ['it', 'quanto costa il biglietto del tram a Milano?', [TRAVEL]],
    ['it', 'a che ora chiude la metropolitana di Roma', [TRAVEL]],
    ['it', 'orari del traghetto per la Sardegna', [TRAVEL]],
    // Italian: food
    ['it', 'come si cucinano i friarielli', [FOOD]],
    ['it', 'ricetta delle arancine al ragù', [FOOD]],
    ['it', 'come si prepara un buon soffritto', [FOOD]],
    ['it', 'cosa posso cucinare con la friggitrice ad aria', [FOOD]],
    // Italian: sport, finance, TV, events
    ['it', 'chi ha vinto il derby tra Roma e Lazio', [SPORTS]],
    ['it', 'a che ora gioca la Juve sabato', [SPORTS]],
    ['it', 'quanti punti ha il Napoli in classifica', [SPORTS]],
    ['it', 'come ha chiuso Piazza Affari ieri', [FINANCE, FINANCE_BUSINESS]],
    ['it', 'a quanto è lo spread oggi', [FINANCE, FINANCE_BUSINESS]],
    ['it', "c'è qualcosa di bello su Prime Video stasera", [ENTERTAINMENT]],
    ['it', 'quando esce la nuova stagione su Netflix', [ENTERTAINMENT]],
    ['it', 'biglietti per il musical Notre Dame de Paris a Roma', [ENTERTAINMENT, EVENTS]],
    // Italian: tech, home, autos, shopping
    ['it', 'il telefono si surriscalda mentre è in carica', [TECH]],
    ['it', 'la stampante non si collega al wifi', [TECH]],
    ['it', 'la caldaia perde pressione, chi chiamo', [HOME]],
    ['it', 'quanto costa un autolavaggio a mano', [AUTOS]],
    ['it', "l'Esselunga è aperta la domenica?", [SHOPPING]],
    ['it', 'dove trovo un codice sconto per Zara', [SHOPPING]],
  ] as const)('%s: %s', (lang, text, want) => {
    expect(want, text).toContain(topTier1(text, lang));
  });
});

describe('word-sense look-alikes stay out of the wrong branch', () => {
  it.each([
    // Danish "koster" is the verb "cost", not "kost" (diet)
    ['da', 'hvad koster en ny telefon', '223'],
    // Danish "have" is also the verb "to have", not the garden
    ['da', 'skal jeg have jakke på i dag', '274'],
    // Danish "varm" weather is not smart-home heating
    ['da', 'bliver det varmt i weekenden', '274'],
    // Italian "berlino" is the city, not a saloon car ("berlina")
    ['it', 'treno notte da Vienna per Berlino', '1'],
    // Italian "cime di rapa" is a vegetable, not rap music
    ['it', 'orecchiette con le cime di rapa per quattro', 'JLBCU7'],
    // Italian "intera" (whole) is not the football club Inter
    ['it', "ho passato l'intera mattina a cucinare il ragù", '483'],
    // Italian "metro" as a unit is not public transport
    ['it', 'quanti centimetri ci sono in un metro', '653'],
  ] as const)('%s: %s', (lang, text, notWanted) => {
    expect(topTier1(text, lang), text).not.toBe(notWanted);
  });
});

describe('utility requests carry no interest', () => {
  it.each([
    ['da', 'sæt en timer på tyve minutter'],
    ['da', 'mind mig om at ringe til mor i morgen'],
    ['da', 'hvordan bliver vejret på lørdag'],
    ['da', 'er du en robot'],
    ['it', 'imposta una sveglia alle sei e mezza'],
    ['it', 'ricordami di pagare la bolletta domani'],
    ['it', 'che tempo fa a Bologna domani'],
    ['it', 'quanto fa 15 per 12'],
  ] as const)('%s: %s', (lang, text) => {
    expect(interestsOf(text, lang), text).toEqual([]);
  });
});
