# One image for the web server and both workers (docker-compose.yml picks the command).
# Stage 1 compiles: TypeScript bundled to dist/ (worker.js, server.js) and the prebuilt workflow bundle.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Stage 2 runs it with plain node: runtime packages only (no tsx, esbuild, pino-pretty, test tools),
# the build's output, the templates and the matcher's data.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY views ./views
COPY domain/duplicates/data ./domain/duplicates/data
# .data holds the contact list index's snapshot (a cache: rebuilt from the database when missing).
RUN mkdir -p /app/.data && chown node /app/.data
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
# Node flags: config/service-node-flags.ts
CMD ["node", "--max-semi-space-size=16", "dist/server.js"]
