/**
 * The columns of a record's validity at the precision the sources give (core/partial-date.ts): the EDTF of start
 * and end and whether each is only planned. `valid_from` and `valid_to` stay as the exact days, set only where
 * the EDTF is a day that happened, so that every query on them (partner access among them) can only be more
 * careful than before, never claim more. Existing dates become day-precision EDTF: nothing is lost.
 *
 * `attested_on`: the earliest day a source (or an editor) attests that the record exists. Without a known start,
 * it is in force from then on (while not ended); before then, unknown. The seed sets it from the documents'
 * dates and the `seen` dates of web sources; the migration from `seen` and, where the journal has the record,
 * the day an editor first wrote it.
 */
export function partialValidityDdl(table: string, journalSchema?: string): string {
  const name = table.split('.').pop()!;
  const edtf = (column: string) => `${column} ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'`;
  const exactDay = (prefix: 'valid_from' | 'valid_to') =>
    `${prefix} IS NOT DISTINCT FROM (CASE WHEN length(${prefix}_edtf) = 10 AND NOT ${prefix}_planned THEN ${prefix}_edtf::date END)`;
  return `
    ALTER TABLE ${table}
      ADD COLUMN valid_from_edtf text CHECK (${edtf('valid_from_edtf')}),
      ADD COLUMN valid_from_planned boolean NOT NULL DEFAULT false,
      ADD COLUMN valid_to_edtf text CHECK (${edtf('valid_to_edtf')}),
      ADD COLUMN valid_to_planned boolean NOT NULL DEFAULT false,
      ADD COLUMN attested_on date;
    UPDATE ${table} t SET valid_from_edtf = to_char(valid_from, 'YYYY-MM-DD'), valid_to_edtf = to_char(valid_to, 'YYYY-MM-DD'),
      attested_on = LEAST(
        (SELECT min((s->>'seen')::date) FROM jsonb_array_elements(t.sources) s WHERE s ? 'seen')
        ${journalSchema ? `, (SELECT min(v.recorded_at AT TIME ZONE 'Europe/Brussels')::date FROM ${journalSchema}.record_version v WHERE v.record_id = t.id AND v.entity = upper('${name}'))` : ''});
    ALTER TABLE ${table}
      ADD CONSTRAINT ${name}_valid_from_exact_day CHECK (${exactDay('valid_from')}),
      ADD CONSTRAINT ${name}_valid_to_exact_day CHECK (${exactDay('valid_to')});`;
}

export function dropPartialValidityDdl(table: string): string {
  return `ALTER TABLE ${table} DROP COLUMN valid_from_edtf, DROP COLUMN valid_from_planned, DROP COLUMN valid_to_edtf, DROP COLUMN valid_to_planned, DROP COLUMN attested_on;`;
}
