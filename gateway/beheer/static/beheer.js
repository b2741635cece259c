// The editors' page: a service's staff keep their own organisation's records in the Ketenkaart.
// Plain DOM, no framework, no innerHTML: every text from the API goes into text nodes. Every change goes through
// the hub's GraphQL mutations as the signed-in person: the gateway keeps the session (an httpOnly cookie this
// script cannot read); this script only holds the session's CSRF token and sends it with each call.
'use strict';

const ENDPOINT = '/graphql';
const CSRF_HEADER = 'x-ketenkaart-csrf';

const SOURCE = 'sources { document dataset locator quote url title seen }';
const ORGANISATION_QUERY = [
  'query BeheerOrganisatie($id: ID!) {',
  '  organisation(id: $id) {',
  '    id name kind kbo ovo version lastConfirmed',
  '    contactPoints { kind value note lastConfirmed ' + SOURCE + ' }',
  '    sites { id kind name version lastConfirmed municipality { nis name } ' + SOURCE + ' }',
  '    posts { id function title version lastConfirmed ' + SOURCE + ' holders { id personName email phone validFrom version lastConfirmed } }',
  '  }',
  '}',
].join('\n');
const GAPS_QUERY = [
  'query BeheerOntbreekt($id: ID) {',
  '  registryGaps(organisationId: $id) { confirmedSince records { recordType recordId label gaps { code field explanation count } } }',
  '}',
].join('\n');
const UPDATE_CONTACTS = 'mutation BeheerContactpunten($id: ID!, $version: Int!, $changes: OrganisationChanges!) { updateOrganisation(id: $id, version: $version, changes: $changes) { id version } }';
const CONFIRM_ORGANISATION = 'mutation BeheerBevestigOrganisatie($id: ID!) { confirmOrganisation(id: $id) { id lastConfirmed } }';
const CREATE_SITE = 'mutation BeheerNieuweVestiging($input: NewSiteInput!) { createSite(input: $input) { id } }';
const UPDATE_SITE = 'mutation BeheerWijzigVestiging($id: ID!, $version: Int!, $changes: SiteChanges!) { updateSite(id: $id, version: $version, changes: $changes) { id version } }';
const UPDATE_POST = 'mutation BeheerWijzigFunctie($id: ID!, $version: Int!, $changes: PostChanges!) { updatePost(id: $id, version: $version, changes: $changes) { id version } }';
const END_HOLDER = 'mutation BeheerEindeTitularis($id: ID!, $version: Int!, $validTo: Date!) { endPostHolder(id: $id, version: $version, validTo: $validTo) { id validTo } }';
const CONFIRM_SITE = 'mutation BeheerBevestigVestiging($id: ID!) { confirmSite(id: $id) { id lastConfirmed } }';
const CREATE_POST = 'mutation BeheerNieuweFunctie($input: NewPostInput!) { createPost(input: $input) { id } }';
const CONFIRM_POST = 'mutation BeheerBevestigFunctie($id: ID!) { confirmPost(id: $id) { id lastConfirmed } }';
const APPOINT_HOLDER = 'mutation BeheerNieuweTitularis($input: NewPostHolderInput!) { appointPostHolder(input: $input) { id } }';
const CONFIRM_HOLDER = 'mutation BeheerBevestigTitularis($id: ID!) { confirmPostHolder(id: $id) { id lastConfirmed } }';

const ROLE_LABELS = {
  EDITOR: 'redacteur', ADMIN: 'registerbeheerder', PARTNER: 'partner', LOCAL_GOVERNMENT: 'lokaal bestuur', RESEARCHER: 'onderzoeker',
};
const CONTACT_LABELS = { ADDRESS: 'Adres', PHONE: 'Telefoon', EMAIL: 'E-mail', WEBSITE: 'Website' };
const SITE_LABELS = { MAIN: 'Hoofdvestiging', ANTENNE: 'Antenne' };
const FUNCTION_LABELS = {
  SPOC: 'SPOC (aanspreekpunt)', CASUSREGISSEUR: 'Casusregisseur', ARIEC_ANALIST: 'ARIEC-medewerker',
  REFERENTIEMAGISTRAAT: 'Referentiemagistraat', PROJECTLEIDER: 'Projectleider', COORDINATOR: 'Coördinator',
  PROJECTMANAGER: 'Projectmanager', OTHER: 'Andere functie',
};

