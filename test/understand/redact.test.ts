import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, redact } from '../../src/core/understand/redact.js';

describe('redact', () => {
  it('leaves text without digits, @ or = untouched (fast path)', () => {
    const r = redact('I would love a quiet cabin by the lake');
    expect(r.text).toBe('I would love a quiet cabin by the lake');
    expect(r.redactions).toEqual({});
  });

  it('replaces e-mail addresses', () => {
    const r = redact('write to marta.rossi+news@posta.example.it or ops@my-shop.co.uk');
    expect(r.text).toBe('write to [email] or [email]');
    expect(r.redactions.email).toBe(2);
  });

  it.each([
    ['US', 'ring me on (212) 555-0188 tonight'],
    ['US dashed', 'my cell is 646-555-0199'],
    ['international', 'WhatsApp +44 7911 123456 please'],
    ['UK landline', 'office: 020 7946 0321'],
    ['DE', 'Handy 0151 23456789'],
    ['DE intl', 'ruf an: +49 89 1234567'],
    ['FR', 'appelle-moi au 07 81 23 45 67'],
    ['IT', 'chiamami al 347 765 4321'],
    ['ES', 'mi móvil es 699 12 34 56'],
    ['BR', 'liga (21) 98765-4321'],
    ['IN', 'call 91234 56789'],
    ['00 prefix', 'tel 0045 20 12 34 56'],
  ])('replaces phone numbers (%s)', (_label, text) => {
    const r = redact(text);
    expect(r.text).toContain('[phone]');
    expect(r.text).not.toMatch(/\d{3}/);
    expect(r.redactions.phone).toBe(1);
  });

  it('replaces Luhn-valid card numbers, grouped or not', () => {
    const r = redact('visa 4012 8888 8888 1881, amex 378282246310005, mc 5105-1051-0510-5100');
    expect(r.text).toBe('visa [card], amex [card], mc [card]');
    expect(r.redactions.card).toBe(3);
  });

  it('keeps Luhn-invalid long numbers (order ids, tracking numbers)', () => {
    const text = 'order 4012 8888 8888 1882 and tracking 1234567890123456';
    expect(luhnValid('4012888888881882')).toBe(false);
    const r = redact(text);
    expect(r.redactions.card).toBeUndefined();
    expect(r.text).toContain('4012 8888 8888 1882');
  });

  it('replaces mod-97-valid IBANs and keeps invalid ones', () => {
    expect(ibanValid('NL91ABNA0417164300')).toBe(true);
    expect(ibanValid('NL91ABNA0417164301')).toBe(false);
    const r = redact('pay to NL91 ABNA 0417 1643 00 or FR1420041010050500013M02606, not NL91ABNA0417164301');
    expect(r.text).toBe('pay to [iban] or [iban], not NL91ABNA0417164301');
    expect(r.redactions.iban).toBe(2);
  });

  it.each([
    ['US SSN', 'ssn 536-22-8190'],
    ['UK NINO', 'NI number AB 12 34 56 C'],
    ['ES DNI', 'DNI 00000000T'],
    ['ES NIE', 'NIE Y0000000Z'],
    ['IT codice fiscale', 'CF BNCGPP80A01H501W'],
    ['BR CPF', 'CPF 529.982.247-25'],
    ['FR NIR', 'sécu 2 84 12 75 116 001 73'],
    ['DK CPR', 'cpr 150384-1234'],
  ])('replaces national ids (%s)', (_label, text) => {
    const r = redact(text);
    expect(r.text).toContain('[national_id]');
    expect(r.redactions.national_id).toBe(1);
  });

  it('does not take a NIR with a wrong key', () => {
    expect(redact('dossier 2 84 12 75 116 001 74').redactions.national_id).toBeUndefined();
  });

  it('does not take a DNI with a wrong check letter', () => {
    expect(redact('ref 00000000A').redactions.national_id).toBeUndefined();
  });

  it('replaces URLs that carry secrets, keeps ordinary ones', () => {
    const r = redact(
      'see https://files.example.com/a.pdf?X-Amz-Signature=abc123 and ftp://admin:s3cret@10.0.0.2/x and https://example.org/menu?page=2',
    );
    expect(r.text).toBe('see [secret_url] and [secret_url] and https://example.org/menu?page=2');
    expect(r.redactions.secret_url).toBe(2);
  });

  it('leaves ordinary numbers alone', () => {
    const text = 'we were 4 friends in 2019, paid 1250 euros, ran 21.1 km in 1:45:10';
    expect(redact(text)).toEqual({ text, redactions: {} });
  });
});
