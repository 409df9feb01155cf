import { describe, expect, it } from 'vitest';
import { interestsOf, topTier1 } from './interest-support.js';

/**
 * Everyday assistant requests in English, Spanish and Portuguese: the top interest must sit in the
 * right tier-1 branch even when a word has another sense elsewhere ("train" to a city is travel,
 * not fitness; "como" is "how", not food; "ruta" is not a router), and utility requests (reminders,
 * weather, small talk about the assistant) must carry no interest at all.
 */
/** Tier-1 branches accepted per coarse topic. */
const BRANCH = {
  travel: ['653'],
  food: ['210'],
  entertainment: ['JLBCU7', '8VZQHL', '42', '680'],
  sports: ['483', '223'],
  tech: ['596'],
  finance: ['391'],
  home: ['274'],
  shopping: ['473'],
  autos: ['1'],
} as const;
type Topic = keyof typeof BRANCH;

describe('assistant requests in en/es/pt land in the right branch', () => {
  it.each([
    // trains, breaks, sightseeing
    ['travel', 'en', 'when is the next train to manchester'],
    ['travel', 'en', 'find me a city break somewhere sunny in march'],
    ['travel', 'es', 'a qué hora sale el último tren a Sevilla'],
    ['travel', 'es', 'qué ver en Lisboa en un fin de semana'],
    ['travel', 'pt', 'a que horas parte o próximo comboio para Coimbra'],
    ['travel', 'pt', 'o que visitar em Sevilha em três dias'],
    // ordering food, seasonal produce, recipes
    ['food', 'en', 'order a pizza for tonight'],
    ['food', 'en', 'which fruit and veg are in season in june'],
    ['food', 'es', 'pide una pizza de cuatro quesos'],
    ['food', 'es', 'cómo hago unas croquetas caseras'],
    ['food', 'pt', 'pede uma pizza para o jantar'],
    ['food', 'pt', 'o que posso usar em vez de natas no molho'],
    // playback, playlists, what to watch, TV
    ['entertainment', 'en', 'make a playlist called gym mix'],
    ['entertainment', 'en', 'what should i watch tonight'],
    ['entertainment', 'en', 'what is on tv this evening'],
    ['entertainment', 'es', 'pon algo de Rosalía'],
    ['entertainment', 'es', 'qué echan esta noche en la tele'],
    ['entertainment', 'es', 'algo para ver esta noche con mi pareja'],
    ['entertainment', 'pt', 'põe música calma na cozinha'],
    ['entertainment', 'pt', 'o que dá hoje na televisão à noite'],
    ['entertainment', 'pt', 'qual é o final explicado daquela série'],
    // sports and running
    ['sports', 'en', 'show me the league table'],
    ['sports', 'es', 'cómo va la clasificación de LaLiga'],
    ['sports', 'es', 'dónde echan la Champions esta noche'],
    ['sports', 'pt', 'como está a classificação da primeira liga'],
    ['sports', 'pt', 'plano de treino para fazer 10 km em menos de uma hora'],
    // home network, browsers, screenshots
    ['tech', 'en', 'my wifi keeps dropping, should i restart the router'],
    ['tech', 'en', 'how do i clear my cache'],
    ['tech', 'en', 'how to take a screenshot on my mac'],
    ['tech', 'es', 'cómo hago una captura de pantalla en el móvil'],
    ['tech', 'es', 'el router no va, cómo lo reinicio'],
    ['tech', 'pt', 'como apago o histórico de navegação'],
    ['tech', 'pt', 'a internet está lenta, reinicia o router'],
    // money transfers
    ['finance', 'en', 'send money to my brother'],
    ['finance', 'es', 'hazme una transferencia de cien euros a mi madre'],
    ['finance', 'pt', 'faz uma transferência para a minha irmã'],
    // repairs around the house
    ['home', 'en', 'the kitchen tap is dripping, do i need a plumber'],
    ['home', 'en', 'can i paint over old tiles'],
    ['home', 'es', 'el grifo del baño gotea'],
    ['home', 'pt', 'a torneira da casa de banho está a pingar'],
    ['home', 'pt', 'como purgar um radiador'],
    // comparing prices, gifts
    ['shopping', 'en', 'compare prices for a robot vacuum'],
    ['shopping', 'es', 'dónde está más barata una freidora de aire'],
    ['shopping', 'pt', 'prenda para a minha mãe até 30 euros'],
    // fuel, charging, warning lights
    ['autos', 'en', 'where is the cheapest petrol around here'],
    ['autos', 'en', 'are there charging points on the way to leeds'],
    ['autos', 'es', 'se me ha encendido la luz del motor'],
    ['autos', 'es', 'gasolineras y puntos de carga en la autopista'],
    ['autos', 'pt', 'postos de carregamento perto de mim'],
    ['autos', 'pt', 'acendeu a luz do motor, é grave'],
  ] as const)('[%s/%s] %s', (topic: Topic, lang, text) => {
    expect(BRANCH[topic] as readonly string[]).toContain(topTier1(text, lang));
  });

  it('reads word senses by context', () => {
    // "ruta" (route) is not a router; "como" (how) is not food; "sala" is not "salada".
    expect(topTier1('una ruta por Galicia en diez días', 'es')).not.toBe('596');
    expect(topTier1('como mudo a password do email', 'pt')).not.toBe('210');
    expect(topTier1('cómo cambio la contraseña del correo', 'es')).not.toBe('210');
    expect(topTier1('liga a luz da sala', 'pt')).not.toBe('210');
    // "train" for a race is still fitness.
    expect(BRANCH.sports as readonly string[]).toContain(topTier1('how should i train for a marathon', 'en'));
  });

  it.each([
    ['en', 'are you a robot'],
    ['en', 'what is your name'],
    ['en', 'remind me to call the plumber at five'],
    ['es', 'eres una persona de verdad'],
    ['es', 'avísame en diez minutos para sacar la ropa'],
    ['es', 'va a llover mañana en Bilbao'],
    ['pt', 'és um robô'],
    ['pt', 'lembra-me de comprar pão amanhã'],
    ['pt', 'como vai estar o tempo no sábado'],
    ['pt', 'como se escreve necessário'],
  ] as const)('[%s] utility request "%s" has no interest', (lang, text) => {
    expect(interestsOf(text, lang)).toEqual([]);
  });
});
