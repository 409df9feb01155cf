import { describe, expect, it } from 'vitest';
import {
  AUTOS,
  ENTERTAINMENT,
  FINANCE,
  FITNESS,
  FOOD,
  GAMING,
  HOME,
  SHOPPING,
  SPORTS,
  TECH,
  TRAVEL,
  interestsOf,
  topTier1,
} from './interest-support.js';

/**
 * Everyday assistant requests in French, Italian, German and Danish: the top interest must sit in
 * the right tier-1 branch even where a word has another sense ("train" to a city is travel, a
 * "box" that drops the connection is tech, "billig" is not "bil", "mal" is not painting), and
 * utility requests (timers, reminders, sums, small talk about the assistant) carry no interest.
 */
describe('everyday requests land in the right branch', () => {
  it.each([
    // trains, weekends away, packing
    ['fr', 'à quelle heure part le dernier train pour Lyon', TRAVEL],
    ['fr', 'un road trip en Bretagne, tu as des idées ?', TRAVEL],
    ['it', "c'è un treno diretto da Milano a Napoli stasera?", TRAVEL],
    ['it', 'cosa mettere in valigia per una settimana in Sardegna', TRAVEL],
    ['de', 'wann fährt der nächste Zug nach Köln', TRAVEL],
    ['de', 'was kann man in Wien am Wochenende unternehmen', TRAVEL],
    ['da', 'hvornår kører næste tog mod Odense', TRAVEL],
    ['da', 'billige rejser til Mallorca i efterårsferien', TRAVEL],
    // ordering food, dishes
    ['fr', 'commande une pizza quatre fromages', FOOD],
    ['fr', 'comment réussir une blanquette de veau', FOOD],
    ['it', 'ordina una pizza margherita per stasera', FOOD],
    ['de', 'bestell mir eine Pizza mit Salami', FOOD],
    ['de', 'wie mache ich Käsespätzle selbst', FOOD],
    ['da', 'bestil en pizza til fire personer', FOOD],
    ['da', 'hvordan laver jeg frikadeller som min mormor', FOOD],
    // music, tv, watching
    ['fr', 'mets un peu de musique calme', ENTERTAINMENT],
    ['fr', "qu'est-ce qu'il y a ce soir à la télé", ENTERTAINMENT],
    ['fr', 'trouve-moi un truc à regarder ce soir', ENTERTAINMENT],
    ['it', 'metti un po di jazz in cucina', ENTERTAINMENT],
    ['it', 'che canzone è questa che passa alla radio', ENTERTAINMENT],
    ['it', 'cosa danno stasera in tv', ENTERTAINMENT],
    ['de', 'spiel mir etwas Entspanntes im Schlafzimmer', ENTERTAINMENT],
    ['de', 'was läuft heute Abend im Fernsehen', ENTERTAINMENT],
    ['de', 'erstelle eine Playlist namens Sonntagsküche', ENTERTAINMENT],
    ['da', 'spil noget rolig musik i køkkenet', ENTERTAINMENT],
    ['da', 'hvad skal jeg se i aften på streaming', ENTERTAINMENT],
    ['da', 'lav en playliste der hedder sommerbil', ENTERTAINMENT],
    // games, sports
    ['fr', 'quels sont les meilleurs jeux switch pour enfants', GAMING],
    ['fr', 'qui a gagné la finale de la coupe de France', SPORTS],
    ['it', 'chi ha vinto la finale di Coppa Italia', SPORTS],
    ['de', 'wer hat das Finale im Handball gewonnen', SPORTS],
    ['da', 'hvem vandt håndboldkampen i går', SPORTS],
    ['da', 'hvordan løber jeg 10 km på under en time', FITNESS],
    ['fr', 'enregistre une course de 12 km ce matin', FITNESS],
    // tech troubleshooting
    ['fr', 'mon routeur redémarre tout seul', TECH],
    ['fr', "comment faire une capture d'écran sur un pc", TECH],
    ['fr', 'vider le cache de firefox', TECH],
    ['it', 'il router continua a riavviarsi', TECH],
    ['it', 'la batteria del telefono si scarica in fretta', TECH],
    ['de', 'das WLAN bricht ständig ab, Router neu starten?', TECH],
    ['de', 'wie lösche ich den Browserverlauf', TECH],
    ['da', 'routeren skal genstartes hele tiden', TECH],
    ['da', 'hvordan tager jeg et skærmbillede', TECH],
    // money
    ['fr', 'fais un virement de 50 euros à Julie', FINANCE],
    ['it', 'manda soldi a Marco con Satispay', FINANCE],
    ['de', 'richte einen Dauerauftrag für die Versicherung ein', FINANCE],
    ['da', 'overfør 300 kr til Mads', FINANCE],
    // home repairs and smart plugs
    ['fr', 'le robinet de la salle de bain fuit', HOME],
    ['it', 'il rubinetto del bagno gocciola', HOME],
    ['de', 'der Wasserhahn im Bad tropft', HOME],
    ['da', 'vandhanen i badeværelset drypper', HOME],
    ['da', 'tænd for stikket ved lampen', HOME],
    // shopping
    ['fr', 'où trouver des baskets le moins cher', SHOPPING],
    ['it', 'dove costa meno una friggitrice ad aria', SHOPPING],
    ['de', 'wo ist die Kaffeemühle am günstigsten', SHOPPING],
    ['da', 'hvor er en robotstøvsuger billigst', SHOPPING],
    ['da', 'gaveidéer til en kollega der elsker løb', SHOPPING],
    // cars
    ['fr', 'le voyant moteur est allumé, c’est grave ?', AUTOS],
    ['it', 'quando cambiare le gomme invernali', AUTOS],
    ['de', 'wann muss ich auf Winterreifen wechseln', AUTOS],
    ['da', 'hvor er der billigste benzin', AUTOS],
  ] as const)('[%s] %s', (lang, text, branch) => {
    expect(topTier1(text, lang)).toBe(branch);
  });
});

describe('utility requests and small talk carry no interest', () => {
  it.each([
    ['fr', 't’es un robot ou un humain ?'],
    ['fr', 'combien font 12 fois 8'],
    ['fr', 'rappelle-moi de réserver le train demain'],
    ['it', 'sei un robot?'],
    ['it', 'quanto fa 15 per 4'],
    ['it', 'ricordami di comprare il biglietto del concerto'],
    ['de', 'wie viel ist 7 mal 9'],
    ['de', 'erinnere mich daran, Pizza zu bestellen'],
    ['de', 'bist du ein Roboter'],
    ['da', 'sæt en timer på 12 minutter til kartoflerne'],
    ['da', 'mind mig om at købe togbilletter i morgen'],
    ['da', 'er du en robot'],
  ] as const)('[%s] %s', (lang, text) => {
    expect(interestsOf(text, lang)).toEqual([]);
  });
});
