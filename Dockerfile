# syntax=docker/dockerfile:1
# Flex Customer Desk: one image, built once, run as many servers as you like on one PostgreSQL (DATABASE_URL).
# The embedded PostgreSQL and the Flex sandbox are not used: set DATABASE_URL and FLEX_API_BASE_URL/FLEX_API_KEY.
# NOT BUILT on the project's machines (no Docker there): these are the commands CI runs (`npm ci`,
# `npm run build`, `npm start`), in stages. See docs/deploy.md for what was and was not tested.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# The Server Actions key is embedded in the build: pass it as a build secret (never a build arg, which stays
# in the image's history), and give every server the same value at run time.
RUN --mount=type=secret,id=actions_key,required=true \
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="$(cat /run/secrets/actions_key)" npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Liveness only: a database outage must not get servers restarted (the proxy uses /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `npm start` without npm in between: signals reach the supervisor directly, which drains the app server.
STOPSIGNAL SIGTERM
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/start.ts"]
