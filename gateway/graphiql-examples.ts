/**
 * The tabs GraphiQL opens with: the three questions the hub exists for. Each is run through the gateway by
 * tests/e2e/graphiql.test.ts, so an example that stops matching the schema fails the suite.
 */
export interface GraphiqlTab {
  query: string;
  variables?: string;
}

export const GRAPHIQL_TABS: GraphiqlTab[] = [
  {
    query: `# Wie is wie voor een gemeente: politiezone, gerechtelijk arrondissement en afdeling, Veilig Huis, ARIEC
# en de posten om te contacteren, op een datum ("on", standaard vandaag). Elk feit draagt zijn bron.
# Ook met een postcode: whoIsWho(postcode: "3500").
query WhoIsWho($municipality: String = "Kortessem", $on: Date) {
  whoIsWho(municipality: $municipality, on: $on) {
    matchedBy
    ambiguous
    cards {
      municipality { name nis }
      policeZone { name zoneNumber }
      judicialArrondissement { name }
      judicialDivision { name }
      veiligHuis { organisation { name contactPoints { kind value lastConfirmed } } mainLocations { name } }
      ariec { organisation { name } }
      contacts { title function organisation { name } sources { document locator } }
      unsettledAreas { kind note }
    }
  }
}
`,
  },
  {
    query: `# Welk protocol is van toepassing: een CAW en de politie in Hasselt, voor intrafamiliaal geweld.
query WhichProtocolApplies {
  whichProtocolApplies(phenomenon: "intrafamiliaal geweld", municipality: "Hasselt", partners: ["CAW", "politie"]) {
    applicable {
      status
      agreement { title forum conditions sources { document locator quote } }
      legalBases { inForce basis { title eli } }
    }
    explanation
  }
}
`,
  },
  {
    query: `# De SERV-synthese (rapport, sectie 4.4.5), berekend uit de geclassificeerde instrumenten.
query ServSynthesis {
  servSynthesis(cases: ["ifg", "bestuurlijke-handhaving"]) {
    case { name }
    cells { principle dimension present instruments { name } evidence { sources { locator quote } } }
  }
}
`,
  },
];
