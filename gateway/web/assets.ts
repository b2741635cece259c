/**
 * The page's own script and style sheet, kept in TypeScript modules so they ship inside dist/ (the Docker image
 * copies only dist/). Edit them here; they must contain no backtick and no "${" (they are raw template strings).
 */

/** The browser script (an ES module, no framework): asks /graphql with POST JSON and renders the answers. */
export const APP_JS = String.raw`// Ketenkaart for people without GraphQL: two forms that ask the hub's public GraphQL API and show the answer.
// Plain DOM, no framework, no innerHTML: every text from the API goes into text nodes.
'use strict';

const ENDPOINT = '/graphql';
const TOKEN_KEY = 'ketenkaart.token';

// Fields are spelled out rather than put in fragments: the gateway's cost limit charges every fragment spread.
const SOURCE = 'sources { document dataset locator quote url title seen }';
const ORG = 'id name kind lastConfirmed contactPoints { kind value lastConfirmed ' + SOURCE + ' } ' + SOURCE;
const SITE = 'id kind name note municipality { name } ' + SOURCE;
const REACH = 'reach { ownKnown code explanation channels { kind value own via label ' + SOURCE + ' } }';
const SERVICE = 'organisation { ' + ORG + ' } ' + REACH + ' mainLocations { ' + SITE + ' } antennes { ' + SITE + ' }';
const CARD = [
  'nis on municipality { nis name }',
  'policeZone { id name zoneNumber ' + SOURCE + ' }',
  'administrativeArrondissement { id name ' + SOURCE + ' }',
  'province { id name ' + SOURCE + ' }',
  'judicialArrondissement { id name note ' + SOURCE + ' }',
  'judicialDivision { id name seat note ' + SOURCE + ' }',
  'eerstelijnszone { id name ' + SOURCE + ' }',
  'veiligHuisRegion { id name note ' + SOURCE + ' }',
  'ariecArea { id name note ' + SOURCE + ' }',
  'unsettledAreas { kind note ' + SOURCE + ' }',
  'veiligHuis { ' + SERVICE + ' }',
  'ariec { ' + SERVICE + ' }',
  'policeService { ' + SERVICE + ' }',
  'contactGroups { level label contacts { id function title phenomena lastConfirmed note organisationKind ' + SOURCE + ' organisation { ' + ORG + ' } } }',
].join('\n    ');

const WHO_QUERY = [
  'query WieIsWie($municipality: String, $postcode: String, $on: Date) {',
  '  whoIsWho(municipality: $municipality, postcode: $postcode, on: $on) {',
  '    query on matchedBy ambiguous',
  '    cards {',
  '    ' + CARD,
  '    }',
  '  }',
  '}',
].join('\n');

const PROTOCOL_QUERY = [
  'query WelkProtocol($phenomenon: String!, $municipality: String!, $partners: [String!]!, $on: Date) {',
  '  whichProtocolApplies(phenomenon: $phenomenon, municipality: $municipality, partners: $partners, on: $on) {',
  '    on phenomenon partners municipality { nis name }',
  '    applicable {',
  '      status inForce { state reason explanation }',
  '      agreement { id kind title forum conditions validFrom validTo unconfirmed note ' + SOURCE + ' parent { id title }',
  '        parties { role partyKind organisation { id name } ' + SOURCE + ' } }',
  '      matchedParties { role partyKind organisation { id name } }',
  '      legalBases { id on inForce basis { id title shortTitle eli url validFrom unconfirmed ' + SOURCE + ' } }',
  '    }',
  '    notApplicable { agreement { id title } reasons explanation }',
  '    explanation',
  '  }',
  '}',
].join('\n');

const PHENOMENA_QUERY = 'query Fenomenen { agreements { phenomena } }';

const FUNCTION_LABELS = {
  SPOC: 'SPOC (aanspreekpunt)',
  CASUSREGISSEUR: 'Casusregisseur',
  ARIEC_ANALIST: 'ARIEC-medewerker',
  REFERENTIEMAGISTRAAT: 'Referentiemagistraat',
  PROJECTLEIDER: 'Projectleider',
  COORDINATOR: 'Coördinator',
  PROJECTMANAGER: 'Projectmanager',
  OTHER: 'Andere functie',
};
const CONTACT_LABELS = { ADDRESS: 'Adres', PHONE: 'Telefoon', EMAIL: 'E-mail', WEBSITE: 'Website' };
const MATCHED_BY = {
  NIS_CODE: 'op NIS-code',
  NAME: 'op naam',
  FORMER_NAME: 'op de naam van een gemeente die intussen gefuseerd is',
  LOCALITY: 'op de naam van een deelgemeente',
  POSTCODE: 'op postcode',
};
const AREA_LABELS = {
  JUDICIAL_DIVISION: 'Gerechtelijke afdeling',
  VEILIG_HUIS_REGION: 'Veilig Huis-regio',
  ARIEC_AREA: 'ARIEC-gebied',
  GEZIN_PLAN_NETWORK: '1 Gezin 1 Plan-netwerk',
};
const STATUS_LABELS = {
  IN_FORCE: 'In werking op de gevraagde datum',
  UNDETERMINED: 'Onbekend of dit op de gevraagde datum in werking is',
};
const AGREEMENT_KINDS = { KADEROVEREENKOMST: 'Kaderovereenkomst', PROTOCOL: 'Protocol', SAMENWERKINGSAKKOORD: 'Samenwerkingsakkoord' };
const REASON_LABELS = {
  NO_TERRITORY: 'het werkingsgebied dekt deze gemeente niet',
  PHENOMENON_OUT_OF_SCOPE: 'gaat niet over dit fenomeen',
  PARTNER_NOT_PARTY: 'niet elke gekozen partner is partij',
  NOT_YET_IN_FORCE: 'nog niet in werking op de datum',
  ENDED: 'beëindigd op de datum',
};
const KIND_LABELS = {
  VEILIG_HUIS: 'Veilig Huis', FAMILY_JUSTICE_CENTER: 'Family Justice Center', ARIEC: 'ARIEC', PARKET: 'parket',
  POLITIEZONE: 'lokale politie', FEDERALE_POLITIE: 'federale politie', JUSTITIEHUIS: 'justitiehuis', CAW: 'CAW', CGG: 'CGG',
  OPGROEIEN: 'Opgroeien', VERTROUWENSCENTRUM_KINDERMISHANDELING: 'Vertrouwenscentrum Kindermishandeling', KIND_EN_GEZIN: 'Kind en Gezin',
  CLB: 'CLB', GEVANGENIS: 'gevangenis', VLAAMSE_OVERHEID: 'Vlaamse overheid', FEDERALE_OVERHEID: 'federale overheid',
  LOKAAL_BESTUUR: 'lokaal bestuur', OCMW: 'OCMW', NETWERK: 'netwerk', OVERLEGORGAAN: 'overlegorgaan', OTHER: 'andere partner',
};

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Creates an element: h('p', { class: 'x' }, 'text', child, [more]). Strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let uid = 0;
const nextId = (prefix) => prefix + '-' + ++uid;

const DATE_FORMAT = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) ? iso : DATE_FORMAT.format(d);
}
const dateEl = (iso) => h('time', { datetime: iso }, formatDate(iso));
const humanSlug = (slug) => String(slug).replace(/-/g, ' ');

/** Only http(s) links are rendered as links; anything else stays text. */
function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
function link(url, text) {
  const href = safeHref(url);
  return href ? h('a', { href, rel: 'noopener noreferrer' }, text || url) : text || url;
}

// ---------------------------------------------------------------------------------------------------------------
// The API

class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join(' '));
    this.errors = errors;
  }
}

async function gql(query, variables) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  let token = null;
  try {
    token = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    token = null;
  }
  if (token) headers.authorization = /^bearer\s/i.test(token) ? token : 'Bearer ' + token;
  let response;
  try {
    response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError([{ message: 'De Ketenkaart-server is niet bereikbaar. Controleer uw verbinding en probeer opnieuw.', extensions: { code: 'NETWORK' } }]);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: 'De server gaf een onverwacht antwoord (HTTP ' + response.status + ').', extensions: { code: 'BAD_RESPONSE' } }]);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  if (!body.data) throw new ApiError([{ message: 'De server gaf geen gegevens terug (HTTP ' + response.status + ').', extensions: { code: 'BAD_RESPONSE' } }]);
  return body.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: sources, contact points, facts

function sourceItem(s) {
  const what = s.title || s.document || s.dataset || (s.url ? s.url : 'bron');
  const parts = [h('span', { class: 'source-what' }, s.url ? link(s.url, what) : what)];
  if (s.locator) parts.push(', ', s.locator);
  if (s.seen) parts.push(' (geraadpleegd op ', dateEl(s.seen), ')');
  if (s.quote) parts.push(h('q', { class: 'source-quote' }, s.quote));
  return h('li', null, parts);
}

function sourcesBlock(sources, what) {
  const list = sources || [];
  if (!list.length) return h('p', { class: 'sources sources-none' }, 'Geen bron opgegeven.');
  return h(
    'details',
    { class: 'sources' },
    h('summary', null, 'Bronnen' + (what ? ' voor ' + what : '') + ' (' + list.length + ')'),
    h('ul', null, list.map(sourceItem)),
  );
}

function contactValue(cp) {
  if (cp.kind === 'EMAIL') return h('a', { href: 'mailto:' + cp.value }, cp.value);
  if (cp.kind === 'PHONE') return h('a', { href: 'tel:' + cp.value.replace(/[^+\d]/g, '') }, cp.value);
  if (cp.kind === 'WEBSITE') return link(/^https?:\/\//i.test(cp.value) ? cp.value : 'https://' + cp.value, cp.value);
  return cp.value;
}

function contactPoints(points, orgName) {
  if (!points || !points.length) return h('p', { class: 'muted' }, 'Geen functioneel contactpunt in het register.');
  return h(
    'ul',
    { class: 'contact-points', 'aria-label': 'Functionele contactpunten' + (orgName ? ' van ' + orgName : '') },
    points.map((cp) =>
      h(
        'li',
        null,
        h('span', { class: 'label' }, (CONTACT_LABELS[cp.kind] || cp.kind) + ': '),
        contactValue(cp),
        ' ',
        confirmed(cp.lastConfirmed),
        sourcesBlock(cp.sources),
      ),
    ),
  );
}

function reachBlock(reach, orgName) {
  const explanation = h('p', { class: reach.code === 'OWN' ? null : 'why' }, reach.explanation);
  if (!reach.channels.length) return explanation;
  return h(
    'div',
    { class: 'reach' },
    explanation,
    h(
      'ul',
      { class: 'contact-points', 'aria-label': 'Hoe ' + orgName + ' te bereiken' },
      reach.channels.map((c) =>
        h('li', null, h('span', { class: 'label' }, (CONTACT_LABELS[c.kind] || c.kind) + ': '), contactValue(c), c.own ? null : h('span', { class: 'muted' }, ' — ' + c.label), sourcesBlock(c.sources)),
      ),
    ),
  );
}

function confirmed(date) {
  return date
    ? h('span', { class: 'confirmed' }, '(laatst bevestigd op ', dateEl(date), ')')
    : h('span', { class: 'confirmed muted' }, '(geen gedateerde publieke bron)');
}

function unknownText(reason) {
  return h('span', { class: 'unknown' }, 'onbekend — ' + reason);
}

// ---------------------------------------------------------------------------------------------------------------
// Who is who

function factRow(label, value, sources) {
  return [h('dt', null, label), h('dd', null, value, sources ? sourcesBlock(sources, label.toLowerCase()) : null)];
}

function areaFact(card, label, area, kind, extra) {
  if (area) return factRow(label, [area.name, extra ? ' ' + extra(area) : ''], area.sources);
  const open = (card.unsettledAreas || []).find((u) => u.kind === kind);
  if (open) return factRow(label, unknownText(open.note), open.sources);
  return factRow(label, unknownText('de bronnen leggen dit niet vast'), null);
}

function siteList(sites, empty) {
  if (!sites.length) return h('p', { class: 'muted' }, empty);
  return h(
    'ul',
    null,
    sites.map((s) =>
      h('li', null, s.name, s.municipality ? ' (' + s.municipality.name + ')' : '', s.note ? h('span', { class: 'muted' }, ' — ' + s.note) : null, sourcesBlock(s.sources)),
    ),
  );
}

function serviceBlock(title, service, region, card, regionKind) {
  const headingId = nextId('dienst');
  const section = h('section', { class: 'service', 'aria-labelledby': headingId }, h('h4', { id: headingId }, title));
  if (!service) {
    const open = (card.unsettledAreas || []).find((u) => u.kind === regionKind);
    append(section, [h('p', null, unknownText(open ? open.note : 'geen ' + title + ' gevonden voor deze gemeente op deze datum'))]);
    return section;
  }
  const org = service.organisation;
  append(section, [
    // "Laatst bevestigd" only beside what can be confirmed: a way to reach the service.
    h('p', { class: 'org-name' }, org.name),
    reachBlock(service.reach, org.name),
    h('h5', null, 'Hoofdlocatie' + (service.mainLocations.length === 1 ? '' : 's')),
    siteList(service.mainLocations, 'Geen hoofdlocatie in het register.'),
    h('h5', null, 'Antennes'),
    siteList(service.antennes, 'De bronnen noemen geen antennes.'),
    sourcesBlock(org.sources, org.name),
  ]);
  return section;
}

function contactsBlock(groups) {
  const headingId = nextId('contacten');
  const count = groups.reduce((n, g) => n + g.contacts.length, 0);
  const section = h('section', { class: 'contacts', 'aria-labelledby': headingId }, h('h4', { id: headingId }, 'Aanspreekpunten (' + count + ')'));
  if (!count) {
    append(section, [h('p', { class: 'muted' }, 'Het register kent geen aanspreekpunten voor deze gemeente.')]);
    return section;
  }
  // From local to national, as the hub groups them.
  append(section, groups.flatMap((group) => [h('h5', null, group.label), postList(group.contacts)]));
  return section;
}

function postList(contacts) {
  return h(
      'ul',
      { class: 'post-list' },
      contacts.map((post) =>
        h(
          'li',
          { class: 'post' },
          h('p', { class: 'post-title' }, h('strong', null, post.title)),
          h('p', null, h('span', { class: 'label' }, 'Functie: '), FUNCTION_LABELS[post.function] || post.function,
            post.phenomena.length ? ' — ' + post.phenomena.map(humanSlug).join(', ') : ''),
          post.organisation
            ? h('p', null, h('span', { class: 'label' }, 'Organisatie: '), post.organisation.name)
            : h('p', null, h('span', { class: 'label' }, 'Organisatie: '), 'elk(e) ' + (KIND_LABELS[post.organisationKind] || post.organisationKind)),
          post.organisation ? contactPoints(post.organisation.contactPoints, post.organisation.name) : null,
          h('p', null, h('span', { class: 'label' }, 'Laatst bevestigd: '),
            post.lastConfirmed ? dateEl(post.lastConfirmed) : h('span', { class: 'muted' }, 'geen gedateerde publieke bron')),
          post.note ? h('p', { class: 'muted' }, post.note) : null,
          sourcesBlock(post.sources, 'deze functie'),
        ),
      ),
  );
}

function renderCard(card, result) {
  const headingId = 'kaart-' + card.nis;
  const shown = new Set(['JUDICIAL_DIVISION', 'VEILIG_HUIS_REGION', 'ARIEC_AREA']);
  const otherOpen = (card.unsettledAreas || []).filter((u) => !shown.has(u.kind));
  return h(
    'article',
    { class: 'card', 'aria-labelledby': headingId, 'data-nis': card.nis },
    h('h3', { id: headingId, tabindex: '-1' }, card.municipality.name, ' ', h('span', { class: 'nis' }, '(NIS ' + card.nis + ')')),
    h('p', { class: 'meta' }, 'Gevonden ' + (MATCHED_BY[result.matchedBy] || '') + ' voor “' + result.query + '” · toestand op ', dateEl(card.on)),
    h(
      'section',
      { class: 'facts', 'aria-labelledby': headingId + '-indeling' },
      h('h4', { id: headingId + '-indeling' }, 'Territoriale indeling'),
      h(
        'dl',
        null,
        factRow('Politiezone', [card.policeZone.name, card.policeZone.zoneNumber ? ' (zone ' + card.policeZone.zoneNumber + ')' : ''], card.policeZone.sources),
        card.province
          ? factRow('Provincie', card.province.name, card.province.sources)
          : factRow('Provincie', 'geen (Brussels Hoofdstedelijk Gewest)', null),
        factRow('Administratief arrondissement', card.administrativeArrondissement.name, card.administrativeArrondissement.sources),
        areaFact(card, 'Gerechtelijk arrondissement', card.judicialArrondissement, 'JUDICIAL_ARRONDISSEMENT'),
        areaFact(card, 'Gerechtelijke afdeling', card.judicialDivision, 'JUDICIAL_DIVISION', (d) => (d.seat ? '(zetel ' + d.seat + ')' : '')),
        factRow('Eerstelijnszone', card.eerstelijnszone.name, card.eerstelijnszone.sources),
        areaFact(card, 'Veilig Huis-regio', card.veiligHuisRegion, 'VEILIG_HUIS_REGION'),
        areaFact(card, 'ARIEC-gebied', card.ariecArea, 'ARIEC_AREA'),
        otherOpen.map((u) => factRow(AREA_LABELS[u.kind] || u.kind, unknownText(u.note), u.sources)),
      ),
    ),
    serviceBlock('Veilig Huis', card.veiligHuis, card.veiligHuisRegion, card, 'VEILIG_HUIS_REGION'),
    serviceBlock('ARIEC', card.ariec, card.ariecArea, card, 'ARIEC_AREA'),
    serviceBlock('Lokale politie', card.policeService, null, card, 'POLICE_ZONE'),
    contactsBlock(card.contactGroups),
  );
}

function setBusy(region, busy, text) {
  region.setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) region.replaceChildren(h('p', { class: 'status' }, text));
}

function focusHeading(container) {
  const heading = container.querySelector('h3[tabindex]');
  if (heading) heading.focus();
}

function errorBlock(err, onSuggestion, what) {
  const first = (err.errors && err.errors[0]) || { message: String(err.message || err) };
  const ext = first.extensions || {};
  const block = h('div', { class: 'message error', role: 'alert' });
  if (ext.code === 'NOT_FOUND') append(block, [h('p', null, h('strong', null, 'Niet gevonden. '), h('span', { lang: 'en' }, first.message))]);
  else if (ext.code === 'BAD_USER_INPUT' || ext.code === 'GRAPHQL_VALIDATION_FAILED')
    append(block, [h('p', null, h('strong', null, 'Deze vraag kan de Ketenkaart niet beantwoorden. '), h('span', { lang: 'en' }, first.message))]);
  else if (ext.code === 'UNAUTHENTICATED' || ext.code === 'FORBIDDEN')
    append(block, [h('p', null, h('strong', null, 'Geen toegang. '), h('span', { lang: 'en' }, first.message))]);
  else append(block, [h('p', null, h('strong', null, 'Er ging iets mis. '), first.message)]);
  const suggestions = Array.isArray(ext.suggestions) ? ext.suggestions : [];
  if (suggestions.length && onSuggestion) {
    append(block, [
      h('p', null, 'Bedoelde u' + (what ? ' ' + what : '') + ':'),
      h('ul', { class: 'choices' }, suggestions.map((s) => h('li', null, h('button', { type: 'button', class: 'choice', onclick: () => onSuggestion(s) }, s)))),
    ]);
  }
  return block;
}

const whoForm = document.getElementById('wie-form');
const whoInput = document.getElementById('wie-plaats');
const whoDate = document.getElementById('wie-datum');
const whoResult = document.getElementById('wie-resultaat');

async function askWho(place) {
  const value = place.trim();
  if (!value) {
    whoInput.setAttribute('aria-invalid', 'true');
    whoResult.replaceChildren(h('div', { class: 'message error', role: 'alert' }, h('p', null, 'Vul een gemeente of een postcode in.')));
    whoInput.focus();
    return;
  }
  whoInput.removeAttribute('aria-invalid');
  const variables = /^\d{4}$/.test(value) ? { postcode: value } : { municipality: value };
  if (whoDate.value) variables.on = whoDate.value;
  setBusy(whoResult, true, 'Bezig met zoeken naar “' + value + '”…');
  try {
    const data = await gql(WHO_QUERY, variables);
    showWho(data.whoIsWho);
  } catch (err) {
    whoResult.replaceChildren(
      errorBlock(err, (suggestion) => {
        whoInput.value = suggestion;
        askWho(suggestion);
      }),
    );
  } finally {
    whoResult.setAttribute('aria-busy', 'false');
  }
}

function showWho(result) {
  if (!result.cards.length) {
    whoResult.replaceChildren(h('p', { class: 'message' }, 'Geen gemeente gevonden voor “' + result.query + '”.'));
    return;
  }
  if (!result.ambiguous && result.cards.length === 1) {
    whoResult.replaceChildren(renderCard(result.cards[0], result));
    focusHeading(whoResult);
    return;
  }
  const cardSlot = h('div', { class: 'chosen-card' });
  const promptId = nextId('keuze');
  const buttons = result.cards.map((card) =>
    h(
      'button',
      {
        type: 'button',
        class: 'choice',
        'aria-pressed': 'false',
        onclick: (event) => {
          for (const b of buttons) b.setAttribute('aria-pressed', 'false');
          event.currentTarget.setAttribute('aria-pressed', 'true');
          cardSlot.replaceChildren(renderCard(card, result));
          focusHeading(cardSlot);
        },
      },
      card.municipality.name,
    ),
  );
  const what = result.matchedBy === 'POSTCODE' ? 'Postcode ' + result.query : '“' + result.query + '”';
  whoResult.replaceChildren(
    h(
      'div',
      { class: 'message ambiguous' },
      h('p', { id: promptId }, what + ' hoort bij ' + result.cards.length + ' gemeenten. Kies er één:'),
      h('ul', { class: 'choices', 'aria-labelledby': promptId }, buttons.map((b) => h('li', null, b))),
    ),
    cardSlot,
  );
}

whoForm.addEventListener('submit', (event) => {
  event.preventDefault();
  askWho(whoInput.value);
});

// ---------------------------------------------------------------------------------------------------------------
// Which protocol applies

const protocolForm = document.getElementById('protocol-form');
const phenomenonSelect = document.getElementById('protocol-fenomeen');
const protocolPlace = document.getElementById('protocol-gemeente');
const protocolDate = document.getElementById('protocol-datum');
const partnerBoxes = () => [...protocolForm.querySelectorAll('input[name="partner"]')];
const protocolResult = document.getElementById('protocol-resultaat');

async function loadPhenomena() {
  try {
    const data = await gql(PHENOMENA_QUERY, {});
    const all = [...new Set(data.agreements.flatMap((a) => a.phenomena))].sort((a, b) => a.localeCompare(b, 'nl'));
    if (!all.length) return;
    const current = phenomenonSelect.value;
    phenomenonSelect.replaceChildren(...all.map((slug) => h('option', { value: slug }, humanSlug(slug))));
    if (all.includes(current)) phenomenonSelect.value = current;
  } catch {
    // The options in the page stay: the hub answers the question itself and says which phenomena it knows.
  }
}

function partyLabel(party) {
  if (party.organisation) return party.organisation.name;
  return (KIND_LABELS[party.partyKind] || party.partyKind || 'partner') + ' (niet bij naam)';
}
const partyKey = (p) => JSON.stringify([p.organisation ? p.organisation.id : null, p.partyKind, p.role]);

function inForceText(value) {
  if (value === true) return h('span', { class: 'badge ok' }, 'in werking');
  if (value === false) return h('span', { class: 'badge no' }, 'niet in werking');
  return h('span', { class: 'badge unknown-badge' }, 'in werking: onbekend (datum niet bevestigd)');
}

function renderMatch(match, index) {
  const a = match.agreement;
  const headingId = 'overeenkomst-' + index;
  const matched = new Set(match.matchedParties.map(partyKey));
  return h(
    'article',
    { class: 'agreement', 'aria-labelledby': headingId },
    h('h4', { id: headingId, tabindex: index === 0 ? '-1' : null }, a.title),
    h('p', null, h('span', { class: 'kind' }, AGREEMENT_KINDS[a.kind] || a.kind), ' · ',
      h('span', { class: 'badge ' + (match.status === 'IN_FORCE' ? 'ok' : 'warn') }, STATUS_LABELS[match.status] || match.status)),
    match.status === 'IN_FORCE' ? null : h('p', { class: 'why' }, match.inForce.explanation),
    a.parent ? h('p', null, h('span', { class: 'label' }, 'Onderdeel van: '), a.parent.title) : null,
    h(
      'dl',
      null,
      h('dt', null, 'Forum'),
      h('dd', null, a.forum || h('span', { class: 'muted' }, 'niet vermeld')),
      h('dt', null, 'Voorwaarden'),
      h('dd', null, a.conditions.length ? h('ul', null, a.conditions.map((c) => h('li', null, c))) : h('span', { class: 'muted' }, 'de bronnen noemen geen voorwaarden')),
      h('dt', null, 'Partijen'),
      h(
        'dd',
        null,
        h(
          'ul',
          { class: 'parties' },
          a.parties.map((p) =>
            h('li', { class: matched.has(partyKey(p)) ? 'matched' : null }, partyLabel(p), p.role ? h('span', { class: 'muted' }, ' — ' + p.role) : null,
              matched.has(partyKey(p)) ? h('strong', { class: 'match-note' }, ' ✓ past bij uw vraag') : null),
          ),
        ),
      ),
      h('dt', null, 'Rechtsgronden'),
      h(
        'dd',
        null,
        match.legalBases.length
          ? h(
              'ul',
              null,
              match.legalBases.map((lb) =>
                h(
                  'li',
                  null,
                  lb.basis ? lb.basis.title : lb.id,
                  lb.basis && lb.basis.shortTitle ? ' (' + lb.basis.shortTitle + ')' : '',
                  ' — ',
                  inForceText(lb.inForce),
                  ' op ',
                  dateEl(lb.on),
                  lb.basis && (lb.basis.eli || lb.basis.url) ? [' · ', link(lb.basis.eli || lb.basis.url, 'officiële tekst')] : null,
                  lb.basis ? sourcesBlock(lb.basis.sources, 'deze rechtsgrond') : null,
                ),
              ),
            )
          : h('span', { class: 'muted' }, 'de bronnen noemen geen rechtsgrond'),
      ),
      h('dt', null, 'Geldigheid'),
      h('dd', null, a.validFrom ? ['vanaf ', dateEl(a.validFrom)] : 'begindatum niet bevestigd', a.validTo ? [' tot ', dateEl(a.validTo)] : ''),
    ),
    a.note ? h('p', { class: 'muted' }, a.note) : null,
    sourcesBlock(a.sources, 'deze overeenkomst'),
  );
}

function showProtocol(answer) {
  const partners = answer.partners.join(', ');
  const heading = h('h3', { tabindex: '-1' }, answer.applicable.length
    ? answer.applicable.length + (answer.applicable.length === 1 ? ' overeenkomst van toepassing' : ' overeenkomsten van toepassing')
    : 'Geen overeenkomst van toepassing');
  const summary = h('p', { class: 'meta' }, humanSlug(answer.phenomenon) + ' · ' + partners + ' · ' + answer.municipality.name + ' · op ', dateEl(answer.on));
  const parts = [heading, summary];
  if (answer.applicable.length) parts.push(answer.applicable.map(renderMatch));
  else
    parts.push(
      h('div', { class: 'message' }, h('p', null, 'Waarom niet:'),
        h('ul', { lang: 'en' }, answer.explanation.map((line) => h('li', null, line)))),
    );
  if (answer.notApplicable.length)
    parts.push(
      h('details', { class: 'not-applicable' }, h('summary', null, 'Niet van toepassing (' + answer.notApplicable.length + ')'),
        h('ul', null, answer.notApplicable.map((n) =>
          h('li', null, n.agreement.title, ': ', n.reasons.map((r) => REASON_LABELS[r] || r).join('; '))))),
    );
  protocolResult.replaceChildren(...parts.flat());
  heading.focus();
}

async function askProtocol() {
  const partners = partnerBoxes().filter((b) => b.checked).map((b) => b.value);
  const place = protocolPlace.value.trim();
  const problems = [];
  if (!partners.length) problems.push({ text: 'Kies minstens één partner.', field: partnerBoxes()[0] });
  if (!place) problems.push({ text: 'Vul een gemeente in.', field: protocolPlace });
  document.getElementById('partners-fieldset').setAttribute('aria-invalid', partners.length ? 'false' : 'true');
  if (place) protocolPlace.removeAttribute('aria-invalid');
  else protocolPlace.setAttribute('aria-invalid', 'true');
  if (problems.length) {
    protocolResult.replaceChildren(h('div', { class: 'message error', role: 'alert' }, h('ul', null, problems.map((p) => h('li', null, p.text)))));
    problems[0].field.focus();
    return;
  }
  const variables = { phenomenon: phenomenonSelect.value, municipality: place, partners };
  if (protocolDate.value) variables.on = protocolDate.value;
  setBusy(protocolResult, true, 'Bezig met zoeken…');
  try {
    const data = await gql(PROTOCOL_QUERY, variables);
    showProtocol(data.whichProtocolApplies);
  } catch (err) {
    protocolResult.replaceChildren(
      errorBlock(err, (suggestion) => {
        protocolPlace.value = suggestion;
        askProtocol();
      }),
    );
  } finally {
    protocolResult.setAttribute('aria-busy', 'false');
  }
}

protocolForm.addEventListener('submit', (event) => {
  event.preventDefault();
  askProtocol();
});

loadPhenomena();
document.documentElement.dataset.ready = 'true';
`;

