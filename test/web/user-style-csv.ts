/**
 * A "user-style" CSV, as people export them from spreadsheets: a BOM, CRLF line ends, quoted text with commas,
 * mixed text and number columns, a score, a model's predictions; generated from a seed (no checked-in blob).
 */
import { createRng, randomInt } from '../../src/rng.js';

export function userStyleCsv(seed: number, nRows: number): string {
  const rng = createRng(seed);
  const regions = ['North, inner', 'North, outer', 'South', '"East" side'];
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['applicant id,Region,Gender,Age (years),Income k€,Prior defaults,Score,Approved,Model A'];
  for (let i = 0; i < nRows; i++) {
    const region = regions[randomInt(rng, regions.length)];
    const gender = rng.next() < 0.45 ? 'female' : 'male';
    const age = 18 + randomInt(rng, 55);
    const income = (15 + 90 * rng.next()).toFixed(1);
    const defaults = randomInt(rng, 4);
    const p =
      0.25 +
      0.15 * (gender === 'male' ? 1 : 0) +
      0.004 * (age - 18) -
      0.08 * defaults +
      0.002 * Number(income);
    const approved = rng.next() < p ? 'yes' : 'no';
    const score = Math.min(1, Math.max(0, p + 0.2 * (rng.next() - 0.5)));
    const modelA = score > 0.45 ? 'yes' : 'no';
    lines.push(
      [
        `A-${1000 + i}`,
        quote(region),
        gender,
        age,
        income,
        defaults,
        score.toFixed(4),
        approved,
        modelA,
      ].join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
