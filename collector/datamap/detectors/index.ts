import { birthDate } from './birthdate.ts';
import { card } from './card.ts';
import { coordinates } from './coordinates.ts';
import type { Detector } from './detector.ts';
import { email } from './email.ts';
import { ip } from './ip.ts';
import { phone } from './phone.ts';
import { ssn } from './ssn.ts';

/** Every kind discovery looks for; the stricter validators first, so a value is counted for the kind it most surely is. */
export const detectors: readonly Detector[] = [card, ssn, email, ip, coordinates, phone, birthDate];
