# syntax=docker/dockerfile:1
# The messaging service: conversations, collaboration groups and support chat. Its image also runs
# the messaging database's migrations (`node dist/migrate.js messaging`, the chart's Job).
#
# Built from the repository root, the one context every image shares (one workspace, one lockfile):
#   docker build -f deploy/docker/messaging.Dockerfile -t campaign-platform/messaging:TAG .
# Node.js 20 on Debian bookworm, pinned by version (both stages).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /repo
# pnpm at the version package.json's packageManager pins.
RUN npm install --global --no-fund --no-audit pnpm@10.34.8
# The dependencies alone first, so this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
# Every service's Prisma client (the build script imports the campaign worker's); the generator
# only needs the schema engine's file to exist, it never runs it.
RUN pnpm install --frozen-lockfile --offline \
  && PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm run generate \
  && pnpm build messaging messaging-migrations \
  && bash deploy/docker/production-tree.sh services/messaging /image

# Production dependencies and the compiled JavaScript only: no sources, no tsx, no compilers.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    PORT=3002 \
    MIGRATIONS_DIR=/app/prisma/migrations
WORKDIR /app
# Owned by root, so the process (uid 1000) cannot change its own code.
COPY --from=build /image ./
# The image's user node, by number: Kubernetes checks runAsNonRoot against a numeric user.
USER 1000:1000
EXPOSE 3002
# Liveness: the process answers. (Kubernetes probes /healthz and /readyz itself; see the chart.)
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
