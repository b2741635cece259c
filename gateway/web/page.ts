/** The partner kinds offered as checkboxes: the value is a word the hub understands (see PARTNER_ALIASES). */
export const PARTNER_CHOICES: Array<{ value: string; label: string }> = [
  { value: 'CAW', label: 'CAW' },
  { value: 'politie', label: 'Politie' },
  { value: 'parket', label: 'Parket' },
  { value: 'OCMW', label: 'OCMW' },
  { value: 'CLB', label: 'CLB' },
  { value: 'CGG', label: 'CGG' },
  { value: 'lokaal bestuur', label: 'Lokaal bestuur' },
  { value: 'justitiehuis', label: 'Justitiehuis' },
  { value: 'opgroeien', label: 'Opgroeien' },
  { value: 'kind en gezin', label: 'Kind en Gezin' },
  { value: 'vertrouwenscentrum kindermishandeling', label: 'Vertrouwenscentrum Kindermishandeling' },
  { value: 'veilig huis', label: 'Veilig Huis' },
  { value: 'fjc', label: 'Family Justice Center' },
  { value: 'ariec', label: 'ARIEC' },
  { value: 'gevangenis', label: 'Gevangenis' },
];

/** Shown until the page has asked the hub which phenomena its agreements cover. */
const DEFAULT_PHENOMENA = ['intrafamiliaal-geweld', 'kindermishandeling', 'ondermijning'];

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page (Dutch). Results are rendered by /web/app.js into the two aria-live regions. */
export function pageHtml(assetBase: string): string {
  const checkboxes = PARTNER_CHOICES.map(
    (p, i) =>
      `<label for="partner-${i}"><input type="checkbox" id="partner-${i}" name="partner" value="${escapeHtml(p.value)}"> ${escapeHtml(p.label)}</label>`,
  ).join('\n            ');
  const phenomena = DEFAULT_PHENOMENA.map((slug) => `<option value="${slug}">${slug.replace(/-/g, ' ')}</option>`).join('');
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ketenkaart — wie is wie en welk protocol geldt</title>
  <meta name="description" content="Wie is wie in veiligheid en zorg in uw gemeente, en welk protocol geldt voor een samenwerking.">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assetBase}/app.css">
  <script type="module" src="${assetBase}/app.js"></script>
</head>
<body>
  <a class="skip-link" href="#inhoud">Naar de inhoud</a>
  <header class="site">
    <h1>Ketenkaart</h1>
    <p>Wie werkt samen in veiligheid en zorg in Vlaanderen, op welk grondgebied en onder welk protocol. Elk gegeven vermeldt zijn bron.</p>
  </header>
  <main id="inhoud" tabindex="-1">
    <section class="tool" aria-labelledby="wie-titel">
      <h2 id="wie-titel">Wie is wie in mijn gemeente?</h2>
      <form id="wie-form" novalidate>
        <div class="field">
          <label for="wie-plaats">Gemeente of postcode</label>
          <span class="hint" id="wie-plaats-hint">Bijvoorbeeld Hasselt, Kortessem of 3500. Ook een deelgemeente of NIS-code werkt.</span>
          <input type="text" id="wie-plaats" name="plaats" autocomplete="address-level2" aria-describedby="wie-plaats-hint" required>
        </div>
        <div class="field">
          <label for="wie-datum">Op datum <span class="hint">(leeg laten voor vandaag)</span></label>
          <input type="date" id="wie-datum" name="datum">
        </div>
        <button type="submit">Toon de contactkaart</button>
      </form>
      <div id="wie-resultaat" class="result" aria-live="polite" aria-busy="false"></div>
    </section>

    <section class="tool" aria-labelledby="protocol-titel">
      <h2 id="protocol-titel">Welk protocol is van toepassing?</h2>
      <form id="protocol-form" novalidate>
        <div class="field">
          <label for="protocol-fenomeen">Fenomeen</label>
          <select id="protocol-fenomeen" name="fenomeen">${phenomena}</select>
        </div>
        <fieldset id="partners-fieldset" aria-describedby="partners-hint">
          <legend>Partners die willen samenwerken</legend>
          <span class="hint" id="partners-hint">Kies minstens één partner; een overeenkomst geldt alleen als alle gekozen partners partij zijn.</span>
          <div class="checks">
            ${checkboxes}
          </div>
        </fieldset>
        <div class="field">
          <label for="protocol-gemeente">Gemeente</label>
          <span class="hint" id="protocol-gemeente-hint">Naam of NIS-code van de gemeente waar de casus speelt.</span>
          <input type="text" id="protocol-gemeente" name="gemeente" aria-describedby="protocol-gemeente-hint" required>
        </div>
        <div class="field">
          <label for="protocol-datum">Op datum <span class="hint">(leeg laten voor vandaag)</span></label>
          <input type="date" id="protocol-datum" name="datum">
        </div>
        <button type="submit">Zoek het protocol</button>
      </form>
      <div id="protocol-resultaat" class="result" aria-live="polite" aria-busy="false"></div>
    </section>
  </main>
  <footer>
    <p>De Ketenkaart toont wat de bronnen zeggen; waar zij een gegeven niet vastleggen staat “onbekend”, met de reden.
    Ontwikkelaars vinden de GraphQL-API op <a href="/graphql">/graphql</a>.</p>
  </footer>
  <noscript><p>Deze pagina heeft JavaScript nodig om de Ketenkaart te bevragen.</p></noscript>
</body>
</html>
`;
}
