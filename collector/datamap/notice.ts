import type { CordonConfig, Site } from '../../shared/config.ts';
import type { ColumnSpec, SensitiveKind, TableMap } from '../../shared/datamap.ts';
import { Notice, type NoticeRetention } from '../../shared/notice.ts';

/** A column's source when the map names none: the consumer gave it. */
const defaultSource = 'the consumer';

/** What the columns of one category say, gathered over every store. */
interface Gathered { sensitive: Set<SensitiveKind>; sources: Set<string>; purposes: Set<string>; retention: Map<string, NoticeRetention> }

/** The notice's data section, from every store's columns and the site's vendors and the partners. */
export function buildNotice(config: CordonConfig, site: Site): Notice {
  const byCategory = new Map<ColumnSpec['category'], Gathered>();
  for (const store of config.stores) {
    for (const table of Object.values(store.tables)) {
      for (const column of Object.values(table.columns)) {
        let entry = byCategory.get(column.category);
        if (!entry) byCategory.set(column.category, entry = { sensitive: new Set(), sources: new Set(), purposes: new Set(), retention: new Map() });
        addColumn(entry, column, retentionOf(table));
      }
    }
  }
  const categories = [...byCategory].map(([category, entry]) => ({
    category, sensitive: sorted(entry.sensitive), sources: sorted(entry.sources), purposes: sorted(entry.purposes), retention: [...entry.retention.values()],
  }));
  const recipients = [
    ...site.vendors.map((vendor) => ({ name: vendor.name, sold: vendor.purposes.includes('sale'), shared: vendor.purposes.includes('sharing') })),
    ...config.partners.map((partner) => ({ name: partner.id, sold: partner.signals.includes('sale'), shared: partner.signals.includes('sharing') })),
  ].filter((recipient) => recipient.sold || recipient.shared);
  return Notice.parse({
    site: site.id,
    categories: categories.sort((a, b) => a.category.localeCompare(b.category)),
    sensitive: sorted(new Set(categories.flatMap((category) => category.sensitive))),
    sources: sorted(new Set(categories.flatMap((category) => category.sources))),
    purposes: sorted(new Set(categories.flatMap((category) => category.purposes))),
    sold: recipients.some((recipient) => recipient.sold),
    shared: recipients.some((recipient) => recipient.shared),
    recipients,
  });
}

function addColumn(entry: Gathered, column: ColumnSpec, retention: NoticeRetention) {
  if (column.sensitive) entry.sensitive.add(column.sensitive);
  entry.sources.add(column.source ?? defaultSource);
  if (column.purpose) entry.purposes.add(column.purpose);
  entry.retention.set(JSON.stringify(retention), retention);
}

/** A retained table keeps its rows for its years; any other is kept until the consumer asks for deletion. */
function retentionOf(table: TableMap): NoticeRetention {
  return typeof table.onDelete === 'object' && 'retain' in table.onDelete
    ? { years: table.onDelete.retain.years, basis: table.onDelete.retain.basis }
    : { until: 'deletion' };
}

const sorted = <T extends string>(values: Set<T>): T[] => [...values].sort();
