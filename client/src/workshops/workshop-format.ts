// How a workshop's code and links are written for people: the code in groups of four (easier
// to read off a projector and type on a phone), and the join link of a code.
import { joinHash } from '../../../common/workshops';

export const spacedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

export const joinLink = (origin: string, code: string): string => `${origin}/${joinHash(code)}`;
