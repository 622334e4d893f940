import path from 'node:path';
import { repoRoot } from '../paths';

/** Each service owns one database; its schema lives beside the service's code. */
export const serviceDatabases = [
  { service: 'campaign', database: 'campaign' },
  { service: 'messaging', database: 'messaging' },
  { service: 'notifications', database: 'notifications' },
] as const;

export type ServiceName = (typeof serviceDatabases)[number]['service'];

export function migrationsDir(service: ServiceName): string {
  return path.join(repoRoot, 'services', service, 'prisma', 'migrations');
}
