import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * Spanish and Portuguese sensitive lexicons: disclosures that must flag, and everyday sentences
 * whose words used to collide with a sensitive stem ("pelo" → "pelada", "até" → "ateia",
 * "envía" → "enviado", "saludos" → "salud") and must stay clean.
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'es' | 'pt'): string[] => understand({ text, lang }).sensitive;

describe('Spanish and Portuguese sensitive vocabulary', () => {
  it.each([
    ['religion', 'es', 'este año quiero hacer la primera comunión de mi hija en la parroquia del barrio'],
    ['religion', 'es', 'durante el ramadán no como nada hasta que se pone el sol'],
    ['religion', 'es', 'creo en la reencarnación y en el karma desde pequeño'],
    ['religion', 'es', 'mi hijo quiere celebrar su bar mitzvá el año que viene'],
    ['religion', 'pt', 'sou espírita e frequento um centro espírita às quintas'],
    ['religion', 'pt', 'a minha avó é mãe de santo num terreiro de candomblé'],
    ['religion', 'pt', 'o bispo vai crismar os jovens da paróquia no domingo'],
    ['sexual_orientation', 'es', 'le conté a mi madre que soy bisexual y se lo tomó fatal'],
    ['sexual_orientation', 'es', 'mi pareja y yo somos dos mujeres y queremos adoptar'],
    ['sexual_orientation', 'es', 'empecé la transición hace un año y me cambié el nombre'],
    ['sexual_orientation', 'es', '¿qué ropa llevo a la marcha del orgullo?'],
    ['sexual_orientation', 'pt', 'o meu irmão se assumiu gay no natal'],
    ['sexual_orientation', 'pt', 'casamento homoafetivo: que documentos preciso?'],
    ['sexual_orientation', 'pt', 'sou uma pessoa não binária e quero mudar o nome social'],
    ['ethnic_origin', 'es', 'en el trabajo me tratan distinto por mi color de piel'],
    ['ethnic_origin', 'es', 'mi abuela es mapuche y hablaba mapudungun en casa'],
    ['ethnic_origin', 'es', 'tengo que renovar la tarjeta de residencia en la oficina de extranjería'],
    ['ethnic_origin', 'pt', 'sou quilombola e a nossa comunidade luta pela terra'],
    ['ethnic_origin', 'pt', 'fui vítima de injúria racial no autocarro'],
    ['ethnic_origin', 'pt', 'preciso de um visto de residência para ficar em Portugal'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it('keeps everyday Spanish and Portuguese requests clear of stem collisions', () => {
    for (const [text, lang] of [
      ['envía un mensaje a Marta diciendo que llego tarde', 'es'],
      ['saludos a todos, ¿qué tal el fin de semana?', 'es'],
      ['el queso curado va genial con membrillo', 'es'],
      ['recomiéndame una película de terror para esta noche', 'es'],
      ['¿cada cuánto hay que bañar a un pastor alemán?', 'es'],
      ['¡Dios mío, qué tráfico hay hoy!', 'es'],
      ['clases de latín para el instituto', 'es'],
      ['hay que trasplantar el limonero a una maceta más grande', 'es'],
      ['quanto tempo de comboio até ao Porto?', 'pt'],
      ['a loja fica aberta pelo menos até às oito', 'pt'],
      ['o jogo passou pelas dez da noite na televisão', 'pt'],
      ['gravei um vídeo para o meu canal do youtube', 'pt'],
      ['as minhas férias começam na segunda-feira', 'pt'],
      ['acordei cedo e fui correr', 'pt'],
      ['um café arábica, por favor', 'pt'],
      ['meu Deus, perdi o autocarro outra vez', 'pt'],
    ] as const) {
      expect(sensitive(text, lang), text).toEqual([]);
    }
  });
});
