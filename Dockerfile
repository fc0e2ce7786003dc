# One image for every AgentIQ process; the compose file picks the command.
# Stage 1 builds the project's wheel; stage 2 installs the locked dependencies (every pin checked against its hash,
# see requirements.lock and `bash .ci/lock`) and then that wheel without dependencies: nothing is editable and
# nothing unpinned is resolved at build time.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY core core
COPY sync sync
COPY bot bot
COPY admin admin
COPY cli cli
COPY sandbox sandbox
COPY migrations migrations
COPY locales locales
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AGENTIQ_DATA_DIR=/data AGENTIQ_LOG_FORMAT=json
COPY requirements.lock /tmp/requirements.lock
RUN pip install --require-hashes -r /tmp/requirements.lock && rm /tmp/requirements.lock
COPY --from=build /dist/ /tmp/dist/
RUN pip install --no-deps /tmp/dist/agentiq-*.whl && rm -r /tmp/dist \
    && useradd --system --uid 10001 agentiq && mkdir -p /data && chown agentiq /data
WORKDIR /data
USER agentiq
ENTRYPOINT ["agentiq"]
CMD ["--help"]
