// Join codes: short, human, random (common/workshops.ts has the alphabet and length).
import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../common/workshops.js';

/** Each letter drawn uniformly by the system's CSPRNG (randomInt rejects biased draws). */
export function newJoinCode(draw: (below: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[draw(JOIN_CODE_ALPHABET.length)];
  return code;
}
