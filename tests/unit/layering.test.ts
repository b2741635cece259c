import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths';

/** Every module a file imports, by the specifier written in it. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from\s+|import\(|require\()['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(PROJECT_ROOT, folder, f));
}

// Found when the split deployment's gateway died with ReflectMetadataMissingError: it had imported a
// type-graphql class through a subgraph module, and nothing on its path loaded reflect-metadata.
describe('layering: the gateway and the shared core stand on their own', () => {
  for (const folder of ['core', 'gateway']) {
    it(`${folder}/ imports neither type-graphql, TypeORM nor subgraph code`, () => {
      const offending = sourceFiles(folder).flatMap((file) =>
        importsOf(file)
          .filter((spec) => /^(type-graphql|typeorm|reflect-metadata)$/.test(spec) || (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(PROJECT_ROOT, 'subgraphs'))))
          .map((spec) => `${path.relative(PROJECT_ROOT, file)} → ${spec}`),
      );
      expect(offending).toEqual([]);
    });
  }

  // The gateway's Linked Data route describes a record with the export's own mapping (one mapping for both), so
  // hub/export/ is what the gateway may use besides core/: it must stand on core/ alone too.
  it('hub/export/ (used by the gateway for Linked Data) imports only core/ and itself', () => {
    const exportDir = path.join(PROJECT_ROOT, 'hub', 'export');
    const offending = sourceFiles('hub/export').flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(type-graphql|typeorm|reflect-metadata)$/.test(spec) || (spec.startsWith('.') && ![exportDir, path.join(PROJECT_ROOT, 'core')].some((dir) => path.resolve(path.dirname(file), spec).startsWith(dir))))
        .map((spec) => `${path.relative(PROJECT_ROOT, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('the gateway reaches into hub/ only for the export mapping', () => {
    const offending = sourceFiles('gateway').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(PROJECT_ROOT, 'hub')) && !path.resolve(path.dirname(file), spec).startsWith(path.join(PROJECT_ROOT, 'hub', 'export')))
        .map((spec) => `${path.relative(PROJECT_ROOT, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('core/ does not reach into the gateway, the hub or the tools', () => {
    const offending = sourceFiles('core').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(path.join(PROJECT_ROOT, 'core')))
        .map((spec) => `${path.relative(PROJECT_ROOT, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
