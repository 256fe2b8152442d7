# syntax=docker/dockerfile:1
# One image for API nodes, workers and the one-shot migration job:
#   docker build -t s2b2c .        docker run ... s2b2c                 (API + socket.io + workers)
#                                   docker run ... s2b2c node dist/scripts/migrate.js   (migrations)
# sqlite3 (the embedded-mode driver, a production dependency) compiles from source when no prebuilt
# binary can be downloaded, so the stages that run `npm ci` carry python3, make and g++; the
# runtime stage does not.

FROM node:20-bookworm-slim AS base
WORKDIR /app

FROM base AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Everything, dev dependencies included: tsc builds the server, Vite the consoles and storefront.
FROM toolchain AS builder
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only, installed on their own (a prune would keep the build's leftovers).
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
# package.json ("type": "module") and config/ also mark the project root the server looks for.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
# dist/: server/src (main.js), migrations (compiled), scripts (migrate.js, tenant.js), web (built UIs)
COPY --from=builder /app/dist ./dist
COPY config ./config
COPY tenants ./tenants
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/src/main.js"]
