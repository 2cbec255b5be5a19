import { isIP } from 'node:net';
import { hasWord, type Detector } from './detector.ts';

export const ip: Detector = {
  kind: 'ip-address',
  category: 'identifiers',
  matchesName: (name, type) => type === 'inet' || hasWord(name, ['ip', 'ipv4', 'ipv6', 'ip_address']) || /ip_?addr/.test(name.toLowerCase()),
  matchesValue: (value) => isIP(value.trim().replace(/\/\d{1,3}$/, '')) !== 0,
  inText: /\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b/g,
};
