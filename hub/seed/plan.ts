import { nameKey } from '../../core/text';
import { OrganisationKind, TerritorialScale } from '../../subgraphs/_shared/enums';
import type { SourceRecord } from '../../subgraphs/_shared/graphql-types';
import { isServCell } from '../../subgraphs/instruments/entities/serv';
import { type ParsedSeeds, type SeedProblem, recordsOf } from './read-files';
import type { SeedRecord } from './schemas';
import { confirmedDay, earliestDay, latestDay } from '../../core/partial-date';

/** The day a date at the source's precision names, or null for a month or a year. */
const dayOrNull = (edtf: string | undefined) => confirmedDay(edtf ? { edtf, planned: false } : null);
import { type TerritoryReference, readTerritoryReference } from './territory-reference';

/**
 * Turns validated seed files plus the territory reference data into the rows each subgraph's tables get, and
 * checks everything that spans records and files: references, the one-area-per-kind invariants, validity.
 * Nothing is loaded unless this finds no problem at all.
 */

export type Row = Record<string, unknown>;
export interface SeedPlan {
  tables: Record<string, Row[]>;
  counts: Record<string, number>;
}

const FLEMISH_REQUIRED = new Set(['VEILIG_HUIS_REGION']);
const ALL_REQUIRED = new Set(['ARIEC_AREA', 'JUDICIAL_DIVISION']);

/**
 * The validity columns of a record (subgraphs/_shared/partial-validity-ddl.ts): the dates as the seed gives them
 * (a day, a month or a year, planned or not), and the exact days where they are days that happened.
 */
function validityColumns(record: { validFrom?: string; validTo?: string; validFromPlanned?: boolean; validToPlanned?: boolean }, attestedOn: string | null) {
  const from = record.validFrom ? { edtf: record.validFrom, planned: record.validFromPlanned ?? false } : null;
  const to = record.validTo ? { edtf: record.validTo, planned: record.validToPlanned ?? false } : null;
  return {
    valid_from: confirmedDay(from),
    valid_to: confirmedDay(to),
    valid_from_edtf: from?.edtf ?? null,
    valid_from_planned: from?.planned ?? false,
    valid_to_edtf: to?.edtf ?? null,
    valid_to_planned: to?.planned ?? false,
    attested_on: attestedOn,
  };
}

/** Whether two periods can overlap, taking a partial date at its widest. */
function overlaps(a: { validFrom?: string; validTo?: string }, b: { validFrom?: string; validTo?: string }): boolean {
  const starts = (x: { validFrom?: string }) => (x.validFrom ? earliestDay(x.validFrom) : undefined);
  const ends = (x: { validTo?: string }) => (x.validTo ? latestDay(x.validTo) : undefined);
  const [aFrom, aTo, bFrom, bTo] = [starts(a), ends(a), starts(b), ends(b)];
  return (!aTo || !bFrom || bFrom < aTo) && (!bTo || !aFrom || aFrom < bTo);
}

