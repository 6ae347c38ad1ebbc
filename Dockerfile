# Build with the dev tools, run with production dependencies only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY console/package.json ./console/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY console ./console
COPY src ./src
COPY test ./test
COPY simulators ./simulators
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY console/package.json ./console/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/console ./dist/console
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
# As package.json's start: a heap limit far above what synchub keeps (~50 MB) also makes V8 grow its heap by
# about 1.5× what is live instead of up to 4×, so the RSS follows what is kept, not how long the process has run;
# a 4 MB young generation and one V8 worker thread (one malloc arena) instead of four keep ~70 MB more off the RSS.
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=4", "--v8-pool-size=1", "dist/src/interfaces/main.js"]
