// @ts-check
// Ketenkaart for people without GraphQL: two forms that ask the hub's public GraphQL API and show the answer.
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
  'unsettledAreas { kind reason note candidates { id name } ' + SOURCE + ' }',
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
  '      status reasons explanation inForce { state reason explanation }',
  '      kindsOnTerritory { partyKind known reason explanation organisations { id name } candidates { id name } }',
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

const VOCABULARY_QUERY = 'query Woordenlijsten { phenomena { id label } partnerTerms { id label } }';
/** Phenomenon id → Dutch label, from the hub's vocabulary once loaded. */
const phenomenonLabels = new Map();

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
  UNDETERMINED: 'Onbekend of dit hier op de gevraagde datum van toepassing is',
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
  const explanation = h('p', { class: reach.code === 'OWN' ? 'reach-note' : 'why reach-note' }, reach.explanation);
  if (!reach.channels.length) return explanation;
  // The channels first: they are what a person came for; why they are (not) the service's own follows.
  return h(
    'div',
    { class: 'reach' },
    h(
      'ul',
      { class: 'contact-points', 'aria-label': 'Hoe ' + orgName + ' te bereiken' },
      reach.channels.map((c) =>
        h('li', null, h('span', { class: 'label' }, (CONTACT_LABELS[c.kind] || c.kind) + ': '), contactValue(c), sourcesBlock(c.sources)),
      ),
    ),
    // Whose channels they are when not the service's own ("Hulplijn 1712: …"): said once for the channels it covers.
    [...new Set(reach.channels.filter((c) => !c.own).map((c) => c.label))].map((label) => h('p', { class: 'muted reach-note' }, label)),
    // Why these channels: said in full, folded away on the card so that the channels themselves stay in view.
    reach.code === 'OWN' ? explanation : h('details', { class: 'reach-why' }, h('summary', null, 'Waarom dit kanaal?'), explanation),
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
  if (open) return factRow(label, [unknownText(open.note), candidatesText(open)], open.sources);
  return factRow(label, unknownText('de bronnen leggen dit niet vast'), null);
}

/** For an area the sources leave open: the regions it may be, so a reader knows whom to ask. */
function candidatesText(open) {
  const names = (open.candidates || []).map((c) => c.name);
  return names.length ? h('span', { class: 'candidates' }, ' Mogelijk: ' + names.join(' of ') + '.') : null;
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
    append(section, [h('p', null, unknownText(open ? open.note : 'geen ' + title + ' gevonden voor deze gemeente op deze datum'), open ? candidatesText(open) : null)]);
    return section;
  }
  const org = service.organisation;
  append(section, [
    // How to reach the service comes first (on a phone it is what fits above the fold); "laatst bevestigd" only
    // beside what can be confirmed: a way to reach it. Locations and sources fold away.
    h('p', { class: 'org-name' }, org.name),
    reachBlock(service.reach, org.name),
    h(
      'details',
      { class: 'locations' },
      h('summary', null, 'Locaties (' + (service.mainLocations.length + service.antennes.length) + ')'),
      h('h5', null, 'Hoofdlocatie' + (service.mainLocations.length === 1 ? '' : 's')),
      siteList(service.mainLocations, 'Geen hoofdlocatie in het register.'),
      h('h5', null, 'Antennes'),
      siteList(service.antennes, 'De bronnen noemen geen antennes.'),
    ),
    sourcesBlock(org.sources),
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
    serviceBlock('Veilig Huis', card.veiligHuis, card.veiligHuisRegion, card, 'VEILIG_HUIS_REGION'),
    serviceBlock('ARIEC', card.ariec, card.ariecArea, card, 'ARIEC_AREA'),
    serviceBlock('Lokale politie', card.policeService, null, card, 'POLICE_ZONE'),
    contactsBlock(card.contactGroups),
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
  );
}

function setBusy(region, busy, text) {
  region.setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) region.replaceChildren(h('p', { class: 'status' }, text));
}

/**
 * Moves the focus to a result's heading and scrolls it to the top of the screen: on a phone the browser would
 * otherwise scroll just far enough to show the heading, leaving what follows it (how to reach the Veilig Huis)
 * below the fold.
 */
function showFromTop(heading) {
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: 'start' });
}

function focusHeading(container) {
  const heading = container.querySelector('h3[tabindex]');
  if (heading) showFromTop(heading);
}

