import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * French and Italian recall of the general health and politics vocabulary (diseases, treatments,
 * care staff and places, public health, mental health, disability, pregnancy; parliaments,
 * elections, diplomacy, conflict, unions, ideologies), plus everyday sentences whose words used
 * to collide with a sensitive stem once stemmed ("dépend" → "dépendance", "soignée" → "soignant",
 * "comune" → "comunismo", "elettrica" → "elettrice", "autista" → "autistico", "ferie" → "ferite").
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const flags = (text: string, lang: 'fr' | 'it'): readonly string[] => understand({ text, lang }).sensitive;

describe('French and Italian health and politics recall', () => {
  it.each([
    ['health', 'fr', 'le ministère a annoncé une nouvelle campagne de vaccination contre la rougeole'],
    ['health', 'fr', "l'épidémie de choléra a déjà fait des dizaines de morts dans la région"],
    ['health', 'fr', 'je dois me faire opérer du genou le mois prochain'],
    ['health', 'fr', 'mon père a fait un arrêt cardiaque et il est en soins intensifs'],
    ['health', 'fr', 'depuis mon accouchement je ne dors plus et je pleure tout le temps'],
    ['health', 'fr', "je veux mourir, plus rien n'a de sens"],
    ['health', 'fr', 'le personnel soignant des urgences est en grève depuis lundi'],
    ['health', 'fr', "j'ai une phobie sociale qui m'empêche de sortir"],
    ['health', 'fr', 'ma grand-mère est malvoyante et vit en ehpad'],
    ['politics', 'fr', 'le parlement a voté la motion de censure contre le gouvernement'],
    ['politics', 'fr', 'un attentat a visé un marché de la capitale hier soir'],
    ['politics', 'fr', 'les rebelles ont signé un cessez-le-feu avec la junte'],
    ['politics', 'fr', "l'ambassadeur a été convoqué au quai d'orsay après les sanctions économiques"],
    ['politics', 'fr', 'le nationalisme et le populisme progressent partout en Europe'],
    ['politics', 'fr', 'le conseil des ministres a adopté le projet de loi de finances'],
    ['ethnic_origin', 'fr', "je n'ai jamais trouvé de stage à cause de mon nom de famille"],
    ['ethnic_origin', 'fr', "mes parents sont d'origine marocaine et je suis né à Lyon"],
    ['sexual_orientation', 'fr', 'je suis attirée par les femmes depuis le lycée'],
    ['health', 'it', 'il ministero ha avviato una campagna vaccinale contro il morbillo'],
    ['health', 'it', "ho l'influenza da tre giorni e non riesco ad alzarmi"],
    ['health', 'it', 'mio padre è stato operato al cuore la settimana scorsa'],
    ['health', 'it', "soffro di un disturbo d'ansia e prendo gli ansiolitici"],
    ['health', 'it', "mio fratello ha un problema con l'alcol e non lo ammette"],
    ['health', 'it', 'non vale più la pena di vivere, sono stanco di tutto'],
    ['health', 'it', 'mia nonna è ipovedente e vive in una casa di riposo'],
    ['health', 'it', "ho prenotato la visita all'ambulatorio dell'asl"],
    ['politics', 'it', 'il Senato ha approvato il decreto legge con un voto di fiducia'],
    ['politics', 'it', 'i sindacati hanno proclamato uno sciopero generale'],
    ['politics', 'it', "l'attentato è stato rivendicato da un gruppo jihadista"],
    ['politics', 'it', "la Russia minaccia nuove sanzioni contro l'Unione europea"],
    ['politics', 'it', 'il partito di maggioranza ha perso consensi nei sondaggi'],
    ['ethnic_origin', 'it', 'non mi hanno affittato casa per il mio cognome straniero'],
    ['ethnic_origin', 'it', 'sono di origine nigeriana e a scuola mi chiamavano in modo razzista'],
    ['sexual_orientation', 'it', "credo di essere attratto dagli uomini ma non l'ho detto a nessuno"],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(flags(text, lang)).toContain(cls);
  });

  it('keeps everyday French and Italian sentences clear of stem collisions', () => {
    for (const [lang, text] of [
      ['fr', 'ça dépend du prix du billet'],
      ['fr', 'je cherche une enceinte bluetooth pas chère'],
      ['fr', 'il a conservé son titre de champion du monde'],
      ['fr', 'une présentation soignée et un décor très réussi'],
      ['fr', "c'est urgent, rappelle-moi vite"],
      ['fr', 'la migration des oiseaux commence en automne'],
      ['fr', 'le pilote est resté patient malgré la pluie'],
      ['fr', "la fertilité des sols dépend de l'humus"],
      ['fr', "une roquette, du parmesan et un filet d'huile d'olive"],
      ['fr', "mon papa m'emmène au cinéma ce soir"],
      ['fr', 'une cure thermale à Vichy pour se détendre'],
      ['it', 'scusa il disturbo, posso chiederti una cosa?'],
      ['it', 'il film non è male, te lo consiglio'],
      ['it', 'sono nato a Napoli nel 1990'],
      ['it', 'la batteria del telefono si scarica subito'],
      ['it', 'lascia raffreddare la torta prima di servirla'],
      ['it', "quanto costa un'auto elettrica?"],
      ['it', 'stai attento quando attraversi la strada'],
      ['it', "l'autista del pullman era molto gentile"],
      ['it', 'la trasmissione di ieri sera era divertente'],
      ['it', 'vado in ferie ad agosto'],
      ['it', 'il treno è partito in ritardo'],
      ['it', 'come si conserva il brodo in frigo?'],
      ['it', 'mi piace leggere gialli la sera'],
      ['it', 'una pizza da asporto per stasera'],
    ] as const) {
      expect(flags(text, lang), text).toEqual([]);
    }
  });
});
