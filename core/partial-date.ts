/**
 * Dates at the precision the sources give (docs/data.md, "Dates"): a day (`2024-04-18`), a month (`2023-11`) or a
 * year (`2017`), in the form of ISO 8601-2 / EDTF level 0, and whether the date happened or is only planned
 * ("voorzien"). A question "as of D" about something whose dates are partial has three answers: in force, not in
 * force, or unknown — with the reason, never a guess.
 */

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

export interface PartialDate {
  /** EDTF level 0: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  edtf: string;
  /** A date the sources give as planned, not as having happened. */
  planned: boolean;
}

const EDTF = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** Whether a string is an EDTF level 0 date that exists in the calendar. */
export function isEdtf(value: string): boolean {
  const m = EDTF.exec(value);
  if (!m) return false;
  const [, , month, day] = m;
  if (month && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day) {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }
  return true;
}

export function precisionOf(edtf: string): DatePrecision {
  return edtf.length === 10 ? 'DAY' : edtf.length === 7 ? 'MONTH' : 'YEAR';
}

/** The first day the date can stand for. */
export function earliestDay(edtf: string): string {
  return edtf.length === 10 ? edtf : edtf.length === 7 ? `${edtf}-01` : `${edtf}-01-01`;
}

/** The last day the date can stand for. */
export function latestDay(edtf: string): string {
  if (edtf.length === 10) return edtf;
  const [year, month] = edtf.split('-').map(Number);
  if (month === undefined) return `${edtf}-12-31`;
  const last = new Date(Date.UTC(year!, month, 0)).getUTCDate();
  return `${edtf}-${String(last).padStart(2, '0')}`;
}

/** "18 april 2024", "november 2023", "2017", with "(voorzien)" for a planned date. */
export function dutchLabel(date: PartialDate): string {
  const [year, month, day] = date.edtf.split('-');
  const text = day ? `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}` : month ? `${MONTHS[Number(month) - 1]} ${year}` : year!;
  return date.planned ? `${text} (voorzien)` : text;
}

/** The exact day, where the sources give one that has happened; otherwise null (what `validFrom: Date` serves). */
export function confirmedDay(date: PartialDate | null | undefined): string | null {
  return date && !date.planned && date.edtf.length === 10 ? date.edtf : null;
}

export type InForceState = 'IN_FORCE' | 'NOT_IN_FORCE' | 'UNKNOWN';

/**
 * Why it is unknown whether something is in force on a date, or (for NOT_IN_FORCE) why not:
 * - START_UNKNOWN: the sources give no start;
 * - START_WITHIN_PERIOD / END_WITHIN_PERIOD: the date falls in the month or year the source gives for the start or end;
 * - START_ONLY_PLANNED / END_ONLY_PLANNED: the start (end) is only planned, and the date is on or after it;
 * - NOT_YET_STARTED / ENDED: it is known not to be in force.
 */
export type InForceReason = 'START_UNKNOWN' | 'START_WITHIN_PERIOD' | 'END_WITHIN_PERIOD' | 'START_ONLY_PLANNED' | 'END_ONLY_PLANNED' | 'NOT_YET_STARTED' | 'ENDED';

export interface InForce {
  on: string;
  state: InForceState;
  reason: InForceReason | null;
  /** For people, in Dutch. */
  explanation: string;
}

export interface Validity {
  from: PartialDate | null;
  to: PartialDate | null;
  /** The earliest day a source or an editor attests that it exists: from then on it holds, whatever its start. */
  attestedOn?: string | null;
}

/**
 * Whether something with this validity (start inclusive, end exclusive) is in force on `on` (YYYY-MM-DD). A
 * known end before the date settles it whatever the start; otherwise an unknown or imprecise start leaves it open.
 */
