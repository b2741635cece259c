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
}

export function encodeProtocolQuestion(q: ProtocolQuestionInput): string {
  return Buffer.from(JSON.stringify([q.nis, q.phenomenon, q.partners, q.on])).toString('base64url');
}

export function decodeProtocolQuestion(id: string): ProtocolQuestionInput {
  try {
    const [nis, phenomenon, partners, on] = JSON.parse(Buffer.from(id, 'base64url').toString());
    if (typeof nis === 'string' && typeof phenomenon === 'string' && Array.isArray(partners) && typeof on === 'string') {
      return { nis, phenomenon, partners: partners.map(String), on };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('That is not a protocol question id: ask whichProtocolApplies for one.');
}