let texts = { aanmelding: {}, codes: {}, problemen: [], onbekendProbleem: '%s' };
let session = null;
let organisation = null;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
const DATE_FORMAT = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function formatDate(iso) {
  const d = new Date(String(iso).slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) ? String(iso) : DATE_FORMAT.format(d);
}
const confirmedText = (date) => (date ? 'laatst bevestigd op ' + formatDate(date) : 'nog nooit bevestigd');

function notice(text, kind) {
  const box = $('melding');
  box.replaceChildren(text ? h('p', { class: kind || 'info' }, text) : '');
}

function sourceText(s) {
  const what = s.title || s.url || s.document || s.dataset || 'bron';
  return what + (s.locator ? ', ' + s.locator : '') + (s.seen ? ' (geraadpleegd op ' + formatDate(s.seen) + ')' : '');
}
function sourceList(sources) {
  if (!sources || !sources.length) return h('p', { class: 'muted' }, 'Geen bron.');
  return h('ul', { class: 'sources' }, sources.map((s) => h('li', null, 'Bron: ' + sourceText(s))));
}
/** What the editor typed as a source: one, a web page with its date or a document. Empty fields are left out. */
function sourceFrom(form) {
  const source = {};
  for (const key of ['url', 'seen', 'document', 'locator']) {
    const value = form.elements[key] ? form.elements[key].value.trim() : '';
    if (value) source[key] = value;
  }
  return Object.keys(source).length ? [source] : [];
}
/** A source as the API gave it, as it is sent back unchanged (the input has no `dataset`: it becomes the document). */
function sourceInput(s) {
  const input = {};
  for (const key of ['document', 'locator', 'quote', 'url', 'title', 'seen']) if (s[key]) input[key] = s[key];
  if (!input.document && !input.url && s.dataset) input.document = s.dataset;
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// The API, as the signed-in person

async function api(query, variables) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: session ? session.csrf : '' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    return { errors: [{ message: texts.codes.NETWORK, extensions: { code: 'NETWORK' } }] };
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = { errors: [{ message: 'HTTP ' + response.status, extensions: { code: 'BAD_RESPONSE' } }] };
  }
  if ((body.errors || []).some((e) => e.extensions && e.extensions.code === 'UNAUTHENTICATED')) signedOut(texts.codes.UNAUTHENTICATED);
  return body;
}

const codeOf = (body) => (body.errors && body.errors.length ? body.errors[0].extensions && body.errors[0].extensions.code : null);
const codeText = (code, fallback) => texts.codes[code] || fallback || 'Er ging iets mis (' + code + ').';

function dutchProblem(problem) {
  const found = texts.problemen.find(([english]) => String(problem).includes(english));
  return found ? found[1] : texts.onbekendProbleem.replace('%s', problem);
}

/** The form field a problem of the hub names: `changes.contactPoints[2].sources[0].url` → `url`. */
function fieldNameOf(rest) {
  const source = /^sources(\[\d+\])?(\.(\w+))?$/.exec(rest);
  if (source) return source[3] === 'url' || source[3] === 'seen' ? source[3] : 'document';
  return rest.split(/[.[]/)[0];
}

function clearProblems(form) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.error')) el.textContent = '';
}

/**
 * Shows each validation problem next to its field, in Dutch; `prefix` is the part of the hub's field path that
 * leads to this form's record (`input.`, `changes.contactPoints[3].`). Problems elsewhere go in the notice.
 * Returns whether every problem found its field.
 */
