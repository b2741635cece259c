import { z } from 'zod';
import { isEdtf } from '../../core/partial-date';
import { GovernmentLevel, OrganisationKind, TerritorialScale } from '../../subgraphs/_shared/enums';
import { InstrumentKind } from '../../subgraphs/instruments/entities/instrument';
import { InstrumentRelationType } from '../../subgraphs/instruments/entities/instrument-relation';
import { ServDimension, ServPrinciple } from '../../subgraphs/instruments/entities/serv';
import { LegalBasisKind } from '../../subgraphs/legal/entities/legal-basis';
import { LegalRelationType } from '../../subgraphs/legal/entities/legal-relation';
import { ServiceRegionKind } from '../../subgraphs/territory/entities/service-region';

/** The shape of every seed file kind (seeds/FORMAT.md). Unknown keys are errors: a typo must not drop a fact. */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');
// YAML reads an unquoted 2024-03-29 as a Date; accept it and keep the calendar date.
const date = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);

export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase kebab-case (a-z, 0-9, -)');
const nis = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d{5}$/, 'must be a 5-digit NIS code'));

export const sourceSchema = z
  .strictObject({
    document: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must be a seed document file name').optional(),
    dataset: z.string().optional(),
    url: z.url().optional(),
    title: z.string().optional(),
    locator: z.string().optional(),
    quote: z.string().optional(),
    seen: date.optional(),
    note: z.string().optional(),
  })
  .refine((s) => s.document || s.url || s.dataset, 'a source needs a document, a url or a dataset')
  .refine((s) => !s.document || s.locator, 'a document source needs a locator (section, answer, page)');
const sources = z.array(sourceSchema).min(1, 'every record needs at least one source');

/** A date at the precision the source gives: `2024-04-18`, `2023-11` or `2017` (EDTF level 0; docs/data.md). */
const partialDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
  z.string().refine(isEdtf, 'must be a date at the precision the source gives: YYYY-MM-DD, YYYY-MM or YYYY'),
);

const validity = {
  validFrom: partialDate.optional(),
  validTo: partialDate.optional(),
  /** The source gives the date as planned ("voorzien"), not as having happened. */
  validFromPlanned: z.boolean().optional(),
  validToPlanned: z.boolean().optional(),
  unconfirmed: z.array(z.string()).optional(),
  note: z.string().optional(),
};

const territoryRef = z.strictObject({ scale: z.enum(TerritorialScale), ref: z.string().optional() });

export const judicialArrondissement = z.strictObject({
  id: slug,
  name: z.string().min(1),
  sources,
  divisions: z.array(
    z.strictObject({ id: slug, name: z.string().min(1), seat: z.string().optional(), municipalities: z.array(nis), sources, note: z.string().optional() }),
  ),
  note: z.string().optional(),
});

export const policeZoneNumber = z.strictObject({ id: slug, zoneNumber: z.string().regex(/^\d{4}$/, 'must be a 4-digit zone number'), sources });

export const serviceRegion = z.strictObject({
  id: slug,
  kind: z.enum(ServiceRegionKind),
  name: z.string().min(1),
  members: z.strictObject({
    judicialArrondissements: z.array(z.string()).optional(),
    judicialDivisions: z.array(z.string()).optional(),
    municipalities: z.array(nis).optional(),
  }),
  sources,
  ...validity,
});

/** Municipalities that the sources leave unassigned for a kind of area: served as "unknown", never guessed. */
export const unassigned = z.strictObject({
  kind: z.enum(['JUDICIAL_DIVISION', ...Object.values(ServiceRegionKind)] as [string, ...string[]]),
  municipality: nis,
  /** For JUDICIAL_DIVISION: the judicial arrondissement where that much is known. */
  arrondissement: slug.optional(),
  note: z.string().min(1, 'say why the sources do not settle it'),
  sources: z.array(sourceSchema).optional(),
});

