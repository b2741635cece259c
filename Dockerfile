# One image for every service of the hub; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY core core
COPY subgraphs subgraphs
COPY gateway gateway
COPY hub hub
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY schema schema
COPY seeds seeds
# The gap report's vocabulary is data, read at start (subgraphs/partners/gaps/vocabulary.ts).
COPY subgraphs/partners/gaps/gap-vocabulary.yaml subgraphs/partners/gaps/gap-vocabulary.yaml
# The Linked Data code lists, record page and labels: read at run time by the gateway's /id/ route and the export.
COPY linked-data linked-data
USER node
CMD ["node", "dist/gateway/main.js"]
