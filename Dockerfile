# The Ready Lab: one image for the app (`node scripts/start.mjs`) and the worker
# (`node dist/run-worker.mjs`). Builds with no runtime secrets; scripts/check-production.mjs runs these
# same steps without Docker (CI runs it on every change).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# No PAYLOAD_SECRET, DATABASE_URL or API keys here: they are checked when a process starts.
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
# --conditions=production: Lexical's default Node entry points load their code with a top-level
# `await import()`, and on Node 20 those racing imports now and then leave a short-lived process
# (the migration runner, the worker) with nothing to wait on: it exits 13 before printing anything.
# The `production` export condition resolves Lexical's packages to their builds directly.
ENV NODE_ENV=production \
    NODE_OPTIONS=--conditions=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    MEDIA_DIR=/app/media
COPY --from=build --chown=node:node /app ./
RUN mkdir -p /app/media && chown node:node /app/media
# Uploads and certificate PDFs: mount a volume here, or set S3_BUCKET (src/lib/storage).
VOLUME ["/app/media"]
USER node
EXPOSE 3000
# Liveness; readiness (database, migrations, Redis, a worker) is GET /api/ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node, not npm, as PID 1: SIGTERM reaches the server, which drains before exiting.
CMD ["node", "scripts/start.mjs"]