function errorBlock(err, onSuggestion, what) {
  const first = (err.errors && err.errors[0]) || { message: String(err.message || err) };
  const ext = first.extensions || {};
  const block = h('div', { class: 'message error', role: 'alert' });
  if (ext.code === 'NOT_FOUND') append(block, [h('p', null, h('strong', null, 'Niet gevonden. '), h('span', null, first.message))]);
  else if (ext.code === 'BAD_USER_INPUT' || ext.code === 'GRAPHQL_VALIDATION_FAILED')
    append(block, [h('p', null, h('strong', null, 'Deze vraag kan de Ketenkaart niet beantwoorden. '), h('span', null, first.message))]);
  else if (ext.code === 'UNAUTHENTICATED' || ext.code === 'FORBIDDEN')
    append(block, [h('p', null, h('strong', null, 'Geen toegang. '), h('span', null, first.message))]);
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
const whoInput = /** @type {HTMLInputElement} */ (document.getElementById('wie-plaats'));
const whoDate = /** @type {HTMLInputElement} */ (document.getElementById('wie-datum'));
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
const phenomenonSelect = /** @type {HTMLSelectElement} */ (document.getElementById('protocol-fenomeen'));
const protocolPlace = /** @type {HTMLInputElement} */ (document.getElementById('protocol-gemeente'));
const protocolDate = /** @type {HTMLInputElement} */ (document.getElementById('protocol-datum'));
const partnerBoxes = () => [...protocolForm.querySelectorAll('input[name="partner"]')].map((box) => /** @type {HTMLInputElement} */ (box));
const protocolResult = document.getElementById('protocol-resultaat');

/** The phenomena and partner kinds the hub knows: its vocabulary, so the page offers exactly what it understands. */
async function loadVocabularies() {
  const choices = document.getElementById('partner-keuzes');
  try {
    const data = await gql(VOCABULARY_QUERY, {});
    for (const p of data.phenomena) phenomenonLabels.set(p.id, p.label);
    phenomenonSelect.replaceChildren(...data.phenomena.map((p) => h('option', { value: p.id }, p.label)));
    choices.replaceChildren(
      ...data.partnerTerms.map((t, i) =>
        h('label', { for: 'partner-' + i }, h('input', { type: 'checkbox', id: 'partner-' + i, name: 'partner', value: t.id }), ' ' + t.label),
      ),
    );
  } catch {
    choices.replaceChildren(h('p', { class: 'message error', role: 'alert' }, 'De lijsten met fenomenen en partners konden niet geladen worden. Herlaad de pagina.'));
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
    match.explanation.length ? h('ul', { class: 'why' }, match.explanation.map((line) => h('li', null, line))) : null,
    kindsBlock(match.kindsOnTerritory),
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

/** For each party named by its kind: which organisations of that kind serve the municipality, or that it is unknown. */
function kindsBlock(kinds) {
  if (!kinds.length) return null;
  return h(
    'details',
    { class: 'kinds' },
    h('summary', null, 'Welke organisaties dit in deze gemeente zijn'),
    h('ul', null, kinds.map((k) =>
      h('li', null, h('span', { class: 'label' }, (KIND_LABELS[k.partyKind] || k.partyKind) + ': '),
        k.known
          ? (k.organisations.length ? k.organisations.map((o) => o.name).join(', ') : h('span', { class: 'muted' }, 'het register kent er geen voor deze gemeente'))
          : unknownText(k.explanation)))),
  );
}

function showProtocol(answer) {
  const partners = answer.partners.join(', ');
  const heading = h('h3', { tabindex: '-1' }, answer.applicable.length
    ? answer.applicable.length + (answer.applicable.length === 1 ? ' overeenkomst van toepassing' : ' overeenkomsten van toepassing')
    : 'Geen overeenkomst van toepassing');
  const summary = h('p', { class: 'meta' }, (phenomenonLabels.get(answer.phenomenon) || answer.phenomenon) + ' · ' + partners + ' · ' + answer.municipality.name + ' · op ', dateEl(answer.on));
  const parts = [heading, summary];
  if (answer.applicable.length) parts.push(answer.applicable.map(renderMatch));
  else
    parts.push(
      h('div', { class: 'message' }, h('p', null, 'Waarom niet:'),
        h('ul', null, answer.explanation.map((line) => h('li', null, line)))),
    );
  if (answer.notApplicable.length)
    parts.push(
      h('details', { class: 'not-applicable' }, h('summary', null, 'Niet van toepassing (' + answer.notApplicable.length + ')'),
        h('ul', null, answer.notApplicable.map((n) =>
          h('li', null, n.agreement.title, ': ', n.reasons.map((r) => REASON_LABELS[r] || r).join('; '))))),
    );
  protocolResult.replaceChildren(...parts.flat());
  showFromTop(heading);
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

// Ready once the choices are there: a test (or a quick person) then finds every partner and phenomenon.
loadVocabularies().finally(() => {
  document.documentElement.dataset.ready = 'true';
});
