# One image for the API and the worker (the command picks which). Build: docker compose build
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
RUN npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Two malloc arenas instead of glibc's 8 per core: after a 20,000-unit import the API's JS heap is back at ~58 MB but
# the default arenas kept ~480 MB resident (220 MB with two); measured with `npm run bench` (BENCHMARKS.md).
ENV MALLOC_ARENA_MAX=2
# The API runs as API_PROCESSES processes on one port (node:cluster); unset, one per core the container sees, at most 4.
# Node counts the host's cores, not a CPU limit: set API_PROCESSES to the limit (docker-compose.yml passes it on).
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