/** The style sheet (WCAG AA contrast, visible focus). */
export const APP_CSS = String.raw`/* Ketenkaart: colours chosen for WCAG 2.1 AA contrast on white (text ≥ 4.5:1, UI ≥ 3:1). */
:root {
  --text: #1a1a1a;
  --muted: #4d4d4d;
  --accent: #00497a;
  --accent-dark: #00304f;
  --border: #6b6b6b;
  --panel: #f3f6f9;
  --ok-bg: #e3f2e7; --ok: #0a5a27;
  --warn-bg: #fff1d6; --warn: #6b4100;
  --no-bg: #fde8ea; --no: #8a0017;
  --focus: #ffbf47;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.5;
  color: var(--text);
  background: #fff;
}
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
a:hover { color: var(--accent-dark); text-decoration-thickness: 2px; }
:focus-visible {
  outline: 3px solid var(--text);
  outline-offset: 2px;
  box-shadow: 0 0 0 6px var(--focus);
}
[tabindex="-1"]:focus { outline: none; box-shadow: none; }
[tabindex="-1"]:focus-visible { outline: 3px solid var(--text); box-shadow: 0 0 0 6px var(--focus); }
.skip-link {
  position: absolute; left: 0.5rem; top: -3rem;
  background: var(--text); color: #fff; padding: 0.5rem 1rem; z-index: 10;
}
.skip-link:focus { top: 0.5rem; color: #fff; }
header.site {
  background: var(--accent-dark); color: #fff; padding: 1.25rem 1rem;
}
header.site h1 { margin: 0; font-size: 1.75rem; }
header.site p { margin: 0.25rem 0 0; max-width: 60rem; }
main, footer { max-width: 62rem; margin: 0 auto; padding: 1rem; }
footer { color: var(--muted); font-size: 0.9rem; border-top: 1px solid #d0d0d0; }
h2 { font-size: 1.5rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.3rem; margin: 1rem 0 0.25rem; }
h4 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
h5 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
section.tool {
  border: 1px solid #c9d3dc; border-radius: 6px; padding: 0 1rem 1rem; margin-bottom: 2rem;
}
form { background: var(--panel); padding: 1rem; border-radius: 6px; }
.field { margin-bottom: 0.9rem; }
label, legend { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.hint { display: block; color: var(--muted); font-size: 0.9rem; margin-bottom: 0.25rem; font-weight: normal; }
input[type="text"], input[type="date"], select {
  font: inherit; color: var(--text); background: #fff;
  border: 2px solid var(--border); border-radius: 4px; padding: 0.4rem 0.5rem; min-height: 2.5rem;
  width: 100%; max-width: 24rem;
}
input[aria-invalid="true"], fieldset[aria-invalid="true"] { border-color: var(--no); }
fieldset { border: 2px solid transparent; border-radius: 4px; margin: 0 0 0.9rem; padding: 0.25rem 0.5rem 0.5rem; }
fieldset[aria-invalid="true"] { background: var(--no-bg); }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.25rem 1rem; }
.checks label { display: flex; align-items: center; gap: 0.5rem; font-weight: normal; margin: 0; min-height: 2rem; }
.checks input { flex: none; width: 1.25rem; height: 1.25rem; accent-color: var(--accent); }
button {
  font: inherit; cursor: pointer; border-radius: 4px; min-height: 2.5rem; padding: 0.4rem 1rem;
  border: 2px solid var(--accent); background: var(--accent); color: #fff; font-weight: 600;
}
button:hover { background: var(--accent-dark); border-color: var(--accent-dark); }
button.choice { background: #fff; color: var(--accent); }
button.choice:hover { background: var(--panel); color: var(--accent-dark); }
button.choice[aria-pressed="true"] { background: var(--accent); color: #fff; }
.result { margin-top: 1rem; }
.result[aria-busy="true"] { opacity: 0.85; }
.status { color: var(--muted); font-style: italic; }
.message { padding: 0.75rem 1rem; border-left: 4px solid var(--accent); background: var(--panel); margin: 0.5rem 0; }
.message.error { border-left-color: var(--no); background: var(--no-bg); }
.message p { margin: 0.25rem 0; }
ul.choices { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
.card, .agreement { border: 1px solid #c9d3dc; border-radius: 6px; padding: 0.25rem 1rem 1rem; margin: 1rem 0; }
.card h3 .nis { font-weight: normal; color: var(--muted); font-size: 1rem; }
.meta { color: var(--muted); margin-top: 0; }
dl { display: grid; grid-template-columns: minmax(10rem, 15rem) 1fr; gap: 0.35rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
@media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
.unknown { color: var(--warn); font-style: italic; }
.muted { color: var(--muted); }
.label { font-weight: 600; }
.org-name { font-weight: 600; margin-bottom: 0.25rem; }
.confirmed { font-size: 0.9rem; }
ul.post-list { list-style: none; padding: 0; }
li.post { border-top: 1px solid #d0d0d0; padding: 0.5rem 0; }
li.post p { margin: 0.15rem 0; }
.contact-points { margin: 0.25rem 0; padding-left: 1.25rem; }
details.sources { font-size: 0.9rem; margin: 0.15rem 0 0.35rem; }
details.sources summary { color: var(--accent); cursor: pointer; width: fit-content; }
details.sources ul { margin: 0.25rem 0; padding-left: 1.25rem; }
.sources-none { font-size: 0.9rem; color: var(--muted); margin: 0.15rem 0; }
.source-quote { display: block; color: var(--muted); font-style: italic; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.9rem; border: 1px solid currentColor; }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.warn, .badge.unknown-badge { background: var(--warn-bg); color: var(--warn); }
.badge.no { background: var(--no-bg); color: var(--no); }
.kind { font-weight: 600; }
ul.parties li.matched { font-weight: 600; }
.match-note { color: var(--ok); }
details.not-applicable { margin-top: 1rem; }
details.not-applicable summary { cursor: pointer; color: var(--accent); }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
