import { registerEnumType } from 'type-graphql';

/** The SERV (2023) taxonomy of intergovernmental cooperation: three principles, each with its dimensions. */
export enum ServPrinciple {
  LOYAUTEIT = 'LOYAUTEIT',
  PARTICIPATIE = 'PARTICIPATIE',
  AFSTEMMING = 'AFSTEMMING',
}
registerEnumType(ServPrinciple, { name: 'ServPrinciple', description: 'SERV (2023) cooperation principle.' });

export enum ServDimension {
  INFORMEEL_OVERLEG = 'INFORMEEL_OVERLEG',
  INFORMATIE_GEGEVENSUITWISSELING = 'INFORMATIE_GEGEVENSUITWISSELING',
  GEZAMENLIJKE_FINANCIERING = 'GEZAMENLIJKE_FINANCIERING',
  WETGEVEND = 'WETGEVEND',
  UITVOEREND = 'UITVOEREND',
  AMBTELIJK = 'AMBTELIJK',
  SAMENWERKEN_IN_NETWERKEN = 'SAMENWERKEN_IN_NETWERKEN',
}
registerEnumType(ServDimension, { name: 'ServDimension', description: 'Form (loyauteit) or level (participatie, afstemming) within a principle.' });

/** The cells of the grid, in the order of the report's synthesis table (section 4.4.5). */
export const SERV_CELLS: ReadonlyArray<{ principle: ServPrinciple; dimension: ServDimension }> = [
  { principle: ServPrinciple.LOYAUTEIT, dimension: ServDimension.INFORMEEL_OVERLEG },
  { principle: ServPrinciple.LOYAUTEIT, dimension: ServDimension.INFORMATIE_GEGEVENSUITWISSELING },
  { principle: ServPrinciple.LOYAUTEIT, dimension: ServDimension.GEZAMENLIJKE_FINANCIERING },
  { principle: ServPrinciple.PARTICIPATIE, dimension: ServDimension.WETGEVEND },
  { principle: ServPrinciple.PARTICIPATIE, dimension: ServDimension.UITVOEREND },
  { principle: ServPrinciple.PARTICIPATIE, dimension: ServDimension.AMBTELIJK },
  { principle: ServPrinciple.AFSTEMMING, dimension: ServDimension.WETGEVEND },
  { principle: ServPrinciple.AFSTEMMING, dimension: ServDimension.UITVOEREND },
  { principle: ServPrinciple.AFSTEMMING, dimension: ServDimension.AMBTELIJK },
  { principle: ServPrinciple.AFSTEMMING, dimension: ServDimension.SAMENWERKEN_IN_NETWERKEN },
];

export function isServCell(principle: string, dimension: string): boolean {
  return SERV_CELLS.some((c) => c.principle === principle && c.dimension === dimension);
}
