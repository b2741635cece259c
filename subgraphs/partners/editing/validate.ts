import type { DataSource, EntityManager } from 'typeorm';
import { type SourceInput, checkSources, toSourceRecords } from '../../_shared/editing/inputs';
import type { InputProblems } from '../../_shared/editing/problems';
import type { SourceRecord } from '../../_shared/graphql-types';
import { ContactPointKind, type ContactPoint, Organisation } from '../entities/organisation';
import { Post } from '../entities/post';
import { PostHolder } from '../entities/post-holder';
import { Agreement } from '../entities/agreement';
import type { AgreementPartyInput, ContactPointInput } from './inputs';
import type { PartyRow } from './specs';

/** Checks of partners input that need no other subgraph. Each names the input field it is about. */

const KBO = /^[01]\d{3}\.\d{3}\.\d{3}$/;
const OVO = /^OVO\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d[\d ./()-]{5,}$/;
/** A web address as people write it: with or without the scheme (`www.fjclimburg.be`, `https://…`). */
const WEBSITE = /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i;

type Db = DataSource | EntityManager;

export function checkIdentifiers(problems: InputProblems, input: { kbo?: string | null; ovo?: string | null }, prefix: string): void {
  if (input.kbo && !KBO.test(input.kbo)) problems.add(`${prefix}.kbo`, 'NOT_A_KBO_NUMBER', `is geen ondernemingsnummer van de KBO (0123.456.789): "${input.kbo}"`);
  if (input.ovo && !OVO.test(input.ovo)) problems.add(`${prefix}.ovo`, 'NOT_AN_OVO_CODE', `is geen OVO-code (OVO000000): "${input.ovo}"`);
}

export function checkEmail(problems: InputProblems, value: string | null | undefined, field: string): void {
  if (value && !EMAIL.test(value)) problems.add(field, 'NOT_AN_EMAIL_ADDRESS', `is geen e-mailadres: "${value}"`);
}

export function checkPhone(problems: InputProblems, value: string | null | undefined, field: string): void {
  if (value && !PHONE.test(value)) problems.add(field, 'NOT_A_PHONE_NUMBER', `is geen telefoonnummer: "${value}"`);
}

/** Contact points are functional and public: each a well-formed value with its own source. */
export function contactPointsOf(problems: InputProblems, points: ContactPointInput[], field: string): ContactPoint[] {
  return points.map((p, i) => {
    const at = `${field}[${i}]`;
    problems.requireText(p.value, `${at}.value`);
    if (p.kind === ContactPointKind.EMAIL) checkEmail(problems, p.value, `${at}.value`);
    if (p.kind === ContactPointKind.PHONE) checkPhone(problems, p.value, `${at}.value`);
    if (p.kind === ContactPointKind.WEBSITE && p.value && !WEBSITE.test(p.value)) problems.add(`${at}.value`, 'NOT_A_WEB_ADDRESS', `is geen webadres: "${p.value}"`);
    const sources = toSourceRecords(p.sources);
    checkSources(problems, sources, `${at}.sources`);
    return { kind: p.kind, value: p.value.trim(), sources };
  });
}

/** Sources of a record, checked; undefined when the input leaves them as they are. */
export function sourcesOf(problems: InputProblems, sources: SourceInput[] | undefined, field: string): SourceRecord[] | undefined {
  if (sources === undefined) return undefined;
  const records = toSourceRecords(sources);
  checkSources(problems, records, field);
  return records;
}

export async function checkOrganisationExists(db: Db, problems: InputProblems, id: string | null | undefined, field: string): Promise<void> {
  if (id && !(await db.getRepository(Organisation).exists({ where: { id } }))) problems.add(field, 'UNKNOWN_REFERENCE', `noemt een organisatie die het register niet kent: "${id}"`);
}

export async function checkPostExists(db: Db, problems: InputProblems, id: string, field: string): Promise<void> {
  if (!(await db.getRepository(Post).exists({ where: { id } }))) problems.add(field, 'UNKNOWN_REFERENCE', `noemt een functie die het register niet kent: "${id}"`);
}

export async function checkAgreementExists(db: Db, problems: InputProblems, id: string | null | undefined, field: string): Promise<void> {
  if (id && !(await db.getRepository(Agreement).exists({ where: { id } }))) problems.add(field, 'UNKNOWN_REFERENCE', `noemt een overeenkomst die het register niet kent: "${id}"`);
}

/** An organisation may not end up inside itself through its parents. */
export async function checkNoParentCycle(db: Db, problems: InputProblems, id: string, parentId: string | null | undefined, field: string): Promise<void> {
  const seen = new Set([id]);
  for (let current = parentId; current; ) {
    if (seen.has(current)) {
      problems.add(field, 'CYCLE', `zou "${id}" een onderdeel van zichzelf maken (via "${current}")`);
      return;
    }
    seen.add(current);
    current = (await db.getRepository(Organisation).findOne({ where: { id: current }, select: { parentId: true } }))?.parentId;
  }
}

/** Parties: each an organisation the registry knows or a kind of partner, never both; sources default to the agreement's. */
export async function partiesOf(db: Db, problems: InputProblems, parties: AgreementPartyInput[], agreementSources: SourceRecord[], field: string): Promise<PartyRow[]> {
  if (!parties.length) problems.add(field, 'PARTY_REQUIRED', 'heeft minstens één partij nodig');
  const rows: PartyRow[] = [];
  for (const [i, p] of parties.entries()) {
    const at = `${field}[${i}]`;
    if (Boolean(p.organisationId) === Boolean(p.partyKind)) problems.add(at, 'ORGANISATION_OR_KIND', 'noemt een organisatie (organisationId) of een soort partner (partyKind), niet beide en niet geen van beide');
    await checkOrganisationExists(db, problems, p.organisationId, `${at}.organisationId`);
    const sources = p.sources ? toSourceRecords(p.sources) : agreementSources;
    if (p.sources) checkSources(problems, sources, `${at}.sources`);
    rows.push({ organisationId: p.organisationId ?? null, partyKind: p.partyKind ?? null, role: p.role?.trim() || null, sources });
  }
  const named = rows.map((r) => r.organisationId).filter(Boolean);
  const twice = named.find((id, i) => named.indexOf(id) !== i);
  if (twice) problems.add(field, 'REPEATED', `noemt organisatie "${twice}" twee keer`);
  return rows;
}

/** A post is held by one person at a time: the new holder's period may not overlap another holder's. */
export async function checkNoOverlappingHolder(db: Db, problems: InputProblems, holder: Pick<PostHolder, 'id' | 'postId' | 'validFrom' | 'validTo'>, field: string): Promise<void> {
  const others = (await db.getRepository(PostHolder).find({ where: { postId: holder.postId } })).filter((h) => h.id !== holder.id);
  for (const other of others) {
    const overlaps = (!holder.validTo || !other.validFrom || other.validFrom < holder.validTo) && (!other.validTo || !holder.validFrom || holder.validFrom < other.validTo);
    if (overlaps) {
      const period = `${other.validFrom ?? 'open start'} – ${other.validTo ?? 'open end'}`;
      problems.add(field, 'OVERLAPPING_HOLDERS', `overlapt met de periode van een andere houder van functie "${holder.postId}" (${period}): een functie heeft één houder tegelijk, beëindig eerst de andere`);
    }
  }
}
