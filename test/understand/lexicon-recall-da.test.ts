import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * Danish sensitive lexicons: health and politics in chat and in news style (institutions,
 * parties, elections, war, public health, diseases, mental health, pregnancy), plus everyday
 * sentences whose words collide with a sensitive stem once stemmed ("lever" lives / liver,
 * "stammer" originates / strain, "tilstand" → "tand", "forsvarer" defends, "kost og logi",
 * "et parti skak") and must stay clean.
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string): string[] => understand({ text, lang: 'da' }).sensitive;

describe('Danish sensitive vocabulary', () => {
  it.each([
    ['health', 'min mor blev hentet i ambulance i nat og ligger nu på akutmodtagelsen'],
    ['health', 'Sundhedsstyrelsen anbefaler, at ældre får et boosterstik inden vinteren'],
    ['health', 'Ebolaudbruddet har ifølge myndighederne kostet flere hundrede livet'],
    ['health', 'jeg har haft åndenød og brystsmerter hele ugen, skal jeg ringe til lægevagten?'],
    ['health', 'hvor lang tid tager det at komme sig efter en diskusprolaps?'],
    ['health', 'min far har fået konstateret hjertesvigt og skal i dialyse for nyrerne'],
    ['health', 'jeg er gået ned med stress og har ikke kunnet sove i flere uger'],
    ['health', 'min søster har skizofreni og har lige haft en psykose'],
    ['health', 'hvor kan man få hjælp, hvis man har tanker om at tage sit eget liv?'],
    ['health', 'jeg ammer stadig og vil gerne vide, om jeg må tage ibuprofen'],
    ['health', 'vi skal til nakkefoldsscanning i uge tolv'],
    ['health', 'min bror er ludoman og har opbygget en stor spillegæld'],
    ['health', 'jeg har været ædru i et år i dag og går stadig til AA-møde'],
    ['health', 'min farmor er demensramt, og vi pårørende er ved at gå ned'],
    ['health', 'jeg har fundet en flåt på min søn, hvornår skal vi til lægen?'],
    ['health', 'vores datter på seks år er begyndt at tisse i sengen igen'],
    ['health', 'hun har en funktionsnedsættelse og bruger rollator'],
    ['health', 'Forskere har udviklet et nyt diagnostisk værktøj til tidlig opsporing af kræftceller'],
    ['health', 'patienten er i kritisk tilstand og ligger på intensiv'],
    ['health', 'kan man blive smittet med salmonella fra rå æg?'],
    ['politics', 'Folketinget vedtog i går en lovændring med et bredt flertal'],
    ['politics', 'oppositionslederen kræver mistillidsvotum mod justitsministeren'],
    ['politics', 'Regeringen og aftalepartierne er enige om en ny skattereform'],
    ['politics', 'hvad mener partierne om en højere pensionsalder?'],
    ['politics', 'valgdeltagelsen ved kommunalvalget var den laveste i tyve år'],
    ['politics', 'FN har indkaldt Sikkerhedsrådet til krisemøde efter droneangrebet'],
    ['politics', 'Nordkorea affyrede et ballistisk missil natten til søndag'],
    ['politics', 'oppositionen anklager styret for valgsvindel'],
    ['politics', 'min onkel mener, at EU bestemmer alt for meget'],
    ['politics', 'sygeplejerskerne har strejket i tre uger, og overenskomsten er stadig ikke på plads'],
    ['politics', 'Grønland har haft selvstyre siden 2009 og diskuterer rigsfællesskabet'],
    ['politics', 'hvad står der i regeringsgrundlaget om klimapolitik?'],
    ['politics', 'jeg vil skrive et høringssvar til kommunen om den nye lokalplan'],
    ['politics', 'Højrepopulistiske partier vandt frem ved valget til Europa-Parlamentet'],
    ['politics', 'kupforsøget blev slået ned af hæren i løbet af natten'],
    ['health', 'jeg skal have en hofteprotese til foråret'],
    ['health', 'vi venter barn til marts og er lidt nervøse'],
    ['health', 'min mor har hukommelsesproblemer og glemmer sine aftaler'],
    ['politics', "FN's generalsekretær advarede mod en ny krig i regionen"],
    ['politics', 'Socialdemokraterne og Moderaterne forhandler om regeringsdannelse'],
    ['ethnic_origin', 'det er en hadforbrydelse at overfalde nogen på grund af hudfarve'],
    ['ethnic_origin', 'urfolk i Amazonas kæmper for retten til deres land'],
    ['sexual_orientation', 'jeg kom ud af skabet som sekstenårig'],
    ['religion', 'min veninde er lige begyndt at gå i moskeen om fredagen'],
    ['religion', 'præsten holdt en smuk prædiken til gudstjenesten'],
    ['ethnic_origin', 'folk siger tit, at jeg ikke ligner en dansker'],
    ['ethnic_origin', 'bogen handler om jødeforfølgelsen under besættelsen'],
    ['sexual_orientation', 'min kæreste og jeg vil gerne prøve nye ting i sengen'],
  ] as const)('%s: %s', (cls, text) => {
    expect(sensitive(text)).toContain(cls);
  });

  it('keeps everyday Danish clear of stem and compound collisions', () => {
    for (const text of [
      'kartoflen stammer oprindeligt fra Sydamerika',
      'min bedstemor lever stadig i det gamle hus på landet',
      'hvilken tilstand er cyklen i, før jeg køber den?',
      'målmanden forsvarer godt, men forsvarsspillet skal strammes op',
      'prisen er inklusive kost og logi i hele ugen',
      'skal vi tage et parti skak efter middagen?',
      'huset er godt isoleret, så varmeregningen er lav',
      'hvordan fjerner jeg skimmelsvamp i badeværelset?',
      'jeg har købt en ny tablet til min søn',
      'kan du finde en opskrift med svampe og fløde?',
      'vi skal til Øresund og bade i weekenden',
      'hvornår åbner fitnesscentret på søndag?',
      'lampen tænder automatisk, når det bliver mørkt',
      'jeg skal scanne nogle dokumenter og sende dem til banken',
      'vi byggede et tårn af røde blokke',
      'har butikkerne åbent på grundlovsdag?',
      'tryk på Fn-tasten for at skrue op for lyden',
      "virksomheden arbejder med FN's verdensmål",
      'pacemakeren trak feltet i maratonløbet',
      'mine tomatplanter har gule blade, er det jernmangel?',
      'hvor svært er det at komme ind på lægeuddannelsen?',
      'køkkenet lignede en krigszone efter festen',
      'cowboys og indianere er en klassisk leg',
      'kan man få en kold Corona på baren?',
      'jeg rejser hjem fra Spanien i morgen',
      'mit hold tabte, giv mig øvelser til forsvarsspillet',
    ]) {
      expect(sensitive(text), text).toEqual([]);
    }
  });
});
