import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  INFLUENCER_PROFILES_TOPIC,
  MESSAGING_EVENTS_TOPIC,
} from '@campaign/contracts';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { CampaignConfig } from '../../services/campaign/src/config';
import { WorkerConfig } from '../../services/campaign/src/worker/config';
import { MessagingConfig } from '../../services/messaging/src/config';
import { NotificationsConfig } from '../../services/notifications/src/config';
import { dataDir, repoRoot } from '../src/paths';
import { imageTools } from '../src/tools/image-tools';

// The images and the Helm chart, checked with the tools an operator's CI would use, offline:
// hadolint and checkov on the Dockerfiles; helm lint and helm template; every rendered manifest
// validated against the schemas of one Kubernetes version; checkov on the renderings; and the
// chart's promises (probes, autoscaling, budgets, policies, the migrations hook) read from them.
const exec = promisify(execFile);
const tools = imageTools();
const chart = path.join(repoRoot, 'deploy/helm/campaign-platform');
const dockerDir = path.join(repoRoot, 'deploy/docker');
const renderDir = path.join(dataDir('test'), 'helm');
/** The Kubernetes version the chart is rendered for and validated against. */
const KUBERNETES_VERSION = '1.33.0';
const checkovConfig = path.join(repoRoot, 'deploy/helm/checkov.yaml');

type Manifest = {
  kind: string;
  apiVersion: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
};

/** The value sets rendered: the defaults, a production-like release, and one on Temporal mTLS. */
const releases = {
  defaults: [] as string[],
  production: ['-f', path.join(chart, 'ci/production-values.yaml')],
  temporalMtls: [
    '-f',
    path.join(chart, 'ci/production-values.yaml'),
    '--set',
    'temporal.apiKey=false,temporal.tls.existingSecret=temporal-client,temporal.tls.clientCertificate=true,temporal.tls.ca=true',
  ],
};
type Release = keyof typeof releases;
const rendered = {} as Record<Release, { file: string; manifests: Manifest[] }>;

beforeAll(async () => {
  mkdirSync(renderDir, { recursive: true });
  for (const [release, args] of Object.entries(releases) as [Release, string[]][]) {
    const { stdout } = await exec(tools.helm, [
      'template',
      'campaigns',
      chart,
      '--namespace',
      'campaigns',
      '--kube-version',
      KUBERNETES_VERSION,
      ...args,
    ]);
    const file = path.join(renderDir, `${release}.yaml`);
    writeFileSync(file, stdout);
    const manifests = parseAllDocuments(stdout)
      .map((document) => document.toJSON() as Manifest | null)
      .filter((manifest): manifest is Manifest => manifest !== null);
    rendered[release] = { file, manifests };
  }
});

const dockerfiles = () => readdirSync(dockerDir).filter((file) => file.endsWith('.Dockerfile'));
const ofKind = (release: Release, kind: string) =>
  rendered[release].manifests.filter((manifest) => manifest.kind === kind);
