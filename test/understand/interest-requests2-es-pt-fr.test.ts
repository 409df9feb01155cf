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
 * Everyday assistant requests in Spanish, Portuguese and French, second round: football clubs and
 * leagues, radio stations and festivals, streaming and "something to watch", bus and train tickets,
 * dishes and food delivery, heating and robot vacuums, internet boxes, stock indices, sizes and
 * promotions, car price guides. The top interest must sit in the expected tier-1 branch; word-sense
 * look-alikes ("praia" vs "pra", "maratonar", "box" vs "boxe", "baskets", "programa", "meses")
 * must not pull the wrong branch, and countdowns to a date carry no interest.
 */
describe('everyday requests in es, pt and fr reach the right branch', () => {
  it.each([
    // sports: clubs, leagues, racing, padel
    ['es', 'a qué hora juega el Atleti', SPORTS],
    ['es', 'ganó Boca el superclásico?', SPORTS],
    ['es', 'dónde ver el GP de Japón', SPORTS],
    ['pt', 'quanto ficou o jogo do Palmeiras', SPORTS],
    ['pt', 'classificação do Brasileirão', SPORTS],
    ['pt', 'que horas joga o Benfica amanhã', SPORTS],
    ['fr', 'le score du match de l’OM', SPORTS],
    ['fr', 'classement de Ligue 1 cette saison', SPORTS],
    ['fr', 'cours de padel pour débutants à Lyon', SPORTS],
    // music: radio stations, festivals, chords, song identification
    ['es', 'pon Cadena Dial', ENTERTAINMENT],
    ['es', 'acordes de guitarra para una canción de Estopa', ENTERTAINMENT],
    ['es', 'quién canta la canción que dice no me importa nada', ENTERTAINMENT],
    ['pt', 'põe a Rádio Comercial', ENTERTAINMENT],
    ['pt', 'cifra de violão de uma música da Marília Mendonça', ENTERTAINMENT],
    ['fr', 'mets Nostalgie', ENTERTAINMENT],
    ['fr', 'la chanson qui dit je veux du soleil, c’est de qui', ENTERTAINMENT],
    ['fr', 'places pour le concert de Vianney', ENTERTAINMENT],
    // tv, streaming, podcasts, something to watch
    ['es', 'recomiéndame algo para ver en Filmin', ENTERTAINMENT],
    ['es', 'ponme el último episodio de un podcast de misterio', ENTERTAINMENT],
    ['pt', 'bora maratonar uma série na Globoplay', ENTERTAINMENT],
    ['pt', 'o que assistir hoje à noite', ENTERTAINMENT],
    ['fr', 'quoi regarder sur myCanal ce soir', ENTERTAINMENT],
    ['fr', 'soluce du dernier boss de God of War', GAMING],
    // travel: bus, train, lodging, pilgrim route
    ['es', 'billetes de autobús de Granada a Málaga', TRAVEL],
    ['es', 'un hotelito rural para el puente de mayo', TRAVEL],
    ['es', 'etapas del Camino de Santiago desde León', TRAVEL],
    ['pt', 'passagem de ônibus para Florianópolis', TRAVEL],
    ['pt', 'bilhetes de autocarro de Lisboa para Faro', TRAVEL],
    ['fr', 'billet de car pour Bordeaux', TRAVEL],
    ['fr', 'billets de TGV pas chers pour Rennes', TRAVEL],
    // food: dishes, delivery, what to cook
    ['es', 'qué lleva el salmorejo', FOOD],
    ['es', 'pídeme unas hamburguesas por Glovo', FOOD],
    ['pt', 'receita de pão de queijo mineiro', FOOD],
    ['pt', 'pede um açaí grande no iFood', FOOD],
    ['fr', 'recette de bûche de Noël au chocolat', FOOD],
    ['fr', 'trouve-moi un resto japonais pas loin', FOOD],
    // home: heating, robot vacuums, cleaning, bathroom, balcony garden
    ['es', 'sube la calefacción un poco', HOME],
    ['es', 'programa el robot aspirador para las diez', HOME],
    ['es', 'cómo limpiar el horno con bicarbonato', HOME],
    ['pt', 'liga o ar condicionado da sala', HOME],
    ['pt', 'como montar uma horta pra varanda', HOME],
    ['fr', 'refaire les joints de la baignoire', HOME],
    ['fr', 'allume le chauffage dans la chambre', HOME],
    // tech: internet boxes, troubleshooting
    ['fr', 'réinitialiser ma Freebox', TECH],
    ['fr', 'mon PC surchauffe quand je joue', TECH],
    ['pt', 'como tirar print no computador', TECH],
    ['es', 'el router parpadea en rojo', TECH],
    // finance: indices, rates, savings products
    ['es', 'cómo ha cerrado el Ibex 35', FINANCE],
    ['pt', 'a Euribor subiu este mês?', FINANCE],
    ['pt', 'quanto está o dólar hoje', FINANCE],
    ['fr', 'le CAC 40 a baissé ?', FINANCE],
    // shopping: promotions, sizes, stores, second-hand apps
    ['es', 'zapatillas Adidas en oferta talla 42', SHOPPING],
    ['pt', 'vender roupa usada na OLX', SHOPPING],
    ['fr', 'des baskets Nike en promo', SHOPPING],
    ['fr', 'code promo pour une commande Fnac', SHOPPING],
    // autos: price guides, batteries
    ['pt', 'quanto vale o meu carro na tabela FIPE', AUTOS],
    ['fr', 'changer la batterie de ma voiture', AUTOS],
    ['es', 'la batería del coche no arranca', AUTOS],
    // fitness
    ['fr', 'séance de HIIT de vingt minutes', FITNESS],
  ] as const)('[%s] %s', (lang, text, branch) => {
    expect(topTier1(text, lang)).toBe(branch);
  });

  it('keeps word-sense look-alikes out of the wrong branch', () => {
    for (const [text, lang, wrong] of [
      ['dicas pra organizar a garagem', 'pt', TRAVEL],
      ['vou correr a maratona de Lisboa', 'pt', ENTERTAINMENT],
      ['como está a taxa fixa a 12 meses', 'pt', FOOD],
      ['ma box internet ne marche plus', 'fr', SPORTS],
      ['programa la lavadora para esta noche', 'es', TECH],
      ['cours de yoga près de chez moi', 'fr', SPORTS],
      ['programme de musculation pour débutant', 'fr', TECH],
      ['pon la calefacción a veinte grados', 'es', '132'],
    ] as const) {
      expect(topTier1(text, lang), text).not.toBe(wrong);
    }
  });

  it('gives countdowns to a date no interest', () => {
    for (const [text, lang] of [
      ['cuántos días faltan para Reyes', 'es'],
      ['quantos dias faltam para o Carnaval', 'pt'],
      ['dans combien de jours c’est Pâques', 'fr'],
    ] as const) {
      expect(interestsOf(text, lang), text).toEqual([]);
    }
  });
});
