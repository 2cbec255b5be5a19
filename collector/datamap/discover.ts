import type { Finding } from '../../shared/discovery.ts';
import type { Store } from '../../shared/datamap.ts';
import { readCatalog, type CatalogColumn, type CatalogTable } from './catalog.ts';
import { detectors } from './detectors/index.ts';
import { isTextType, type Detector } from './detectors/detector.ts';
import { sampleTable } from './sample.ts';
import type { OpenStore } from './stores.ts';

/** Whole values: a column holds a kind when at least this share of its sampled values are of it. */
const holdsShare = 0.5;
/** Above this share the values alone make the finding sure. */
const sureShare = 0.9;

export interface StoreDiscovery {
  store: Store;
  tables: CatalogTable[];
  findings: Finding[];
  /** Rows read from the store, over every table sampled. */
  rowsSampled: number;
}

/** Scans one store: its catalog, then a bounded random sample of every table, judged column by column. */
export async function discoverStore(open: OpenStore): Promise<StoreDiscovery> {
  const catalog = await readCatalog(open);
  const findings: Finding[] = [];
  let rowsSampled = 0;
  for (const table of catalog.values()) {
    const sample = await sampleTable(open, table);
    rowsSampled += Math.max(0, ...[...sample.values()].map((values) => values.length));
    for (const column of table.columns) {
      findings.push(...judgeColumn(open.store, table.name, column, sample.get(column.name) ?? []));
    }
  }
  return { store: open.store, tables: [...catalog.values()], findings, rowsSampled };
}

/** The findings of one column: each kind its name or values show, or the map's own declaration when none shows. */
export function judgeColumn(store: Store, table: string, column: CatalogColumn, values: string[]): Finding[] {
  const declared = store.tables[table]?.columns[column.name];
  const base = { store: store.id, table, column: column.name, mapped: declared !== undefined, sampled: values.length };
  const wholeValues = detectors.map((detector) => judgeWholeValues(detector, column, values)).filter((judged) => judged !== undefined);
  // Only text is free text: a timestamp's digits ("2026-11-03 12:…") are not a phone number inside a sentence.
  const judged = wholeValues.length > 0 || values.length === 0 || !isTextType(column.type) ? wholeValues : judgeFreeText(values);
  const findings = judged.map(({ detector, confidence, matched, inText }): Finding => ({
    ...base,
    kind: detector.kind,
    category: declared?.category ?? detector.category,
    ...optionalSensitive(declared ? declared.sensitive : detector.sensitive),
    confidence,
    inText,
    matched,
  }));
  if (findings.length === 0 && declared) {
    findings.push({ ...base, kind: 'declared', category: declared.category, ...optionalSensitive(declared.sensitive), confidence: 'declared', inText: false, matched: 0 });
  }
  return findings;
}

interface Judged { detector: Detector; confidence: Finding['confidence']; matched: number; inText: boolean }

function judgeWholeValues(detector: Detector, column: CatalogColumn, values: string[]): Judged | undefined {
  const named = detector.matchesName(column.name, column.type);
  const counts = detector.matchesValue && (named || !detector.valuesNeedName) && (isTextType(column.type) || !detector.valuesNeedText);
  const matched = counts ? values.filter((value) => detector.matchesValue!(value)).length : 0;
  const share = values.length > 0 ? matched / values.length : 0;
  const judged = (confidence: Finding['confidence']): Judged => ({ detector, confidence, matched, inText: false });
  if (share >= sureShare || (named && share >= holdsShare)) return judged('high');
  if (share >= holdsShare) return judged('medium');
  if (!named) return undefined;
  // Named for the kind: the values confirm it, were not there to look at, or cannot tell (a latitude is just a number).
  if (values.length === 0 || !detector.matchesValue) return judged('medium');
  return judged('low');
}

/** Free text: values that carry a kind somewhere inside, each candidate checked with the kind's own validator. */
function judgeFreeText(values: string[]): Judged[] {
  const judged: Judged[] = [];
  for (const detector of detectors) {
    if (!detector.inText || !detector.matchesValue) continue;
    const matched = values.filter((value) => [...value.matchAll(detector.inText!)].some(([candidate]) => detector.matchesValue!(candidate))).length;
    if (matched > 0) judged.push({ detector, confidence: matched / values.length >= 0.2 ? 'medium' : 'low', matched, inText: true });
  }
  return judged;
}

const optionalSensitive = (sensitive: Finding['sensitive']) => (sensitive ? { sensitive } : {});

/** Personal information the map does not declare: what fails a site's CI. */
export const unmapped = (findings: Finding[]) => findings.filter((finding) => !finding.mapped);
