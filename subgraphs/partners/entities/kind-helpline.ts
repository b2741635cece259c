import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganisationKind } from '../../_shared/enums';
import type { SourceRecord } from '../../_shared/graphql-types';

/**
 * A public channel a source names for a kind of service (1712 for violence, abuse and child abuse, for the
 * Veilige Huizen): the nearest way to reach someone where a service of that kind has no contact point of its own.
 * Data, by kind, not repeated per service (seeds/partners/kind-helplines.yaml).
 */
@Entity({ name: 'kind_helpline' })
export class KindHelpline {
  @PrimaryColumn({ type: 'text' })
  kind: OrganisationKind;

  @PrimaryColumn({ type: 'text', name: 'organisation_id' })
  organisationId: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
