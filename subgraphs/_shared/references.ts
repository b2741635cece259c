import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Other subgraphs' entities as a subgraph that only points at them sees them: their key. The gateway resolves
 * the rest in the owning subgraph.
 */

/** Owned by the legal subgraph; referenced here by id only. */
@ObjectType('LegalBasis')
@Directive('@key(fields: "id", resolvable: false)')
export class LegalBasisRef {
  @Field(() => ID)
  id: string;
}

/** Owned by the territory subgraph; resolvable here so that this subgraph can add fields to it. */
@ObjectType('Municipality')
@Directive('@key(fields: "nis")')
export class MunicipalityRef {
  @Field(() => ID)
  nis: string;
}

export const legalBasisRefs = (ids: string[]): LegalBasisRef[] => ids.map((id) => ({ id }));

