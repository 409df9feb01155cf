import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * French and Italian sensitive lexicons, second recall round: subtle disclosures without a
 * category keyword (same-sex partners marked by gender agreement, "where I'm really from",
 * discrimination because of a surname, drinking every night, prayer and Sabbath routines,
 * canvassing and school blockades), and clean look-alikes whose stems collided ("internes",
 * "Mali"/"mal", "alcool" in a cleaning tip) that must stay clear.
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'fr' | 'it'): string[] => understand({ text, lang }).sensitive;

describe('French and Italian subtle sensitive disclosures', () => {
  it.each([
    ['sexual_orientation', 'fr', 'je suis amoureux de mon meilleur ami et je ne sais pas quoi faire'],
    [
      'sexual_orientation',
      'fr',
      'on est deux filles, est-ce qu’on peut réserver une chambre double sans souci ?',
    ],
    ['sexual_orientation', 'fr', 'ma collègue continue de m’appeler par mon ancien prénom'],
    ['sexual_orientation', 'fr', 'je ne me sens ni homme ni femme'],
    ['sexual_orientation', 'fr', 'je suis mariée avec une femme depuis deux ans'],
    ['sexual_orientation', 'it', 'mi sono innamorato di un ragazzo del mio corso'],
    ['sexual_orientation', 'it', 'siamo due uomini e vorremmo adottare un bambino'],
    ['sexual_orientation', 'it', 'a scuola ho chiesto la carriera alias con il mio nuovo nome'],
    ['sexual_orientation', 'it', 'sono una donna e mia moglie aspetta il nostro primo figlio'],
    ['ethnic_origin', 'fr', 'on me demande tout le temps d’où je viens vraiment'],
    ['ethnic_origin', 'fr', 'mes parents sont venus en France dans les années 70'],
    ['ethnic_origin', 'fr', 'au boulot ils me touchent les cheveux comme si c’était normal'],
    ['ethnic_origin', 'fr', 'la rafle du Vel d’Hiv a eu lieu en juillet 1942'],
    ['ethnic_origin', 'it', 'tutti mi chiedono di dove sono veramente'],
    ['ethnic_origin', 'it', 'per via del mio cognome nessuno mi richiama dopo il colloquio'],
    ['ethnic_origin', 'it', 'le leggi razziali colpirono migliaia di famiglie nel 1938'],
    ['health', 'fr', 'mon père boit une bouteille de vin par jour depuis sa retraite'],
    ['health', 'fr', 'je n’arrive plus à me lever, plus envie de rien'],
    ['health', 'fr', 'je me fais vomir après les repas et j’ai honte'],
    ['health', 'it', 'mio marito beve tutte le sere e non vuole ammetterlo'],
    ['health', 'it', 'non riesco ad alzarmi dal letto da giorni, niente ha più senso'],
    ['health', 'it', 'non mangio quasi niente e conto le calorie di ogni cosa'],
    ['health', 'it', 'in Italia il fumo passivo nei locali è vietato dal 2005'],
    ['religion', 'fr', 'pendant le shabbat on n’utilise pas le téléphone'],
    ['religion', 'fr', 'je mange halal, tu connais un bon resto près de la gare ?'],
    ['religion', 'it', 'il venerdì vado in moschea con mio fratello'],
    ['religion', 'it', 'mangio solo halal, cosa posso ordinare qui?'],
    ['politics', 'fr', 'demain on fait du porte-à-porte et on distribue des tracts pour notre liste'],
    ['politics', 'fr', 'les élèves veulent bloquer le lycée contre la réforme'],
    ['politics', 'it', 'sabato faccio volantinaggio e porta a porta per il partito'],
    ['politics', 'it', 'migliaia di studenti sono scesi in piazza a Roma'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it('keeps French and Italian look-alikes clean', () => {
    for (const [text, lang] of [
      ['les internes de l’équipe de foot jouent ce soir', 'fr'],
      ['on part en vacances au Mali et au Sénégal cet hiver', 'fr'],
      ['nettoie l’écran avec un chiffon et un peu d’alcool', 'fr'],
      ['je sors avec des amis ce soir, tu viens ?', 'fr'],
      ['le bois de chauffage est livré demain matin', 'fr'],
      ['le porte-clés est resté dans la voiture', 'fr'],
      ['le zone interne della Sardegna sono bellissime in primavera', 'it'],
      ['pulisci le foglie con un batuffolo di cotone e alcol', 'it'],
      ['metti un cartello sulla porta del negozio', 'it'],
      ['scrivi il mio cognome con due elle', 'it'],
      ['ho prenotato un tavolo per mercoledì sera', 'it'],
    ] as const) {
      expect(sensitive(text, lang), text).toEqual([]);
    }
  });
});
