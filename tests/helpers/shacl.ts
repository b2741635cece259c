import fs from 'node:fs';
import path from 'node:path';
import { DataFactory, Parser, type Quad, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { PROJECT_ROOT } from '../../core/paths';

/**
 * The SHACL validation of the Linked Data with a real engine (rdf-validate-shacl): the OSLO Organisatie-basis shapes
 * as Digitaal Vlaanderen publishes them, less the constraints linked-data/shapes/oslo-deviations.ttl replaces (and
 * says why), plus the hub's own shapes. Relative IRIs in the hub's shape files resolve against the base URL.
 */

const SHAPES = path.join(PROJECT_ROOT, 'linked-data', 'shapes');
const SH = 'http://www.w3.org/ns/shacl#';

function parseTurtle(file: string, base: string): Quad[] {
  return new Parser({ baseIRI: `${base.replace(/\/+$/, '')}/` }).parse(fs.readFileSync(path.join(SHAPES, file), 'utf8'));
}

/** The OSLO shapes without the property shapes the deviations file names (kk:replacesOsloConstraint: shape and path). */
export function shapesFor(base: string): Store {
  const oslo = new Store(parseTurtle('organisatie-basis-SHACL.ttl', base));
  const deviations = new Store(parseTurtle('oslo-deviations.ttl', base));
  const kk = `${base.replace(/\/+$/, '')}/def#`;
  for (const replaced of deviations.getObjects(null, DataFactory.namedNode(`${kk}replacesOsloConstraint`), null)) {
    const shape = deviations.getObjects(replaced, DataFactory.namedNode(`${kk}ofShape`), null)[0];
    const onPath = deviations.getObjects(replaced, DataFactory.namedNode(`${kk}onPath`), null)[0];
    const properties = oslo.getObjects(shape, DataFactory.namedNode(`${SH}property`), null).filter((p) => oslo.has(DataFactory.quad(p as never, DataFactory.namedNode(`${SH}path`), onPath as never)));
    if (properties.length !== 1) throw new Error(`oslo-deviations.ttl names a constraint the OSLO shapes do not have (${shape?.value} on ${onPath?.value})`);
    oslo.removeQuads(oslo.getQuads(properties[0], null, null, null));
    oslo.removeQuads(oslo.getQuads(shape, DataFactory.namedNode(`${SH}property`), properties[0], null));
  }
  const shapes = new Store(oslo.getQuads(null, null, null, null));
  shapes.addQuads(deviations.getQuads(null, null, null, null));
  shapes.addQuads(parseTurtle('ketenkaart-SHACL.ttl', base));
  return shapes;
}

export interface ShaclViolation {
  focusNode: string;
  path: string | undefined;
  shape: string;
  component: string;
  message: string[];
}

export async function validateShacl(quads: Quad[], base: string): Promise<{ conforms: boolean; violations: ShaclViolation[] }> {
  const validator = new SHACLValidator(shapesFor(base));
  const report = await validator.validate(new Store(quads));
  return {
    conforms: report.conforms,
    violations: report.results.map((r) => ({
      focusNode: r.focusNode?.value ?? '',
      path: r.path?.value,
      shape: r.sourceShape?.value ?? '',
      component: r.sourceConstraintComponent?.value.replace(SH, 'sh:') ?? '',
      message: r.message.map((m) => m.value),
    })),
  };
}
