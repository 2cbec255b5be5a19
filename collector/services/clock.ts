/** Injected everywhere time matters, so deadlines and expiries are testable. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
