import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SUBGRAPH_NAMES, loadConfig } from '../../core/config';
import { PROJECT_ROOT } from '../../core/paths';
import { FORCED_EXIT_MS } from '../../core/process';
import { migrateAll } from '../../hub/hub';
import { loadValidatedSeeds, validateSeeds } from '../../hub/seed';
import { SUBGRAPHS } from '../../subgraphs';
import { createTestDatabase, queryRows } from '../helpers/database';
import { readCompose, readDockerfile } from '../helpers/split-deployment';

/**
 * deploy/kubernetes, without a cluster: every overlay is rendered with `kubectl kustomize`, every object is checked
 * against the Kubernetes API schemas (kubernetes-models; the CloudNativePG Cluster against its CRD's schema), and
 * against the code and the other deployment files: the environment each service gets is what core/config.ts
 * reads and accepts, ports and probes are the ones the services listen on, commands are docker-compose.yml's,
 * the image is one image, pods are non-root on a read-only root file system, termination outlasts the drain,
 * and the network policies let only the gateway (and sibling subgraphs) reach the subgraphs and only the
 * services reach PostgreSQL.
 */

const KUBE_DIR = path.join(PROJECT_ROOT, 'deploy', 'kubernetes');
const OVERLAYS = ['production', 'local'] as const;
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

function render(overlay: string): Obj[] {
  const out = execFileSync('kubectl', ['kustomize', path.join(KUBE_DIR, 'overlays', overlay)], { encoding: 'utf8' });
  return YAML.parseAllDocuments(out)
    .map((doc) => doc.toJS() as Obj)
    .filter(Boolean);
}

/** The variables core/config.ts reads: the keys of its envSchema. */
function variablesTheCodeReads(): Set<string> {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, 'core', 'config.ts'), 'utf8');
  const body = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!body) throw new Error('cannot find envSchema in core/config.ts');
  return new Set([...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]));
}

/** The Secrets of secret.example.yaml: the names and keys an operator creates. */
const exampleSecrets = new Map(
  YAML.parseAllDocuments(fs.readFileSync(path.join(KUBE_DIR, 'secret.example.yaml'), 'utf8'))
    .map((doc) => doc.toJS() as Obj)
    .map((s) => [s.metadata.name, s as Obj & { stringData: Record<string, string> }]),
);

/** kustomize's generated names end in -<10-character hash>. */
const generatedFrom = (name: string) => name.replace(/-[a-z0-9]{10}$/, '');

function secretValue(objects: Obj[], name: string, key: string): string {
  const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  if (rendered) {
    if (rendered.stringData?.[key] !== undefined) return rendered.stringData[key];
    if (rendered.data?.[key] === undefined) throw new Error(`Secret ${name} has no key ${key}`);
    return Buffer.from(rendered.data[key], 'base64').toString('utf8');
  }
  const example = exampleSecrets.get(generatedFrom(name));
  if (example?.stringData?.[key] === undefined) throw new Error(`Secret ${name} (key ${key}) is neither in the overlay nor in secret.example.yaml`);
  return example.stringData[key];
}

type Container = { name: string; image: string; command?: string[]; env?: any[]; envFrom?: any[]; ports?: any[]; [key: string]: any };

/** A container's environment as the process sees it: the image's ENV, then envFrom, then env. */
function environmentOf(objects: Obj[], container: Container, imageEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv };
  const configMap = (name: string) => {
    const found = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    if (!found) throw new Error(`${container.name}: ConfigMap ${name} is not in the overlay`);
    return found.data as Record<string, string>;
  };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configMap(source.configMapRef.name));
    else throw new Error(`${container.name}: envFrom other than a ConfigMap (${JSON.stringify(source)}): name the Secret keys one by one`);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = String(variable.value);
    else if (variable.valueFrom?.secretKeyRef) env[variable.name] = secretValue(objects, variable.valueFrom.secretKeyRef.name, variable.valueFrom.secretKeyRef.key);
    else if (variable.valueFrom?.configMapKeyRef) env[variable.name] = configMap(variable.valueFrom.configMapKeyRef.name)[variable.valueFrom.configMapKeyRef.key];
    else throw new Error(`${container.name}: ${variable.name} comes from ${JSON.stringify(variable.valueFrom)}, which this test does not resolve`);
  }
  return env;
}

