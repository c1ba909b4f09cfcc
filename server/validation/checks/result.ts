// Building blocks of a check's answer.
import type { CheckResult } from '../../../common/checks.js';

export const pass = (reason: string): CheckResult => ({ ok: true, reason });
export const fail = (reason: string): CheckResult => ({ ok: false, reason });
