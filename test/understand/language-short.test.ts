import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/core/understand/language.js';

// Short assistant requests (2–8 words), where a few shared function words ("de", "la", "en",
// "a") used to decide the language. Written for this test; look-alike languages side by side.
describe('language detection of short requests', () => {
  it.each([
    // French / Spanish
    ['fr', "recette de soupe à l'oignon"],
    ['es', 'receta de sopa de cebolla'],
    ['fr', 'allume la lampe du salon'],
    ['es', 'enciende la luz del salón'],
    ['fr', 'dis-moi une blague'],
    ['es', 'dime un chiste'],
    ['fr', 'meilleurs restos près de chez moi'],
    ['es', 'mejores restaurantes cerca de mí'],
    ['fr', 'combien coûte un billet pour Lyon'],
    ['es', 'cuánto cuesta un billete a Sevilla'],
    ['fr', 'mets de la musique douce'],
    ['fr', 'salut ça va'],
    ['fr', "qu'est-ce qu'on mange ce soir"],
    // Italian / Spanish
    ['it', 'metti un po di musica jazz'],
    ['es', 'pon un poco de música jazz'],
    ['it', 'dimmi che tempo fa domani a Torino'],
    ['it', 'vorrei prenotare un tavolo per stasera'],
    ['es', 'quiero reservar una mesa para esta noche'],
    ['it', 'ricetta della pasta al forno'],
    ['it', 'accendi le luci in cucina'],
    ['it', 'quanto costa il biglietto del treno'],
    ['it', 'buonasera, come stai'],
    ['it', "spegni l'allarme"],
    // Portuguese / Spanish
    ['pt', 'coloca uma música calma'],
    ['pt', 'me diga a previsão para amanhã'],
    ['pt', 'você pode ligar a luz da cozinha'],
    ['pt', 'receita de bolo de cenoura'],
    ['es', 'receta de pastel de zanahoria'],
    ['pt', 'tô com fome, pede uma pizza'],
    ['pt', 'quanto custa o bilhete do comboio'],
    ['pt', 'podes pôr o despertador às sete'],
    ['es', 'pon la alarma a las siete'],
    ['pt', 'melhores praias do Algarve'],
    ['es', 'mejores playas de Cádiz'],
    // Danish / German / Dutch / English
    ['da', 'tænd lyset i stuen'],
    ['de', 'mach das Licht im Wohnzimmer an'],
    ['nl', 'zet het licht in de woonkamer aan'],
    ['da', 'hvad koster en billet til Odense'],
    ['de', 'was kostet ein Ticket nach Bremen'],
    ['nl', 'hoeveel kost een kaartje naar Utrecht'],
    ['da', 'spil noget roligt musik'],
    ['de', 'spiel etwas ruhige Musik'],
    ['nl', 'speel wat rustige muziek'],
    ['da', 'god opskrift på æblekage'],
    ['de', 'gutes Rezept für Apfelkuchen'],
    ['nl', 'lekker recept voor appeltaart'],
    ['da', 'hvornår går næste tog til Aarhus'],
    ['de', 'wann fährt der nächste Zug nach Köln'],
    ['nl', 'wanneer gaat de volgende trein naar Gent'],
    ['da', 'sluk for varmen'],
    ['en', 'turn off the heating'],
    ['en', 'best pizza near me'],
    ['en', 'how many ounces in a cup'],
    // Indonesian / Turkish
    ['id', 'nyalakan lampu kamar'],
    ['id', 'resep nasi goreng yang enak'],
    ['id', 'berapa harga tiket ke Bali'],
    ['tr', 'salondaki ışıkları aç'],
    ['tr', 'kolay kek tarifi'],
    ['tr', 'yarın hava nasıl olacak'],
  ])('%s: %s', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });
});
