# One image for every AgentIQ process; the compose file picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    AGENTIQ_DATA_DIR=/data AGENTIQ_LOG_FORMAT=json
WORKDIR /app
COPY pyproject.toml README.md ./
COPY core core
COPY sync sync
COPY bot bot
COPY admin admin
COPY cli cli
COPY sandbox sandbox
COPY migrations migrations
COPY locales locales
RUN pip install -e . && useradd --system --uid 10001 agentiq && mkdir -p /data && chown agentiq /data
USER agentiq
ENTRYPOINT ["agentiq"]
CMD ["--help"]
