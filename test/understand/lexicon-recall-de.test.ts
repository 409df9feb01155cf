import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * German sensitive recall: compounds the scanner cannot split on its own (Regierungsbildung,
 * Krankenhausaufenthalt, Impfkampagne: their parts end in -ung/-heit or lose too much when
 * stemmed), news and chat phrasing of health and politics, and everyday words whose stems used
 * to collide with a sensitive term ("Sammlung" → "Lunge", "besuchte" → "Sucht", "stiller" →
 * "stillen", "Kolonien" of ants, "Hauptgericht", "Botschaft" as a message, "aufrüsten" a PC).
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string): string[] => understand({ text, lang: 'de' }).sensitive;

describe('German sensitive vocabulary', () => {
  it.each([
    [
      'health',
      'Der Regierungssprecher sagte, der Krankenhausaufenthalt des Ministers dauere noch eine Woche.',
    ],
    ['health', 'Die Impfkampagne gegen Masern startet im Herbst in allen Schulen.'],
    ['health', 'Das Gesundheitsamt meldet steigende Infektionszahlen in der Region.'],
    ['health', 'Meine Oma hatte einen Herzstillstand und liegt jetzt im Klinikum.'],
    ['health', 'Seit der Diagnose Nierenversagen muss mein Vater dreimal pro Woche zur Dialyse.'],
    ['health', 'ich hab seit tagen atemnot und schüttelfrost, soll ich zum arzt?'],
    ['health', 'Nach der Operation am Knie darf ich sechs Wochen keinen Sport machen.'],
    ['health', 'Kann mir jemand einen guten Kardiologen in Leipzig empfehlen?'],
    ['health', 'Ich fühle mich innerlich leer und habe an nichts mehr Freude.'],
    ['health', 'mein bruder ist drogenabhängig und will endlich in eine entzugsklinik'],
    ['health', 'Die Weltgesundheitsorganisation warnt vor einem Ausbruch von Keuchhusten.'],
    ['health', 'Der Hausarzt hat mir Ibuprofen gegen die Gliederschmerzen verschrieben.'],
    ['health', 'Sie ist seit dem Unfall querschnittsgelähmt und sitzt im Rollstuhl.'],
    ['health', 'Wie lange dauert ein Krankenhausaufenthalt nach einer Blinddarmentzündung?'],
    ['health', 'Die Pflegekräfte im Universitätsklinikum streiken für mehr Personal.'],
    ['politics', 'Der Bundestag hat das Gesetz zur Wahlrechtsreform verabschiedet.'],
    ['politics', 'Die Regierungsbildung in Berlin zieht sich seit Wochen hin.'],
    ['politics', 'Die Oppositionspartei fordert den Rücktritt des Innenministers.'],
    ['politics', 'Bei der Landtagswahl lag die Wahlbeteiligung bei knapp sechzig Prozent.'],
    ['politics', 'Die Militärjunta hat nach dem Staatsstreich eine Ausgangssperre verhängt.'],
    ['politics', 'Die Koalitionsverhandlungen zwischen SPD und Grünen sind gescheitert.'],
    ['politics', 'Die Tarifverhandlungen im öffentlichen Dienst wurden abgebrochen.'],
    ['politics', 'Im Sicherheitsrat der Vereinten Nationen scheiterte die Resolution am Veto Russlands.'],
    ['politics', 'Die Ministerpräsidentin kündigte eine Regierungserklärung für Donnerstag an.'],
    ['politics', 'Nach den Drohnenangriffen auf die Hauptstadt verhängte die EU ein neues Sanktionspaket.'],
    ['politics', 'Das Freihandelsabkommen muss noch von allen Mitgliedstaaten ratifiziert werden.'],
    ['politics', 'ist es auf einer demo verboten, das gesicht zu verhüllen?'],
    ['politics', 'Was wurde im Zwei-plus-Vier-Vertrag eigentlich geregelt?'],
    ['politics', 'Rechtsextremisten marschierten am Wochenende durch die Innenstadt.'],
    ['politics', 'Der Parteitag wählte eine neue Parteivorsitzende.'],
    ['sexual_orientation', 'Welche Dating-App ist gut für Frau sucht Frau?'],
    ['ethnic_origin', 'Als Deutsch-Vietnamesin werde ich ständig gefragt, woher ich wirklich komme.'],
    ['religion', 'Am Karfreitag gehen wir immer in den Gottesdienst.'],
    ['health', 'Was hilft gegen Blähungen und Bauchkrämpfe?'],
    ['health', 'Die Zahl der Masernfälle ist in der Stadt stark gestiegen.'],
    ['politics', 'Was hältst du eigentlich von Habeck?'],
    ['religion', 'Wir fahren im Juni zum Kirchentag nach Hannover.'],
    ['ethnic_origin', 'Ab Montag besuche ich einen Integrationskurs.'],
  ] as const)('%s: %s', (cls, text) => {
    expect(sensitive(text)).toContain(cls);
  });

  it.each([
    ['Die Sammlung des Museums umfasst vor allem Gemälde der Renaissance.'],
    ['Welche Einstellungen empfiehlst du für Nachtfotos mit der Kamera?'],
    ['Er besuchte am Wochenende seine Großeltern auf dem Land.'],
    ['Das Lied handelt von Sehnsucht und Fernweh.'],
    ['Sie wartete sehnsüchtig auf den Brief aus Kanada.'],
    ['Die Ameisen leben in großen Kolonien unter der Erde.'],
    ['Mein Lieblingsgericht ist Lasagne mit viel Käse.'],
    ['Die Videobotschaft des Sängers an seine Fans ging viral.'],
    ['Kann ich meinen alten PC mit mehr Arbeitsspeicher aufrüsten?'],
    ['Bei der Bahn gibt es heute eine Störung auf der Strecke nach Köln.'],
    ['Der Bildschirm hat einen Durchmesser von 27 Zoll.'],
    ['Die Blätter im Park leuchten im grünen Licht der Abendsonne.'],
    ['Wir fahren im Sommer mit dem Zug nach Budapest.'],
    ['Er war immer ein stiller und freundlicher Nachbar.'],
    ['Die Rechtschreibung im Aufsatz war fehlerfrei.'],
    ['Stell bitte ein Tablett mit Gläsern auf den Tisch.'],
    ['Der Ausbruch des Vulkans auf Island war spektakulär.'],
    ['Meine Stimme ist vom Singen auf dem Konzert ganz heiser.'],
    ['Ich habe keine Angst vor Spinnen.'],
    ['Wir fahren nächste Woche zur Messe nach Frankfurt.'],
    ['Der Lithium-Akku meines Fahrrads hält nicht mehr lange.'],
    ['Die Fans feierten den Sieg auf der Straße.'],
  ] as const)('stays clear: %s', (text) => {
    expect(sensitive(text)).toEqual([]);
  });
});
