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
 * New interest vocabulary in Spanish and Portuguese, third round. The KB gained everyday phrases
 * for football (cards, shoot-outs, top scorers), gym routines and running shoes, pets, clothes,
 * school and university work, jobs and contracts, renting a room, cards, tax returns and
 * retirement, parking fines and brake pads, phone and PC trouble, limescale and house plants,
 * parcels and Secret Santa, cafés and restaurants, new seasons, books, startups and central banks;
 * these requests pin what was gained. Look-alikes must not fall into the branch a short word
 * suggests (Spanish "fichar" and "ascenso" at work are not football, "mates" homework is not the
 * drink; Portuguese "liga pra minha mãe" is a call, not a league), and utility requests carry no
 * interest at all.
 */

describe('new interest vocabulary, third round (es, pt)', () => {
  it.each([
    ['es', 'cómo quito la cal del hervidor', HOME],
    ['es', 'mis suculentas tienen pulgones', HOME],
    ['es', 'fue tarjeta roja o solo amarilla', SPORTS],
    ['es', 'quién ganó la tanda de penaltis anoche', SPORTS],
    ['es', 'quién es el máximo goleador de la liga', SPORTS],
    ['es', 'hazme una rutina de entrenamiento con mancuernas', FITNESS],
    ['es', 'qué zapatillas de running me recomiendas para empezar', FITNESS],
    ['es', 'cuántas veces al día hay que sacar al perro', PETS],
    ['es', 'qué arena para gatos huele menos', PETS],
    ['es', 'mejor un plumífero o un abrigo de lana', STYLE_FASHION],
    ['es', 'ayúdame a repasar para el examen de historia', EDUCATION],
    ['es', 'cuántos créditos tiene el tfg', EDUCATION],
    ['es', 'cuánto dura el periodo de prueba en un contrato indefinido', CAREERS],
    ['es', 'el casero puede quedarse con la fianza', REAL_ESTATE],
    ['es', 'busco piso compartido en Madrid', REAL_ESTATE],
    ['es', 'he perdido la cartera, quiero bloquear mi tarjeta', FINANCE],
    ['es', 'cuándo empieza la campaña para hacer la renta', FINANCE],
    ['es', 'me han puesto una multa de aparcamiento', AUTOS],
    ['es', 'el ordenador no arranca, qué hago', TECH],
    ['es', 'dónde está mi pedido, el número de seguimiento no funciona', SHOPPING],
    ['es', 'cuál es la mejor época para visitar Sicilia', TRAVEL],
    ['es', 'me apetece un café con leche y una tostada', FOOD],
    ['es', 'cuándo estrenan la nueva temporada de La Casa de Papel', ENTERTAINMENT],
    ['es', 'recomiéndame un libro para leer', BOOKS],
    ['es', 'qué papeles necesito para montar un negocio', FINANCE_BUSINESS],
    ['es', 'qué hacer este fin de semana en Valencia', EVENTS],
    ['pt', 'como tiro o calcário da chaleira elétrica', HOME],
    ['pt', 'quando se podam as roseiras', HOME],
    ['pt', 'foi cartão vermelho ou só amarelo', SPORTS],
    ['pt', 'quem é o artilheiro do brasileirão', SPORTS],
    ['pt', 'monta um plano de treino com halteres para mim', FITNESS],
    ['pt', 'quantas vezes por dia devo passear o cachorro', PETS],
    ['pt', 'qual areia para gato tem menos cheiro', PETS],
    ['pt', 'qual moletom combina com calça jeans', STYLE_FASHION],
    ['pt', 'me ajuda a estudar para a prova de história', EDUCATION],
    ['pt', 'quanto tempo leva para fazer o tcc', EDUCATION],
    ['pt', 'quanto dura o período de experiência na carteira assinada', CAREERS],
    ['pt', 'o senhorio pode ficar com a caução', REAL_ESTATE],
    ['pt', 'perdi a carteira, quero bloquear meu cartão', FINANCE],
    ['pt', 'com quantos anos posso me aposentar', FINANCE],
    ['pt', 'quanto custa trocar as pastilhas de travão', AUTOS],
    ['pt', 'o celular não carrega mais', TECH],
    ['pt', 'cadê meu pedido, o código de rastreio não funciona', SHOPPING],
    ['pt', 'ideias de presente para o amigo secreto do escritório', SHOPPING],
    ['pt', 'qual é a melhor época para visitar os Açores', TRAVEL],
    ['pt', 'quero um cafezinho com pão de queijo', FOOD],
    ['pt', 'quem faz o papel do vilão no novo filme', ENTERTAINMENT],
    ['pt', 'o copom vai subir a selic', FINANCE_BUSINESS],
    ['pt', 'o que fazer no fim de semana em Recife', EVENTS],
  ] as const)('[%s] %s', (lang, text, tier1) => {
    expect(topTier1(text, lang)).toBe(tier1);
  });

  it.each([
    ['es', 'tengo que fichar al entrar en el trabajo', SPORTS],
    ['es', 'me han dado un ascenso en el trabajo', SPORTS],
    ['es', 'ayúdame con los deberes de mates', FOOD],
    ['pt', 'liga pra minha mãe', SPORTS],
    ['pt', 'liga para o meu irmão', SPORTS],
    ['pt', 'a liga de alumínio é mais leve', SPORTS],
  ] as const)('look-alike [%s] %s is not %s', (lang, text, wrong) => {
    expect(topTier1(text, lang)).not.toBe(wrong);
  });

  it.each([
    ['es', 'llama a mi madre'],
    ['es', 'manda un mensaje a Laura diciendo que llego tarde'],
    ['es', 'qué hora es en Tokio'],
    ['pt', 'me lembra de tirar o lixo'],
    ['pt', 'que horas são em Tóquio'],
    ['pt', 'manda uma mensagem pro João dizendo que vou atrasar'],
  ] as const)('no interest: [%s] %s', (lang, text) => {
    expect(interestsOf(text, lang)).toEqual([]);
  });
});