function showProblems(form, problems, prefix) {
  clearProblems(form);
  const elsewhere = [];
  let first = null;
  for (const { field, problem } of problems) {
    const input = field.startsWith(prefix) ? form.elements[fieldNameOf(field.slice(prefix.length))] : null;
    const error = input && input.id ? $(input.id + '-fout') : null;
    if (!error) {
      elsewhere.push(dutchProblem(problem));
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    error.textContent = error.textContent ? error.textContent + ' ' + dutchProblem(problem) : dutchProblem(problem);
    first = first || input;
  }
  if (first) first.focus();
  return elsewhere;
}

/**
 * One change through the API, with what can go wrong said in Dutch: validation problems at their fields; a
 * stale version (CONFLICT) shows the record as it is now and keeps the editor's input, to save again on it.
 */
async function change(form, query, variables, prefix, done) {
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const body = await api(query, variables);
    const code = codeOf(body);
    if (!code) {
      clearProblems(form);
      form.reset();
      await reload();
      notice(done, 'ok');
      return;
    }
    const error = body.errors[0];
    if (code === 'BAD_USER_INPUT' && error.extensions.problems) {
      const elsewhere = showProblems(form, error.extensions.problems, prefix);
      notice([codeText(code), ...elsewhere].join(' '), 'problem');
    } else if (code === 'CONFLICT') {
      await reload();
      // The change is redone on the record as it is now: the next save names its current version.
      if (form.elements.version && form.elements.id && form.elements.id.value) form.elements.version.value = String(error.extensions.currentVersion);
      notice(
        codeText(code) + ' Hierboven staat het record zoals het nu is (versie ' + error.extensions.currentVersion +
          '). Uw invoer staat nog in het formulier: controleer ze en sla opnieuw op.',
        'problem',
      );
      const first = form.querySelector('input:not([type="hidden"]), select');
      if (first) first.focus();
    } else if (code !== 'UNAUTHENTICATED') {
      notice(codeText(code, error.message), 'problem');
    }
  } finally {
    if (button) button.disabled = false;
  }
}

