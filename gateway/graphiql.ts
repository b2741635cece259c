import { createHash } from 'node:crypto';
import path from 'node:path';
import express, { type Router } from 'express';
import { GRAPHIQL_TABS } from './graphiql-examples';

/**
 * GraphiQL served from locally installed packages (graphiql's UMD build and React 18's UMD builds), so the IDE
 * works offline: no CDN is ever contacted.
 */
const ASSETS: Record<string, string> = {
  'react.production.min.js': 'react/umd/react.production.min.js',
  'react-dom.production.min.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.min.js': 'graphiql/graphiql.min.js',
  'graphiql.min.css': 'graphiql/graphiql.min.css',
};

function resolveAsset(modulePath: string): string {
  const [pkg, ...rest] = modulePath.split('/');
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...rest);
}

export function graphiqlAssets(): Router {
  const router = express.Router();
  for (const [name, modulePath] of Object.entries(ASSETS)) {
    const file = resolveAsset(modulePath);
    router.get(`/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  return router;
}

/** The page and the headers it is served with: only its own assets, its one inline script, never in a frame. */
export function graphiqlResponse(endpoint: string): { html: string; headers: Record<string, string> } {
  const html = graphiqlPage(endpoint);
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const hash = createHash('sha256').update(script).digest('base64');
  return {
    html,
    headers: {
      // GraphiQL's editors set style attributes: inline styles are allowed, inline scripts only this page's own.
      'content-security-policy': `default-src 'none'; script-src 'self' 'sha256-${hash}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    },
  };
}

export function graphiqlPage(endpoint: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ketenkaart GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">GraphiQL wordt geladen…</div>
  <script src="/graphiql/react.production.min.js"></script>
  <script src="/graphiql/react-dom.production.min.js"></script>
  <script src="/graphiql/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: ${JSON.stringify(GRAPHIQL_TABS).replace(/</g, '\\u003c')} })
    );
  </script>
</body>
</html>`;
}
