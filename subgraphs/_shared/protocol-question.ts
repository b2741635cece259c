import { badInput } from '../../core/errors';

/**
 * A "which protocol applies" question, as an entity: the territory subgraph recognises the place, the partners
 * subgraph answers from the agreements. Its key is the question itself, encoded, so that both subgraphs read
 * the same inputs without sharing any state.
 */
export interface ProtocolQuestionInput {
  nis: string;
  phenomenon: string;
  partners: string[];
  on: string;
  /**
   * What the territory subgraph knows the sources leave open for the municipality: per kind of service region
   * (VEILIG_HUIS_REGION, ARIEC_AREA), the ids of the regions of that kind in its province, one of which may serve it.
   */
  unsettled: UnsettledRegion[];
}

/**
 * The stable code of what the sources leave unsettled about a municipality's area (which Veilig Huis region it
 * lies in): on the card's unsettled areas and on a protocol match that depends on it. People read the Dutch note.
 */
export const TERRITORY_UNKNOWN = 'TERRITORY_UNKNOWN';

export interface UnsettledRegion {
  kind: string;
  candidateRegions: string[];
}

export function encodeProtocolQuestion(q: ProtocolQuestionInput): string {
  return Buffer.from(JSON.stringify([q.nis, q.phenomenon, q.partners, q.on, q.unsettled.map((u) => [u.kind, u.candidateRegions])])).toString('base64url');
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function decodeProtocolQuestion(id: string): ProtocolQuestionInput {
  try {
    const [nis, phenomenon, partners, on, unsettled] = JSON.parse(Buffer.from(id, 'base64url').toString());
    const pairs = Array.isArray(unsettled) && unsettled.every((u) => Array.isArray(u) && typeof u[0] === 'string' && isStringList(u[1]));
    if (typeof nis === 'string' && typeof phenomenon === 'string' && isStringList(partners) && typeof on === 'string' && pairs) {
      return { nis, phenomenon, partners, on, unsettled: (unsettled as Array<[string, string[]]>).map(([kind, candidateRegions]) => ({ kind, candidateRegions })) };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('Dit is geen id van een protocolvraag: vraag er een aan whichProtocolApplies.', { argument: 'id', reason: 'NOT_A_PROTOCOL_QUESTION' });
}
