import { hasWord, isNumericType, type Detector } from './detector.ts';

/** Four decimals of a degree is about 11 m: precise enough to find a home (§1798.140(w): within 1,850 ft). */
const precise = String.raw`-?\d{1,3}\.\d{4,}`;
const pair = new RegExp(String.raw`^\(?\s*(${precise})\s*[,; ]\s*(${precise})\s*\)?$`);

function isPrecisePair(value: string): boolean {
  const parts = pair.exec(value.trim());
  if (!parts) return false;
  const [lat, lon] = [Number(parts[1]), Number(parts[2])];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/** A latitude or longitude column: its values are precise when they carry 4 decimals or more. */
export const coordinateColumnWords = ['lat', 'latitude', 'lon', 'lng', 'long', 'longitude'];

export const coordinates: Detector = {
  kind: 'coordinates',
  category: 'geolocation',
  sensitive: 'precise-geolocation',
  matchesName: (name, type) => (isNumericType(type) && hasWord(name, coordinateColumnWords)) || type === 'point' || hasWord(name, ['geolocation', 'latlng', 'latlon']),
  /** A pair is precise wherever it sits; a lone number only says so in a column named for it, which the name finds. */
  matchesValue: (value) => isPrecisePair(value),
  inText: new RegExp(String.raw`${precise}\s*,\s*${precise}`, 'g'),
};
