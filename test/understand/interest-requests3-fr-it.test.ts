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
 * New interest vocabulary in French and Italian, third round. The KB gained everyday phrases for
 * football and winter sports, gym programmes and running shoes, pets, clothes, school, university
 * and exams, jobs and contracts, renting and buying a flat, cards, tax and pensions, car fines and
 * brakes, phone and PC trouble, limescale and house plants, parcels and Christmas gifts, cafés and
 * restaurants, TV series, books and Christmas markets; these requests pin what was gained.
 * Look-alikes must not fall into the branch a short word suggests (French "marché" and "ça marche"
 * are not walking, "but" and "supporter" are not football; Italian "portare" is not a goalkeeper,
 * "tappa" on a trip is not a race stage), and utility requests carry no interest at all.
 */

describe('new interest vocabulary, third round (fr, it)', () => {
  it.each([
    ['fr', 'comment enlever le calcaire de la bouilloire', HOME],
    ['fr', 'quand faut-il tailler les hortensias', HOME],
    ['fr', 'il y a eu carton rouge avant la mi-temps', SPORTS],
    ['fr', 'le mercato ferme quand cet été', SPORTS],
    ['fr', 'qui est champion du monde de biathlon', SPORTS],
    ['fr', 'fais-moi un programme de renforcement musculaire avec des haltères', FITNESS],
    ['fr', 'quelles chaussures de running pour débuter', FITNESS],
    ['fr', 'combien de fois par jour faut-il promener le chien', PETS],
    ['fr', 'quelle litière pour chat choisir', PETS],
    ['fr', "une doudoune ou un manteau en laine pour l'hiver", STYLE_FASHION],
    ['fr', 'aide-moi à réviser mon contrôle de maths', EDUCATION],
    ['fr', 'comment remplir mes vœux sur parcoursup', EDUCATION],
    ['fr', "combien de temps dure la période d'essai en cdi", CAREERS],
    ['fr', 'le propriétaire peut-il garder le dépôt de garantie', REAL_ESTATE],
    ['fr', "j'ai perdu ma carte, comment faire opposition", FINANCE],
    ['fr', "quand arrive l'avis d'imposition cette année", FINANCE],
    ['fr', "j'ai été flashé par un radar, combien de points je perds", AUTOS],
    ['fr', 'mon portable ne charge plus', TECH],
    ['fr', 'où est mon colis, le suivi de colis ne bouge plus', SHOPPING],
    ['fr', 'quelle est la meilleure période pour visiter la Crète', TRAVEL],
    ['fr', 'une bonne adresse pour manger à Lyon', FOOD],
    ['fr', 'la nouvelle saison de ma série préférée sort quand', ENTERTAINMENT],
    ['fr', 'conseille-moi un livre à lire absolument', BOOKS],
    ['fr', 'comment créer une micro-entreprise', FINANCE_BUSINESS],
    ['fr', 'quand ouvre le marché de Noël de Strasbourg', EVENTS],
    ['it', 'come tolgo il calcare dal bollitore', HOME],
    ['it', 'quando si potano le ortensie', HOME],
    ['it', 'chi ha vinto la semifinale ieri sera', SPORTS],
    ['it', 'chi è il capocannoniere della serie a', SPORTS],
    ['it', 'fammi una scheda di allenamento con manubri e bilanciere', FITNESS],
    ['it', 'quali scarpe da running per iniziare', FITNESS],
    ['it', 'quante volte al giorno devo portare fuori il cane', PETS],
    ['it', 'che lettiera prendere per un gattino', PETS],
    ['it', 'meglio un piumino o un cappotto di lana', STYLE_FASHION],
    ['it', "aiutami a ripassare per l'interrogazione di storia", EDUCATION],
    ['it', 'quando iniziano le iscrizioni al liceo', EDUCATION],
    ['it', 'quanto dura il periodo di prova in un contratto a tempo indeterminato', CAREERS],
    ['it', 'il padrone di casa può tenersi la caparra', REAL_ESTATE],
    ['it', 'ho perso il bancomat, come blocco la carta', FINANCE],
    ['it', 'come compilo il 730 precompilato', FINANCE],
    ['it', 'ho preso una multa per divieto di sosta', AUTOS],
    ['it', 'il computer non si avvia, cosa faccio', TECH],
    ['it', "dov'è il mio ordine, il codice di tracciamento non funziona", SHOPPING],
    ['it', 'idee per un regalo di natale per mia suocera', SHOPPING],
    ['it', 'qual è il periodo migliore per visitare la Sicilia', TRAVEL],
    ['it', 'vorrei una cioccolata calda', FOOD],
    ['it', 'quando esce la nuova stagione di Mare Fuori', ENTERTAINMENT],
    ['it', 'la banca centrale europea alzerà i tassi di interesse', FINANCE_BUSINESS],
    ['it', 'quando aprono i mercatini di natale a Bolzano', EVENTS],
  ] as const)('[%s] %s', (lang, text, tier1) => {
    expect(topTier1(text, lang)).toBe(tier1);
  });

  it.each([
    ['fr', 'je vais au marché samedi matin', SPORTS],
    ['fr', 'est-ce que ça marche sur mon téléphone', SPORTS],
    ['fr', 'je ne supporte pas le bruit des voisins', SPORTS],
    ['fr', 'le but de cette réunion est de décider du budget', SPORTS],
    ['it', 'puoi portare il pane stasera', SPORTS],
    ['it', 'devo portare la macchina dal meccanico', SPORTS],
    ['it', 'facciamo tappa a Firenze durante il viaggio', SPORTS],
  ] as const)('look-alike [%s] %s is not %s', (lang, text, wrong) => {
    expect(topTier1(text, lang)).not.toBe(wrong);
  });

  it.each([
    ['fr', 'ça marche, merci'],
    ['fr', 'mets le cadran à six heures'],
    ['fr', 'quel temps fera-t-il demain à Lyon'],
    ['fr', "envoie un message à Julie pour lui dire que j'arrive"],
    ['it', 'imposta la sveglia alle sette'],
    ['it', 'chiama la mamma'],
    ['it', "mi porti un bicchiere d'acqua"],
    ['it', 'farà freddo domani a Milano'],
  ] as const)('no interest: [%s] %s', (lang, text) => {
    expect(interestsOf(text, lang)).toEqual([]);
  });
});
