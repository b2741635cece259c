import type { EntityManager } from 'typeorm';
import type { RecordSpec } from '../../_shared/editing/record-writes';
import { RecordType } from '../../_shared/journal/types';
import { Agreement, AgreementParty, type PartyConfirmation } from '../entities/agreement';
import { Organisation } from '../entities/organisation';
import { Post } from '../entities/post';
import { PostHolder } from '../entities/post-holder';
import { Site } from '../entities/site';

/** How each kind of partners record is written: whose it is and what follows from it. */

/** An organisation as written: `municipalities` is set when its territory changed (expanded by the territory subgraph). */
export type OrganisationDraft = Organisation & { municipalities?: string[] };

export const organisationSpec: RecordSpec<OrganisationDraft> = {
  type: RecordType.ORGANISATION,
  schema: 'partners',
  entity: Organisation,
  owners: (o) => [o.id],
  async afterWrite(o, tx) {
    if (o.municipalities) {
      await tx.query('DELETE FROM partners.organisation_municipality WHERE organisation_id = $1', [o.id]);
      await tx.query(
        'INSERT INTO partners.organisation_municipality (organisation_id, municipality_nis) SELECT $1, unnest($2::varchar[])',
        [o.id, o.municipalities],
      );
    }
    // The search read model follows the record.
    await tx.query(
      `INSERT INTO partners.search_document (type, id, label, body) VALUES ('ORGANISATION', $1, $2, $3)
       ON CONFLICT (type, id) DO UPDATE SET label = EXCLUDED.label, body = EXCLUDED.body`,
      [o.id, o.name, [o.kind, o.id, o.kbo, o.ovo].filter(Boolean).join(' ')],
    );
  },
};

export const postSpec: RecordSpec<Post> = {
  type: RecordType.POST,
  schema: 'partners',
  entity: Post,
  // A post of every organisation of a kind is no one organisation's: only admins change it.
  owners: (p) => (p.organisationId ? [p.organisationId] : []),
};

async function organisationOfPost(tx: EntityManager, postId: string): Promise<string[]> {
  const post = await tx.getRepository(Post).findOne({ where: { id: postId }, select: { organisationId: true } });
  return post?.organisationId ? [post.organisationId] : [];
}

export const postHolderSpec: RecordSpec<PostHolder & { validFrom: string | null; validTo: string | null }> = {
  type: RecordType.POST_HOLDER,
  schema: 'partners',
  entity: PostHolder,
  owners: (h, tx) => organisationOfPost(tx, h.postId),
  personal: true,
};

export interface PartyRow {
  organisationId: string | null;
  partyKind: string | null;
  role: string | null;
  sources: unknown[];
  /** Whether the named organisation holds its side (see PartyConfirmation); null for a kind of partner. */
  confirmation?: PartyConfirmation | null;
  confirmationByRole?: string | null;
  confirmationByOrg?: string | null;
  confirmationBySubject?: string | null;
  confirmationAt?: Date | string | null;
}

/** An agreement as written: `parties` and `municipalities` are set when they change. */
export type AgreementDraft = Agreement & { parties?: PartyRow[]; municipalities?: string[] };

export async function storedParties(tx: EntityManager, agreementId: string): Promise<PartyRow[]> {
  const rows = await tx.getRepository(AgreementParty).find({ where: { agreementId }, order: { position: 'ASC' } });
  return rows.map(({ organisationId, partyKind, role, sources, confirmation, confirmationByRole, confirmationByOrg, confirmationBySubject, confirmationAt }) => ({
    organisationId, partyKind, role, sources, confirmation, confirmationByRole, confirmationByOrg, confirmationBySubject, confirmationAt,
  }));
}

export const agreementSpec: RecordSpec<AgreementDraft> = {
  type: RecordType.AGREEMENT,
  schema: 'partners',
  entity: Agreement,
  // Its editors are those of its named parties.
  async owners(a, tx) {
    const parties = a.parties ?? (await storedParties(tx, a.id));
    return [...new Set(parties.map((p) => p.organisationId).filter((id): id is string => Boolean(id)))];
  },
  // The text is for the parties only: history, the change feed and a CONFLICT answer say only whether there is one.
  // Who personally confirmed a party stays in the audit trail (admins), not in the public history.
  async visible({ text, ...a }, tx) {
    const parties = (a.parties ?? (await storedParties(tx, a.id))).map(({ confirmationBySubject: _subject, ...p }) => p);
    return { ...a, hasText: Boolean(text), parties };
  },
  async afterWrite(a, tx) {
    if (a.parties) {
      await tx.query('DELETE FROM partners.agreement_party WHERE agreement_id = $1', [a.id]);
      await tx.getRepository(AgreementParty).insert(a.parties.map((p, position) => ({ ...p, agreementId: a.id, position }) as AgreementParty));
    }
    if (a.municipalities) {
      await tx.query('DELETE FROM partners.agreement_municipality WHERE agreement_id = $1', [a.id]);
      await tx.query('INSERT INTO partners.agreement_municipality (agreement_id, municipality_nis) SELECT $1, unnest($2::varchar[])', [a.id, a.municipalities]);
    }
  },
};

export const siteSpec: RecordSpec<Site> = {
  type: RecordType.SITE,
  schema: 'partners',
  entity: Site,
  owners: (s) => [s.organisationId],
};