/** The names a container's environment sets (not the image's). */
function namesSetBy(objects: Obj[], container: Container): string[] {
  const names = (container.env ?? []).map((v: { name: string }) => v.name);
  for (const source of container.envFrom ?? []) {
    const found = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef?.name);
    names.push(...Object.keys(found?.data ?? {}));
  }
  return names;
}

function secretRef(container: Container, variable: string): { name: string; key: string } | undefined {
  return container.env?.find((v: { name: string }) => v.name === variable)?.valueFrom?.secretKeyRef;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

function labelSelector(selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined): Record<string, string> {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions in a NetworkPolicy: this test evaluates matchLabels only');
  return selector?.matchLabels ?? {};
}

/**
 * Whether the overlay's NetworkPolicies let a pod with `from` labels (in the same namespace; `{}` and
 * `external: true` for a client outside it) open `port` on a pod with `to` labels. Kubernetes semantics: a pod
 * selected by no ingress policy accepts everything; otherwise the union of the selecting policies' rules.
 */
function ingressAllowed(objects: Obj[], to: { labels: Record<string, string>; ports: Record<string, number> }, from: { labels: Record<string, string>; external?: boolean }, port: number): boolean {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && o.spec.policyTypes?.includes('Ingress') && matches(labelSelector(o.spec.podSelector), to.labels));
  if (!policies.length) return true;
  return policies.some((policy) =>
    (policy.spec.ingress ?? []).some((rule: any) => {
      const portOk = !rule.ports?.length || rule.ports.some((p: { port?: number | string }) => p.port === undefined || (typeof p.port === 'number' ? p.port : to.ports[p.port]) === port);
      const peerOk =
        !rule.from?.length ||
        rule.from.some((peer: any) => {
          if (peer.ipBlock) return from.external;
          if (peer.namespaceSelector) return false; // another namespace (the CloudNativePG operator's): not one of ours
          return !from.external && matches(labelSelector(peer.podSelector), from.labels);
        });
      return portOk && peerOk;
    }),
  );
}

const dockerfile = readDockerfile();
const runtimeStage = dockerfile.at(-1)!;
const compose = readCompose();
const READ = variablesTheCodeReads();
const WAIT_SCRIPT = path.join(KUBE_DIR, 'base', 'wait-for-migrations.cjs');

