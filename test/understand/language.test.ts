import { describe, expect, it } from 'vitest';
import { detectLanguage, langFromLocale } from '../../src/core/understand/language.js';

describe('language detection', () => {
  it.each([
    ['en', 'could you find me a quiet place to have dinner with my parents'],
    ['es', '¿me puedes recomendar un buen libro para leer este verano?'],
    ['pt', 'você pode me ajudar a escolher um presente para minha mãe?'],
    ['fr', 'je cherche un restaurant sympa pour ce soir avec des amis'],
    ['it', 'vorrei sapere quali sono gli orari del museo domani'],
    ['de', 'kannst du mir bitte ein gutes Rezept für das Abendessen zeigen'],
    ['da', 'kan du hjælpe mig med at finde en god bog til min søster'],
    ['nl', 'kun je een leuk hotel voor ons zoeken in de buurt van het strand'],
    ['id', 'tolong carikan saya hotel yang murah di dekat pantai'],
    ['tr', 'bana bu akşam için güzel bir film önerir misin lütfen'],
  ])('detects %s', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('falls back to the locale hint when the text says too little', () => {
    expect(detectLanguage('Zvooq', 'da-DK').lang).toBe('da');
    expect(detectLanguage('ok', 'pt_BR').lang).toBe('pt');
  });

  it('says "und" when there is neither evidence nor hint', () => {
    expect(detectLanguage('12345').lang).toBe('und');
  });

  it('breaks ties between close languages with the hint', () => {
    expect(detectLanguage('hotel', 'nl').lang).toBe('nl');
  });

  it('normalises locales', () => {
    expect(langFromLocale('de-AT')).toBe('de');
    expect(langFromLocale('sv-SE')).toBeUndefined();
    expect(langFromLocale(undefined)).toBeUndefined();
  });
});
