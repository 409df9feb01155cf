import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * German and Danish sensitive lexicons, second recall round: subtle disclosures (same-sex couples
 * planning a child, "where I'm really from", passports, fasting and prayer routines, addiction,
 * prenatal care, union and party work), and everyday sentences whose words used to collide with
 * them ("Alkohol" → "Alkoholiker", "Sabbatjahr" → "Sabbat", "moderate" → "Moderaterne",
 * "inde i skabet", "tage til messe", "kop" → "kopper") and must stay clean.
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'de' | 'da'): string[] => understand({ text, lang }).sensitive;

describe('German and Danish sensitive vocabulary, second round', () => {
  it.each([
    ['ethnic_origin', 'de', 'Mein Onkel ist Sinto und spielt Gitarre auf Hochzeiten'],
    ['ethnic_origin', 'de', 'Seit zwanzig Jahren hier und immer noch keinen deutschen Pass'],
    ['ethnic_origin', 'de', 'Bei der Party war ich wieder die einzige Schwarze im Raum'],
    ['ethnic_origin', 'de', 'Ständig wollen Fremde in meine Haare fassen'],
    ['ethnic_origin', 'de', 'Studie: Bewerber mit ausländisch klingenden Namen bekommen seltener Antwort'],
    ['ethnic_origin', 'da', 'Mine hvide venner bliver aldrig spurgt om legitimation'],
    ['ethnic_origin', 'da', 'Jeg bliver sorteret fra på grund af mit navn'],
    ['ethnic_origin', 'da', 'Jobcentret mener, at ansøgere med mellemøstlige navne bliver overset'],
    ['sexual_orientation', 'de', 'Wir sind beide Frauen und planen eine Stiefkindadoption'],
    ['sexual_orientation', 'de', 'Wir überlegen noch, wer von uns das Kind austrägt'],
    ['sexual_orientation', 'da', 'Vi er begge mænd og vil gerne adoptere'],
    ['sexual_orientation', 'da', 'Hvordan bliver jeg registreret som medmor til vores datter?'],
    ['religion', 'de', 'Im Ramadan esse ich erst nach Sonnenuntergang, ich faste seit ich zwölf bin'],
    ['religion', 'de', 'Gibt es im Büro einen Gebetsraum für das Freitagsgebet?'],
    ['religion', 'de', 'Am Sabbat fahren wir kein Auto'],
    ['religion', 'da', 'Jeg spiser kun halal, så burgerbaren er udelukket'],
    ['religion', 'da', 'Vi går i moskeen hver fredag med børnene'],
    ['religion', 'da', 'Min søn skal konfirmeres i maj, og gudfar holder tale'],
    ['health', 'de', 'Meine Hebamme kommt morgen zur Nachsorge'],
    ['health', 'de', 'Seit Wochen kaum Appetit und ich komme morgens nicht aus dem Bett'],
    ['health', 'de', 'Mein Vater ist Alkoholiker und will jetzt zur Suchtberatung'],
    ['health', 'da', 'Nakkefoldsscanningen er på torsdag, og jeg er så nervøs'],
    ['health', 'da', 'Jeg har spillegæld og kan ikke stoppe med at spille'],
    ['politics', 'de', 'Wir wollen im Lager endlich einen Betriebsrat gründen'],
    ['politics', 'de', 'Am Samstag hängen wir Wahlplakate für die Kommunalwahl auf'],
    ['politics', 'da', 'Jeg er tillidsrepræsentant og skal til forhandlinger med ledelsen'],
    ['politics', 'da', 'Moderaterne og Danmarksdemokraterne vil ændre reformen'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it('keeps everyday German and Danish sentences clear of stem collisions', () => {
    for (const [text, lang] of [
      ['Ich trinke gern alkoholfreies Bier zum Grillen', 'de'],
      ['Welche Cocktails gibt es ohne Alkohol?', 'de'],
      ['Ich plane ein Sabbatjahr und reise durch Asien', 'de'],
      ['Ich muss mich als großer Star-Wars-Fan outen', 'de'],
      ['Leute wie ich frühstücken am liebsten draußen', 'de'],
      ['Im Sommer bekomme ich schnell braune Haut', 'de'],
      ['Hotel mit moderate priser tæt på stranden', 'da'],
      ['Tallerknerne står inde i skabet ved siden af glassene', 'da'],
      ['Vi skal til messe i Bella Center på fredag', 'da'],
      ['Jeg skal bede om en kop kaffe mere', 'da'],
      ['Min faster kommer på besøg i weekenden', 'da'],
      ['Husk at tage flasken med til stranden', 'da'],
    ] as const) {
      expect(sensitive(text, lang), text).toEqual([]);
    }
  });
});