describe.skipIf(!hasKubectl)(hasKubectl ? 'deploy/kubernetes' : 'deploy/kubernetes (skipped: kubectl is not installed, so the overlays cannot be rendered)', () => {
  it('knows which variables the code reads', () => {
    for (const name of ['DATABASE_URL', 'SUBGRAPH_SIGNING_SECRET', 'GATEWAY_PORT', 'PARTNERS_URL', 'JWT_PUBLIC_KEY_FILE']) expect(READ.has(name), name).toBe(true);
  });

  describe.each(OVERLAYS)('the %s overlay', (overlay) => {
    let objects: Obj[];
    let deployments: Obj[];
    let job: Obj;
    beforeAll(() => {
      objects = render(overlay);
      deployments = objects.filter((o) => o.kind === 'Deployment');
      job = objects.find((o) => o.kind === 'Job' && o.metadata.name === 'ketenkaart-migrate')!;
    });
    const deployment = (name: string) => {
      const found = deployments.find((d) => d.metadata.name === name);
      if (!found) throw new Error(`no Deployment ${name}`);
      return found;
    };
    const mainContainer = (workload: Obj) => workload.spec.template.spec.containers[0] as Container;
    const workloads = () => [...deployments, job];
    const allContainers = () =>
      workloads().flatMap((w) => [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers].map((c: Container) => ({ workload: w, container: c })));

    it('renders the services, the Job and the database, all in one namespace', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['gateway', ...SUBGRAPH_NAMES].sort());
      expect(job, 'the migrate Job').toBeDefined();
      expect(objects.filter((o) => o.kind === 'Cluster').map((o) => o.metadata.name)).toEqual(['ketenkaart-db']);
      expect(objects.filter((o) => o.kind === 'StatefulSet'), 'PostgreSQL is the operator’s, not a home-made StatefulSet').toEqual([]);
      for (const o of objects.filter((o) => o.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('ketenkaart');
    });

    it('validates every object against the Kubernetes API schemas', async () => {
      const [core, apps, batch, autoscaling, policy, networking, cnpg] = await Promise.all([
        import('kubernetes-models/v1'),
        import('kubernetes-models/apps/v1'),
        import('kubernetes-models/batch/v1'),
        import('kubernetes-models/autoscaling/v2'),
        import('kubernetes-models/policy/v1'),
        import('kubernetes-models/networking.k8s.io/v1'),
        import('@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1'),
      ]);
      const models: Record<string, new (data: any) => { validate(): void }> = {
        'v1/Namespace': core.Namespace,
        'v1/ServiceAccount': core.ServiceAccount,
        'v1/ConfigMap': core.ConfigMap,
        'v1/Secret': core.Secret,
        'v1/Service': core.Service,
        'apps/v1/Deployment': apps.Deployment,
        'batch/v1/Job': batch.Job,
        'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
        'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
        'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
        // The CRD's OpenAPI schema, as @kubernetes-models/cloudnative-pg ships it.
        'postgresql.cnpg.io/v1/Cluster': cnpg.Cluster,
      };
      for (const o of objects) {
        const Model = models[`${o.apiVersion}/${o.kind}`];
        expect(Model, `a schema for ${o.apiVersion} ${o.kind}`).toBeDefined();
        // kustomize wraps long base64 values of a generated Secret at 76 characters; the API server's decoder
        // ignores the line breaks, the library's `byte` format does not.
        const data = o.kind === 'Secret' && o.data ? Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/\s/g, '')])) : o.data;
        expect(() => new Model({ ...o, ...(data ? { data } : {}) }).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
      }
    });

    it('runs one image, tagged by the overlay, with the entry points of docker-compose.yml', () => {
      const images = new Set(allContainers().map(({ container }) => container.image));
      expect(images.size, [...images].join(', ')).toBe(1);
      expect([...images][0], 'the overlay names a tag or digest').toMatch(/^[^:@]+(:[\w.-]+|@sha256:[0-9a-f]{64}|@sha256:…)$/);
      for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
        expect(mainContainer(deployment(name)).command, name).toEqual(compose.services[name].command);
      }
      expect(mainContainer(job).command).toEqual(compose.services.migrate.command);
      // The entry points are in the image: the Dockerfile's runtime stage copies dist/ to /app (its WORKDIR).
      expect(runtimeStage.copies.some((c) => c.from && c.sources.includes('/app/dist'))).toBe(true);
    });

    it('sets only variables the code reads, with values it accepts, and everything each service needs', () => {
      const urlOfService = (name: string) => {
        const container = mainContainer(deployment(name));
        const service = objects.find((o) => o.kind === 'Service' && matches(o.spec.selector, deployment(name).spec.template.metadata.labels))!;
        expect(service, `a Service for ${name}`).toBeDefined();
        const port = service.spec.ports[0];
        const target = typeof port.targetPort === 'string' ? container.ports!.find((p) => p.name === port.targetPort)?.containerPort : port.targetPort;
        expect(target, `${service.metadata.name} targets ${name}'s port`).toBe(container.ports![0].containerPort);
        return `http://${service.metadata.name}:${port.port}/graphql`;
      };
      for (const { workload, container } of allContainers()) {
        const label = `${workload.metadata.name}/${container.name}`;
        const unknown = namesSetBy(objects, container).filter((n) => !READ.has(n));
        expect(unknown, `${label}: variables core/config.ts does not read`).toEqual([]);
        expect(() => loadConfig(environmentOf(objects, container, runtimeStage.env)), label).not.toThrow();
      }
      const gatewayContainer = mainContainer(deployment('gateway'));
      const gateway = loadConfig(environmentOf(objects, gatewayContainer, runtimeStage.env));
      expect(gateway.env).toBe('production');
      expect(gateway.host, 'listens on the pod IP').toBe('0.0.0.0');
      expect(gateway.signingSecret).toBeDefined();
      expect(gateway.databaseUrl, 'the gateway has no database').toBeUndefined();
      expect(gateway.jwt.jwksUrl ?? gateway.jwt.publicKeyFile, 'JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE').toBeDefined();
      if (!gateway.jwt.jwksUrl) {
        // The key file is a mounted Secret item.
        const file = gateway.jwt.publicKeyFile!;
        const mount = gatewayContainer.volumeMounts?.find((m: { mountPath: string }) => file.startsWith(`${m.mountPath}/`));
        expect(mount, `a volume mounted over ${file}`).toBeDefined();
        const volume = deployment('gateway').spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name);
        expect(volume.secret?.items?.map((i: { path: string }) => i.path), 'from a Secret').toContain(path.posix.relative(mount.mountPath, file));
        const key = volume.secret.items.find((i: { path: string }) => i.path === path.posix.relative(mount.mountPath, file)).key;
        expect(Object.keys(exampleSecrets.get(volume.secret.secretName)?.stringData ?? {}), 'secret.example.yaml shows the key').toContain(key);
      }
      const signing = secretRef(gatewayContainer, 'SUBGRAPH_SIGNING_SECRET');
      expect(signing).toBeDefined();
      for (const name of SUBGRAPH_NAMES) {
        expect(gateway.subgraphs[name].url, `the gateway reaches ${name}`).toBe(urlOfService(name));
        const container = mainContainer(deployment(name));
        const subgraph = loadConfig(environmentOf(objects, container, runtimeStage.env));
        expect(subgraph.env).toBe('production');
        expect(subgraph.host).toBe('0.0.0.0');
        expect(subgraph.databaseUrl, `${name}: DATABASE_URL`).toBeDefined();
        expect(secretRef(container, 'SUBGRAPH_SIGNING_SECRET'), `${name} and the gateway share the signing secret`).toEqual(signing);
        expect(secretRef(container, 'DATABASE_URL')?.key, `${name} connects as the services' role`).toBe('database-url-runtime');
        expect(namesSetBy(objects, container), `${name} has no owner URL`).not.toContain('DATABASE_OWNER_URL');
        for (const peer of SUBGRAPH_NAMES) expect(subgraph.subgraphs[peer].url, `${name} reaches ${peer}`).toBe(gateway.subgraphs[peer].url);
      }
      const migrate = loadConfig(environmentOf(objects, mainContainer(job), runtimeStage.env));
      expect(migrate.databaseUrl, 'the Job uses DATABASE_URL (unset, it would start an embedded database)').toBeDefined();
      expect(migrate.databaseOwnerUrl, 'the Job migrates as the owner').toBeDefined();
      expect(secretRef(mainContainer(job), 'DATABASE_OWNER_URL')?.key, 'the Job connects as the owner').toBe('database-url-owner');
      expect(secretRef(mainContainer(job), 'DATABASE_URL'), 'and grants the services’ role').toEqual(secretRef(mainContainer(deployment('partners')), 'DATABASE_URL'));
      const owners = allContainers().filter(({ container }) => secretRef(container, 'DATABASE_OWNER_URL') || namesSetBy(objects, container).includes('DATABASE_OWNER_URL'));
      expect(owners.map(({ workload }) => workload.metadata.name), 'only the Job has the owner’s URL').toEqual(['ketenkaart-migrate']);
      expect(secretRef(mainContainer(job), 'SUBGRAPH_SIGNING_SECRET'), 'the Job needs no signing secret').toBeUndefined();
    });

    it('declares the owner and the runtime role in the CloudNativePG Cluster, matching the URLs', () => {
      const cluster = objects.find((o) => o.kind === 'Cluster')!;
      const owner = cluster.spec.bootstrap.initdb.owner;
      const database = cluster.spec.bootstrap.initdb.database;
      const runtime = cluster.spec.managed.roles.find((r: { name: string }) => r.name !== owner);
      expect(runtime, 'a managed runtime role').toMatchObject({ ensure: 'present', login: true, superuser: false, createdb: false, createrole: false, replication: false, bypassrls: false });
      expect(cluster.spec.enableSuperuserAccess).toBe(false);
      const secretOf = (name: string) => objects.find((o) => o.kind === 'Secret' && o.metadata.name === name) ?? exampleSecrets.get(name);
      const basicAuth = (name: string) => {
        const s = secretOf(name)!;
        expect(s, `Secret ${name}`).toBeDefined();
        expect(s.type).toBe('kubernetes.io/basic-auth');
        const get = (k: string) => s.stringData?.[k] ?? Buffer.from(s.data[k], 'base64').toString('utf8');
        return { username: get('username'), password: get('password') };
      };
      const ownerAuth = basicAuth(cluster.spec.bootstrap.initdb.secret.name);
      const runtimeAuth = basicAuth(runtime.passwordSecret.name);
      expect(ownerAuth.username).toBe(owner);
      expect(runtimeAuth.username).toBe(runtime.name);
      const jobRef = secretRef(mainContainer(job), 'DATABASE_OWNER_URL')!;
      const ownerUrl = new URL(secretValue(objects, jobRef.name, jobRef.key));
      expect([ownerUrl.username, ownerUrl.hostname, ownerUrl.port, ownerUrl.pathname]).toEqual([owner, `${cluster.metadata.name}-rw`, '5432', `/${database}`]);
      if (overlay === 'local') expect(decodeURIComponent(ownerUrl.password), 'the URL has the owner’s password').toBe(ownerAuth.password);
      const subgraphRef = secretRef(mainContainer(deployment('partners')), 'DATABASE_URL')!;
      const runtimeUrl = new URL(secretValue(objects, subgraphRef.name, subgraphRef.key));
      expect([runtimeUrl.username, runtimeUrl.hostname, runtimeUrl.port, runtimeUrl.pathname]).toEqual([runtime.name, `${cluster.metadata.name}-rw`, '5432', `/${database}`]);
      if (overlay === 'local') expect(decodeURIComponent(runtimeUrl.password), 'the URL has the services’ role’s password').toBe(runtimeAuth.password);
    });

    it('listens, probes and exposes the port each service is configured with', () => {
      for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
        const container = mainContainer(deployment(name));
        const config = loadConfig(environmentOf(objects, container, runtimeStage.env));
        const port = name === 'gateway' ? config.gatewayPort : config.subgraphs[name as (typeof SUBGRAPH_NAMES)[number]].port;
        expect(container.ports!.map((p) => p.containerPort), name).toEqual([port]);
        const portOf = (probe: { httpGet: { port: number | string } }) =>
          typeof probe.httpGet.port === 'number' ? probe.httpGet.port : container.ports!.find((p) => p.name === probe.httpGet.port)?.containerPort;
        expect([container.readinessProbe?.httpGet?.path, portOf(container.readinessProbe)], `${name} readiness`).toEqual(['/ready', port]);
        expect([container.livenessProbe?.httpGet?.path, portOf(container.livenessProbe)], `${name} liveness`).toEqual(['/health', port]);
        if (container.startupProbe) expect([container.startupProbe.httpGet?.path, portOf(container.startupProbe)], `${name} startup`).toEqual(['/health', port]);
      }
    });

    it('runs every container as a non-root user on a read-only root file system, with a writable /tmp', () => {
      // The image runs as `USER node` (uid 1000 in the node images): numeric here, so that runAsNonRoot can be checked.
      expect(fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m);
      for (const workload of workloads()) {
        const pod = workload.spec.template.spec;
        expect(pod.securityContext, workload.metadata.name).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.automountServiceAccountToken, `${workload.metadata.name}: no API token`).toBe(false);
        for (const container of [...(pod.initContainers ?? []), ...pod.containers] as Container[]) {
          const label = `${workload.metadata.name}/${container.name}`;
          expect(container.securityContext, label).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
          expect(container.securityContext.runAsUser ?? 1000, label).not.toBe(0);
          const tmp = container.volumeMounts?.find((m: { mountPath: string }) => m.mountPath === '/tmp');
          expect(pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir, `${label}: /tmp is an emptyDir`).toBeDefined();
          for (const kind of ['requests', 'limits']) for (const resource of ['cpu', 'memory']) expect(container.resources?.[kind]?.[resource], `${label}: ${kind}.${resource}`).toBeDefined();
        }
      }
    });

    it('gives every service longer than its drain before the SIGKILL', () => {
      for (const d of deployments) {
        const pod = d.spec.template.spec;
        const preStop: string[] = pod.containers[0].lifecycle?.preStop?.exec?.command ?? [];
        const pauseMs = Number(/setTimeout\([^,]+,\s*(\d+)\)/.exec(preStop.join(' '))?.[1] ?? 0);
        if (preStop.length) expect(preStop[0], 'the preStop command exists in the image').toBe('node');
        // After SIGTERM a service exits at the latest FORCED_EXIT_MS later (the 10 s drain and its shutdown).
        expect({ name: d.metadata.name, outlastsTheDrain: pod.terminationGracePeriodSeconds * 1000 > pauseMs + FORCED_EXIT_MS }).toEqual({ name: d.metadata.name, outlastsTheDrain: true });
      }
    });

    it('starts no subgraph before the migrate Job has done its work', () => {
      const scripts = objects.find((o) => o.kind === 'ConfigMap' && generatedFrom(o.metadata.name) === 'ketenkaart-wait-for-migrations')!;
      expect(scripts.data['wait-for-migrations.cjs']).toBe(fs.readFileSync(WAIT_SCRIPT, 'utf8'));
      for (const name of SUBGRAPH_NAMES) {
        const pod = deployment(name).spec.template.spec;
        const wait = pod.initContainers?.find((c: Container) => c.name === 'wait-for-migrations');
        expect(wait, name).toBeDefined();
        const mount = wait.volumeMounts.find((m: { mountPath: string }) => wait.command[1].startsWith(`${m.mountPath}/`));
        expect(pod.volumes.find((v: { name: string }) => v.name === mount?.name)?.configMap?.name, `${name}: the script is mounted`).toBe(scripts.metadata.name);
        expect(wait.command).toEqual(['node', `${mount.mountPath}/wait-for-migrations.cjs`]);
        expect(secretRef(wait, 'DATABASE_URL'), `${name}: waits on the database it will use`).toEqual(secretRef(mainContainer(deployment(name)), 'DATABASE_URL'));
      }
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(job.spec.backoffLimit).toBeGreaterThan(0);
    });

    it('lets only the gateway and sibling subgraphs reach a subgraph, and only the services (the gateway to LISTEN) reach PostgreSQL', () => {
      const podOf = (name: string) => ({ labels: deployment(name).spec.template.metadata.labels, ports: { http: mainContainer(deployment(name)).ports![0].containerPort } });
      const gateway = podOf('gateway');
      const migrate = { labels: job.spec.template.metadata.labels };
      const client = { labels: {}, external: true };
      const postgres = { labels: { 'cnpg.io/cluster': objects.find((o) => o.kind === 'Cluster')!.metadata.name }, ports: {} };
      expect(objects.some((o) => o.kind === 'NetworkPolicy' && Object.keys(o.spec.podSelector ?? {}).length === 0 && !o.spec.ingress), 'a default deny').toBe(true);
      expect(ingressAllowed(objects, gateway, client, 4000), 'clients reach the gateway').toBe(true);
      for (const name of SUBGRAPH_NAMES) {
        const subgraph = podOf(name);
        const port = subgraph.ports.http;
        expect(ingressAllowed(objects, subgraph, gateway, port), `gateway → ${name}`).toBe(true);
        for (const peer of SUBGRAPH_NAMES) expect(ingressAllowed(objects, subgraph, podOf(peer), port), `${peer} → ${name}`).toBe(true);
        expect(ingressAllowed(objects, subgraph, client, port), `client → ${name}`).toBe(false);
        expect(ingressAllowed(objects, subgraph, { labels: { app: 'other' } }, port), `another pod → ${name}`).toBe(false);
        expect(ingressAllowed(objects, subgraph, migrate, port), `migrate → ${name}`).toBe(false);
        expect(ingressAllowed(objects, postgres, subgraph, 5432), `${name} → PostgreSQL`).toBe(true);
      }
      expect(ingressAllowed(objects, postgres, migrate, 5432), 'migrate → PostgreSQL').toBe(true);
      // The gateway listens for change notifications (its response cache), and runs no other SQL.
      expect(ingressAllowed(objects, postgres, gateway, 5432), 'gateway → PostgreSQL').toBe(true);
      expect(ingressAllowed(objects, postgres, client, 5432), 'client → PostgreSQL').toBe(false);
      expect(ingressAllowed(objects, postgres, { labels: { app: 'other' } }, 5432), 'another pod → PostgreSQL').toBe(false);
    });

    it('autoscales and protects the gateway and the read-heavy subgraphs', () => {
      const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
      const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
      for (const hpa of hpas) expect(deployments.map((d) => d.metadata.name), `${hpa.metadata.name} scales a Deployment`).toContain(hpa.spec.scaleTargetRef.name);
      for (const name of ['gateway', 'partners', 'territory', 'legal']) {
        const labels = deployment(name).spec.template.metadata.labels;
        expect(pdbs.some((p) => matches(p.spec.selector.matchLabels, labels)), `a PodDisruptionBudget for ${name}`).toBe(true);
        if (overlay === 'production') expect(hpas.map((h) => h.spec.scaleTargetRef.name), `an autoscaler for ${name}`).toContain(name);
      }
      const minimum = (d: Obj) => {
        const hpa = hpas.find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name);
        // A Deployment an autoscaler owns leaves `replicas` out, so that re-applying it does not reset the count.
        if (hpa) expect(d.spec.replicas, `${d.metadata.name}: replicas left to the autoscaler`).toBeUndefined();
        return hpa ? hpa.spec.minReplicas : (d.spec.replicas ?? 1);
      };
      for (const d of deployments) expect({ name: d.metadata.name, replicas: minimum(d) >= (overlay === 'production' ? 2 : 1) }).toEqual({ name: d.metadata.name, replicas: true });
    });
  });

  it('ships an example of every Secret and key the manifests read, without real values', () => {
    const production = render('production');
    const refs = production.flatMap((o) =>
      o.spec?.template?.spec
        ? [...(o.spec.template.spec.initContainers ?? []), ...o.spec.template.spec.containers].flatMap((c: Container) =>
            (c.env ?? []).filter((v: any) => v.valueFrom?.secretKeyRef).map((v: any) => `${v.valueFrom.secretKeyRef.name}/${v.valueFrom.secretKeyRef.key}`),
          )
        : [],
    );
    const cluster = production.find((o) => o.kind === 'Cluster')!;
    const named = [...new Set(refs.map((r) => r.split('/')[0])), 'ketenkaart-jwt', cluster.spec.bootstrap.initdb.secret.name, ...cluster.spec.managed.roles.map((r: any) => r.passwordSecret.name)];
    expect(production.filter((o) => o.kind === 'Secret'), 'production generates no secrets').toEqual([]);
    for (const ref of refs) expect(Object.keys(exampleSecrets.get(ref.split('/')[0])?.stringData ?? {}), ref).toContain(ref.split('/')[1]);
    for (const name of named) expect(exampleSecrets.has(name), name).toBe(true);
    for (const s of exampleSecrets.values()) for (const [key, value] of Object.entries(s.stringData)) if (key !== 'username') expect(value, `${s.metadata.name}/${key}`).toMatch(/REPLACE/);
  });
});