async function confirmRecord(query, id, what) {
  const body = await api(query, { id });
  const code = codeOf(body);
  if (code) {
    if (code !== 'UNAUTHENTICATED') notice(codeText(code, body.errors[0].message), 'problem');
    return;
  }
  await reload();
  notice(what + ' bevestigd: het register noteert dat het vandaag nog klopt.', 'ok');
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function renderOrganisation() {
  const o = organisation;
  $('organisatie').replaceChildren(
    h('p', { class: 'org-name' }, o.name),
    h('dl', { class: 'facts' },
      h('dt', null, 'KBO-nummer'), h('dd', null, o.kbo || h('span', { class: 'unknown' }, 'onbekend')),
      h('dt', null, 'OVO-code'), h('dd', null, o.ovo || h('span', { class: 'unknown' }, 'onbekend')),
      h('dt', null, 'Bevestigd'), h('dd', null, confirmedText(o.lastConfirmed)),
      h('dt', null, 'Versie'), h('dd', null, String(o.version))),
    h('button', { type: 'button', id: 'organisatie-bevestigen', class: 'secondary', onclick: () => confirmRecord(CONFIRM_ORGANISATION, o.id, 'De organisatie') },
      'Bevestigen dat de gegevens van ' + o.name + ' kloppen'),
  );
}

function renderContacts() {
  const points = organisation.contactPoints;
  $('contactpunten').replaceChildren(
    points.length
      ? h('ul', { class: 'records', 'aria-label': 'Contactpunten van ' + organisation.name },
          points.map((cp, i) =>
            h('li', null,
              h('p', null, h('span', { class: 'label' }, (CONTACT_LABELS[cp.kind] || cp.kind) + ': '), cp.value, ' ', h('span', { class: 'muted' }, '(' + confirmedText(cp.lastConfirmed) + ')')),
              sourceList(cp.sources),
              h('button', { type: 'button', class: 'secondary', onclick: () => editContact(i) }, 'Wijzigen', h('span', { class: 'visually-hidden' }, ': ' + cp.value)))))
      : h('p', { class: 'muted' }, 'Nog geen contactpunt in het register.'),
  );
}

function editContact(i) {
  const form = $('contact-form');
  const cp = organisation.contactPoints[i];
  const source = cp.sources[0] || {};
  form.elements.index.value = String(i);
  form.elements.kind.value = cp.kind;
  form.elements.value.value = cp.value;
  for (const key of ['url', 'seen', 'document', 'locator']) form.elements[key].value = source[key] || (key === 'document' ? source.dataset || '' : '');
  $('contact-form-titel').textContent = 'Contactpunt wijzigen';
  form.elements.value.focus();
}

/** Fills a form to change a record (its id and version kept in the form), and says so in its heading. */
function editRecord(formId, heading, record, values) {
  const form = $(formId);
  form.elements.id.value = record.id;
  form.elements.version.value = String(record.version);
  for (const [key, value] of Object.entries(values)) form.elements[key].value = value || '';
  form.querySelector('h3').textContent = heading;
  form.elements[Object.keys(values)[1]].focus();
}
const editSite = (s) => editRecord('vestiging-form', 'Vestiging wijzigen: ' + s.name, s, { kind: s.kind, name: s.name, municipalityNis: s.municipality ? s.municipality.nis : '' });
const editPost = (p) => editRecord('functie-form', 'Functie wijzigen: ' + p.title, p, { function: p.function, title: p.title });

async function endHolder(holder, post) {
  const today = new Date().toISOString().slice(0, 10);
  const body = await api(END_HOLDER, { id: holder.id, version: holder.version, validTo: today });
  const code = codeOf(body);
  if (code) {
    if (code === 'CONFLICT') await reload();
    if (code !== 'UNAUTHENTICATED') notice(codeText(code, body.errors[0].message), 'problem');
    return;
  }
  await reload();
  notice('Genoteerd: vanaf vandaag neemt niemand uit het register de functie ' + post.title + ' nog op.', 'ok');
}

/** The sources to send with a change: the record's own, plus the one the editor gave (if any). */
const changedSources = (record, form) => [...(record.sources || []).map(sourceInput), ...sourceFrom(form)];

function renderSites() {
  const sites = organisation.sites;
  $('vestigingen').replaceChildren(
    sites.length
      ? h('ul', { class: 'records', 'aria-label': 'Vestigingen van ' + organisation.name },
          sites.map((s) =>
            h('li', null,
              h('p', null, h('span', { class: 'label' }, (SITE_LABELS[s.kind] || s.kind) + ': '), s.name, s.municipality ? ' (' + s.municipality.name + ')' : '', ' ', h('span', { class: 'muted' }, '(' + confirmedText(s.lastConfirmed) + ')')),
              sourceList(s.sources),
              h('div', { class: 'actions' },
                h('button', { type: 'button', class: 'secondary', onclick: () => confirmRecord(CONFIRM_SITE, s.id, 'De vestiging') }, 'Bevestigen', h('span', { class: 'visually-hidden' }, ': ' + s.name)),
                h('button', { type: 'button', class: 'secondary', onclick: () => editSite(s) }, 'Wijzigen', h('span', { class: 'visually-hidden' }, ': ' + s.name))))))
      : h('p', { class: 'muted' }, 'Nog geen vestiging of antenne in het register.'),
  );
}

function holderForm(post) {
  const base = 'titularis-' + post.id.replace(/[^\w-]/g, '_');
  const field = (name, label, type) =>
    h('div', { class: 'field' },
      h('label', { for: base + '-' + name }, label),
      h('input', { id: base + '-' + name, name, type: type || 'text', 'aria-describedby': base + '-' + name + '-fout' }),
      h('p', { class: 'error', id: base + '-' + name + '-fout' }));
  const form = h('form', { class: 'editor holder-form', novalidate: true },
    h('h4', null, 'Wie neemt deze functie op?'),
    field('personName', 'Naam'),
    field('email', 'E-mail', 'email'),
    field('phone', 'Telefoon', 'tel'),
    field('validFrom', 'Sinds', 'date'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Opslaan', h('span', { class: 'visually-hidden' }, ': wie ' + post.title + ' opneemt'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = { postId: post.id, personName: form.elements.personName.value.trim() };
    for (const key of ['email', 'phone', 'validFrom']) if (form.elements[key].value.trim()) input[key] = form.elements[key].value.trim();
    change(form, APPOINT_HOLDER, { input }, 'input.', 'Opgeslagen wie de functie ' + post.title + ' opneemt.');
  });
  return h('details', { class: 'holder' }, h('summary', null, 'Iemand aanduiden voor ' + post.title), form);
}

function renderPosts() {
  const posts = organisation.posts;
  $('functies').replaceChildren(
    posts.length
      ? h('ul', { class: 'records', 'aria-label': 'Functies van ' + organisation.name },
          posts.map((p) =>
            h('li', null,
              h('p', null, h('span', { class: 'label' }, p.title), ' — ', FUNCTION_LABELS[p.function] || p.function, ' ', h('span', { class: 'muted' }, '(' + confirmedText(p.lastConfirmed) + ')')),
              (p.holders || []).length
                ? h('ul', null, p.holders.map((holder) =>
                    h('li', null, holder.personName || '(naam niet zichtbaar)', holder.email ? ', ' + holder.email : '', holder.phone ? ', ' + holder.phone : '',
                      holder.validFrom ? ', sinds ' + formatDate(holder.validFrom) : '', ' ',
                      h('button', { type: 'button', class: 'secondary small', onclick: () => confirmRecord(CONFIRM_HOLDER, holder.id, 'Wie de functie opneemt') }, 'Bevestigen', h('span', { class: 'visually-hidden' }, ': ' + (holder.personName || p.title))), ' ',
                      h('button', { type: 'button', class: 'secondary small', onclick: () => endHolder(holder, p) }, 'Neemt de functie niet meer op', h('span', { class: 'visually-hidden' }, ': ' + (holder.personName || p.title))))))
                : h('p', { class: 'unknown' }, 'Niemand aangeduid.'),
              h('div', { class: 'actions' },
                h('button', { type: 'button', class: 'secondary', onclick: () => confirmRecord(CONFIRM_POST, p.id, 'De functie') }, 'Functie bevestigen', h('span', { class: 'visually-hidden' }, ': ' + p.title)),
                h('button', { type: 'button', class: 'secondary', onclick: () => editPost(p) }, 'Wijzigen', h('span', { class: 'visually-hidden' }, ': ' + p.title))),
              holderForm(p))))
      : h('p', { class: 'muted' }, 'Nog geen functie in het register.'),
  );
}

async function renderGaps() {
  const box = $('ontbreekt');
  const body = await api(GAPS_QUERY, { id: organisation.id });
  const code = codeOf(body);
  if (code || !body.data || !body.data.registryGaps) {
    box.replaceChildren(h('p', { class: 'problem' }, codeText(code || 'UNAVAILABLE')));
    return;
  }
  const records = body.data.registryGaps.records;
  if (!records.length) {
    box.replaceChildren(h('p', { class: 'ok' }, 'Het register mist niets over uw organisatie.'));
    return;
  }
  box.replaceChildren(
    h('ul', { class: 'gaps', id: 'ontbreekt-lijst' },
      records.map((r) =>
        h('li', { 'data-record': r.recordType + ':' + r.recordId },
          h('p', { class: 'label' }, r.label),
          h('ul', null, r.gaps.map((g) => h('li', { 'data-gap': g.code }, g.explanation)))))),
  );
}

async function reload() {
  const body = await api(ORGANISATION_QUERY, { id: session.org });
  const code = codeOf(body);
  if (!body.data || !body.data.organisation) {
    if (code !== 'UNAUTHENTICATED') notice(codeText(code || 'NOT_FOUND', 'Uw organisatie staat niet in het register.'), 'problem');
    return;
  }
  organisation = body.data.organisation;
  renderOrganisation();
  renderContacts();
  renderSites();
  renderPosts();
  await renderGaps();
}

// ---------------------------------------------------------------------------------------------------------------
// Forms

/** After a save or "Leegmaken": the form adds a new record again. (Hidden inputs keep their value on reset.) */
function resetEditor(form, heading) {
  form.elements.id.value = '';
  form.elements.version.value = '';
  form.querySelector('h3').textContent = heading;
  clearProblems(form);
}

function wireForms() {
  const contact = $('contact-form');
  contact.addEventListener('reset', () => {
    $('contact-form-titel').textContent = 'Contactpunt toevoegen';
    contact.elements.index.value = '';
    clearProblems(contact);
  });
  contact.addEventListener('submit', (event) => {
    event.preventDefault();
    const points = organisation.contactPoints.map((cp) => ({ kind: cp.kind, value: cp.value, sources: cp.sources.map(sourceInput) }));
    const edited = contact.elements.index.value === '' ? points.length : Number(contact.elements.index.value);
    points[edited] = { kind: contact.elements.kind.value, value: contact.elements.value.value.trim(), sources: sourceFrom(contact) };
    change(contact, UPDATE_CONTACTS, { id: organisation.id, version: organisation.version, changes: { contactPoints: points } },
      'changes.contactPoints[' + edited + '].', 'Contactpunt opgeslagen.');
  });
  const site = $('vestiging-form');
  site.addEventListener('reset', () => resetEditor(site, 'Vestiging of antenne toevoegen'));
  site.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = { kind: site.elements.kind.value, name: site.elements.name.value.trim(), municipalityNis: site.elements.municipalityNis.value.trim() };
    const id = site.elements.id.value;
    if (id) {
      const record = organisation.sites.find((s) => s.id === id) || { sources: [] };
      const changes = { ...fields, sources: changedSources(record, site) };
      change(site, UPDATE_SITE, { id, version: Number(site.elements.version.value), changes }, 'changes.', 'Vestiging gewijzigd.');
      return;
    }
    change(site, CREATE_SITE, { input: { organisationId: organisation.id, ...fields, sources: sourceFrom(site) } }, 'input.', 'Vestiging opgeslagen.');
  });
  const post = $('functie-form');
  post.elements.function.replaceChildren(...Object.entries(FUNCTION_LABELS).map(([value, label]) => h('option', { value }, label)));
  post.addEventListener('reset', () => resetEditor(post, 'Functie toevoegen'));
  post.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = { function: post.elements.function.value, title: post.elements.title.value.trim() };
    const id = post.elements.id.value;
    if (id) {
      const record = organisation.posts.find((p) => p.id === id) || { sources: [] };
      change(post, UPDATE_POST, { id, version: Number(post.elements.version.value), changes: { ...fields, sources: changedSources(record, post) } }, 'changes.', 'Functie gewijzigd.');
      return;
    }
    change(post, CREATE_POST, { input: { organisationId: organisation.id, ...fields, sources: sourceFrom(post) } }, 'input.', 'Functie opgeslagen.');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Session

