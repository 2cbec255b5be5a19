/** California law counts days, and the §7102 report its years, in California. */
export const legalTimeZone = 'America/Los_Angeles';