const named = (release: Release, kind: string, name: string) => {
  const found = ofKind(release, kind).find((manifest) => manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the ${release} rendering`);
  return found;
};

describe('the images', () => {
  it('are one per process, each pinned, non-root and health-checked', () => {
    expect(dockerfiles().sort()).toEqual(
      ['campaign', 'messaging', 'notifications', 'web', 'worker'].map(
        (name) => `${name}.Dockerfile`,
      ),
    );
    for (const file of dockerfiles()) {
      const text = readFileSync(path.join(dockerDir, file), 'utf8');
      const stages = text.split(/^FROM /m).slice(1);
      expect(stages.length).toBeGreaterThanOrEqual(2);
      for (const stage of stages) expect(stage).toMatch(/^\S+:\d+\.\d+\.\d+-\S+/);
      const runtime = stages.at(-1)!;
      expect(runtime).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
      expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD .*healthz/m);
      if (file !== 'web.Dockerfile') {
        expect(text).toContain('pnpm install --frozen-lockfile');
        expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/\w+\.js"\]$/m);
        expect(runtime).not.toMatch(/tsx/);
      }
    }
  });

  it('pass hadolint with no finding at all', async () => {
    const files = dockerfiles().map((file) => path.join(dockerDir, file));
    const { stdout } = await exec(tools.hadolint, ['--failure-threshold', 'style', ...files]);
    expect(stdout).toBe('');
  });

  it('pass checkov with no failed check and no skip', async () => {
    const report = await checkov(['-d', dockerDir, '--framework', 'dockerfile']);
    expect(report.failed).toEqual([]);
    expect(report.resources).toBe(dockerfiles().length);
    expect(report.skipped).toBe(0);
  });
});

describe('the Helm chart', () => {
  it('lints, with the default and with production values', async () => {
    for (const args of Object.values(releases)) {
      const { stdout } = await exec(tools.helm, [
        'lint',
        chart,
        '--strict',
        '--kube-version',
        KUBERNETES_VERSION,
        ...args,
      ]);
      expect(stdout).toContain('0 chart(s) failed');
    }
  });

  it(`renders manifests that Kubernetes ${KUBERNETES_VERSION}'s schemas accept, strictly`, async () => {
    for (const release of Object.keys(releases) as Release[]) {
      const { stdout } = await exec(tools.kubernetesValidate, [
        '--kubernetes-version',
        KUBERNETES_VERSION,
        '--strict',
        '--no-warn',
        rendered[release].file,
      ]);
      // Every manifest but the KafkaTopics (Strimzi's resource: no schema offline; checked below).
      const kinds = rendered[release].manifests.filter(
        (manifest) => manifest.kind !== 'KafkaTopic',
      );
      expect(stdout.match(/ passed for resource /g) ?? []).toHaveLength(kinds.length);
      expect(stdout).not.toMatch(/ERROR|did not validate/);
    }
  });

  it('passes checkov on every rendering (its two skips explained in deploy/helm/checkov.yaml)', async () => {
    // Files, not the folder: checkov passes over folders under a hidden one (.data).
    const files = Object.values(rendered).flatMap(({ file }) => ['--file', file]);
    const report = await checkov([
      ...files,
      '--framework',
      'kubernetes',
      '--config-file',
      checkovConfig,
    ]);
    expect(report.failed).toEqual([]);
    // Every manifest of every rendering was scanned (checkov counts a pod's containers apart too).
    expect(report.resources).toBeGreaterThanOrEqual(
      Object.values(rendered).reduce((sum, { manifests }) => sum + manifests.length, 0),
    );
  });

  it('gives each process only variables of its config schema, every required one, all of them valid', () => {
    const schemas = {
      'campaigns-campaign': CampaignConfig,
      'campaigns-worker': WorkerConfig,
      'campaigns-messaging': MessagingConfig,
      'campaigns-notifications': NotificationsConfig,
    };
    for (const release of Object.keys(releases) as Release[]) {
      for (const [deployment, schema] of Object.entries(schemas)) {
        const env = environmentOf(release, deployment);
        const keys = Object.keys(schema.shape);
        expect({
          deployment,
          // OpenTelemetry's own variables are read by the tracing set-up, not the config schema.
          unknown: Object.keys(env).filter(
            (name) => !keys.includes(name) && !OPEN_TELEMETRY_VARIABLES.includes(name),
          ),
        }).toEqual({
          deployment,
          unknown: [],
        });
        const fields = schema.shape as Record<string, z.ZodType>;
        const required = keys.filter((key) => !fields[key]!.safeParse(undefined).success);
        expect(required.filter((key) => !(key in env))).toEqual([]);
        // Settings as rendered, secrets as an operator would fill them: the process would start.
        const parsed = schema.safeParse(env);
        expect({ deployment, release, issues: parsed.error?.issues ?? [] }).toEqual({
          deployment,
          release,
          issues: [],
        });
      }
    }
    // A managed cluster's settings reach the processes that use them.
    expect(environmentOf('production', 'campaigns-worker')).toMatchObject({
      TEMPORAL_TLS: 'true',
      TEMPORAL_API_KEY: 'secret:temporal-api-key',
      KAFKA_TLS: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_PASSWORD: 'secret:kafka-sasl-password',
      DATABASE_URL: 'postgresql://app:password@db.example:5432/campaign-db-app',
    });
    expect(environmentOf('temporalMtls', 'campaigns-campaign')).toMatchObject({
      TEMPORAL_TLS_CERT_PATH: '/etc/temporal-tls/tls.crt',
      TEMPORAL_TLS_KEY_PATH: '/etc/temporal-tls/tls.key',
      TEMPORAL_TLS_CA_PATH: '/etc/temporal-tls/ca.crt',
    });
  });

  it('runs every process with probes, resources, a disruption budget and a locked-down security context', () => {
    for (const release of Object.keys(releases) as Release[]) {
      const deployments = ofKind(release, 'Deployment');
      expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(
        ['campaign', 'messaging', 'notifications', 'web', 'worker'].map(
          (name) => `campaigns-${name}`,
        ),
      );
      for (const deployment of deployments) {
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const container of pod.containers) {
          expect(container.securityContext).toMatchObject({
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
          expect(container.livenessProbe.httpGet.path).toBe('/healthz');
          expect(container.readinessProbe.httpGet.path).toMatch(/^\/(readyz|healthz)$/);
          expect(container.resources.requests).toEqual(
            expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
          );
          expect(container.resources.limits.memory).toEqual(expect.any(String));
        }
        const budget = named(release, 'PodDisruptionBudget', deployment.metadata.name);
        expect(budget.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      }
    }
  });

  it("scales the services on CPU and the worker on its task queue's backlog", () => {
    for (const name of ['campaign', 'messaging', 'notifications', 'web']) {
      expect(
        named('defaults', 'HorizontalPodAutoscaler', `campaigns-${name}`).spec.metrics,
      ).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
    }
    expect(named('production', 'HorizontalPodAutoscaler', 'campaigns-worker').spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: 'campaigns-worker' },
      maxReplicas: 20,
      metrics: [
        {
          type: 'External',
          external: {
            metric: {
              name: 'temporal_approximate_backlog_count',
              selector: {
                matchLabels: { namespace: 'campaigns.a1b2c', task_queue: 'campaign-lifecycle' },
              },
            },
            target: { type: 'AverageValue', averageValue: '50' },
          },
        },
      ],
    });
  });

  it('migrates each database in a Job before every install and upgrade, with its service’s image', () => {
    for (const service of ['campaign', 'messaging', 'notifications']) {
      const job = named('production', 'Job', `campaigns-migrate-${service}`);
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const [container] = job.spec.template.spec.containers;
      expect(container.image).toBe(`registry.example.com/campaign-platform/${service}:0.1.0`);
      expect(container.command).toEqual(['node', 'dist/migrate.js', service]);
      expect(container.env).toEqual([
        {
          name: 'DATABASE_URL',
          valueFrom: { secretKeyRef: { name: `${service}-db-app`, key: 'uri' } },
        },
      ]);
    }
  });

  it('denies all traffic by default and opens only what each process uses', () => {
    const policies = ofKind('production', 'NetworkPolicy');
    const deny = named('production', 'NetworkPolicy', 'campaigns-default-deny');
    expect(deny.spec).toEqual({
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'campaign-platform',
          'app.kubernetes.io/instance': 'campaigns',
        },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
    const egressPorts = (name: string) =>
      named('production', 'NetworkPolicy', `campaigns-${name}`)
        .spec.egress.flatMap((rule: { ports: { port: number }[] }) =>
          rule.ports.map(({ port }) => port),
        )
        .sort((a: number, b: number) => a - b);
    // The campaign API reads and replays its worker's parked events: it reaches Kafka too.
    // The production values send traces to a collector (4318).
    expect(egressPorts('campaign')).toEqual([53, 53, 443, 4318, 5432, 7233, 9092, 9093]);
    expect(egressPorts('worker')).toEqual([53, 53, 443, 4318, 5432, 7233, 9092, 9093]);
    expect(egressPorts('messaging')).toEqual([53, 53, 4318, 5432, 9092, 9093]);
    expect(egressPorts('notifications')).toEqual([53, 53, 587, 4318, 5432, 9092, 9093]);
    expect(egressPorts('migrations')).toEqual([53, 53, 5432]);
    expect(named('production', 'NetworkPolicy', 'campaigns-web').spec.egress).toEqual([]);
    // Only the ingress controller reaches the services and the web app, on their ports; only
    // Prometheus reaches the metrics ports; nothing else reaches the worker.
    const fromIngress = [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ];
    const fromPrometheus = [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ];
    const ingress = (name: string) =>
      named('production', 'NetworkPolicy', `campaigns-${name}`).spec.ingress.map(
        (rule: { from: unknown; ports: { port: number }[] }) => ({
          from: rule.from,
          ports: rule.ports.map(({ port }) => port),
        }),
      );
    for (const [name, port] of [
      ['campaign', 3001],
      ['messaging', 3002],
      ['notifications', 3003],
    ] as const) {
      expect(ingress(name)).toEqual([
        { from: fromIngress, ports: [port] },
        { from: fromPrometheus, ports: [9464] },
      ]);
    }
    expect(ingress('web')).toEqual([{ from: fromIngress, ports: [8080] }]);
    expect(ingress('worker')).toEqual([{ from: fromPrometheus, ports: [9464, 9465] }]);
    expect(policies).toHaveLength(7);
  });

  it('routes /api/campaign, /api/messaging, /api/notifications to their services and / to the web app', () => {
    const routes = ofKind('production', 'Ingress').flatMap((ingress) =>
      ingress.spec.rules.flatMap(
        (rule: {
          host: string;
          http: { paths: { path: string; backend: { service: { name: string } } }[] };
        }) => rule.http.paths.map((route) => [rule.host, route.path, route.backend.service.name]),
      ),
    );
    expect(routes).toEqual([
      ['campaigns.example.com', '/api/campaign(/|$)(.*)', 'campaigns-campaign'],
      ['campaigns.example.com', '/api/messaging(/|$)(.*)', 'campaigns-messaging'],
      ['campaigns.example.com', '/api/notifications(/|$)(.*)', 'campaigns-notifications'],
      ['campaigns.example.com', '/', 'campaigns-web'],
    ]);
    expect(named('production', 'Ingress', 'campaigns-api').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
    });
  });

  it('declares the platform’s Kafka topics for Strimzi with three replicas, two in sync', () => {
    expect(ofKind('defaults', 'KafkaTopic')).toEqual([]);
    const topics = ofKind('production', 'KafkaTopic');
    // Every topic the contracts name: a new one must be declared here too.
    expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual(
      [
        CAMPAIGN_EVENTS_TOPIC,
        INFLUENCER_PROFILES_TOPIC,
        MESSAGING_EVENTS_TOPIC,
        ACCOUNTS_TOPIC,
      ].sort(),
    );
    for (const topic of topics) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('campaign-kafka');
      expect(topic.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': 2 } });
    }
  });
});

