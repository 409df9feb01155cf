/**
 * Classify throughput on one core: a generated mix of assistant messages (20–300 characters, all
 * supported languages, built from templates here — not from any evaluation set).
 * Run: `npx tsx bench/classify.bench.ts`, or call `benchClassify()` from a bench runner.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '../src/app/assets.js';
import { redact } from '../src/core/understand/redact.js';
import { createUnderstander } from '../src/core/understand/understand.js';

const TEMPLATES: Record<string, { lead: string[]; topic: string[]; tail: string[] }> = {
  en: {
    lead: [
      'can you find',
      'I love',
      'please book',
      'what is a good',
      'remind me to check',
      'I hate',
      'show me',
      'any tips on',
    ],
    topic: [
      'cheap flights to Lisbon',
      'jazz playlists',
      'a vegan lasagna recipe',
      'running shoes',
      'my credit card balance',
      'the next Champions League match',
      'a hotel near the beach',
      'new laptops under 1000 dollars',
      'dog food for puppies',
    ],
    tail: [
      '',
      'for next weekend',
      'thanks!',
      'my email is jo@example.com',
      'call me at +1 415 555 0132',
      'because my sister recommended it and I trust her taste more than mine',
    ],
  },
  es: {
    lead: ['me encanta', 'busca', 'quiero reservar', 'no me gusta', 'recuérdame', 'dime algo sobre'],
    topic: [
      'el fútbol',
      'una mesa para dos en un restaurante',
      'vuelos baratos a Roma',
      'la música clásica',
      'recetas de paella',
      'zapatillas para correr',
    ],
    tail: ['', 'por favor', 'para mañana por la noche', 'mi número es 612 345 678'],
  },
  pt: {
    lead: ['eu adoro', 'procura', 'quero reservar', 'não gosto de', 'me fala sobre'],
    topic: [
      'futebol',
      'um hotel na praia',
      'receitas de bolo',
      'séries de televisão',
      'cartão de crédito',
      'música brasileira',
    ],
    tail: ['', 'por favor', 'para o fim de semana'],
  },
  fr: {
    lead: ["j'adore", 'cherche', 'je voudrais réserver', "je n'aime pas", 'rappelle-moi de', 'parle-moi de'],
    topic: [
      'le tennis',
      'un vol pour Barcelone',
      'la cuisine italienne',
      'les séries policières',
      'une nouvelle voiture électrique',
      'les jeux vidéo',
    ],
    tail: ['', "s'il te plaît", 'pour samedi soir', 'mon mail est claire@exemple.fr'],
  },
  it: {
    lead: ['mi piace', 'cerca', 'vorrei prenotare', 'non mi piace', 'ricordami di', 'parlami di'],
    topic: [
      'il calcio',
      'un tavolo in pizzeria',
      'voli economici per Parigi',
      'la musica jazz',
      'ricette di pasta fresca',
      'scarpe da corsa',
    ],
    tail: ['', 'per favore', 'per domani sera'],
  },
  de: {
    lead: ['ich liebe', 'suche', 'ich möchte buchen', 'ich mag kein', 'erinnere mich an', 'erzähl mir von'],
    topic: [
      'Fußball',
      'einen Tisch im Restaurant',
      'günstige Flüge nach Wien',
      'klassische Musik',
      'Rezepte für Apfelkuchen',
      'Laufschuhe',
    ],
    tail: ['', 'bitte', 'für morgen Abend', 'meine Nummer ist 030 12345678'],
  },
  da: {
    lead: ['jeg elsker', 'find', 'jeg vil gerne bestille', 'jeg hader', 'påmind mig om', 'fortæl mig om'],
    topic: [
      'fodbold',
      'et bord på en restaurant',
      'billige flybilletter til London',
      'klassisk musik',
      'opskrifter på kage',
      'løbesko',
    ],
    tail: ['', 'tak', 'til i morgen aften'],
  },
  nl: {
    lead: ['ik hou van', 'zoek', 'ik wil boeken', 'ik haat', 'vertel me over'],
    topic: [
      'voetbal',
      'een tafel in een restaurant',
      'goedkope vluchten naar Rome',
      'klassieke muziek',
      'recepten voor taart',
    ],
    tail: ['', 'alsjeblieft', 'voor morgenavond'],
  },
  id: {
    lead: ['saya suka', 'carikan', 'saya mau pesan', 'saya benci', 'ceritakan tentang'],
    topic: [
      'sepak bola',
      'meja di restoran',
      'tiket pesawat murah ke Bali',
      'musik jazz',
      'resep nasi goreng',
    ],
    tail: ['', 'tolong', 'untuk besok malam'],
  },
  tr: {
    lead: ['bayılıyorum', 'bul', 'rezervasyon yap', 'nefret ediyorum', 'bana anlat'],
    topic: ['futbol', 'restoranda bir masa', 'İstanbul uçak bileti', 'caz müzik', 'kek tarifi'],
    tail: ['', 'lütfen', 'yarın akşam için'],
  },
};

/** Deterministic PRNG so that runs compare. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateMessages(count: number, seed = 42): Array<{ text: string; lang: string }> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const langs = Object.keys(TEMPLATES);
  const out: Array<{ text: string; lang: string }> = [];
  while (out.length < count) {
    const lang = pick(langs);
    const t = TEMPLATES[lang];
    if (!t) continue;
    let text = `${pick(t.lead)} ${pick(t.topic)} ${pick(t.tail)}`.trim();
    // Longer messages: a second sentence, up to ~300 characters.
    while (rnd() < 0.45 && text.length < 220)
      text += `. ${pick(t.lead)} ${pick(t.topic)} ${pick(t.tail)}`.trimEnd();
    if (text.length < 20) text += ` ${pick(t.topic)}`;
    out.push({ text: text.slice(0, 300), lang });
  }
  return out;
}

export async function benchClassify(): Promise<string> {
  const rssStart = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const taxonomy = loadTaxonomy();
  const understand = createUnderstander(taxonomy);
  const startupMs = performance.now() - t0;
  const startupCpu = process.cpuUsage(cpu0);
  const startupCpuMs = (startupCpu.user + startupCpu.system) / 1000;

  // The same with every language's index built up front (what a worker pays before its first
  // message in each language when it is created lazily).
  const cpuE = process.cpuUsage();
  const tE = performance.now();
  createUnderstander(taxonomy, undefined, { eager: true });
  const eagerMs = performance.now() - tE;
  const eagerCpu = process.cpuUsage(cpuE);
  const eagerCpuMs = (eagerCpu.user + eagerCpu.system) / 1000;

  const messages = generateMessages(20_000);
  const redacted = messages.map((m) => redact(m.text).text);
  // Warm-up: JIT and stem caches, as in a long-running worker.
  for (const text of redacted) understand({ text });

  // Wall-clock figures suffer when other processes share the cores; CPU time of this process
  // (one thread) is reported beside them as the single-core figure.
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  const runsWithRedact: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const c = cpuMs();
    for (const text of redacted) understand({ text });
    runs.push(redacted.length / ((performance.now() - t) / 1000));
    cpuRuns.push(redacted.length / ((cpuMs() - c) / 1000));
    t = performance.now();
    for (const m of messages) understand({ text: redact(m.text).text });
    runsWithRedact.push(messages.length / ((performance.now() - t) / 1000));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const avgLen = messages.reduce((s, m) => s + m.text.length, 0) / messages.length;
  const lines = [
    '## classify (understand) — one core',
    '',
    `| metric | value | target |`,
    `|---|---:|---:|`,
    `| median msgs/s, understand only (5 runs × ${messages.length}) | ${Math.round(median(runs)).toLocaleString('en-US')} | ≥ 50,000 |`,
    `| median msgs per CPU-second, understand only | ${Math.round(median(cpuRuns)).toLocaleString('en-US')} | ≥ 50,000 |`,
    `| median msgs/s, redact + understand | ${Math.round(median(runsWithRedact)).toLocaleString('en-US')} | — |`,
    `| start-up (load taxonomy + compile KB), wall | ${startupMs.toFixed(0)} ms | ≤ 1,000 ms |`,
    `| start-up, CPU time | ${startupCpuMs.toFixed(0)} ms | |`,
    `| start-up with all 10 languages built (eager), wall / CPU | ${eagerMs.toFixed(0)} ms / ${eagerCpuMs.toFixed(0)} ms | |`,
    `| peak RSS | ${(peakRss / 1048576).toFixed(0)} MB (at start ${(rssStart / 1048576).toFixed(0)} MB) | ≤ 300 MB |`,
    `| message mix | 10 languages, ${Math.round(avgLen)} chars on average (20–300) | |`,
    '',
    `runs (msgs/s wall): ${runs.map((r) => Math.round(r)).join(', ')}; load average at end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await benchClassify());
}
