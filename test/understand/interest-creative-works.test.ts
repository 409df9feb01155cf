import { describe, expect, it } from 'vitest';
import { topTier1 } from './interest-support.js';

/**
 * Assistant requests about creative works: finding a work by its title ("find the painting called
 * …"), cinema showtimes and screenings, and rating a book. The top interest must sit in the
 * Entertainment branch even when the title's words point elsewhere ("Paradise Hotel", "Ghost
 * Hunter"); look-alikes (currency, a photo to send, children running in a park) must not.
 */
/**
 * The Entertainment branches of IAB 3.1: Entertainment (Movies, Television, Music), Books and
 * Literature, Video Gaming, Pop Culture, Events.
 */
const ENTERTAINMENT: readonly string[] = ['JLBCU7', '42', '680', '432', '8VZQHL'];

describe('requests for creative works, screenings and book ratings', () => {
  it.each([
    // finding a work by title
    ['en', 'find the tv show called the great british bake off'],
    ['en', 'show me the painting called the starry night'],
    ['en', 'I want to find the photograph named morning light'],
    ['en', 'can you find me the trailer of the lion king'],
    ['da', 'kan du finde tv-programmet Paradise Hotel'],
    ['da', 'jeg vil gerne se fotografiet Winter Sun'],
    ['da', 'vis mig kunstværket Silent Spring'],
    ['da', 'find maleriet Summer Nights'],
    ['da', 'find albummet med navnet lys'],
    ['de', 'zeig mir das Gemälde namens Sonnenblumen'],
    ['de', 'zeig mir das Foto Winter Sun'],
    ['de', 'such die Fernsehshow The Voice'],
    ['de', 'ich suche das Fernsehprogramm Good Morning'],
    ['de', 'finde das Werk The Lost River'],
    ['it', 'mostrami la foto Winter Sun'],
    ['it', 'cerca il dipinto Summer Nights'],
    ['it', "trova l'opera The Lost River"],
    ['it', 'mostrami il quadro chiamato la gioconda'],
    ['it', 'cerca lo show The Voice'],
    ['es', 'busca el cuadro Las Meninas'],
    ['fr', "trouve l'œuvre intitulée Le Radeau"],
    ['pt', 'procure a foto chamada Pôr do Sol'],
    ['nl', 'zoek het schilderij De Nachtwacht'],
    // screenings and showtimes
    ['en', 'what animated movies are playing near me'],
    ['en', "what's showing at the Cinemark tonight"],
    ['en', 'is the new Pixar film showing at the Odeon'],
    ['da', 'hvilke tegnefilm spiller i nærheden'],
    ['da', 'find filmtider for den nærmeste biograf'],
    ['da', 'hvornår er der forestillinger i biffen'],
    ['de', 'ich möchte die Kinovorstellungen für morgen sehen'],
    ['de', 'welche Animationsfilme laufen in der Nachbarschaft'],
    ['de', 'zeig mir die Filmvorführungen am Samstag'],
    ['it', 'programmazione del cinema stasera'],
    ['it', 'orari degli spettacoli al multisala'],
    ['it', "quali film d'animazione danno vicino a me"],
    ['es', 'horarios del cine para películas de animación'],
    ['fr', 'horaires des séances au cinéma du quartier'],
    ['pt', 'filmes de animação em exibição perto de mim'],
    ['nl', 'wat zijn de filmtijden in de bioscoop'],
    // rating a book
    ['en', 'give The Silent Sea 3 points'],
    ['en', 'rate this novel 3 out of 6 stars'],
    ['da', 'bedøm den nuværende roman fire stjerner'],
    ['da', 'vurder denne lærebog med 2 point'],
    ['de', 'benote diese Chronik mit 4 von 6'],
    ['de', 'bewerte das aktuelle Lehrbuch mit 2 Sternen'],
    ['it', 'valuta il saggio attuale con 2 stelle'],
    ['it', 'valuta la cronaca con 4 su 6'],
    ['it', 'assegna 5 stelle a questo libro'],
    ['es', 'dale 4 puntos a esta novela'],
    ['pt', 'dê 3 pontos a este romance'],
  ] as const)('[%s] %s', (lang, text) => {
    expect(ENTERTAINMENT).toContain(topTier1(text, lang));
  });

  it('keeps look-alikes out of Entertainment', () => {
    for (const [text, lang] of [
      ['send the photo to my sister', 'en'],
      ['how many reward points do I have on my card', 'en'],
      ['I need to paint the living room this weekend', 'en'],
      ['hvad er valutakursen for euro', 'da'],
      ['det er min vurdering at huset er for dyrt', 'da'],
      ['die Kinder laufen im Park', 'de'],
      ['wir benötigen einen neuen Kühlschrank', 'de'],
      ['qual è il cambio della valuta estera', 'it'],
      ['corso di programmazione python', 'it'],
      ['el proyecto de la casa nueva', 'es'],
      ['los valores de la empresa', 'es'],
    ] as const) {
      expect(ENTERTAINMENT, text).not.toContain(topTier1(text, lang));
    }
  });
});
