import { CAMPAIGN_SEARCH_ATTRIBUTES } from '@campaign/contracts';
import { Connection } from '@temporalio/client';

/** Temporal's numbers for the types our search attributes use (its IndexedValueType). */
const INDEXED_VALUE_TYPE = { TEXT: 1, KEYWORD: 2 } as const;

/**
 * Registers the campaign workflow's search attributes in the namespace when they are missing.
 * The dev server's `--search-attribute` flags take effect only on a fresh data folder: a stack
 * started again on data of a version without them would refuse every campaign's start.
 */
export async function ensureSearchAttributes(address: string, namespace = 'default') {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace,
    });
    const missing = Object.values(CAMPAIGN_SEARCH_ATTRIBUTES).filter(
      ({ name }) => !(customAttributes ?? {})[name],
    );
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map(({ name, type }) => [name, INDEXED_VALUE_TYPE[type]]),
      ),
    });
  } finally {
    await connection.close();
  }
}
