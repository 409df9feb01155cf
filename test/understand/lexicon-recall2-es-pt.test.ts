import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * Spanish and Portuguese, second recall round: subtle disclosures carried by phrase families
 * (child of immigrants, slurs heard at school, headscarf and fasting routines, same-sex couples
 * told by their grammar, union and party membership, housing movements, "my pills"), and the
 * clean look-alikes whose words share those stems ("militar", camping, bedding, sunsets).
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'es' | 'pt'): string[] => understand({ text, lang }).sensitive;

describe('Spanish and Portuguese sensitive phrase families', () => {
  it.each([
    ['ethnic_origin', 'es', 'soy hijo de marroquíes y siempre me preguntan si hablo bien español'],
    ['ethnic_origin', 'es', 'de pequeña me llamaban china en el patio y no sabía qué contestar'],
    [
      'ethnic_origin',
      'es',
      'un informe revela que los currículos con apellidos africanos reciben menos llamadas',
    ],
    ['ethnic_origin', 'pt', 'sou filha de angolanos e nasci em Lisboa'],
    ['ethnic_origin', 'pt', 'na escola chamavam-me macaco todos os dias'],
    ['ethnic_origin', 'pt', 'acharam o meu cabelo afro pouco profissional para a reunião'],
    ['religion', 'es', 'llevo pañuelo desde el instituto y en el trabajo me miran raro'],
    ['religion', 'es', 'no pruebo bocado hasta la puesta de sol, ¿qué desayuno aguanta más?'],
    ['religion', 'pt', 'uso o véu desde os dezasseis anos'],
    ['religion', 'pt', 'este mês só como depois do pôr do sol, que lanche me sacia?'],
    [
      'sexual_orientation',
      'es',
      'mi marido y yo queremos adoptar, pero siendo dos hombres nos lo ponen difícil',
    ],
    ['sexual_orientation', 'es', 'mi pareja es otra mujer y mi familia aún no lo sabe'],
    ['sexual_orientation', 'es', 'mi novia y yo vamos a ser madres en primavera'],
    ['sexual_orientation', 'pt', 'sou mulher e a minha namorada vem jantar cá a casa no sábado'],
    ['sexual_orientation', 'pt', 'como apimentar a relação depois de dez anos juntos?'],
    ['politics', 'es', 'me he afiliado a la UGT y quiero presentarme como delegado sindical'],
    ['politics', 'es', 'mi tío es votante de Vox desde hace años'],
    ['politics', 'es', 'el sindicato de inquilinos convoca una protesta contra los desahucios'],
    ['politics', 'pt', 'sou filiado no sindicato dos professores e paguei a quota sindical'],
    ['politics', 'pt', 'o movimento pela habitação organizou uma luta contra os despejos'],
    ['health', 'es', 'tengo el azúcar alto desde la cena, ¿me preocupo?'],
    ['health', 'es', 'no puedo salir de casa sin volver a comprobar si la puerta está cerrada'],
    ['health', 'pt', 'tenho a tensão alta e esqueci-me dos comprimidos da tensão'],
    ['health', 'pt', 'não consigo sair de casa sem verificar várias vezes o fogão'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it.each([
    ['es', 'mi hermano hace el servicio militar en Ceuta este verano'],
    ['es', 'este finde nos vamos de acampada al parque nacional'],
    ['es', 'el precio del alquiler subió en el tercer trimestre según el informe'],
    ['es', 'me llamaron por mi nombre y apellido en la sala de espera del banco'],
    ['es', 'el anuncio de la nueva campaña publicitaria se estrena mañana'],
    ['es', 'vimos cómo se ponía el sol desde el mirador de San Nicolás'],
    ['es', 'compré un juego de cama nuevo para la habitación de invitados'],
    ['pt', 'fomos ver o pôr do sol ao miradouro da Graça'],
    ['pt', 'a levedura transforma a glicose em álcool durante a fermentação'],
    ['pt', 'quanto custam as portagens de Lisboa ao Algarve?'],
    ['pt', 'o lucro da empresa caiu no terceiro trimestre'],
    ['pt', 'despejar a água da massa e juntar o molho'],
  ] as const)('keeps [%s] "%s" clear', (lang, text) => {
    expect(sensitive(text, lang)).toEqual([]);
  });
});
