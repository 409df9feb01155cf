import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

// French and Italian sensitive vocabulary: religion, sexual orientation, ethnic origin, and the
// stem collisions these lexicons must avoid ("je vous en prie", "papà", "asilo nido", "aide").
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const flags = (text: string, lang: 'fr' | 'it'): readonly string[] => understand({ text, lang }).sensitive;

describe('French and Italian sensitive lexicons', () => {
  it.each([
    ['religion', 'fr', 'je me suis convertie au judaïsme il y a deux ans'],
    ['religion', 'fr', 'ma grand-mère récite son chapelet tous les soirs'],
    ['religion', 'fr', "pendant l'Aïd on reçoit toute la famille, des idées de desserts ?"],
    ['religion', 'fr', 'mon fils prépare sa bar mitsva pour le printemps'],
    ['religion', 'fr', 'nous sommes témoins de Jéhovah et ne fêtons pas Noël'],
    ['religion', 'it', "mi sono convertito all'islam e la mia famiglia non lo accetta"],
    ['religion', 'it', 'ogni sera recito il rosario con mia madre'],
    ['religion', 'it', 'credi nella reincarnazione e nel karma?'],
    ['religion', 'it', 'vorrei sbattezzarmi, come funziona con la parrocchia?'],
    ['sexual_orientation', 'fr', 'je crois que je suis asexuelle et mes amis ne comprennent pas'],
    ['sexual_orientation', 'fr', 'on est deux mamans et on cherche une crèche bienveillante'],
    [
      'sexual_orientation',
      'fr',
      'mon partenaire et moi voulons ouvrir notre couple, une relation ouverte ça marche ?',
    ],
    ['sexual_orientation', 'it', "io e la mia compagna ci siamo unite civilmente l'anno scorso"],
    ['sexual_orientation', 'it', 'il mio capo fa battute omofobe in riunione'],
    ['sexual_orientation', 'it', 'da quando ho iniziato la mia transizione uso il nome scelto'],
    ['ethnic_origin', 'fr', 'je suis la seule personne noire de mon équipe'],
    ['ethnic_origin', 'fr', 'je suis issu de l’immigration et on me le rappelle souvent'],
    ['ethnic_origin', 'fr', 'je suis d’origine vietnamienne et je cherche mes ancêtres'],
    ['ethnic_origin', 'it', 'sono di origine peruviana e al lavoro mi fanno battute razziste'],
    ['ethnic_origin', 'it', 'sono una richiedente asilo e aspetto la commissione'],
    ['ethnic_origin', 'it', 'sono un ragazzo di seconda generazione, figlio di genitori filippini'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(flags(text, lang)).toContain(cls);
  });

  it('keeps everyday French and Italian requests clear of stem collisions', () => {
    for (const [lang, text] of [
      ['fr', "je vous en prie, c'est la moindre des choses"],
      ['fr', 'je cherche une aide à domicile pour ma grand-mère'],
      ['fr', 'monter les blancs en neige puis ajouter le chocolat noir'],
      ['fr', "c'est un sacré chantier, cette rénovation"],
      ['fr', 'la tempête a été baptisée par Météo-France'],
      ['fr', 'le protocole chiffre les échanges entre le client et le serveur'],
      ['fr', 'nous avons visité la basilique et la cathédrale de Reims'],
      ['it', 'prego, si accomodi pure'],
      ['it', 'il mio papà mi porta allo stadio domenica'],
      ['it', "mio figlio comincia l'asilo nido a settembre"],
      ['it', 'devo tradurre una versione di latino per domani'],
      ['it', "l'attaccante è stato espulso dall'arbitro"],
      ['it', 'abbiamo adottato un cane meticcio al canile'],
      ['it', 'il pastore tedesco perde molto pelo'],
      ['it', 'abbiamo dormito in un rifugio alpino'],
      ['it', 'il coro della scuola canta a Natale'],
      ['it', 'la basilica di Sant’Ambrogio è aperta la domenica?'],
    ] as const) {
      expect(flags(text, lang), text).toEqual([]);
    }
  });
});