describe('wait-for-migrations.cjs (the subgraph pods’ init container)', () => {
  const wait = createRequire(path.join(PROJECT_ROOT, 'package.json'))(WAIT_SCRIPT) as {
    missing(client: pg.Client, subgraphs: typeof SUBGRAPHS): Promise<string[]>;
  };
  let db: { url: string; drop(): Promise<void> };
  // The services' role, as the init container connects (roles are the whole server's: a name of this run's own).
  const role = `kk_wait_${randomBytes(4).toString('hex')}`;
  let serviceUrl: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    const url = new URL(db.url);
    url.username = role;
    url.password = 'wait-test';
    serviceUrl = url.toString();
  });
  afterAll(async () => {
    await db?.drop();
    await queryRows(inject('postgresUrl'), `DROP ROLE IF EXISTS ${role}`);
  });
  const check = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await wait.missing(client, SUBGRAPHS);
    } finally {
      await client.end();
    }
  };

  it('waits until every migration of the image is applied and granted, and the seed has committed', async () => {
    expect(await check(db.url)).toEqual(SUBGRAPHS.map((def) => `schema ${def.schema}: not migrated yet`));
    await migrateAll(db.url);
    await queryRows(db.url, `CREATE ROLE ${role} LOGIN PASSWORD 'wait-test'`);
    expect(await check(serviceUrl), 'migrated, but the services’ role has no rights yet').toEqual(SUBGRAPHS.map((def) => `schema ${def.schema}: migrated, not granted to this role yet`));
    await migrateAll(db.url, { serviceUrl });
    expect(await check(serviceUrl)).toEqual(['the seed has not been loaded yet']);
    // An image with a migration the database does not have yet: the new pods wait for the new Job.
    const [newest] = await queryRows<{ id: number; timestamp: string; name: string }>(db.url, 'DELETE FROM territory.migrations WHERE id = (SELECT max(id) FROM territory.migrations) RETURNING id, timestamp, name');
    expect(await check(serviceUrl)).toEqual([`schema territory: 1 migration(s) pending (${newest.name})`]);
    await queryRows(db.url, 'INSERT INTO territory.migrations (id, timestamp, name) VALUES ($1, $2, $3)', [newest.id, newest.timestamp, newest.name]);
    // The seed commits everything in one transaction, organisations included. The seed loader with one
    // organisation of the seed files stands for the whole load here, which takes far longer than this test should.
    const organisations = validateSeeds().plan.tables['partners.organisation'] ?? [];
    expect(organisations.length, 'the seed files have organisations').toBeGreaterThan(0);
    await loadValidatedSeeds(db.url, { tables: { 'partners.organisation': [organisations.find((o) => !o.parent_id)!] }, counts: {} });
    expect(await check(serviceUrl)).toEqual([]);
  });

  it('reads the subgraph definitions from the path the image has them at', () => {
    // The script loads /app/dist/subgraphs/index.js: what tsc makes of subgraphs/index.ts, copied by the Dockerfile.
    expect(fs.readFileSync(WAIT_SCRIPT, 'utf8')).toContain("appRequire('./dist/subgraphs/index.js')");
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'subgraphs', 'index.ts'))).toBe(true);
    expect(runtimeStage.copies.find((c) => c.sources.includes('/app/dist'))?.dest).toBe('dist');
  });
});
