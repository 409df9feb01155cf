import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import type { Taxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { DEFAULT_KB } from '../../src/core/understand/kb/index.js';
import type { UnderstandInput, Understanding } from '../../src/core/understand/types.js';
import {
  createUnderstander,
  SENSITIVE_THRESHOLD,
  type Understander,
} from '../../src/core/understand/understand.js';

let taxonomy: Taxonomy;
let understand: Understander;

beforeAll(() => {
  taxonomy = loadTaxonomy();
  understand = createUnderstander(taxonomy);
});

const run = (input: string | UnderstandInput): Understanding =>
  understand(typeof input === 'string' ? { text: input } : input);
const tier1Of = (id: string | undefined): string | undefined => (id ? taxonomy.get(id)?.tier1Id : undefined);

describe('knowledge base', () => {
  it('points only at taxonomy nodes that exist', () => {
    for (const e of DEFAULT_KB.nodes) expect(taxonomy.get(e.node), e.node).toBeDefined();
  });

  it('covers every ad-eligible tier-1 node that carries consumer interest', () => {
    const covered = new Set(DEFAULT_KB.nodes.map((e) => taxonomy.get(e.node)?.tier1Id));
    const tier1 = [...taxonomy.nodes.values()].filter((n) => n.tier === 1 && n.adEligible);
    const missing = tier1.filter((n) => !covered.has(n.id)).map((n) => n.name);
    // Genres (a cross-cutting facet) is reached through movies/TV/books terms.
    expect(missing.filter((m) => m !== 'Genres')).toEqual([]);
  });

  it('has terms in all seven required languages for the main interest nodes', () => {
    for (const id of [
      '653',
      '210',
      '391',
      '1',
      '338',
      '324',
      '42',
      '483',
      '552',
      '596',
      '274',
      '473',
      '422',
    ]) {
      const entry = DEFAULT_KB.nodes.find((e) => e.node === id);
      for (const lang of ['en', 'es', 'pt', 'fr', 'it', 'de', 'da'] as const) {
        expect(entry?.t[lang], `${id}/${lang}`).toBeTruthy();
      }
    }
  });
});

describe('interests', () => {
  it.each([
    ['en', 'Can you suggest a good sushi place downtown for Friday night?', '210'],
    ['en', "what's the smartest way to pay off my credit card faster", '391'],
    ['es', 'Busco vuelos baratos a Lisboa para agosto', '653'],
    ['fr', 'Quel est le meilleur moment pour changer les pneus de ma voiture ?', '1'],
    ['it', 'Mi consigli una serie TV da guardare stasera?', 'JLBCU7'],
    ['de', 'Wann spielt Bayern heute? Ich will das Fußballspiel sehen', '483'],
    ['da', 'Jeg vil gerne bestille et bord på en italiensk restaurant i aften', '210'],
    ['pt', 'Quero comprar um notebook novo para programar', '596'],
    ['nl', 'Welk hondenvoer is het beste voor een puppy?', '422'],
    ['id', 'Tolong carikan resep rendang yang enak', '210'],
    ['tr', 'Bu hafta sonu hangi filmler vizyonda?', 'JLBCU7'],
  ])('[%s] %s', (_lang, text, tier1) => {
    const u = run(text);
    expect(u.adEligible).toBe(true);
    expect(tier1Of(u.interests[0]?.id)).toBe(tier1);
  });

  it('goes down to tier 2–3 when the text supports it', () => {
    const u = run("We're planning a cruise around the Greek islands in June");
    expect(u.interests[0]?.id).toBe('678'); // Travel > Travel Type > Cruises
    expect(taxonomy.get('678')?.tier).toBe(3);
  });

  it('scores in 0..1, sorted, at most five', () => {
    const u = run('jazz, rock, hip hop, opera, sushi, tacos, tennis, golf, skiing and a new laptop');
    expect(u.interests.length).toBeLessThanOrEqual(5);
    for (const m of u.interests) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
    const scores = u.interests.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('declared preferences vs passing mentions', () => {
  it.each([
    ['I absolutely love jazz', '357'],
    ["I'm vegan", '212'],
    ['je suis fan de rugby', '527'],
    ['mi piace tantissimo cucinare', '216'],
    ['ich spiele jeden Samstag Tennis', '539'],
    ['jeg elsker at læse krimier', '331'],
  ])('"%s" is declared', (text, id) => {
    const m = run(text).interests.find((i) => i.id === id);
    expect(m?.strength).toBe('declared');
  });

  it('a question about a topic is a mention', () => {
    const m = run('is there a jazz club near the station?').interests.find((i) => i.id === '357');
    expect(m?.strength).toBe('mention');
  });

  it('a declared interest scores higher than the same interest mentioned', () => {
    const declared = run('I love tennis').interests.find((i) => i.id === '539')?.score ?? 0;
    const mention = run('tennis results').interests.find((i) => i.id === '539')?.score ?? 0;
    expect(declared).toBeGreaterThan(mention);
  });
});

describe('negation', () => {
  it.each([
    ['I hate football', '533'],
    ["honestly I'm not into cooking", '216'],
    ['non mi piace il calcio', '533'],
    ['ich mag keinen Fußball', '533'],
    ['je déteste le camping', '677'],
    ['no me gusta nada el golf', '512'],
    ['jeg hader jazz', '357'],
    ['golf is not my thing', '512'],
  ])('"%s" goes to negative', (text, id) => {
    const u = run(text);
    expect(u.negative.map((n) => n.id)).toContain(id);
    expect(u.interests.map((n) => n.id)).not.toContain(id);
  });

  it('keeps both sides of a contrast apart', () => {
    const u = run("I love tennis but I can't stand golf");
    expect(u.interests.map((i) => i.id)).toContain('539');
    expect(u.negative.map((i) => i.id)).toContain('512');
    expect(u.interests.map((i) => i.id)).not.toContain('512');
  });
});

describe('images and generation prompts', () => {
  it('reads image labels', () => {
    const u = run({ imageLabels: ['golden retriever', 'frisbee', 'grass'], surface: 'glasses_image' });
    expect(tier1Of(u.interests[0]?.id)).toBe('422');
  });

  it('reads generation prompts like any text', () => {
    const u = run({
      text: 'generate an image of a red vintage convertible on a coastal road',
      surface: 'imagine',
    });
    expect(tier1Of(u.interests[0]?.id)).toBe('1');
  });

  it('combines a caption with labels', () => {
    const u = run({ text: 'what is this?', imageLabels: ['espresso', 'latte art', 'cafe'] });
    expect(tier1Of(u.interests[0]?.id)).toBe('210');
  });
});

describe('sensitive categories', () => {
  it.each([
    ['health', 'en', 'I was diagnosed with diabetes last month'],
    ['health', 'es', 'Estoy embarazada de tres meses'],
    ['health', 'de', 'Mein Therapeut meint, ich habe eine Angststörung'],
    ['health', 'it', 'Ho la febbre e mal di gola da due giorni'],
    ['health', 'da', 'Min far har fået konstateret kræft'],
    ['health', 'fr', 'je prends des antidépresseurs depuis un an'],
    ['health', 'pt', 'tenho uma consulta com o psiquiatra amanhã'],
    ['politics', 'en', 'I voted for the Greens in the last election'],
    ['politics', 'fr', 'je vais voter pour ce parti aux élections'],
    ['politics', 'de', 'Ich bin seit Jahren in der Gewerkschaft aktiv'],
    ['politics', 'es', 'no soporto a este gobierno ni a su presidente'],
    ['politics', 'it', 'alle prossime elezioni non so chi votare'],
    ['religion', 'en', 'I go to church every Sunday with my kids'],
    ['religion', 'it', 'il venerdì prego in moschea'],
    ['religion', 'fr', 'nous célébrons le Ramadan en famille'],
    ['religion', 'da', 'jeg er muslim og faster'],
    ['religion', 'de', 'Ich bin katholisch erzogen worden'],
    ['religion', 'pt', 'vou à missa todos os domingos'],
    ['sexual_orientation', 'en', "as a gay man I'd like tips for my first trip to Berlin"],
    ['sexual_orientation', 'es', 'soy lesbiana y busco un bar tranquilo'],
    ['sexual_orientation', 'de', 'ich bin schwul und suche eine Wohnung'],
    ['sexual_orientation', 'fr', 'je suis bisexuelle'],
    ['sexual_orientation', 'it', 'sono una donna trans'],
    ['sexual_orientation', 'nl', 'ik ben vorig jaar uit de kast gekomen'],
    ['ethnic_origin', 'en', 'as an immigrant from Nigeria, which bank should I use?'],
    ['ethnic_origin', 'es', 'soy refugiado y necesito un trabajo'],
    ['ethnic_origin', 'de', 'ich bin Flüchtling und warte auf meine Aufenthaltserlaubnis'],
    ['ethnic_origin', 'fr', 'je suis sans-papiers depuis deux ans'],
    ['ethnic_origin', 'it', 'mi hanno rinnovato il permesso di soggiorno'],
    ['ethnic_origin', 'da', 'jeg er indvandrer og vil gerne lære dansk'],
  ])('%s [%s] %s', (cls, _lang, text) => {
    const u = run(text);
    expect(u.sensitive).toContain(cls);
  });

  it('SAFETY: any sensitive class ⇒ not ad-eligible and no ad signal at all', () => {
    for (const text of [
      'I was diagnosed with asthma and I love running',
      'as a gay man I love jazz and cruises',
      'ich habe gewählt und danach Pizza gegessen',
    ]) {
      const u = run(text);
      expect(u.sensitive.length, text).toBeGreaterThan(0);
      expect(u.adEligible).toBe(false);
      expect(u.interests).toEqual([]);
      expect(u.negative).toEqual([]);
    }
  });

  it('SAFETY: negating a disclosure still flags it', () => {
    expect(run("I'm not pregnant, just tired").sensitive).toContain('health');
  });

  it('never returns sensitive or brand-unsafe nodes as interests', () => {
    const texts = [
      'looking for a new yoga mat and some vitamins',
      'best cooking shows about war history',
      'my dentist recommended a new toothbrush',
      'cheap flights and hotels in Rome near the Vatican',
      'casino night ideas for a birthday',
    ];
    for (const text of texts) {
      for (const m of [...run(text).interests, ...run(text).negative]) {
        const node = taxonomy.get(m.id);
        expect(node?.sensitive, `${text} → ${m.id}`).toBeNull();
        expect(node?.adEligible, `${text} → ${m.id}`).toBe(true);
      }
    }
  });

  it('keeps false alarms off everyday requests', () => {
    for (const text of [
      'book a table for four at an Italian restaurant',
      'play some relaxing piano music',
      'what time does the supermarket close',
      'how do I change a flat tire',
      'recommend a thriller novel for the beach',
      'wie wird das Wetter morgen in Hamburg',
      'quali sono i voli per Parigi domani',
      'find en god film til i aften',
    ]) {
      expect(run(text).sensitive, text).toEqual([]);
    }
  });

  it('SAFETY: a strike is trade-union politics even in a travel question (fail closed)', () => {
    for (const text of [
      'is there a train strike tomorrow',
      "c'è sciopero dei treni domani?",
      'Bahnstreik morgen?',
      'grève SNCF demain ?',
    ]) {
      expect(run(text).sensitive, text).toContain('politics');
    }
    expect(run('I went bowling and got a strike').sensitive).toEqual([]);
  });

  it("a device's virus is software, a person's virus is health", () => {
    for (const text of ['my laptop has a virus', 'virus auf meinem Laptop', 'mi ordenador tiene un virus']) {
      const u = run(text);
      expect(u.sensitive, text).toEqual([]);
      expect(tier1Of(u.interests[0]?.id), text).toBe('596');
    }
    expect(run('I caught a virus from my son').sensitive).toContain('health');
  });

  it('Rome in German is not the Roma people of French and Italian, whose phrases still flag', () => {
    expect(run('Regierungskrise in Rom').sensitive).not.toContain('ethnic_origin');
    expect(run('i rom sono discriminati').sensitive).toContain('ethnic_origin');
    expect(run('la police a évacué le camp de roms').sensitive).toContain('ethnic_origin');
  });

  it('a compound counts when its sensitive part loses a derivational ending to the stemmer', () => {
    // The tail "regierung" stems to "regier", "erkrankung" to "erkrank": three letters dropped.
    expect(run({ text: 'Vorgängerregierung', lang: 'de' }).sensitive).toContain('politics');
    expect(run({ text: 'Gelenkerkrankung', lang: 'de' }).sensitive).toContain('health');
    // Interest terms keep the strict rule: a handball player is sport, not "spil" (play music).
    expect(tier1Of(run({ text: 'håndboldspiller', lang: 'da' }).interests[0]?.id)).toBe('483');
  });

  it('reports the evidence behind each flag to developer tooling, consistent with the threshold', () => {
    let seen: ReadonlyMap<string, number> = new Map();
    const withEvidence = createUnderstander(taxonomy, undefined, {
      evidence: (byClass) => {
        seen = byClass;
      },
    });
    // One plain word is a full piece of evidence and flags on its own.
    expect(withEvidence({ text: 'my doctor called' }).sensitive).toEqual(['health']);
    expect(seen.get('health')).toBe(1);
    // A `^` word alone ("accident") stays under the threshold: evidence, but no flag.
    expect(withEvidence({ text: 'there was an accident on the road' }).sensitive).toEqual([]);
    expect(seen.get('health')).toBeGreaterThan(0);
    expect(seen.get('health')).toBeLessThan(SENSITIVE_THRESHOLD);
    // No evidence at all is an empty map, not the previous message's figures.
    withEvidence({ text: 'book a table for two' });
    expect(seen.size).toBe(0);
  });
});

describe('abstention', () => {
  it.each([
    'set an alarm for 6 am',
    'remind me to call mum at five',
    "what's the weather like tomorrow",
    'hi there!',
    'thanks, that is all',
    'set a timer for ten minutes',
    'how do you say good night in Italian',
    'wie spät ist es?',
    'imposta una sveglia alle sette',
    'slet alle alarmer',
    'quel temps fera-t-il demain ?',
  ])('"%s" yields no interest', (text) => {
    const u = run(text);
    expect(u.interests).toEqual([]);
    expect(u.sensitive).toEqual([]);
    expect(u.adEligible).toBe(true);
  });

  it('reports "und" for nothing to read', () => {
    expect(run({ text: '' }).lang).toBe('und');
  });

  it('honours a caller-given language', () => {
    expect(run({ text: 'hotel', lang: 'nl' }).lang).toBe('nl');
  });
});

describe('general politics and health vocabulary', () => {
  it.each([
    ['politics', 'en', 'the senate passed new tax laws after a long debate'],
    ['politics', 'en', 'the ceasefire between the two armies collapsed'],
    ['politics', 'es', 'el ministerio de asuntos exteriores convocó al embajador'],
    ['politics', 'fr', "l'assemblée nationale a adopté le projet de loi"],
    ['politics', 'it', 'la legge elettorale è stata approvata dal senato'],
    ['politics', 'de', 'der Waffenstillstand wurde nach dem Bürgerkrieg unterzeichnet'],
    ['politics', 'da', 'regeringen fremsatte et lovforslag om skattepolitik'],
    ['health', 'en', 'the patient was hospitalized with a bacterial infection'],
    ['health', 'es', 'las autoridades sanitarias confirmaron nuevos casos de dengue'],
    ['health', 'fr', 'il a été hospitalisé en soins intensifs après la chute'],
    ['health', 'it', 'il paziente è stato ricoverato in terapia intensiva'],
    ['health', 'de', 'nach der Impfung sind die Antikörper im Blut messbar'],
    ['health', 'da', 'han blev indlagt på intensivafdeling med lungebetændelse'],
    ['politics', 'pt', 'o parlamento aprovou a reforma tributária'],
    ['politics', 'nl', 'de tweede kamer stemde over het wetsvoorstel'],
    ['health', 'pt', 'o paciente foi internado na unidade de terapia intensiva'],
    ['health', 'nl', 'na de operatie werd zij opgenomen op de intensive care'],
  ])('%s [%s] %s', (cls, _lang, text) => {
    expect(run(text).sensitive).toContain(cls);
  });

  it('lets context words complete a medium term, never flag alone', () => {
    // "troops" alone needs company; a context word of the field supplies it.
    expect(run('the troops crossed the river').sensitive).toEqual([]);
    expect(run('the troops crossed the river to face the enemy').sensitive).toContain('politics');
    expect(run('the enemy of my enemy').sensitive).toEqual([]);
    expect(run('the lungs of a whale').sensitive).toEqual([]);
    expect(run('smoking damages the lungs and causes cancer').sensitive).toContain('health');
  });

  it('counts a word once per class, however many entries list it', () => {
    // "cells" is weak: saying it twice is not two pieces of evidence.
    expect(run('cells and more cells under the microscope').sensitive).toEqual([]);
  });

  it('keeps everyday requests clear of stem collisions', () => {
    for (const text of [
      'imposta una sveglia alle sette',
      'cancella i miei promemoria',
      'i would like to hear a joke',
      'what are the weather conditions like in seattle',
      'transfer money between my national and citizens accounts',
      'Hvad bliver den højeste temperatur i dag?',
      'is raw carrot healthy to eat',
      'switch over to whisper mode',
      'rent a coupe in sedona',
      'ich mag Pizza',
      'jeg kan lide jazz',
      'ik wil minder suiker',
      'borra mis alarmas',
    ]) {
      expect(run(text).sensitive, text).toEqual([]);
    }
  });
});

describe('the examples in the understand issue', () => {
  const u = createUnderstander(loadTaxonomy());

  it('reads an Italian hiking plan as hiking and travel', () => {
    const r = u({ text: "sto organizzando un'escursione sulle Dolomiti" });
    expect(r.lang).toBe('it');
    const tiers1 = new Set(r.interests.map((i) => loadTaxonomy().get(i.id)!.tier1Id));
    expect(tiers1.has('653')).toBe(true);
    expect(r.interests.map((i) => i.id)).toContain('542');
  });

  it('keeps a diabetes disclosure out of ads, snacks included', () => {
    const r = u({ text: 'I was just diagnosed with diabetes, which snacks can I eat?' });
    expect(r.sensitive).toContain('health');
    expect(r.adEligible).toBe(false);
    expect(r.interests).toEqual([]);
  });
});

describe('religion, orientation and origin in German, Danish and Dutch', () => {
  it.each([
    ['religion', 'Mein Sohn hat nächste Woche Erstkommunion, was schenkt man da?'],
    ['religion', 'Ich bin Sikh und trage jeden Tag einen Turban'],
    ['religion', 'Wie trete ich aus der Kirche aus?'],
    ['religion', 'Hvordan melder jeg mig ud af folkekirken?'],
    ['religion', 'Vi fejrer ramadanen med iftar hver aften'],
    ['religion', 'Ik ben gelovig en ga elke zondag naar de kerk'],
    ['religion', 'Mijn zoon doet volgende maand zijn eerste communie'],
    ['sexual_orientation', 'Mein Sohn hat mir erzählt, dass er schwul ist'],
    ['sexual_orientation', 'Ich bin asexuell, wie erkläre ich das meinem Partner?'],
    ['sexual_orientation', 'Min søn er sprunget ud som transkønnet'],
    ['sexual_orientation', 'Vi er to mødre og vil gerne adoptere'],
    ['sexual_orientation', 'Mijn vriend en ik zijn een homostel en willen trouwen'],
    ['ethnic_origin', 'Ich werde wegen meiner Hautfarbe im Job benachteiligt'],
    ['ethnic_origin', 'Ich bin türkischer Herkunft und in Berlin geboren'],
    ['ethnic_origin', 'Jeg er grønlænder og bor i København'],
    ['ethnic_origin', 'Min mand venter på familiesammenføring'],
    ['ethnic_origin', 'Ik ben van Marokkaanse afkomst en word vaak gediscrimineerd'],
    ['ethnic_origin', 'Ik ben statushouder en zoek een woning'],
  ])('%s: %s', (cls, text) => {
    expect(run(text).sensitive).toContain(cls);
  });

  it('does not read everyday words as sensitive (stem and compound collisions)', () => {
    for (const text of [
      'Es ist heute unglaublich schwül, wie warm wird es morgen in Köln?',
      'Kannst du mir helfen, die richtige Adresse ausfindig zu machen?',
      'Hast du einen Einwand gegen meinen Vorschlag für das Meeting?',
      'Wir kaufen morgen einen Christbaum für das Wohnzimmer',
      'Wir gehen zur Messe nach Frankfurt, welches Hotel ist nah?',
      'Ich will die Datei in ein PDF konvertieren',
      'Die Straße ist gesperrt, wir nehmen die Dachterrasse',
      'Vi arbejder for en non-profit organisation i København',
      'Jeg har en aftale med frisøren på fredag om huset',
      'Vi skal spise sammen med de samme venner som sidst',
      'Ik geloof dat de trein om acht uur vertrekt',
      'Ik zit vast in de file op de A2',
      'Kun je de televisie uitzetten om elf uur?',
      'Ik wil een kat adopteren uit het dierenasiel in Utrecht',
      'Weet jij waar mijn sleutels zijn?',
    ]) {
      expect(run(text).sensitive, text).toEqual([]);
    }
  });
});
