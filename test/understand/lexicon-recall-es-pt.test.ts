import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * Spanish and Portuguese recall of the broad special categories (health, politics) in chat and
 * news style: diseases and treatments, hospital stays, pregnancy, addiction, institutions, elections,
 * ideologies, conflict and unions. The clean sentences are the look-alikes these words were weighed
 * against: stems shared with everyday words ("suicida" → "suíça", "recetar" → "receta",
 * "direitista" → "direito", "populista" → "popular") and words that are ordinary in sport, travel
 * or science ("ofensiva", "hospitalario", "tarifas", "nota fiscal", "oposiciones", "ley de Ohm").
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'es' | 'pt'): string[] => understand({ text, lang }).sensitive;

describe('Spanish and Portuguese health and politics recall', () => {
  it.each([
    // health, chat style
    ['health', 'es', 'a mi padre le han diagnosticado un linfoma y empieza radioterapia'],
    ['health', 'es', 'mi madre sigue ingresada desde el martes'],
    ['health', 'es', 'me han recetado omeprazol pero me sienta fatal'],
    ['health', 'es', 'estoy de baja médica por una hernia discal'],
    ['health', 'es', 'mi hija tiene varicela, ¿puede ir a la guardería?'],
    ['health', 'es', 'llevo semanas pensando que todos estarían mejor sin mí'],
    ['health', 'es', 'me hicieron una cesárea y la recuperación está siendo lenta'],
    ['health', 'es', 'mi tío es alcohólico y no quiere ir a alcohólicos anónimos'],
    ['health', 'pt', 'o meu avô está internado com uma pneumonia'],
    ['health', 'pt', 'a médica receitou-me um xarope para a tosse'],
    ['health', 'pt', 'tenho gota e o dedo do pé está outra vez inchado'],
    ['health', 'pt', 'fui operada ao joelho e ando de muletas'],
    ['health', 'pt', 'a minha irmã tem anorexia e recusa-se a comer'],
    ['health', 'pt', 'descobri que sou seropositivo e não sei a quem contar'],
    // health, news style
    ['health', 'es', 'La campaña de vacunación contra la tosferina llegará a todos los centros de salud.'],
    ['health', 'es', 'El brote de legionela obligó a cerrar dos hoteles de la costa.'],
    ['health', 'pt', 'O surto de sarampo levou o Ministério da Saúde a antecipar a segunda dose.'],
    ['health', 'pt', 'As doenças cardiovasculares continuam a ser a principal causa de morte no país.'],
    // politics, chat style
    ['politics', 'es', '¿qué opinas de la moción de censura contra el gobierno?'],
    ['politics', 'es', 'mañana hay huelga general y los piquetes empiezan a las seis'],
    ['politics', 'es', 'mi cuñado es muy nacionalista y solo habla de independentismo'],
    ['politics', 'pt', 'votei no partido socialista nas últimas legislativas'],
    ['politics', 'pt', 'o meu tio é bolsonarista e discute com toda a gente'],
    ['politics', 'pt', 'os grevistas fizeram piquetes à porta da fábrica'],
    // politics, news style
    ['politics', 'es', 'El Consejo de Ministros aprobó el anteproyecto de ley orgánica.'],
    [
      'politics',
      'es',
      'Los combatientes de las milicias rebeldes tomaron la capital tras intensos combates.',
    ],
    ['politics', 'es', 'La Audiencia Nacional investiga una trama de corrupción y malversación.'],
    ['politics', 'pt', 'A Comissão Europeia abriu um processo por défice público excessivo.'],
    ['politics', 'pt', 'O conflito fronteiriço deixou milhares de deslocados internos.'],
    ['politics', 'pt', 'O presidente tomou posse numa cerimónia no Palácio do Planalto.'],
    ['politics', 'es', 'el líder de la oposición pidió elecciones anticipadas'],
    // the other classes
    ['sexual_orientation', 'es', 'estoy enamorada de otra chica y no sé cómo decírselo a mis padres'],
    ['sexual_orientation', 'pt', 'a minha filha disse-me que está apaixonada por uma rapariga'],
    ['ethnic_origin', 'es', 'el casero me dijo que no alquilan a extranjeros'],
    ['ethnic_origin', 'pt', 'um cliente disse-me para voltar para a minha terra'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it('keeps the look-alikes clean', () => {
    for (const [text, lang] of [
      ['esta receta de bizcocho lleva mucha mantequilla', 'es'],
      ['la ópera de Viena tiene entradas baratas de última hora', 'es'],
      ['¿qué planes hay en la costa para un pueblo tan hospitalario?', 'es'],
      ['el equipo cambió a una ofensiva más rápida en la segunda parte', 'es'],
      ['¿dónde compro brotes de soja para el wok?', 'es'],
      ['sé paciente, el pedido llega mañana', 'es'],
      ['es un producto muy popular entre los turistas', 'es'],
      ['gira a la derecha en la segunda rotonda', 'es'],
      ['el museo de historia natural tiene una sala de dinosaurios', 'es'],
      ['quiero recuperar la contraseña de mi cuenta', 'es'],
      ['este año preparo oposiciones a maestro de primaria', 'es'],
      ['explícame la ley de Ohm con un ejemplo sencillo', 'es'],
      ['a lei de Ohm relaciona a tensão com a corrente', 'pt'],
      ['¿cuál es la tarifa del metro para ir al aeropuerto?', 'pt'],
      ['preciso de emitir uma nota fiscal para o cliente', 'pt'],
      ['vou de férias para a Suíça em agosto', 'pt'],
      ['anda depressa que o comboio está a sair', 'pt'],
      ['esta receita de bolo de laranja é ótima', 'pt'],
      ['vira à direita depois do supermercado', 'pt'],
      ['os meus direitos de consumidor foram respeitados', 'pt'],
      ['o investidor paciente compra e espera', 'pt'],
      ['os bilhetes para o concerto estão esgotados', 'pt'],
      ['o sangue de porco é usado no sarrabulho', 'pt'],
    ] as const) {
      expect(sensitive(text, lang), text).toEqual([]);
    }
  });
});