/** The standard variables `startTracing` reads (packages/service-runtime/src/tracing/). */
const OPEN_TELEMETRY_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT'];

/**
 * A Deployment's container environment: its ConfigMap's data and its env, secrets filled with
 * values of the right form (named `secret:<key>` where the schema takes any string).
 */
function environmentOf(release: Release, deploymentName: string): Record<string, string> {
  const [container] = named(release, 'Deployment', deploymentName).spec.template.spec.containers;
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    Object.assign(env, named(release, 'ConfigMap', source.configMapRef.name).data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else {
      const { name, key } = variable.valueFrom.secretKeyRef;
      env[variable.name] = secretLike(variable.name, key, name);
    }
  }
  return env;
}

function secretLike(variable: string, key: string, secret: string): string {
  switch (variable) {
    case 'DATABASE_URL':
      return `postgresql://app:password@db.example:5432/${secret}`;
    case 'SOCIAL_TOKEN_KEY':
    case 'SOCIAL_TOKEN_PREVIOUS_KEYS':
      return Buffer.alloc(32, 7).toString('base64');
    case 'AUTH_SECRET':
      return 'x'.repeat(48);
    default:
      return secret === 'campaign-platform-secrets' || secret.endsWith('-secrets')
        ? `secret:${key}`
        : `secret:${secret}/${key}`;
  }
}

/** checkov's JSON report, whatever its exit code (non-zero when a check failed). */
async function checkov(args: string[]) {
  const { stdout } = await exec(
    tools.checkov,
    ['--output', 'json', '--quiet', '--compact', '--skip-download', ...args],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  // One report per framework; a scan that found nothing to check is its summary alone.
  const reports = ([] as CheckovReport[]).concat(JSON.parse(stdout) as CheckovReport);
  const summaries = reports.map((report) => report.summary ?? (report as unknown as Summary));
  return {
    failed: reports.flatMap((report) =>
      (report.results?.failed_checks ?? []).map((check) => `${check.check_id} ${check.resource}`),
    ),
    resources: summaries.reduce((sum, summary) => sum + summary.resource_count, 0),
    passed: summaries.reduce((sum, summary) => sum + summary.passed, 0),
    skipped: summaries.reduce((sum, summary) => sum + summary.skipped, 0),
  };
}

type Summary = { passed: number; failed: number; skipped: number; resource_count: number };
type CheckovReport = {
  results?: { failed_checks: { check_id: string; resource: string }[] };
  summary?: Summary;
};
