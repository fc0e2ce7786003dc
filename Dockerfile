# One image for every AgentIQ process; the compose file picks the command.
# Stage 1 builds the project's wheel with the build backend pinned by hash (requirements-build.lock, installed with
# --require-hashes, used without build isolation); stage 2 installs the locked dependencies (every pin checked
# against its hash, see requirements.lock and `bash .ci/lock`) and then that wheel without dependencies: nothing is
# editable and nothing unpinned is resolved at build time.
#
# Base image: pin it by digest. This file names no digest because the machine it was written on could not reach a
# registry to read one (and a made-up digest would only break the build). Read it where you build and pass it:
#   docker buildx imagetools inspect python:3.11-slim      # "Digest: sha256:…"
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:<digest> .
# or write it into the default below. The same holds for postgres and redis in docker-compose.yml.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY requirements-build.lock /tmp/requirements-build.lock
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements-build.lock
COPY pyproject.toml README.md ./
COPY core core
COPY sync sync
COPY bot bot
COPY admin admin
COPY cli cli
COPY sandbox sandbox
COPY migrations migrations
COPY locales locales
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /dist .

FROM ${PYTHON_IMAGE}
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