export const legalBasis = z.strictObject({
  id: slug,
  kind: z.enum(LegalBasisKind),
  level: z.enum(GovernmentLevel),
  title: z.string().min(1),
  shortTitle: z.string().optional(),
  date: partialDate.optional(),
  publicationDate: partialDate.optional(),
  eli: z.url().optional(),
  url: z.url().optional(),
  articles: z.array(z.strictObject({ number: z.string(), subject: z.string().optional(), sources: z.array(sourceSchema).optional() })).default([]),
  relations: z.array(z.strictObject({ type: z.enum(LegalRelationType), target: slug, note: z.string().optional() })).default([]),
  sources,
  ...validity,
});

const contactPoint = z.strictObject({ kind: z.enum(['ADDRESS', 'PHONE', 'EMAIL', 'WEBSITE']), value: z.string().min(1), note: z.string().optional(), sources });

export const organisation = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(OrganisationKind),
  level: z.enum(GovernmentLevel),
  kbo: z.string().optional(),
  ovo: z.string().optional(),
  parent: slug.optional(),
  serves: z.array(territoryRef).default([]),
  contactPoints: z.array(contactPoint).default([]),
  sources,
  ...validity,
});

export const site = z.strictObject({
  id: slug,
  organisation: slug,
  kind: z.enum(['MAIN', 'ANTENNE']),
  name: z.string().min(1),
  municipality: nis,
  sources,
  ...validity,
});

export const post = z
  .strictObject({
    id: slug,
    /** The organisation the post is in, or (`organisationKind`) the kind whose every organisation has it. */
    organisation: slug.optional(),
    organisationKind: z.enum(OrganisationKind).optional(),
    /** The territory it serves where that is not its organisation's whole territory. */
    serves: z.array(territoryRef).optional(),
    function: z.enum(['SPOC', 'CASUSREGISSEUR', 'ARIEC_ANALIST', 'REFERENTIEMAGISTRAAT', 'PROJECTLEIDER', 'COORDINATOR', 'PROJECTMANAGER', 'OTHER']),
    title: z.string().min(1),
    phenomena: z.array(slug).default([]),
    sources,
    ...validity,
  })
  .refine((p) => Boolean(p.organisation) !== Boolean(p.organisationKind), 'a post names either its organisation or, for a post every organisation of a kind has, organisationKind');

export const agreement = z.strictObject({
  id: slug,
  kind: z.enum(['KADEROVEREENKOMST', 'PROTOCOL', 'SAMENWERKINGSAKKOORD']),
  title: z.string().min(1),
  parent: slug.optional(),
  parties: z
    .array(
      z
        .strictObject({ organisation: slug.optional(), partyKind: z.enum(OrganisationKind).optional(), role: z.string().optional(), sources: z.array(sourceSchema).optional() })
        .refine((p) => Boolean(p.organisation) !== Boolean(p.partyKind), 'a party is either an organisation or a partyKind'),
    )
    .min(1, 'an agreement needs at least one party'),
  territory: z.array(territoryRef).default([]),
  phenomena: z.array(slug).default([]),
  legalBases: z.array(slug).default([]),
  forum: z.string().optional(),
  conditions: z.array(z.string()).default([]),
  sources,
  ...validity,
});

export const servClassification = z.strictObject({
  case: slug.nullable().optional(),
  principle: z.enum(ServPrinciple),
  dimension: z.enum(ServDimension),
  sources,
});

export const instrument = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(InstrumentKind),
  case: slug.optional(),
  /** The agreement the instrument is: then its partners, legal bases and territory come from that agreement. */
  agreement: slug.optional(),
  description: z.string().optional(),
  partners: z.array(slug).default([]),
  partnerKinds: z.array(z.enum(OrganisationKind)).default([]),
  territory: z.array(territoryRef).default([]),
  legalBases: z.array(slug).default([]),
  phenomena: z.array(slug).default([]),
  classifications: z.array(servClassification).default([]),
  figures: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        value: z.number(),
        unit: z.string().min(1),
        period: z.string().optional(),
        date: date.optional(),
        note: z.string().optional(),
        sources,
      }),
    )
    .default([]),
  sources,
  ...validity,
});

