import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../core/errors';
import { nameKey, orList } from '../../core/text';
import { registerEnumType } from 'type-graphql';

export enum MatchKind {
  NIS_CODE = 'NIS_CODE',
  NAME = 'NAME',
  FORMER_NAME = 'FORMER_NAME',
  LOCALITY = 'LOCALITY',
  POSTCODE = 'POSTCODE',
}
registerEnumType(MatchKind, {
  name: 'MatchKind',
  description: 'How the place a user typed was recognised.',
  valuesConfig: {
    FORMER_NAME: { description: 'The name of a municipality that merged on 1 January 2025 (or earlier); resolved to its successor.' },
    LOCALITY: { description: 'The name of a locality (deelgemeente) within a municipality.' },
  },
});

export interface PlaceMatch {
  matchedBy: MatchKind;
  nisCodes: string[];
}

/**
 * Recognises a place the way people type it: a NIS code (also a pre-merger one), a current or former name, a
 * locality, or a postcode; case- and accent-insensitive. Unknown names get NOT_FOUND with the closest names
 * (trigram similarity) as suggestions.
 */
export async function findPlace(db: DataSource, input: { municipality?: string | null; postcode?: string | null }): Promise<PlaceMatch> {
  const name = input.municipality?.trim();
  const postcode = input.postcode?.trim();
  if (!name && !postcode) throw badInput('Geef een gemeente (naam of NIS-code) of een postcode.', { argument: 'municipality', reason: 'MISSING_PLACE' });
  if (name && postcode) throw badInput('Geef een gemeente of een postcode, niet beide.', { argument: 'postcode', reason: 'BOTH_PLACE_AND_POSTCODE' });

  if (postcode) {
    if (!/^\d{4}$/.test(postcode)) throw badInput(`"${postcode}" is geen Belgische postcode: die heeft vier cijfers, bijvoorbeeld 3500.`, { argument: 'postcode', reason: 'NOT_A_POSTCODE' });
    const rows: Array<{ nis: string }> = await db.query(
      'SELECT DISTINCT municipality_nis AS nis FROM territory.postcode WHERE postcode = $1 ORDER BY 1',
      [postcode],
    );
    if (!rows.length) throw notFound(`Geen gemeente in Vlaanderen of Brussel heeft postcode ${postcode}.`, { argument: 'postcode', reason: 'UNKNOWN_POSTCODE' });
    return { matchedBy: MatchKind.POSTCODE, nisCodes: rows.map((r) => r.nis) };
  }

  const key = nameKey(name!);
  // One statement: every way a name or code can match, best kind first.
  const rows: Array<{ nis: string; kind: MatchKind }> = await db.query(
    `SELECT nis, kind FROM (
        SELECT nis, 'NIS_CODE' AS kind, 1 AS rank FROM territory.municipality WHERE nis = $1
        UNION ALL SELECT successor_nis, 'NIS_CODE', 2 FROM territory.former_municipality WHERE nis = $1
        UNION ALL SELECT nis, 'NAME', 3 FROM territory.municipality WHERE name_key = $2
        UNION ALL SELECT successor_nis, 'FORMER_NAME', 4 FROM territory.former_municipality WHERE name_key = $2
        UNION ALL SELECT DISTINCT municipality_nis, 'LOCALITY', 5 FROM territory.postcode WHERE locality_key = $2
      ) m ORDER BY rank, nis`,
    [name, key],
  );
  if (rows.length) {
    const best = rows[0].kind;
    return { matchedBy: best, nisCodes: [...new Set(rows.filter((r) => r.kind === best).map((r) => r.nis))] };
  }
  const suggestions: Array<{ name: string }> = await db.query(
    `SELECT name FROM (
        SELECT name, public.similarity(name_key, $1) AS score FROM territory.municipality
        UNION ALL SELECT name, public.similarity(name_key, $1) FROM territory.former_municipality
      ) s WHERE score > 0.25 GROUP BY name ORDER BY max(score) DESC, name LIMIT 5`,
    [key],
  );
  const names = suggestions.map((s) => s.name);
  throw notFound(
    `Geen gemeente "${name}" in Vlaanderen of Brussel.${names.length ? ` Bedoelde u ${orList(names)}?` : ''}`,
    { argument: 'municipality', reason: 'UNKNOWN_MUNICIPALITY', suggestions: names },
  );
}
