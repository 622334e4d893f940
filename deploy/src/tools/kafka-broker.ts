import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { toolsDir } from '../paths';
import { runCommand } from './run-command';
import { versions } from './versions';

/**
 * Kafka's broker is a set of jars on Maven Central; Maven resolves the dependency tree into one
 * folder that becomes the broker's classpath. Returns that folder.
 */
export async function ensureKafkaBroker(): Promise<string> {
  const dir = path.join(toolsDir, `kafka_${versions.scala}-${versions.kafka}`);
  const libs = path.join(dir, 'libs');
  if (existsSync(libs)) return libs;

  const staging = `${dir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, 'pom.xml'), brokerPom());
  await runCommand(
    'mvn',
    [
      '--batch-mode',
      '--quiet',
      `-Dmaven.repo.local=${path.join(toolsDir, 'maven-repository')}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${path.join(staging, 'libs')}`,
      '-DincludeScope=runtime',
    ],
    { cwd: staging },
  );
  if ((await readdir(path.join(staging, 'libs'))).length === 0) {
    throw new Error('Maven resolved no Kafka jars');
  }
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  return libs;
}

function brokerPom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.campaign-platform</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_${versions.scala}</artifactId>
      <version>${versions.kafka}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>${versions.slf4jReload4j}</version>
    </dependency>
  </dependencies>
</project>
`;
}