export function buildSeedPlan(seeds: ParsedSeeds, territory: TerritoryReference = readTerritoryReference()): { plan: SeedPlan; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [...seeds.problems];
  const problem = (file: string, record: string | undefined, text: string) => problems.push({ file, record, problem: text });
  const checkValidity = (file: string, record: { id: string; validFrom?: string; validTo?: string }) => {
    if (record.validFrom && record.validTo && earliestDay(record.validFrom) >= latestDay(record.validTo)) {
      problem(file, record.id, 'validFrom must be before validTo');
    }
  };

  // Ids are unique per kind across all files.
  const seen = new Map<string, string>();
  for (const { kind, file, record } of seeds.records) {
    const key = `${kind}:${(record as { id: string }).id}`;
    if (seen.has(key)) problem(file, (record as { id: string }).id, `duplicate ${kind} id (also in ${seen.get(key)})`);
    else seen.set(key, file);
  }

  const muniByNis = new Map(territory.municipalities.map((m) => [m.nis, m]));
  const flemish = territory.municipalities.filter((m) => m.region === 'FLANDERS').map((m) => m.nis);
  const unassigned = new Map<string, Set<string>>();
  for (const u of seeds.unassigned) {
    if (!muniByNis.has(u.municipality)) problem(u.file, `unassigned ${u.municipality}`, `unknown municipality NIS ${u.municipality}`);
    if (!unassigned.has(u.kind)) unassigned.set(u.kind, new Set());
    unassigned.get(u.kind)!.add(u.municipality);
  }

  /** Checks that every required municipality is covered exactly once at any date, or declared unassigned. */
  const checkCoverage = (kind: string, file: string, areas: Array<{ id: string; municipalities: string[]; validFrom?: string; validTo?: string }>) => {
    const byMunicipality = new Map<string, typeof areas>();
    for (const area of areas) for (const nis of area.municipalities) byMunicipality.set(nis, [...(byMunicipality.get(nis) ?? []), area]);
    for (const [nis, list] of byMunicipality) {
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (overlaps(list[i], list[j])) problem(file, list[j].id, `municipality ${nis} (${muniByNis.get(nis)?.name}) is also in ${list[i].id}: a municipality lies in one ${kind} at a time`);
      if (unassigned.get(kind)?.has(nis)) problem(file, `unassigned ${nis}`, `municipality ${nis} is declared unassigned for ${kind} but ${list[0].id} contains it`);
    }
    const required = ALL_REQUIRED.has(kind) ? territory.municipalities.map((m) => m.nis) : FLEMISH_REQUIRED.has(kind) ? flemish : [];
    const missing = required.filter((nis) => !byMunicipality.has(nis) && !unassigned.get(kind)?.has(nis));
    if (missing.length) problem(file, undefined, `${missing.length} municipalities are in no ${kind} and not declared unassigned: ${missing.slice(0, 12).map((n) => `${n} ${muniByNis.get(n)?.name}`).join(', ')}${missing.length > 12 ? ', …' : ''}`);
  };

  // Judicial arrondissements and divisions.
  const judicial = recordsOf(seeds, 'JudicialArrondissement');
  const divisions = judicial.flatMap(({ file, record }) => record.divisions.map((d) => ({ file, arrondissementId: record.id, ...d })));
  const divisionOf = new Map<string, string>();
  for (const d of divisions) {
    for (const nis of d.municipalities) {
      if (!muniByNis.has(nis)) problem(d.file, d.id, `unknown municipality NIS ${nis}`);
      divisionOf.set(nis, d.id);
    }
  }
  // Where only the arrondissement is known (a merger across divisions), the municipality still belongs to it.
  const arrondissementOf = new Map(divisions.flatMap((d) => d.municipalities.map((nis) => [nis, d.arrondissementId] as const)));
  for (const u of seeds.unassigned) {
    if (u.kind !== 'JUDICIAL_DIVISION' || !u.arrondissement) continue;
    if (!judicial.some((j) => j.record.id === u.arrondissement)) problem(u.file, `unassigned ${u.municipality}`, `unknown judicial arrondissement ${u.arrondissement}`);
    arrondissementOf.set(u.municipality, u.arrondissement);
  }
  const municipalitiesOfArrondissement = (ga: string) => [...arrondissementOf].filter(([, a]) => a === ga).map(([nis]) => nis);
  if (judicial.length) checkCoverage('JUDICIAL_DIVISION', judicial[0].file, divisions.map((d) => ({ id: d.id, municipalities: d.municipalities })));

  // Police zone numbers: attached to the zones of the reference data.
  const zoneIds = new Set(territory.policeZones.map((z) => z.id));
  const numberOf = new Map<string, { zoneNumber: string; sources: SourceRecord[] }>();
  const numbersUsed = new Map<string, string>();
  for (const { file, record } of recordsOf(seeds, 'PoliceZoneNumber')) {
    if (!zoneIds.has(record.id)) problem(file, record.id, `no police zone ${record.id} in the 2025 reference data`);
    if (numbersUsed.has(record.zoneNumber)) problem(file, record.id, `zone number ${record.zoneNumber} is already given to ${numbersUsed.get(record.zoneNumber)}`);
    numbersUsed.set(record.zoneNumber, record.id);
    numberOf.set(record.id, record);
  }

  // Service regions, expanded to municipalities.
  const judicialIds = new Set(judicial.map((j) => j.record.id));
  const divisionIds = new Set(divisions.map((d) => d.id));
  const regions = recordsOf(seeds, 'ServiceRegion').map(({ file, record }) => {
    const set = new Set<string>();
    for (const ga of record.members.judicialArrondissements ?? []) {
      if (!judicialIds.has(ga)) problem(file, record.id, `unknown judicial arrondissement ${ga}`);
      municipalitiesOfArrondissement(ga).forEach((n) => set.add(n));
    }
    for (const div of record.members.judicialDivisions ?? []) {
      if (!divisionIds.has(div)) problem(file, record.id, `unknown judicial division ${div}`);
      divisions.find((d) => d.id === div)?.municipalities.forEach((n) => set.add(n));
    }
    for (const nis of record.members.municipalities ?? []) {
      if (!muniByNis.has(nis)) problem(file, record.id, `unknown municipality NIS ${nis}`);
      set.add(nis);
    }
    if (set.size === 0) problem(file, record.id, 'the region has no municipalities');
    checkValidity(file, record);
    return { file, record, municipalities: [...set].sort() };
  });
  for (const kind of ['VEILIG_HUIS_REGION', 'ARIEC_AREA', 'GEZIN_PLAN_NETWORK']) {
    const ofKind = regions.filter((r) => r.record.kind === kind);
    if (ofKind.length) checkCoverage(kind, ofKind[0].file, ofKind.map((r) => ({ id: r.record.id, municipalities: r.municipalities, validFrom: r.record.validFrom, validTo: r.record.validTo })));
  }
  const regionMunicipalities = new Map(regions.map((r) => [r.record.id, r.municipalities]));

  /** The municipalities of a territory reference, or a problem when the reference is unknown. */
  const expand = (file: string, id: string, ref: { scale: TerritorialScale; ref?: string }): string[] => {
    const all = territory.municipalities;
    const pick = (pred: (m: (typeof all)[number]) => boolean) => all.filter(pred).map((m) => m.nis);
    const needRef = () => ref.ref ?? '';
    // A scale without a ref names a generic actor ("lokale besturen", "de politiezones"): it works in every area of
    // that scale, each on its own, so it is not expanded to a territory of its own.
    if (!ref.ref && ![TerritorialScale.BELGIUM, TerritorialScale.FLANDERS, TerritorialScale.BRUSSELS].includes(ref.scale)) return [];
    let result: string[] | undefined;
    switch (ref.scale) {
      case TerritorialScale.BELGIUM:
      case TerritorialScale.FLANDERS:
        result = ref.scale === TerritorialScale.FLANDERS ? flemish : pick(() => true);
        break;
      case TerritorialScale.BRUSSELS:
        result = pick((m) => m.region === 'BRUSSELS');
        break;
      case TerritorialScale.MUNICIPALITY:
        result = muniByNis.has(needRef()) ? [ref.ref!] : undefined;
        break;
      case TerritorialScale.POLICE_ZONE:
        result = zoneIds.has(needRef()) ? pick((m) => m.policeZoneId === ref.ref) : undefined;
        break;
      case TerritorialScale.EERSTELIJNSZONE:
        result = pick((m) => m.eerstelijnszoneId === needRef());
        if (!result.length) result = undefined;
        break;
      case TerritorialScale.ADMINISTRATIVE_ARRONDISSEMENT:
        result = pick((m) => m.arrondissementId === needRef());
        if (!result.length) result = undefined;
        break;
      case TerritorialScale.PROVINCE:
        result = pick((m) => m.provinceId === needRef());
        if (!result.length) result = undefined;
        break;
      case TerritorialScale.JUDICIAL_ARRONDISSEMENT:
        result = judicialIds.has(needRef()) ? municipalitiesOfArrondissement(ref.ref!) : undefined;
        break;
      case TerritorialScale.JUDICIAL_DIVISION:
        result = divisionIds.has(needRef()) ? divisions.find((d) => d.id === ref.ref)!.municipalities : undefined;
        break;
      case TerritorialScale.SERVICE_REGION:
        result = regionMunicipalities.get(needRef());
        break;
    }
    if (!result && ref.ref) problem(file, id, `unknown ${ref.scale} ${ref.ref}`);
    return result ?? [];
  };

  // Legal bases.
  const legal = recordsOf(seeds, 'LegalBasis');
  const legalIds = new Set(legal.map((l) => l.record.id));
  for (const { file, record } of legal) {
    for (const rel of record.relations) if (!legalIds.has(rel.target)) problem(file, record.id, `relation ${rel.type} points to unknown legal basis ${rel.target}`);
    checkValidity(file, record);
  }

  // Organisations: those of the files, plus one per police zone of the reference data.
  const orgFiles = recordsOf(seeds, 'Organisation');
  const declaredOrgIds = new Set(orgFiles.map((o) => o.record.id));
  const generatedZones: Array<{ file: string; record: SeedRecord<'Organisation'> }> = territory.policeZones
    .filter((z) => !declaredOrgIds.has(z.id))
    .map((z) => ({
      file: 'seeds/territory/reference/gemeenten_2025_vlaanderen_brussel.csv',
      record: {
        id: z.id,
        name: z.name,
        kind: OrganisationKind.POLITIEZONE,
        level: 'LOCAL' as never,
        serves: [{ scale: TerritorialScale.POLICE_ZONE, ref: z.id }],
        contactPoints: [],
        sources: z.sources as never,
      },
    }));
  const organisations = [...orgFiles, ...generatedZones];
  const orgIds = new Set(organisations.map((o) => o.record.id));
  // Contact points kept in files of their own join their organisation's (police zones are generated above).
  const orgById = new Map(organisations.map((o) => [o.record.id, o.record]));
  for (const { file, record } of recordsOf(seeds, 'ContactPoint')) {
    const owner = orgById.get(record.organisation);
    if (!owner) problem(file, record.id, `unknown organisation ${record.organisation}`);
    else owner.contactPoints = [...(owner.contactPoints ?? []), { kind: record.kind, value: record.value, ...(record.note ? { note: record.note } : {}), sources: record.sources }];
  }
  const helplines = recordsOf(seeds, 'KindHelpline');
  for (const { file, record } of helplines) if (!orgIds.has(record.organisation)) problem(file, record.id, `unknown organisation ${record.organisation}`);
  const orgCoverage: Row[] = [];
  for (const { file, record } of organisations) {
    if (record.parent && !orgIds.has(record.parent)) problem(file, record.id, `unknown parent organisation ${record.parent}`);
    const set = new Set(record.serves.flatMap((ref) => expand(file, record.id, ref)));
    for (const nis of set) orgCoverage.push({ organisation_id: record.id, municipality_nis: nis });
  }

  // The vocabularies: every phenomenon a record names is one of them, and no word means two things.
  const phenomena = recordsOf(seeds, 'Phenomenon');
  const partnerTerms = recordsOf(seeds, 'PartnerTerm');
  const phenomenonIds = new Set(phenomena.map((p) => p.record.id));
  const checkPhenomena = (file: string, id: string, named: string[]) => {
    for (const p of named) if (!phenomenonIds.has(p)) problem(file, id, `unknown phenomenon ${p} (add it to seeds/partners/phenomena.yaml)`);
  };
  for (const vocabulary of [phenomena, partnerTerms]) {
    const seen = new Map<string, string>();
    for (const { file, record } of vocabulary) {
      for (const word of [record.id, record.label, ...record.synonyms].map(nameKey)) {
        const other = seen.get(word);
        if (other && other !== record.id) problem(file, record.id, `"${word}" also names ${other}: a word may lead to one entry only`);
        seen.set(word, record.id);
      }
    }
  }

  // Sites, posts and agreements of organisations.
  const sites = recordsOf(seeds, 'Site');
  for (const { file, record } of sites) {
    if (!orgIds.has(record.organisation)) problem(file, record.id, `unknown organisation ${record.organisation}`);
    if (!muniByNis.has(record.municipality)) problem(file, record.id, `unknown municipality NIS ${record.municipality}`);
  }
  const posts = recordsOf(seeds, 'Post');
  const postCoverage: Row[] = [];
  for (const { file, record } of posts) {
    if (record.organisation && !orgIds.has(record.organisation)) problem(file, record.id, `unknown organisation ${record.organisation}`);
    checkPhenomena(file, record.id, record.phenomena);
    const set = new Set((record.serves ?? []).flatMap((ref) => expand(file, record.id, ref)));
    for (const nis of set) postCoverage.push({ post_id: record.id, municipality_nis: nis });
  }
  const agreements = recordsOf(seeds, 'Agreement');
  const agreementIds = new Set(agreements.map((a) => a.record.id));
  const agreementCoverage: Row[] = [];
  for (const { file, record } of agreements) {
    if (record.parent && !agreementIds.has(record.parent)) problem(file, record.id, `unknown parent agreement ${record.parent}`);
    for (const party of record.parties) if (party.organisation && !orgIds.has(party.organisation)) problem(file, record.id, `unknown party organisation ${party.organisation}`);
    for (const l of record.legalBases) if (!legalIds.has(l)) problem(file, record.id, `unknown legal basis ${l}`);
    checkValidity(file, record);
    checkPhenomena(file, record.id, record.phenomena);
    const set = new Set(record.territory.flatMap((ref) => expand(file, record.id, ref)));
    for (const nis of set) agreementCoverage.push({ agreement_id: record.id, municipality_nis: nis });
  }

  // An instrument that is an agreement takes its parties, legal bases and territory from it and its protocols:
  // one place, so that every filter agrees (docs/data.md, "One record per real thing").
  const agreementById = new Map(agreements.map(({ record }) => [record.id, record]));
  const fromAgreement = (id: string) => {
    const family = agreements.map(({ record }) => record).filter((a) => a.id === id || a.parent === id);
    const unique = <T>(values: T[]) => [...new Set(values)];
    return {
      partners: unique(family.flatMap((a) => a.parties.flatMap((p) => (p.organisation ? [p.organisation] : [])))),
      partnerKinds: unique(family.flatMap((a) => a.parties.flatMap((p) => (p.partyKind ? [p.partyKind] : [])))),
      legalBases: unique(family.flatMap((a) => a.legalBases)),
      territory: agreementById.get(id)?.territory ?? [],
    };
  };

  // Cases, instruments, classifications and absences.
  const cases = recordsOf(seeds, 'Case');
  const caseIds = new Set(cases.map((c) => c.record.id));
  const instruments = recordsOf(seeds, 'Instrument');
  const filled = new Set<string>();
  for (const { file, record } of instruments) {
    if (record.case && !caseIds.has(record.case)) problem(file, record.id, `unknown case ${record.case}`);
    checkPhenomena(file, record.id, record.phenomena);
    if (record.agreement) {
      if (!agreementById.has(record.agreement)) problem(file, record.id, `unknown agreement ${record.agreement}`);
      else if (record.partners.length || record.partnerKinds.length || record.legalBases.length || record.territory.length) {
        problem(file, record.id, `its partners, partnerKinds, legalBases and territory come from agreement ${record.agreement}: leave them out here`);
      } else Object.assign(record, fromAgreement(record.agreement));
    }
    for (const p of record.partners) if (!orgIds.has(p)) problem(file, record.id, `unknown partner organisation ${p}`);
    for (const l of record.legalBases) if (!legalIds.has(l)) problem(file, record.id, `unknown legal basis ${l}`);
    for (const t of record.territory) expand(file, record.id, t);
    for (const c of record.classifications) {
      if (c.case && !caseIds.has(c.case)) problem(file, record.id, `classification names unknown case ${c.case}`);
      if (!isServCell(c.principle, c.dimension)) problem(file, record.id, `${c.principle} × ${c.dimension} is not a cell of the SERV grid`);
      filled.add(`${c.case}|${c.principle}|${c.dimension}`);
    }
    checkValidity(file, record);
  }
  const absences = recordsOf(seeds, 'ServAbsence');
  const successions = recordsOf(seeds, 'OrganisationSuccession');
  for (const { file, record } of successions) {
    for (const end of [record.predecessor, record.successor]) if (!orgIds.has(end)) problem(file, record.id, `unknown organisation ${end}`);
  }
  const instrumentIds = new Set(instruments.map((i) => i.record.id));
  const relations = recordsOf(seeds, 'InstrumentRelation');
  for (const { file, record } of relations) {
    for (const end of [record.from, record.to]) if (!instrumentIds.has(end)) problem(file, record.id, `unknown instrument ${end}`);
    if (record.from === record.to) problem(file, record.id, 'an instrument does not relate to itself');
  }
  for (const { file, record } of absences) {
    if (!caseIds.has(record.case)) problem(file, record.id, `unknown case ${record.case}`);
    if (!isServCell(record.principle, record.dimension)) problem(file, record.id, `${record.principle} × ${record.dimension} is not a cell of the SERV grid`);
    if (filled.has(`${record.case}|${record.principle}|${record.dimension}`)) problem(file, record.id, `the cell is marked absent for ${record.case} but an instrument is classified in it`);
  }

  // jsonb columns take the values as they are: the loader hands rows to PostgreSQL as JSON.
  const json = (v: unknown) => v ?? [];
  // A document source carries the document's title (seeds/documents.yaml); its date, or a web source's `seen`
  // date, attests that the record existed then (the earliest such day is the record's attested_on).
  const documents = new Map(recordsOf(seeds, 'Document').map(({ record }) => [record.file, record]));
  const cite = (sources: SourceRecord[] | undefined) =>
    (sources ?? []).map((source) => {
      const document = source.document ? documents.get(source.document) : undefined;
      return document && !source.title ? { ...source, title: document.title } : source;
    });
  const attest = (sources: SourceRecord[]): string | null => {
    const days = sources.flatMap((source) => {
      const date = source.document ? documents.get(source.document)?.date : source.seen;
      return date ? [latestDay(date)] : [];
    });
    return days.length ? days.sort()[0]! : null;
  };
  const tables: Record<string, Row[]> = {
    'territory.province': territory.provinces.map((p) => ({ id: p.id, nis: p.nis, name: p.name, sources: cite(p.sources) })),
    'territory.administrative_arrondissement': territory.arrondissements.map((a) => ({ id: a.id, nis: a.nis, name: a.name, province_id: a.provinceId, sources: cite(a.sources) })),
    'territory.police_zone': territory.policeZones.map((z) => ({
      id: z.id,
      name: z.name,
      zone_number: numberOf.get(z.id)?.zoneNumber ?? null,
      sources: json([...z.sources, ...(numberOf.get(z.id)?.sources ?? [])]),
    })),
    'territory.eerstelijnszone': territory.eerstelijnszones.map((e) => ({ id: e.id, name: e.name, sources: cite(e.sources) })),
    'territory.judicial_arrondissement': judicial.map(({ record }) => ({ id: record.id, name: record.name, note: record.note ?? null, sources: cite(record.sources) })),
    'territory.judicial_division': divisions.map((d) => ({ id: d.id, name: d.name, arrondissement_id: d.arrondissementId, seat: d.seat ?? null, note: d.note ?? null, sources: cite(d.sources) })),
    'territory.municipality': territory.municipalities.map((m) => ({
      nis: m.nis,
      name: m.name,
      name_key: m.nameKey,
      region: m.region,
      province_id: m.provinceId,
      arrondissement_id: m.arrondissementId,
      police_zone_id: m.policeZoneId,
      eerstelijnszone_id: m.eerstelijnszoneId,
      judicial_arrondissement_id: arrondissementOf.get(m.nis) ?? null,
      judicial_division_id: divisionOf.get(m.nis) ?? null,
      valid_from: null,
      sources: cite(m.sources),
    })),
    'territory.former_municipality': territory.formerMunicipalities.map((f) => ({ nis: f.nis, name: f.name, name_key: f.nameKey, successor_nis: f.successorNis, sources: cite(f.sources) })),
    'territory.postcode': territory.postcodes.map((p) => ({ postcode: p.postcode, municipality_nis: p.municipalityNis, locality: p.locality, sources: cite(p.sources) })),
    'territory.service_region': regions.map(({ record }) => ({
      id: record.id, kind: record.kind, name: record.name, ...validityColumns(record, attest(record.sources)),
      defined_as: json([
        ...(record.members.judicialArrondissements ?? []).map((ref) => ({ scale: TerritorialScale.JUDICIAL_ARRONDISSEMENT, ref })),
        ...(record.members.judicialDivisions ?? []).map((ref) => ({ scale: TerritorialScale.JUDICIAL_DIVISION, ref })),
        ...(record.members.municipalities ?? []).map((ref) => ({ scale: TerritorialScale.MUNICIPALITY, ref })),
      ]),
      unconfirmed: record.unconfirmed ?? [], note: record.note ?? null, sources: cite(record.sources),
    })),
    'territory.unsettled_area': seeds.unassigned.map((u) => ({ kind: u.kind, municipality_nis: u.municipality, note: u.note, sources: cite(u.sources) })),
    'territory.service_region_member': regions.flatMap(({ record, municipalities }) => municipalities.map((nis) => ({ region_id: record.id, municipality_nis: nis }))),
    'legal.legal_basis': legal.map(({ record }) => ({
      id: record.id,
      kind: record.kind,
      level: record.level,
      title: record.title,
      short_title: record.shortTitle ?? null,
      date: dayOrNull(record.date),
      publication_date: dayOrNull(record.publicationDate),
      date_edtf: record.date ?? null,
      publication_date_edtf: record.publicationDate ?? null,
      ...validityColumns(record, attest(record.sources)),
      eli: record.eli ?? null,
      url: record.url ?? null,
      articles: json(record.articles.map((a) => ({ ...a, sources: a.sources ?? record.sources }))),
      unconfirmed: record.unconfirmed ?? [],
      note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'legal.legal_relation': legal.flatMap(({ record }) => record.relations.map((r) => ({ from_id: record.id, type: r.type, to_id: r.target, note: r.note ?? null }))),
    'partners.organisation': organisations.map(({ record }) => ({
      id: record.id,
      name: record.name,
      kind: record.kind,
      level: record.level,
      kbo: record.kbo ?? null,
      ovo: record.ovo ?? null,
      parent_id: record.parent ?? null,
      serves: json(record.serves),
      contact_points: json(record.contactPoints),
      ...validityColumns(record, attest(record.sources)),
      unconfirmed: record.unconfirmed ?? [],
      note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'partners.organisation_municipality': orgCoverage,
    'partners.site': sites.map(({ record }) => ({
      id: record.id, organisation_id: record.organisation, kind: record.kind, name: record.name, municipality_nis: record.municipality,
      ...validityColumns(record, attest(record.sources)), unconfirmed: record.unconfirmed ?? [], note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'partners.post': posts.map(({ record }) => ({
      id: record.id, organisation_id: record.organisation ?? null, organisation_kind: record.organisationKind ?? null, serves: record.serves ?? null, function: record.function, title: record.title, phenomena: record.phenomena,
      ...validityColumns(record, attest(record.sources)), unconfirmed: record.unconfirmed ?? [], note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'partners.post_municipality': postCoverage,
    'partners.agreement': agreements.map(({ record }) => ({
      id: record.id, kind: record.kind, title: record.title, parent_id: record.parent ?? null, territory: json(record.territory),
      phenomena: record.phenomena, legal_basis_ids: record.legalBases, forum: record.forum ?? null, conditions: record.conditions,
      ...validityColumns(record, attest(record.sources)), unconfirmed: record.unconfirmed ?? [], note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'partners.agreement_party': agreements.flatMap(({ record }) =>
      record.parties.map((p, i) => ({
        agreement_id: record.id, position: i + 1, organisation_id: p.organisation ?? null, party_kind: p.partyKind ?? null,
        role: p.role ?? null, sources: cite(p.sources ?? record.sources),
        // The seed files are curated by the registry's stewards: the organisations they name are confirmed parties.
        confirmation: p.organisation ? 'CONFIRMED' : null, confirmation_by_role: p.organisation ? 'SEED' : null, confirmation_by_org: null,
        confirmation_by_subject: p.organisation ? 'seed' : null, confirmation_at: null,
      })),
    ),
    'partners.agreement_municipality': agreementCoverage,
    'instruments.case': cases.map(({ record }) => ({ id: record.id, name: record.name, description: record.description ?? null, sources: cite(record.sources) })),
    'instruments.instrument': instruments.map(({ record }) => ({
      id: record.id,
      name: record.name,
      kind: record.kind,
      case_id: record.case ?? null,
      agreement_id: record.agreement ?? null,
      description: record.description ?? null,
      partner_ids: record.partners,
      partner_kinds: record.partnerKinds,
      territory: json(record.territory),
      legal_basis_ids: record.legalBases,
      phenomena: record.phenomena,
      ...validityColumns(record, attest(record.sources)),
      unconfirmed: record.unconfirmed ?? [],
      note: record.note ?? null,
      sources: cite(record.sources),
    })),
    'instruments.serv_classification': instruments.flatMap(({ record }) =>
      record.classifications.map((c) => ({ instrument_id: record.id, case_id: c.case ?? null, principle: c.principle, dimension: c.dimension, sources: cite(c.sources) })),
    ),
    'partners.phenomenon': phenomena.map(({ record }) => ({ id: record.id, label: record.label, synonyms: record.synonyms })),
    'partners.partner_term': partnerTerms.map(({ record }) => ({ id: record.id, label: record.label, kinds: record.kinds, synonyms: record.synonyms })),
    'partners.kind_helpline': helplines.map(({ record }) => ({ kind: record.kind, organisation_id: record.organisation, note: record.note, sources: cite(record.sources) })),
    'partners.organisation_succession': successions.map(({ record }) => ({
      predecessor_id: record.predecessor, successor_id: record.successor, type: record.type, date_edtf: record.date ?? null, note: record.note, sources: cite(record.sources),
    })),
    'instruments.instrument_relation': relations.map(({ record }) => ({
      from_id: record.from, type: record.type, to_id: record.to, planned: record.planned ?? false, note: record.note ?? null, sources: cite(record.sources),
    })),
    'instruments.serv_absence': absences.map(({ record }) => ({ id: record.id, case_id: record.case, principle: record.principle, dimension: record.dimension, sources: cite(record.sources) })),
    'instruments.instrument_figure': instruments.flatMap(({ record }) =>
      record.figures.map((f) => ({ instrument_id: record.id, name: f.name, value: f.value, unit: f.unit, period: f.period ?? null, date: f.date ?? null, note: f.note ?? null, sources: cite(f.sources) })),
    ),
  };
  // The search read model: what a person might type to find each record.
  const words = (...parts: Array<string | null | undefined | string[]>) => parts.flat().filter(Boolean).join(' ');
  tables['partners.search_document'] = [
    ...organisations.map(({ record }) => ({ type: 'ORGANISATION', id: record.id, label: record.name, body: words(record.kind, record.id, record.kbo, record.ovo) })),
    ...instruments.map(({ record }) => ({ type: 'INSTRUMENT', id: record.id, label: record.name, body: words(record.kind, record.description, record.phenomena) })),
    ...legal.map(({ record }) => ({
      type: 'LEGAL_BASIS',
      id: record.id,
      label: record.shortTitle ? `${record.shortTitle} (${record.title})` : record.title,
      body: words(record.kind, record.articles.map((a) => `art. ${a.number} ${a.subject ?? ''}`)),
    })),
    ...territory.municipalities.map((m) => ({
      type: 'MUNICIPALITY',
      id: m.nis,
      label: m.name,
      body: words(
        territory.formerMunicipalities.filter((f) => f.successorNis === m.nis).map((f) => f.name),
        [...new Set(territory.postcodes.filter((p) => p.municipalityNis === m.nis).flatMap((p) => [p.postcode, p.locality]))],
      ),
    })),
  ];
  const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
  return { plan: { tables, counts }, problems };
}