export function inForceOn(validity: Validity, on: string): InForce {
  const answer = (state: InForceState, reason: InForceReason | null, explanation: string): InForce => ({ on, state, reason, explanation });
  const { from, to } = validity;
  const at = (date: PartialDate) => `${date.edtf.length === 10 ? 'op' : 'in'} ${dutchLabel(date)}`;
  const period = (date: PartialDate) => (date.edtf.length === 7 ? 'de maand' : 'het jaar');
  // Settled first: an end that certainly passed, a start that certainly has not come.
  if (to && !to.planned && (to.edtf.length === 10 ? on >= to.edtf : on > latestDay(to.edtf))) {
    return answer('NOT_IN_FORCE', 'ENDED', `Niet meer van kracht op ${on}: beëindigd ${at(to)}.`);
  }
  if (from && on < earliestDay(from.edtf)) return answer('NOT_IN_FORCE', 'NOT_YET_STARTED', `Nog niet van kracht op ${on}: begint ${at(from)}.`);
  if (to && on >= earliestDay(to.edtf)) {
    if (to.planned) return answer('UNKNOWN', 'END_ONLY_PLANNED', `Onbekend: het einde was voorzien ${at(to)}; de bronnen bevestigen niet dat het zo gebeurde.`);
    return answer('UNKNOWN', 'END_WITHIN_PERIOD', `Onbekend: ${on} valt in ${period(to)} waarin het volgens de bronnen eindigde (${dutchLabel(to)}); de exacte dag is niet bekend.`);
  }
  // A source that gives the start as planned attests a plan, not that it exists.
  const attested = validity.attestedOn && on >= validity.attestedOn && !from?.planned;
  if (attested) {
    return answer('IN_FORCE', null, `Van kracht: de bronnen beschrijven het als bestaand op ${dutchDay(validity.attestedOn!)}${from ? ` (begonnen ${at(from)})` : '; sinds wanneer is niet bekend'}.`);
  }
  if (!from) {
    const since = validity.attestedOn ? ` vóór ${dutchDay(validity.attestedOn)}, de vroegste datum waarop een bron het als bestaand beschrijft` : '';
    return answer('UNKNOWN', 'START_UNKNOWN', `Onbekend: de bronnen geven niet aan sinds wanneer het geldt${since ? `, en ${on} ligt${since}` : ''}.`);
  }
  if (from.planned) return answer('UNKNOWN', 'START_ONLY_PLANNED', `Onbekend: de start was voorzien ${at(from)}; de bronnen bevestigen niet dat het zo gebeurde.`);
  if (from.edtf.length !== 10 && on < latestDay(from.edtf)) {
    return answer('UNKNOWN', 'START_WITHIN_PERIOD', `Onbekend: ${on} valt in ${period(from)} waarin het volgens de bronnen begon (${dutchLabel(from)}); de exacte dag is niet bekend.`);
  }
  return answer('IN_FORCE', null, `Van kracht sinds ${dutchLabel(from)}${to ? `, tot ${dutchLabel(to)}` : ''}.`);
}

const dutchDay = (day: string) => dutchLabel({ edtf: day, planned: false });

/** A record's validity columns as stored (subgraphs/_shared/recorded.ts): the EDTF dates, planned flags, attestation. */
export interface DatedRecord {
  validFromEdtf?: string | null;
  validFromPlanned?: boolean;
  validToEdtf?: string | null;
  validToPlanned?: boolean;
  attestedOn?: string | null;
}

export function validityOf(record: DatedRecord): Validity {
  return {
    attestedOn: record.attestedOn ?? null,
    from: record.validFromEdtf ? { edtf: record.validFromEdtf, planned: Boolean(record.validFromPlanned) } : null,
    to: record.validToEdtf ? { edtf: record.validToEdtf, planned: Boolean(record.validToPlanned) } : null,
  };
}

/** Known to be in force on the date (an unknown answer is not "yes"). */
export const knownInForce = (record: DatedRecord, on: string): boolean => inForceOn(validityOf(record), on).state === 'IN_FORCE';

/**
 * Not known to be out of force on the date: in force, or unknown (a card or a record's own lists show these, each
 * with its `validity`, rather than hide what may hold).
 */
export const mayBeInForce = (record: DatedRecord, on: string): boolean => inForceOn(validityOf(record), on).state !== 'NOT_IN_FORCE';

/** The old two-valued answer, for Boolean fields: true, false, or null where it is unknown. */
export function inForceBoolean(record: DatedRecord, on: string): boolean | null {
  const { state } = inForceOn(validityOf(record), on);
  return state === 'UNKNOWN' ? null : state === 'IN_FORCE';
}
