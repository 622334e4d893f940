# syntax=docker/dockerfile:1
# The web app: its Vite build (apps/web/dist) served as static files by an unprivileged nginx. The
# APIs are not proxied here: the ingress routes /api/campaign, /api/messaging and
# /api/notifications to the services and everything else to this image.
#
# Built from the repository root, the one context every image shares (one workspace, one lockfile):
#   docker build -f deploy/docker/web.Dockerfile -t campaign-platform/web:TAG .
# Node.js 20 on Debian bookworm, pinned by version (both stages).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /repo
# pnpm at the version package.json's packageManager pins.
RUN npm install --global --no-fund --no-audit pnpm@10.34.8
# The dependencies alone first, so this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline \
  && pnpm --filter @campaign/web run build

# nginx as user 101, listening on 8080: no root, no privileged port.
FROM nginxinc/nginx-unprivileged:1.28.0-alpine
COPY deploy/docker/web-nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /repo/apps/web/dist /usr/share/nginx/html
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["wget", "--quiet", "--spider", "http://127.0.0.1:8080/healthz"]