function signedOut(message) {
  session = null;
  $('wie').hidden = true;
  $('werkruimte').hidden = true;
  $('aanmelden').hidden = false;
  if (message) notice(message, 'problem');
}

async function start() {
  try {
    texts = await (await fetch('/beheer/static/meldingen.json')).json();
  } catch {
    // The page still works; messages then show their codes.
  }
  const params = new URLSearchParams(location.search);
  const outcome = params.get('fout') || (params.has('afgemeld') ? 'AFGEMELD' : null);
  if (outcome) {
    notice(texts.aanmelding[outcome] || outcome, outcome === 'AFGEMELD' ? 'ok' : 'problem');
    history.replaceState(null, '', '/beheer');
  }
  let state = { aangemeld: false };
  try {
    state = await (await fetch('/beheer/sessie', { credentials: 'same-origin' })).json();
  } catch {
    notice(texts.codes.NETWORK, 'problem');
  }
  if (!state.aangemeld) {
    signedOut();
    if (state.aanmeldenMogelijk === false) {
      $('aanmelden-link').replaceWith(h('p', { class: 'problem' }, 'Aanmelden is op deze server niet ingesteld.'));
    }
    return;
  }
  session = state;
  $('aanmelden').hidden = true;
  $('wie').hidden = false;
  $('afmelden-csrf').value = state.csrf;
  $('wie-tekst').textContent =
    'Aangemeld als ' + (state.name || 'onbekende gebruiker') + ' (' + (ROLE_LABELS[state.role] || state.role) + (state.org ? ', ' + state.org : '') + ').';
  if (state.role !== 'EDITOR' && state.role !== 'ADMIN') {
    notice('Uw rol (' + (ROLE_LABELS[state.role] || state.role) + ') kan geen gegevens wijzigen: deze pagina is voor de redacteurs van een organisatie.', 'problem');
    return;
  }
  // An editor works on their own organisation, whatever the address says; an admin picks one.
  const org = state.role === 'ADMIN' ? params.get('organisatie') : state.org;
  if (!org) {
    $('kies-organisatie').hidden = false;
    return;
  }
  session = { ...state, org };
  $('werkruimte').hidden = false;
  wireForms();
  await reload();
}

start().finally(() => document.documentElement.setAttribute('data-ready', 'true'));
