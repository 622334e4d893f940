import type { PostInsights } from '../social-network';
import { listField } from './graph-fields';

/** The metrics asked for a post; `views` is what the API calls impressions since v22. */
export const POST_METRICS = ['reach', 'views', 'likes', 'comments'] as const;

/** An insights answer (`data: [{name, values: [{value}]}]` or `{name, total_value: {value}}`). */
export function readPostInsights(body: Record<string, unknown>): PostInsights {
  const values = new Map<string, number>();
  for (const metric of listField(body, 'data')) {
    if (typeof metric.name !== 'string') continue;
    values.set(metric.name, metricValue(metric));
  }
  return {
    reach: values.get('reach') ?? 0,
    impressions: values.get('views') ?? values.get('impressions') ?? 0,
    likes: values.get('likes') ?? 0,
    comments: values.get('comments') ?? 0,
  };
}

function metricValue(metric: Record<string, unknown>): number {
  const total = metric.total_value as { value?: unknown } | undefined;
  if (total && typeof total.value === 'number') return total.value;
  const values = metric.values;
  if (Array.isArray(values) && values.length > 0) {
    const last = values[values.length - 1] as { value?: unknown };
    if (typeof last?.value === 'number') return last.value;
  }
  return 0;
}
