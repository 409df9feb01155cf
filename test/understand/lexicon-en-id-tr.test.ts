import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * English, Indonesian and Turkish sensitive lexicons: disclosures that must flag, and everyday
 * sentences whose words used to collide with a sensitive stem and must stay clean (English
 * "sunny" → "sunni", "politely" → "polit", "lent" the verb; Turkish "ay" the month → "ayin",
 * "oyun" → "oy", "yaş" → "yasa", "sana" → "sandık", "dinlemek" → "din"; Indonesian "suku cadang",
 * "pura-pura", "ikan paus", "hati-hati").
 */
let understand: Understander;

beforeAll(() => {
  understand = createUnderstander(loadTaxonomy());
});

const sensitive = (text: string, lang: 'en' | 'id' | 'tr'): string[] => understand({ text, lang }).sensitive;

describe('English, Indonesian and Turkish sensitive vocabulary', () => {
  it.each([
    ['religion', 'en', "we're taking the kids to the gurdwara on Sunday for langar"],
    ['religion', 'en', 'how do I explain reincarnation to a seven year old'],
    ['religion', 'en', 'my grandmother says the rosary every night'],
    ['religion', 'en', "I've been fasting for Ramadan and feel tired at work"],
    ['sexual_orientation', 'en', 'I just came out to my parents as bi'],
    ['sexual_orientation', 'en', "I'm trans and need help updating the gender marker on my passport"],
    ['sexual_orientation', 'en', 'my pronouns are they/them'],
    [
      'sexual_orientation',
      'en',
      'gift ideas for our same-sex wedding anniversary, we had a civil partnership first',
    ],
    ['ethnic_origin', 'en', 'my parents immigrated from Vietnam in the 80s'],
    ['ethnic_origin', 'en', "I'm of Korean descent but grew up in Ohio"],
    ['ethnic_origin', 'en', "I'm a Dalit and face caste discrimination at work"],
    ['ethnic_origin', 'en', "people always ask me where I'm really from"],
    ['religion', 'tr', 'her cuma camiye gidip namaz kılıyorum'],
    ['religion', 'tr', 'ramazanda oruç tutuyorum, iftar için tarif önerir misin'],
    ['religion', 'tr', 'alevi olduğum için cemevine gidiyorum'],
    ['sexual_orientation', 'tr', 'trans bir kadınım ve ailem bunu bilmiyor'],
    ['sexual_orientation', 'tr', 'onur yürüyüşüne katılmak istiyorum'],
    ['ethnic_origin', 'tr', 'ailem Suriyeden göç etti, mülteci olarak yaşıyoruz'],
    ['ethnic_origin', 'tr', 'ikamet izni başvurusu nasıl yapılır'],
    ['health', 'tr', 'ateşim var ve boğazım ağrıyor'],
    ['politics', 'tr', 'yarınki seçimde kime oy vereceğimi bilmiyorum'],
    ['religion', 'id', 'saya mualaf dan ingin belajar mengaji'],
    ['religion', 'id', 'tahun depan saya mau naik haji'],
    ['sexual_orientation', 'id', 'pasangan sesama jenis di sini sulit menikah'],
    ['sexual_orientation', 'id', 'saya seorang transpuan dan susah cari kerja'],
    ['ethnic_origin', 'id', 'saya keturunan tionghoa dan sering mengalami diskriminasi'],
    ['ethnic_origin', 'id', 'saya pekerja migran dan izin tinggal saya habis'],
    ['politics', 'id', 'saya akan mencoblos calon presiden nomor dua'],
  ] as const)('%s [%s] %s', (cls, lang, text) => {
    expect(sensitive(text, lang)).toContain(cls);
  });

  it.each([
    ['en', 'is it going to be sunny tomorrow in Leeds'],
    ['en', 'how polite is it to tip in Japan'],
    ['en', 'I lent my car to a friend last week'],
    ['en', 'book a flight on Virgin Atlantic to New York'],
    ['en', 'set my phone to vibrate during the meeting'],
    ['en', 'find a recipe without trans fats'],
    ['en', 'when does the new season come out'],
    ['en', 'who is in the cast of the new Marvel movie'],
    ['en', 'the food was left untouched'],
    ['en', 'our wildlife refuge needs volunteers'],
    ['en', 'play Pride and Prejudice audiobook'],
    ['en', 'add quaker oats to my shopping list'],
    ['en', "I'm half asleep, set an alarm for 7"],
    ['tr', 'bu ay çok yoğunum'],
    ['tr', 'ayın on beşinde toplantı var'],
    ['tr', 'yeni bir oyun önerir misin'],
    ['tr', 'sana bir şey sormak istiyorum'],
    ['tr', 'bu akşam müzik dinlemek istiyorum'],
    ['tr', 'yarın doğum günüm var'],
    ['tr', 'seksen yaşındaki dedem için hediye'],
    ['tr', '3 adet ekmek al'],
    ['tr', 'siyah elbise arıyorum'],
    ['tr', 'bana hava durumunu göster'],
    ['id', 'saya mau beli suku cadang motor'],
    ['id', 'dia pura-pura tidur'],
    ['id', 'ada ikan paus di laut'],
    ['id', 'hati-hati di jalan'],
    ['id', 'kucing ras persia harganya berapa'],
    ['id', 'ada gangguan jaringan internet hari ini'],
    ['id', 'biaya perawatan mobil per tahun'],
  ] as const)('stays clean [%s] %s', (lang, text) => {
    expect(sensitive(text, lang)).toEqual([]);
  });
});
