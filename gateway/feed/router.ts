import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Config, SubgraphName } from '../../core/config';
import { Deadline } from '../../core/deadline';
import { ErrorCode } from '../../core/errors';
import { JOURNAL_SUBGRAPHS, type JournalSubgraph, MAX_JOURNAL_REQUEST } from '../../core/journal-feed';
import type { Logger } from '../../core/logger';
import { changeEvent, feedPaths } from './events';
import { type FeedPage, JournalUnavailable, readFeedPageConsistently, signedJournalCall } from './journal-pages';
import { eventStream, feedVocabulary, streamPage } from './ldes';
import { sendError, weakEtag } from '../http-answers';

/** A full, settled page never changes: a year, and `immutable` so that caches do not even revalidate it. */
const FINAL_PAGE_CACHE = 'public, max-age=31536000, immutable';
/** The open page (the last, or one whose entries may still settle): followers poll it. */
const OPEN_PAGE_CACHE = 'public, max-age=5';
/** When to ask again after a part of the journal did not answer. */
const RETRY_AFTER_SECONDS = 5;

/** Sends a page's body with its validators: a weak ETag (compression may re-encode it), 304 when it matches. */
function sendCached(req: Request, res: Response, type: string, body: unknown, cacheControl: string) {
  const text = JSON.stringify(body);
  const etag = weakEtag(text);
  res.set({ 'cache-control': cacheControl, etag });
  const given = req.headers['if-none-match'];
  if (given && given.split(',').some((t) => t.trim() === etag)) {
    res.status(304).end();
    return;
  }
  res.type(type).send(text);
}

/**
 * The public change feed (docs/feed.md): `/feed/changes?page=N`, the journal as pages of CloudEvents
 * (`application/cloudevents-batch+json`), and `/feed/ldes?page=N`, the same pages as an LDES (JSON-LD).
 * The gateway keeps no journal: each page is read from the subgraphs that do, signed, and served whole or not
 * at all (503 with Retry-After when a part does not answer).
 */
export function feedRouter(opts: { config: Config & { signingSecret: string }; log: Logger; rateLimit: RequestHandler }): express.Router {
  const { config, log } = opts;
  const base = config.publicBaseUrl;
  const paths = feedPaths(base);
  const { pageSize, settleMs } = config.feed;
  const maxPage = Math.floor((MAX_JOURNAL_REQUEST - 1) / pageSize);
  const urls = Object.fromEntries(JOURNAL_SUBGRAPHS.map((s) => [s, config.subgraphs[s as SubgraphName].url])) as Record<JournalSubgraph, string>;
  const call = signedJournalCall(urls, config.signingSecret);
  const router = express.Router();

  const serve = (form: 'changes' | 'ldes'): RequestHandler => async (req, res, next) => {
    // Public data without credentials: any web page may read it, and see the links and validators.
    res.set({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'link, etag, retry-after, x-request-id' });
    const given = req.query.page;
    if (given === undefined) {
      if (form === 'ldes') return sendCached(req, res, 'application/ld+json', eventStream(base), 'public, max-age=3600');
      res.redirect(302, '/feed/changes?page=1');
      return;
    }
    if (typeof given !== 'string' || !/^[1-9]\d{0,8}$/.test(given) || Number(given) > maxPage) {
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, `page moet een geheel getal van 1 tot ${maxPage} zijn: de pagina's van de stroom zijn genummerd vanaf 1, oudste eerst.`, {
        argument: 'page',
        min: 1,
        max: maxPage,
      });
      return;
    }
    const number = Number(given);
    let page: FeedPage | undefined;
    try {
      page = await readFeedPageConsistently(number, { call, pageSize, settleMs, deadline: Deadline.in(config.requestDeadlineMs), requestId: res.locals.requestId as string });
    } catch (err) {
      if (!(err instanceof JournalUnavailable)) return next(err);
      log.warn({ service: err.service, reason: err.reason, page: number, requestId: res.locals.requestId }, 'change feed page not served: a part of the journal did not answer');
      res.set({ 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' });
      sendError(res, 503, ErrorCode.UNAVAILABLE, `Het deel ${err.service} van het journaal antwoordde niet (${err.reason}): de pagina wordt niet onvolledig geleverd. Vraag opnieuw na ${RETRY_AFTER_SECONDS} seconden.`, {
        service: err.service,
        reason: err.reason,
        retryable: true,
      });
      return;
    }
    if (!page) {
      res.set('cache-control', 'no-cache');
      sendError(res, 404, ErrorCode.NOT_FOUND, `De stroom heeft nog geen pagina ${number}: volg de "next"-links vanaf pagina 1; de laatste pagina is de open pagina.`, { argument: 'page' });
      return;
    }
    const pageUrl = form === 'changes' ? paths.changesPage : paths.streamPage;
    const links = [`<${pageUrl(number)}>; rel="self"`, `<${pageUrl(1)}>; rel="first"`];
    if (number > 1) links.push(`<${pageUrl(number - 1)}>; rel="prev"`);
    if (page.hasNext) links.push(`<${pageUrl(number + 1)}>; rel="next"`);
    links.push(form === 'changes' ? `<${paths.stream}>; rel="alternate"; type="application/ld+json"` : `<${paths.changes}>; rel="alternate"; type="application/cloudevents-batch+json"`);
    res.set('link', links.join(', '));
    const cache = page.final ? FINAL_PAGE_CACHE : OPEN_PAGE_CACHE;
    if (form === 'changes') {
      sendCached(req, res, 'application/cloudevents-batch+json', page.entries.map((entry) => changeEvent(base, entry)), cache);
    } else {
      sendCached(req, res, 'application/ld+json', streamPage(base, page), cache);
    }
  };

  router.get('/feed/changes', opts.rateLimit, serve('changes'));
  router.get('/feed/ldes', opts.rateLimit, serve('ldes'));
  const vocabulary = feedVocabulary(base);
  router.get('/feed/ns', (req, res) => {
    res.set({ 'access-control-allow-origin': '*' });
    sendCached(req, res, 'application/ld+json', vocabulary, 'public, max-age=86400');
  });
  return router;
}