/** How two instruments relate (PART_OF, SUCCEEDED_BY, IMPLEMENTS, RELATED_TO), from the sources. */
export const instrumentRelation = z.strictObject({
  id: slug,
  from: slug,
  type: z.enum(InstrumentRelationType),
  to: slug,
  /** The sources give it as planned or intended, not as in place. */
  planned: z.boolean().optional(),
  note: z.string().optional(),
  sources,
});

export const servCase = z.strictObject({ id: slug, name: z.string().min(1), description: z.string().optional(), sources });

export const servAbsence = z.strictObject({ id: slug, case: slug, principle: z.enum(ServPrinciple), dimension: z.enum(ServDimension), sources });

/** How one organisation followed another (subgraphs/partners/entities/succession.ts). */
export const organisationSuccession = z.strictObject({
  id: slug,
  predecessor: slug,
  successor: slug,
  type: z.enum(['RENAMED', 'MERGED', 'SPLIT', 'ABSORBED', 'UNSETTLED']),
  date: partialDate.optional(),
  note: z.string().min(1, 'say what the sources do and do not settle'),
  sources,
});

/** A public contact point of an organisation kept in a file of its own (police zones are generated from the territory data). */
export const contactPointRecord = z.strictObject({
  id: slug,
  organisation: slug,
  kind: z.enum(['ADDRESS', 'PHONE', 'EMAIL', 'WEBSITE']),
  value: z.string().min(1),
  note: z.string().optional(),
  sources,
});

/** A public channel a source names for a kind of service: the nearest way to reach one that has none of its own. */
export const kindHelpline = z.strictObject({
  id: slug,
  kind: z.enum(OrganisationKind),
  organisation: slug,
  note: z.string().min(1, 'say, in Dutch, what the channel is for'),
  sources,
});

/** A phenomenon of the vocabulary (seeds/partners/phenomena.yaml): its id is the slug records use. */
export const phenomenon = z.strictObject({
  id: slug,
  label: z.string().min(1, 'give the Dutch label people read'),
  synonyms: z.array(z.string().min(1)).default([]),
});

/** A word for a kind of partner, and the organisation kinds it means (seeds/partners/partner-terms.yaml). */
export const partnerTerm = z.strictObject({
  id: slug,
  label: z.string().min(1, 'give the Dutch label people read'),
  kinds: z.array(z.enum(OrganisationKind)).min(1, 'name at least one organisation kind'),
  synonyms: z.array(z.string().min(1)).default([]),
});

/** A seed document as people cite it: its title, and the date it speaks as of where it says so. */
export const seedDocument = z.strictObject({
  id: slug,
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must be a seed document file name'),
  title: z.string().min(1),
  date: partialDate.optional(),
  note: z.string().optional(),
  sources,
});

/** Which schema validates which `kind:`, and which subgraph owns the records. */
export const KINDS = {
  JudicialArrondissement: judicialArrondissement,
  PoliceZoneNumber: policeZoneNumber,
  ServiceRegion: serviceRegion,
  LegalBasis: legalBasis,
  Organisation: organisation,
  Site: site,
  Post: post,
  Agreement: agreement,
  Case: servCase,
  Instrument: instrument,
  ServAbsence: servAbsence,
  Document: seedDocument,
  InstrumentRelation: instrumentRelation,
  OrganisationSuccession: organisationSuccession,
  ContactPoint: contactPointRecord,
  KindHelpline: kindHelpline,
  Phenomenon: phenomenon,
  PartnerTerm: partnerTerm,
} as const;
export type SeedKind = keyof typeof KINDS;
export type SeedRecord<K extends SeedKind> = z.infer<(typeof KINDS)[K]>;
export type Unassigned = z.infer<typeof unassigned>;
